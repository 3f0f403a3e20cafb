"""The gradient oracles and the rules that keep finite differences honest.

Oracle 1, analytic: `spec.gradient(t, p, w, **params)` beside each reference (float64 NumPy).
Oracle 2, central finite differences of the float64 reference along random directions (a JVP, as JAX's
`check_grads` does): ⟨∇f, d⟩ ≈ (f(p + h·d) − f(p − h·d)) / 2h with f = Σ w · reference(t, p).

Step rule: h = 6e-6 (≈ (3 ε₆₄)^⅓, the step that balances truncation h²|f'''|/6 against rounding ε|f|/h),
applied to d = v ⊙ L with v uniform in [−1, 1] and L each entry's length scale, the distance over which
the loss changes shape: 1 for real values and logits (softmax and log-cosh bend on a unit scale, whatever
the magnitude), min(p, 1 − p) for probabilities (the distance to the edge of [0, 1] and to the log's
singularity), p + ε for Poisson rates (each Domain's fd_length), ‖p‖ for the scale-invariant cosine losses
(the record's fd_length).
Entries with L = 0 (exactly 0 or 1) are not moved. The step actually taken, ((p + hd) − (p − hd)) / 2h,
is exact in float64 and is used for ⟨g, d⟩, so rounding p + hd at large |p| costs nothing.

Kinks: `spec.kinks(t, p, params, radius)` marks the gradient entries whose value depends on a
non-smooth point within `radius` (abs at 0, hinge margins, clip edges, max ties, a vanishing norm).
Finite differences do not move those entries (radius = 10·h·L: ten steps away), the analytic comparison
skips them only at the kink itself (a few ulp of the dtype: EXACT_KINK), and separate tests pin what each backend
returns exactly there (`spec.kink_points`).
"""

import numpy as np

STEP = 6e-6
KINK_STEPS = 10.0
EXACT_KINK = {"float64": 1e-12, "float32": 1e-6}  # relative: a few ulp, so the dtype's own clip bounds count
DIRECTIONS = 3

def cotangent(shape):
    """The fixed weights w of Σ w · loss: distinct per sample, so a gradient routed to the wrong sample shows."""
    return np.random.default_rng(0).uniform(0.5, 1.5, shape)


def length_scale(spec, y_true, y_pred, params):
    """How far each entry of y_pred may move relative to h (see the module docstring)."""
    if spec.fd_length is not None:
        return np.asarray(spec.fd_length(y_true, y_pred, params), dtype=np.float64)
    return spec.domain.length_scale(y_true, y_pred, params)


def exact_radius(p, dtype):
    """How close to a kink counts as at it in `dtype` (the float32 clip bound 1 − ε is 1 − 1.19e-7)."""
    return EXACT_KINK[dtype] * np.maximum(np.abs(p), 1.0)


def kink_mask(spec, t, p, params, radius):
    if not spec.kinks:
        return np.zeros(p.shape, bool)
    return np.broadcast_to(np.asarray(spec.kinks(t, p, params, radius), bool), p.shape)


def objective(spec, t, p, params, w):
    with np.errstate(all="ignore"):
        return float(np.sum(w * spec.reference(t, p, **params)))


def directional_derivatives(spec, t, p, params, w, dtype="float64", seed=1):
    """[(d, finite-difference ⟨∇f, d⟩, rounding bound)] for a few random directions that avoid kinks."""
    scale = length_scale(spec, t, p, params)
    frozen = kink_mask(spec, t, p, params, np.maximum(KINK_STEPS * STEP * scale, exact_radius(p, dtype)))
    scale = np.where(frozen, 0.0, scale)
    if not scale.any():
        return []
    rng = np.random.default_rng(seed)
    size = abs(objective(spec, t, p, params, w)) + np.sum(np.abs(w))
    out = []
    for _ in range(DIRECTIONS):
        d = rng.uniform(-1.0, 1.0, p.shape) * scale
        p_up, p_down = p + STEP * d, p - STEP * d
        up, down = objective(spec, t, p_up, params, w), objective(spec, t, p_down, params, w)
        rounding = 8 * np.finfo(np.float64).eps * size / STEP
        out.append(((p_up - p_down) / (2 * STEP), (up - down) / (2 * STEP), rounding))
    return out


# ---- helpers the catalogue's kink functions use -------------------------------------------------


def near(x, point, radius):
    """|x − point| ≤ radius, elementwise."""
    with np.errstate(invalid="ignore"):
        return np.abs(np.asarray(x, dtype=np.float64) - point) <= radius


def along(mask, axis=-1):
    """A mask spread over `axis` (an int, a tuple, or None for all): one kink taints the whole reduction."""
    return np.broadcast_to(np.any(mask, axis=axis, keepdims=True), np.shape(mask))


def group_radius(radius, axis=-1):
    """The most a quantity reduced over `axis` can move when each entry moves by its radius."""
    return np.sum(radius, axis=axis, keepdims=True)
