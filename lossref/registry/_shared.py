"""Pieces several records share: kink masks and scales that recur across families, and record shorthands."""

import numpy as np

from lossref.constants import EPSILON
from lossref.gradients import along, group_radius, near
from lossref.registry.spec import Defect, Kink

A = np.asarray


def kink(where, y_true, y_pred, low, high, pinned, **params):
    """A Kink at (y_true, y_pred, params): the gradient of Σ loss there lies in [low, high]; `pinned` per backend."""
    return Kink(where, lambda: (A(y_true), A(y_pred), params), tuple(np.ravel(low)), tuple(np.ravel(high)), pinned)


# y_true = 1, y_pred = ε: −t/p clipped at ε, the same kink in KL and BCE (JAX splits the tie in clip)
LOWER_CLIP = kink("y_pred = ε (lower clip)", [[1.0]], [[EPSILON]], [-1 / EPSILON], [0.0],
                  {"tensorflow": [-10000000.0], "torch": [-10000000.0], "jax": [-5000000.0]})


def clip_bound(params):
    """The loss's clip bound ε: its `epsilon` parameter where it has one."""
    return params.get("epsilon", EPSILON)


def tie(t, p, params, r):
    """y_pred = y_true (|e| at 0)."""
    return near(p, t, r)


def norm_clip(t, p, params, r):
    """‖y_pred‖ = ε along the axis (the norm clip)."""
    a = params.get("axis", -1)
    norm = np.sqrt(np.sum(p * p, axis=a, keepdims=True))
    return along(near(norm, clip_bound(params), np.sqrt(group_radius(r**2, a))), a)


def row_norm(t, p, params):
    """Cosine losses are scale-invariant in p: they vary over the length ‖p‖ (0 for a zero vector: not moved)."""
    axis = params.get("axis", -1)
    return np.broadcast_to(np.sqrt(np.sum(p * p, axis=axis, keepdims=True)), p.shape)


def inverse_norm(t, p, params):
    """The analytic cosine gradient is t̂/‖p‖ − (t̂·p)p/‖p‖³: terms of size 1/max(‖p‖, ε) cancel."""
    return 1.0 / np.maximum(row_norm(t, p, params), clip_bound(params))


def scale_terms(*terms):
    """A scale function: mean over the last axis of the sum of |term(t, p, params)|, the size of what cancels."""

    def scale(t, p, params):
        return np.mean(sum(np.abs(term(t, p, params)) for term in terms), axis=-1)

    return scale


def logit_scale(reduce_axis=None):
    """From logits, log-probabilities are computed from numbers as large as the logits: scale by them.
    reduce_axis=None: the largest |logit| of the batch; "axis": their mean over the loss's `axis` param."""

    def scale(t, p, params):
        if not params.get("from_logits"):
            return 1.0
        if reduce_axis is None:
            return 1.0 + np.max(np.abs(p))
        return 1.0 + np.mean(np.abs(p), axis=params.get("axis", -1))

    return scale


# diabetes: 331 training samples overfit a 16-unit MLP at Adam(0.01); least squares reaches R² 0.37 held out
DIABETES = {"learning_rate": 0.003, "epochs": 20}


def float32_on_torch(cause):
    """A built-in that returns float32 for float64 input on torch (found by `lossref audit keras`)."""
    return Defect(f"returns float32 for float64 input on torch: {cause}", "not reported", ("values",),
                  backends=("torch",), dtypes=("float64",))


# JAX_ENABLE_X64=1 (needed for float64 on JAX): a float64 constant inside the built-in promotes its result
FLOAT64_FROM_FLOAT32_ON_JAX = Defect(
    "returns float64 for float32 input on JAX with JAX_ENABLE_X64=1: a Python-float or float64 constant inside the "
    "built-in promotes the result", "not reported", ("values",), backends=("jax",), dtypes=("float32",))


def optax_float64(cause):
    """An optax loss that returns float64 for float32 input under JAX_ENABLE_X64=1 (found by the parity suite)."""
    return Defect(f"returns float64 for float32 input with JAX_ENABLE_X64=1: {cause}", "not reported", ("values",),
                  backends=("jax",), dtypes=("float32",), library="optax")
