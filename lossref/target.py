"""What is under test: a loss function or Loss object, run on the current Keras backend, compared with a spec."""

from dataclasses import dataclass

import keras
import numpy as np
from keras import ops


@dataclass
class Target:
    """`fn(y_true, y_pred, **params)` returns per-sample values; `make_loss(**params)` a Loss object (or None)."""

    spec: object
    fn: object
    label: str
    ref: str  # how `lossref replay` finds it again: "registry:NAME" or "module:attr" / "file.py:attr"
    kind: str = "function"
    make_loss: object = None

    @property
    def backend(self):
        return keras.backend.backend()


def registry_target(spec):
    return Target(spec, spec.fn, f"lossref.losses.{spec.name}", f"registry:{spec.name}", "function",
                  lambda **params: spec.loss_class(reduction=None, **params))


def to_tensor(x, dtype):
    """A backend tensor: float arrays in `dtype` (values already representable), labels as int32."""
    x = np.asarray(x)
    if np.issubdtype(x.dtype, np.floating):
        source = x if dtype == "float64" else x.astype(np.float32)
        return ops.convert_to_tensor(source, dtype=dtype)
    return ops.convert_to_tensor(x.astype(np.int32))


def to_numpy(x):
    """A backend tensor as float64 NumPy, and its dtype name."""
    dtype = keras.backend.standardize_dtype(x.dtype)
    if dtype == "bfloat16":
        x = ops.cast(x, "float32")
    return np.asarray(ops.convert_to_numpy(x), dtype=np.float64), dtype


def call(fn, case, dtype, **overrides):
    """Run `fn` on the case's arrays as `dtype` tensors; returns (values float64, dtype name)."""
    params = {**case.params, **overrides}
    return to_numpy(fn(to_tensor(case.y_true, dtype), to_tensor(case.y_pred, dtype), **params))


def load_target(ref, against, kind="function"):
    """The Target a replay names: "registry:NAME" for lossref's own loss."""
    from lossref.registry import get

    spec = get(against)
    if ref == f"registry:{spec.name}":
        return registry_target(spec)
    raise ValueError(f"cannot load target {ref!r}: only registry targets replay in this version")
