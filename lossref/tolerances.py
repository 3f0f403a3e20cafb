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

GRADIENTS = {
    "float64": Tolerance(1e-6, 1e-8, "central differences with h = 6e-6·max(|x|, 1): truncation O(h²) and "
                                     "rounding O(ε/h) ≈ 4e-11 relative; 1e-6 is CS231n's 'good' band with "
                                     "margin for curvature up to 1e4"),
}

PARITY_FACTOR = 2.0
PARITY_REASON = ("lossref and the Keras built-in each approximate the same exact value within one tolerance, "
                 "so they may differ from each other by two")

DTYPES = tuple(VALUES)


def for_values(spec, backend, dtype):
    """The value tolerance for `spec` on `backend` in `dtype`, honouring the spec's documented overrides."""
    override = spec.tolerance_overrides.get((backend, dtype))
    return VALUES[override[0]] if override else VALUES[dtype]
