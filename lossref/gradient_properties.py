"""Gradient properties: each takes (target, case, dtype) like those in properties.py.

The suites run them in float64, gradient_finite in float32 (the same ties, kinks and saturations, plus float32's
overflows and rounded clip bounds); `lossref check` in the dtype it checks (float32 by default), where the
autodiff result is compared with the same float64 oracles at the float32 gradient tolerance.

- gradient_finite: finite gradients over the whole domain, boundaries and kinks included (any dtype);
- gradient_analytic: autodiff equals the analytic NumPy gradient, except exactly at kinks;
- gradient_fd: autodiff agrees with central differences of the reference along random directions;
- closed_form_fd: the same for the closed-form gradient, in NumPy alone (no backend);
- hessian_vector: H·v equals central differences of the analytic gradient, for smooth cases.
"""

import numpy as np

from lossref import backends, gradients, tolerances
from lossref.applicability import analytic_gradient, applies_when, draws, float64, not_for_this_case, off_kinks
from lossref.assertions import PropertyFailure, first_index, mismatch
from lossref.properties import fail_or_note, raised, reference_values
from lossref.strategies import round_case
from lossref.target import to_tensor


def _guarded(name, target, case, dtype, compute, *extra):
    """compute(loss, y_true, y_pred, *extra) on backend tensors; an exception is a failure of `name`."""

    def loss(y_true, y_pred):
        return target.fn(y_true, y_pred, **case.params)

    key = backends.computation_key(target.fn, case.params)
    try:
        return compute(loss, to_tensor(case.y_true, dtype), to_tensor(case.y_pred, dtype), *extra, key=key)
    except Exception as error:  # noqa: BLE001 - the candidate's own error is the finding
        raised(name, target, case, dtype, error)


def _autodiff(name, target, case, dtype, weights):
    _, grad = _guarded(name, target, case, dtype, backends.gradient, weights)
    if grad.shape != case.y_pred.shape:
        raise PropertyFailure(name, target, dtype, case, f"gradient shape {grad.shape}, y_pred {case.y_pred.shape}")
    return grad


def _show(w):
    return np.array2string(np.asarray(w), precision=4, separator=", ", threshold=20)


def _prepare(case, dtype, spec):
    case = round_case(case, dtype)
    return case, gradients.cotangent(reference_values(spec, case).shape)


@applies_when()
def gradient_finite(target, case, dtype):
    """∂/∂y_pred of Σ w·loss is finite wherever the loss is, at ties, saturations and kinks included."""
    case, w = _prepare(case, dtype, target.spec)
    grad = _autodiff("gradient_finite", target, case, dtype, w)
    bad = ~np.isfinite(grad)
    if bad.any():
        index = first_index(bad)
        raise PropertyFailure("gradient_finite", target, dtype, case,
                              f"gradient of Σ w·loss (w = {_show(w)}) is {grad[index]} at index {index} "
                              f"({int(bad.sum())} of {bad.size} entries); y_true "
                              f"{case.y_true[index] if case.y_true.shape == grad.shape else '…'}, "
                              f"y_pred {float(case.y_pred[index])!r}", got=grad)


@applies_when(analytic_gradient)
def gradient_analytic(target, case, dtype="float64"):
    """Autodiff equals the closed-form gradient entrywise; entries exactly at a kink are not compared."""
    spec = target.spec
    case, w = _prepare(case, dtype, spec)
    t, p = case.y_true, case.y_pred
    with np.errstate(all="ignore"):
        expected = spec.gradient(t, p, w, **case.params)
    grad = _autodiff("gradient_analytic", target, case, dtype, w)
    at_kink = gradients.kink_mask(spec, t, p, case.params, gradients.exact_radius(p, dtype))
    expected, got = np.where(at_kink, 0.0, expected), np.where(at_kink, 0.0, grad)
    tol = tolerances.for_gradients(spec, target.backend, "analytic", dtype)
    problem = mismatch(expected, got, tol, scale=_gradient_scale(spec, t, p, case.params, expected))
    if problem:
        fail_or_note(PropertyFailure("gradient_analytic", target, dtype, case,
                                     f"gradient (of Σ w·loss, w = {_show(w)}) differs from the analytic gradient "
                                     f"({spec.name}_grad): {problem}", expected, got))


def _gradient_scale(spec, t, p, params, expected):
    """1 + the largest entry, or the spec's size of the terms that cancel in its analytic gradient."""
    scale = 1.0 + np.max(np.abs(np.nan_to_num(expected)), initial=0.0)
    if spec.gradient_scale is not None:
        scale = scale + np.max(spec.gradient_scale(t, p, params), initial=0.0)
    return scale


@applies_when()
@draws(off_kinks)
def gradient_fd(target, case, dtype="float64"):
    """⟨autodiff gradient, d⟩ equals the central difference of the float64 reference along random d."""
    _directional("gradient_fd", target, case, dtype, target.backend,
                 lambda case, w: _autodiff("gradient_fd", target, case, dtype, w))


@applies_when(analytic_gradient, float64)
@draws(off_kinks)
def closed_form_fd(target, case, dtype="float64"):
    """⟨closed-form gradient, d⟩ equals the central difference of the float64 reference along random d: NumPy
    alone, no backend. With gradient_analytic (autodiff = closed form) on a backend, it gives what gradient_fd
    checks there."""
    spec = target.spec

    def closed_form(case, w):
        with np.errstate(all="ignore"):  # a NaN is reported as a mismatch
            return np.asarray(spec.gradient(case.y_true, case.y_pred, w, **case.params), dtype=np.float64)

    _directional("closed_form_fd", target, case, dtype, "numpy", closed_form)


closed_form_fd.draws_as = "gradient_fd"  # the cases gradient_fd draws, so the two checks meet on them


def _directional(name, target, case, dtype, computed_by, gradient):
    """`gradient(case, w)` (of Σ w·loss; computed by a backend's autodiff, or "numpy") along a few random
    directions d against central differences of the reference: |⟨g, d⟩ − fd| within the tolerance."""
    spec = target.spec
    case, w = _prepare(case, dtype, spec)
    t, p = case.y_true, case.y_pred
    checks = gradients.directional_derivatives(spec, t, p, case.params, w, dtype)
    if not checks:
        not_for_this_case()
    grad = gradient(case, w)
    tol = tolerances.for_gradients(spec, computed_by, "finite_differences", dtype)
    cancelling = 0.0 if spec.gradient_scale is None else \
        np.max(np.abs(w), initial=0.0) * np.broadcast_to(spec.gradient_scale(t, p, case.params), p.shape)
    source = "closed form" if computed_by == "numpy" else "autodiff"
    for i, (d, fd, rounding) in enumerate(checks):
        with np.errstate(all="ignore"):  # a NaN gradient is reported below
            g_d = float(np.sum(grad * d))
            # relative to what the gradient computes from: Σ|g·d|, and the terms that cancel in g (Poisson's 1 − t/p)
            size = float(np.sum(np.abs(grad * d)) + np.sum(np.abs(cancelling * d)))
        allowed = tol.rtol * (size + abs(fd)) + tol.atol + rounding
        if not abs(g_d - fd) <= allowed:
            nonfinite = ~np.isfinite(grad)
            gap = f"{np.count_nonzero(nonfinite)} of {grad.size} gradient entries are not finite, the first at " \
                f"index {first_index(nonfinite)}" if nonfinite.any() else \
                f"|error| {abs(g_d - fd):.3g} > allowed {allowed:.3g}"
            fail_or_note(PropertyFailure(
                name, target, dtype, case,
                f"directional derivative {i} of Σ w·loss (w = {_show(w)}; seeded direction d = uniform(−1, 1)·length "
                f"scale, h = {gradients.STEP:g}): {source} ⟨g, d⟩ = {g_d!r}, finite differences {fd!r}: {gap}",
                fd, g_d))
            return


@applies_when(analytic_gradient, float64)
@draws(off_kinks)
def hessian_vector(target, case, dtype="float64"):
    """H·v by the backend equals central differences of the analytic gradient along v; v and the comparison
    leave out the entries near a kink (as the finite differences do)."""
    spec = target.spec
    case, w = _prepare(case, dtype, spec)
    t, p = case.y_true, case.y_pred
    scale = gradients.length_scale(spec, t, p, case.params)
    frozen = gradients.kink_mask(spec, t, p, case.params, gradients.KINK_STEPS * gradients.STEP * scale)
    if frozen.all():
        not_for_this_case()
    v = np.random.default_rng(2).uniform(-1.0, 1.0, p.shape) * np.where(frozen, 0.0, scale)
    v = ((p + gradients.STEP * v) - (p - gradients.STEP * v)) / (2 * gradients.STEP)  # the step p can hold

    def central(h):
        with np.errstate(all="ignore"):
            up, down = spec.gradient(t, p + h * v, w, **case.params), spec.gradient(t, p - h * v, w, **case.params)
        return (up - down) / (2 * h)

    expected = central(gradients.STEP)
    # the spread of two steps estimates this oracle's own rounding and truncation error: allowed on top
    estimate = np.abs(expected - central(gradients.STEP / 2))
    got = _guarded("hessian_vector", target, case, dtype, backends.hessian_vector_product, w, v)
    expected, got = np.where(frozen, 0.0, expected), np.where(frozen, 0.0, got)
    tol = tolerances.for_gradients(spec, target.backend, "hessian", dtype)
    scale = _gradient_scale(spec, t, p, case.params, expected) + np.max(estimate) / tol.atol
    problem = mismatch(expected, got, tol, scale=scale)
    if problem:
        raise PropertyFailure("hessian_vector", target, dtype, case, f"Hessian-vector product: {problem}",
                              expected, got)
