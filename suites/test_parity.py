"""Parity with the Keras built-in of the same name on the running backend.

Outside the documented divergences, lossref and keras.losses agree within two value tolerances.
Each divergence has a witness input: lossref must match its reference there (it follows the documentation),
and the Keras built-in must differ, a strict xfail naming the upstream issue, on the backends it affects.
"""

import numpy as np
import pytest

from lossref import properties, registry, tolerances
from lossref.assertions import mismatch
from lossref.strategies import Case
from lossref.target import call
from suites._helpers import BACKEND, SPECS, applicable, assert_property, dtypes, spec_ids

WITH_BUILTIN = applicable(properties.parity, "float32")


@spec_ids(WITH_BUILTIN)
@dtypes(["float32"])
def test_agrees_with_keras_builtin(spec, dtype):
    """float32 only: in float64 the built-ins lose precision on JAX and torch (see the next test)."""
    assert_property(properties.parity, spec, dtype)


@pytest.mark.xfail(BACKEND in ("jax", "torch"), strict=True,
                   reason="Keras 3.15.1 ops.mean computes float64 input in float32 on JAX and torch "
                          "(keras-team/keras#23223, fix #23225 not in 3.15.1)")
def test_keras_builtin_keeps_float64_precision():
    case = Case(np.array([[0.0]]), np.array([[1.7609269892411508]]), {})
    theirs, dtype = call(properties.keras_builtin(registry.get("mean_squared_error")), case, "float64")
    assert dtype == "float64"
    assert abs(theirs - 1.7609269892411508**2) <= 1e-12


def _witnesses():
    for spec in SPECS:
        for number, divergence in enumerate(spec.divergences):
            affected = BACKEND in divergence.backends
            marks = [pytest.mark.xfail(strict=True, reason=f"{divergence.summary} [{divergence.upstream}]")] \
                if affected else []
            yield pytest.param(spec, divergence, id=f"{spec.name}-{number}", marks=marks)


def _witness_case(divergence):
    y_true, y_pred, params = divergence.witness()
    return Case(np.asarray(y_true), np.asarray(y_pred), params)


@pytest.mark.parametrize("spec,divergence", [p.values for p in _witnesses()],
                         ids=[p.id for p in _witnesses()])
def test_lossref_follows_reference_on_witness(spec, divergence):
    case = _witness_case(divergence)
    expected = spec.reference(case.y_true, case.y_pred, **case.params)
    got, _ = call(spec.fn, case, "float32")
    assert mismatch(expected, got, tolerances.VALUES["float32"]) is None, (expected, got)


@pytest.mark.parametrize("spec,divergence", list(_witnesses()))
def test_keras_builtin_on_witness(spec, divergence):
    """Passes where Keras agrees; a strict xfail (listed in the README) where the divergence is known."""
    case = _witness_case(divergence)
    ours, _ = call(spec.fn, case, "float32")
    theirs, _ = call(properties.keras_builtin(spec), case, "float32")
    assert ours.shape == theirs.shape, f"shape: lossref {ours.shape}, Keras {theirs.shape}"
    if divergence.shows is not None:
        assert not divergence.shows(ours, theirs), f"{spec.name}: Keras {theirs} vs lossref {ours}"
        return
    problem = mismatch(ours, theirs, tolerances.VALUES["float32"], factor=tolerances.PARITY_FACTOR)
    assert problem is None, f"{spec.name}: Keras {theirs} vs lossref {ours}: {problem}"
