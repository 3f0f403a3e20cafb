"""One adapter per backend for what keras.ops cannot express: gradients (and, later, compilation).

Only the modules in this package import tensorflow, jax or torch; everything else calls these functions,
which dispatch on the backend Keras was imported with.
"""

import importlib

import keras
import numpy as np
from keras import ops


def current():
    """The adapter module of the running Keras backend."""
    return importlib.import_module(f"lossref.backends.{keras.backend.backend()}")


def gradient(fn, y_true, y_pred, weights, key=None):
    """(Σ weights · fn(y_true, y_pred), ∂/∂y_pred of it) as float64 NumPy, computed by the backend's autodiff.

    `weights` (shaped like fn's output) is the cotangent: a vector-Jacobian product, so a gradient that
    leaks between samples or drops a sample's weight shows. A y_pred the output does not depend on
    (a stray stop_gradient) has gradient zero, never None. `key` (see `computation_key`) names what fn
    computes: a compiling adapter reuses one compiled function for every call with that key and those shapes,
    so fn must close over nothing that differs between such calls; `y_true` may be a tuple of tensors (the
    data fn reads, such as a sample weight).
    """
    weights = ops.convert_to_tensor(weights, dtype=y_pred.dtype)
    value, grad = current().value_and_grad(_weighted(fn), y_pred, (y_true, weights), key)
    return float(ops.convert_to_numpy(value)), np.asarray(ops.convert_to_numpy(grad), dtype=np.float64)


def hessian_vector_product(fn, y_true, y_pred, weights, direction, key=None):
    """H·v of Σ weights · fn(y_true, y_pred) with respect to y_pred (forward-over-reverse where available)."""
    weights = ops.convert_to_tensor(weights, dtype=y_pred.dtype)
    direction = ops.convert_to_tensor(direction, dtype=y_pred.dtype)
    product = current().hvp(_weighted(fn), y_pred, direction, (y_true, weights), key)
    return np.asarray(ops.convert_to_numpy(product), dtype=np.float64)


def _weighted(fn):
    """The objective Σ w · fn(t, x) of x, with the data (t, w) as arguments: nothing case-specific is closed
    over, so one compiled form serves every case of the same key and shapes."""

    def objective(x, t, w):
        return ops.sum(w * fn(t, x))

    return objective


def computation_key(fn, params):
    """A hashable name for `fn(·, ·, **params)`, or None when a parameter cannot be frozen into one. Arrays
    count by dtype, shape and bytes; floats by value (so 0.1 and 0.1000001 are two computations)."""

    def freeze(value):
        if isinstance(value, np.ndarray):
            return ("array", value.dtype.str, value.shape, value.tobytes())
        if isinstance(value, (list, tuple)):
            return (type(value).__name__, *map(freeze, value))
        hash(value)
        return (type(value).__name__, value)

    try:
        return fn, tuple((name, freeze(value)) for name, value in sorted(params.items()))
    except TypeError:
        return None


def jit(fn):
    """`fn` compiled by the backend (tf.function(jit_compile=True), jax.jit), or None where not applied."""
    return current().jit(fn)


def is_concrete(x):
    """True when `x` holds values that can be read now (eager), False while tracing or compiling."""
    return current().is_concrete(x)
