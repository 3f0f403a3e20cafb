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


def gradient(fn, y_true, y_pred, weights):
    """(Σ weights · fn(y_true, y_pred), ∂/∂y_pred of it) as float64 NumPy, computed by the backend's autodiff.

    `weights` (shaped like fn's output) is the cotangent: a vector-Jacobian product, so a gradient that
    leaks between samples or drops a sample's weight shows. A y_pred the output does not depend on
    (a stray stop_gradient) has gradient zero, never None.
    """
    weights = ops.convert_to_tensor(weights, dtype=y_pred.dtype)

    def objective(x):
        return ops.sum(weights * fn(y_true, x))

    value, grad = current().value_and_grad(objective, y_pred)
    return float(ops.convert_to_numpy(value)), np.asarray(ops.convert_to_numpy(grad), dtype=np.float64)


def hessian_vector_product(fn, y_true, y_pred, weights, direction):
    """H·v of Σ weights · fn(y_true, y_pred) with respect to y_pred (forward-over-reverse where available)."""
    weights = ops.convert_to_tensor(weights, dtype=y_pred.dtype)
    direction = ops.convert_to_tensor(direction, dtype=y_pred.dtype)

    def objective(x):
        return ops.sum(weights * fn(y_true, x))

    return np.asarray(ops.convert_to_numpy(current().hvp(objective, y_pred, direction)), dtype=np.float64)


def jit(fn):
    """`fn` compiled by the backend (tf.function(jit_compile=True), jax.jit), or None where not applied."""
    return current().jit(fn)


def is_concrete(x):
    """True when `x` holds values that can be read now (eager), False while tracing or compiling."""
    return current().is_concrete(x)
