"""Eager input validation: values that are out of a loss's domain raise a LossInputError naming the loss, the
argument and the expected form. Compiled code cannot read values; there the documented value applies
(see docs/bad-inputs.md). Switch: LOSSREF_VALIDATE=0, or `with lossref.losses.validation.disabled(): ...`."""

import contextlib
import os

import numpy as np
from keras import ops
from keras.src.backend.common.symbolic_scope import in_symbolic_scope  # no public API; 3.15.1 pinned

from lossref.backends import is_concrete  # the adapters alone can tell a traced tensor from a concrete one
from lossref.losses.errors import LossInputError

_state = {"enabled": os.environ.get("LOSSREF_VALIDATE", "1") != "0"}


def enabled():
    return _state["enabled"]


@contextlib.contextmanager
def disabled():
    saved, _state["enabled"] = _state["enabled"], False
    try:
        yield
    finally:
        _state["enabled"] = saved


def check(loss, y_true, y_pred, params, rules=None):
    """Raise if the (concrete) inputs are outside the loss's documented domain: finite values, then `rules`
    (lossref/losses/_rules.py)."""
    if not enabled():
        return
    if in_symbolic_scope() or not (is_concrete(y_pred) and is_concrete(y_true)):
        return  # tracing, or Keras inferring shapes on placeholder ones (torch's compute_output_spec)
    t = np.asarray(ops.convert_to_numpy(ops.stop_gradient(y_true)))
    p = np.asarray(ops.convert_to_numpy(ops.stop_gradient(y_pred)), dtype=np.float64)
    if not np.all(np.isfinite(p)):
        raise LossInputError(loss, "y_pred", f"finite values, got {_first(p, ~np.isfinite(p))}")
    if np.issubdtype(t.dtype, np.floating) and not np.all(np.isfinite(t)):
        raise LossInputError(loss, "y_true", f"finite values, got {_first(t, ~np.isfinite(t))}")
    for argument, bad, expected in (rules(t, p, params) if rules else ()):
        if np.any(bad):
            value = (t if argument == "y_true" else p)[bad] if np.shape(bad) else t
            raise LossInputError(loss, argument, f"{expected}, got {np.ravel(value)[0].item()!r}")


def _first(x, bad):
    return np.ravel(x[bad])[0].item()
