"""Gradients of every registry loss with respect to y_pred, on the backend of this process."""

import numpy as np
import pytest

from lossref import backends
from lossref import gradient_properties as gp
from lossref.target import to_tensor
from suites._helpers import BACKEND, SPECS, applicable, assert_property, on_turn, spec_ids

ANALYTIC = applicable(gp.gradient_analytic, "float64")


# float32 only: float64 draws the same ties, kinks and saturations; float32 adds its overflows and the rounding
# of clip bounds
@spec_ids()
@pytest.mark.parametrize("dtype", ["float32"])
def test_gradient_is_finite_everywhere(spec, dtype):
    assert_property(gp.gradient_finite, spec, dtype)


@spec_ids(ANALYTIC)
def test_gradient_matches_analytic(spec):
    assert_property(gp.gradient_analytic, spec, "float64")


# Autodiff against finite differences of the reference, for the losses without a closed-form gradient. For the
# others the same relation follows from two checks: autodiff equals the closed form, on every backend
# (test_gradient_matches_analytic, entrywise, at least as many points), and the closed form agrees with finite
# differences of the reference (test_closed_form_matches_finite_differences, NumPy alone). `lossref check` runs
# gradient_fd itself: a user's loss has no closed form.
@spec_ids([spec for spec in SPECS if spec not in ANALYTIC])
def test_gradient_matches_finite_differences(spec):
    assert_property(gp.gradient_fd, spec, "float64")


@on_turn("torch")  # NumPy alone: the same on every backend
@spec_ids(applicable(gp.closed_form_fd, "float64"))
def test_closed_form_matches_finite_differences(spec):
    assert_property(gp.closed_form_fd, spec, "float64")


# Second order, beyond what training needs: in the gate profile each loss's on one backend, in turn (every backend
# in the other profiles)
HVP_ROTATION = ("torch", "tensorflow", "jax")


@spec_ids(ANALYTIC, turns=HVP_ROTATION)
def test_hessian_vector_product(spec):
    assert_property(gp.hessian_vector, spec, "float64")


KINKS = [(spec, kink) for spec in SPECS for kink in spec.kink_points]


@pytest.mark.parametrize("spec,kink", KINKS, ids=[f"{s.name}:{k.where}" for s, k in KINKS])
def test_gradient_at_kink_is_pinned_and_in_subdifferential(spec, kink):
    """Exactly at a kink: finite, inside the subdifferential box, and the value this backend is known to give."""
    y_true, y_pred, params = kink.witness()
    weights = np.ones(np.shape(spec.reference(y_true, y_pred, **params)))
    _, grad = backends.gradient(lambda t, p: spec.fn(t, p, **params), to_tensor(y_true, "float64"),
                                to_tensor(y_pred, "float64"), weights)
    grad = grad.ravel()
    low, high = np.asarray(kink.low), np.asarray(kink.high)
    pinned = np.asarray(kink.pinned.get(BACKEND, kink.pinned.get("*")))
    where = f"{spec.name} at {kink.where} on {BACKEND}: gradient {grad.tolist()}"
    assert np.all(np.isfinite(grad)), f"{where} is not finite"
    slack = 1e-12 * (1.0 + np.abs(low) + np.abs(high))
    assert np.all((grad >= low - slack) & (grad <= high + slack)), f"{where} is outside [{low}, {high}]"
    assert np.allclose(grad, pinned, rtol=1e-12, atol=0), f"{where} differs from the pinned {pinned.tolist()}"
