"""Tolerances: one table per dtype, with the reason for each number. Never loosened to go green.

A value passes when |got − expected| ≤ atol · scale + rtol · |expected|, where
- `expected` is the float64 reference on the inputs already rounded to the dtype, then rounded to the dtype
  itself (the best answer the dtype can hold; overflow is inf), so input quantization is never blamed on
  the implementation;
- `scale` is the spec's magnitude of the terms that cancel (default 1), for losses whose value can be far
  smaller than the numbers it is computed from (mean_error, poisson, circle, ctc, ...).
Half-precision inputs are computed in float32 by lossref and rounded once at the end.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float
    reason: str


VALUES = {
    "float64": Tolerance(1e-10, 1e-12, "both sides float64; formulas differ in evaluation order and libm "
                                       "(≤ a few ulp per op, 2.2e-16 each): 1e-10 leaves ~10^5 ulp for sums of "
                                       "≤ 10^3 terms and log near 1; atol covers results that cancel to ~0"),
    "float32": Tolerance(2e-5, 1e-6, "float32 ulp is 1.2e-7; sums of ≤ 200 terms and exp/log chains stay "
                                     "within ~170 ulp; atol 1e-6 covers log(1 − δ) near p = 1 (abs. error "
                                     "~1e-7) and cancellation to ~0"),
    "float16": Tolerance(2e-3, 1e-3, "lossref computes half inputs in float32 and rounds once: ≤ ½ ulp "
                                     "(4.9e-4) plus float32 error; 2e-3 is 2 ulp. atol: smallest normal "
                                     "float16 is 6.1e-5, results that cancel to 0 keep ~1e-3 of the scale"),
    "bfloat16": Tolerance(1.6e-2, 8e-3, "bfloat16 keeps 8 significant bits: ½ ulp is 3.9e-3; 1.6e-2 is 2 ulp "
                                        "(PyTorch's default for bfloat16); atol as float16, scaled by the ulp"),
}

# Gradients are checked in float64 (JAX with JAX_ENABLE_X64=1). Per oracle: "analytic" compares entries,
# |g − g_ref| ≤ rtol·|g_ref| + atol·(1 + max|g_ref|); "finite_differences" compares ⟨g, d⟩ with the central
# difference, |⟨g, d⟩ − fd| ≤ rtol·(Σ|g·d| + |fd|) + atol + the rounding bound 8·ε₆₄·(|f| + Σ|w|)/h.
GRADIENTS = {
    "float64": {
        "analytic": Tolerance(1e-9, 1e-12, "both sides float64 from different formulas (autodiff's chain rule "
                                           "vs a closed form): a few ulp per op, up to ~10^3 ops; atol scaled by "
                                           "the largest entry covers entries that cancel (cosine, softmax − t)"),
        "finite_differences": Tolerance(1e-6, 1e-10, "h = 6e-6 on each entry's length scale: truncation "
                                                     "h²·|f'''|/6 is ~6e-12 relative for curvature O(1), so 1e-6 "
                                                     "is CS231n's 'good' band with margin for curvature ~10^5 "
                                                     "in step units; kinks stay 10 steps away"),
        "hessian": Tolerance(1e-5, 1e-8, "H·v against central differences of the analytic gradient with the "
                                         "same step: truncation as above, rounding ε·|g|/h ≈ 4e-11·|g|"),
    },
    "float32": {
        "analytic": Tolerance(1e-4, 1e-6, "float32 autodiff (`lossref check`'s default dtype, and ctc, which "
                                          "the backends compute in float32 even for float64 input) against the "
                                          "float64 oracle: ~10^3 float32 roundings of 6e-8 in a backward pass"),
        "finite_differences": Tolerance(1e-4, 1e-6, "as analytic: the float64 oracle is exact to 1e-10, the "
                                                    "float32 gradient is not"),
    },
}

PARITY_FACTOR = 2.0
PARITY_REASON = ("lossref and the Keras built-in each approximate the same exact value within one tolerance, "
                 "so they may differ from each other by two")

DTYPES = tuple(VALUES)
UNIT_ROUNDOFF = {"float64": 2.0**-53, "float32": 2.0**-24, "float16": 2.0**-11, "bfloat16": 2.0**-8}


def conditioning(spec, case, dtype):
    """The error the standard algorithms of the loss reach in `dtype` on this case (its record's `conditioning`,
    derived in docs/tolerances.md; 0 where it has none): added to the value tolerance, since lossref must not
    reject the algorithm the frameworks themselves use (pairwise distances by expansion, for one)."""
    if spec.conditioning is None:
        return 0.0
    return spec.conditioning(case.y_true, case.y_pred, case.params, UNIT_ROUNDOFF[dtype])


def effective_dtype(spec, backend, dtype):
    """The dtype whose tolerance applies: `dtype`, unless the spec documents that the backend computes in another."""
    override = spec.tolerance_overrides.get((backend, dtype))
    return override[0] if override else dtype


def for_values(spec, backend, dtype):
    """The value tolerance for `spec` on `backend` in `dtype`, honouring the spec's documented overrides."""
    return VALUES[effective_dtype(spec, backend, dtype)]


def for_gradients(spec, backend, oracle, dtype="float64"):
    """The gradient tolerance for `oracle` ("analytic", "finite_differences", "hessian") in `dtype`."""
    return GRADIENTS[effective_dtype(spec, backend, dtype)][oracle]
