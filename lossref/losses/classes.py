"""The `keras.losses.Loss` form of every lossref loss.

One base class holds the behaviour; `loss_class` makes the named subclass for a loss function. Each class is
registered as Keras-serializable under the package "lossref", and `get_config` keeps every parameter
(Keras 3.15.1 drops Huber's `delta` and CosineSimilarity's `axis`; lossref does not).
"""

import inspect

import keras
import numpy as np

from lossref.losses._params import validate_params
from lossref.losses._shapes import squeeze_or_expand
from lossref.losses.errors import LossInputError


class RegistryLoss(keras.losses.Loss):
    """A Loss whose `call` is a lossref function with fixed parameters; `__call__` is Keras's own,
    so reductions, sample weights and masks behave exactly as for the built-ins."""

    loss_fn = None
    registry_name = None
    defaults = {}

    def __init__(self, *args, reduction="sum_over_batch_size", name=None, dtype=None, **params):
        if len(args) > len(self.defaults):
            raise TypeError(f"{type(self).__name__} takes at most {len(self.defaults)} positional parameters")
        params.update(zip(self.defaults, args, strict=False))
        unknown = set(params) - set(self.defaults)
        if unknown:
            raise TypeError(f"{type(self).__name__} got unexpected parameters {sorted(unknown)}; "
                            f"it takes {list(self.defaults)}")
        self.params = {**self.defaults, **params}
        validate_params(self.registry_name, type(self).loss_fn.params, self.params)
        super().__init__(name=name or self.registry_name, reduction=reduction, dtype=dtype)

    def __call__(self, y_true, y_pred, sample_weight=None):
        """keras.losses.Loss.__call__ itself, after noting the weight's shape for one check it lacks.

        A scalar weight (a Python float too) scales the reduced loss: the same number as Keras's pipeline,
        which on torch raises when a scalar must broadcast up to the mask a loss attaches (its in-place
        `sample_weight *= mask`). Only for the reductions to one number whose divisor does not involve w;
        the others keep the pipeline and its rank rules."""
        self._weight_shape = None if sample_weight is None else _shape(sample_weight)
        if self._weight_shape == () and self.reduction in ("sum", "sum_over_batch_size", "mean"):
            loss = super().__call__(y_true, y_pred)
            return loss * keras.ops.cast(sample_weight, loss.dtype)
        return super().__call__(y_true, y_pred, sample_weight=sample_weight)

    __call__.delegates_to_keras = True  # lossref's loss_contract: the pipeline is kept, not replaced

    def call(self, y_true, y_pred):
        values = type(self).loss_fn(y_true, y_pred, **self.params)
        _require_weight_fits(self.registry_name, getattr(self, "_weight_shape", None), tuple(values.shape))
        return values

    def get_config(self):
        return {**super().get_config(), **self.params}


def _shape(x):
    """A tensor's shape, or a Python number's or list's (a float sample_weight has no .shape)."""
    return tuple(x.shape) if hasattr(x, "shape") else np.shape(x)


def _require_weight_fits(loss, weight_shape, values_shape):
    """No silent broadcast: after Keras's (N,)/(N, 1) alignment the weights may broadcast to the per-sample
    values, never enlarge them (a (B,) weight against (B, T) values, or (B, B) against (B,), would; so would
    any non-scalar weight against a batch-level loss, whose single value has no samples to weight)."""
    if not weight_shape or None in weight_shape:  # None, a scalar (a Python number too), or a traced shape
        return
    aligned_values, aligned_weights = squeeze_or_expand(np.empty(values_shape), np.empty(weight_shape))
    try:
        grown = np.broadcast_shapes(aligned_values.shape, aligned_weights.shape) != aligned_values.shape
    except ValueError:
        grown = True
    if grown:
        raise LossInputError(loss, "sample_weight", f"a scalar or a shape that broadcasts to the per-sample "
                             f"loss {values_shape} (e.g. {values_shape[:1]}), got {weight_shape}")


def loss_class(class_name, fn):
    """The registered Loss subclass `class_name` wrapping `fn`; its parameters are fn's keyword defaults."""
    signature = inspect.signature(fn.__wrapped__)
    defaults = {p.name: p.default for p in list(signature.parameters.values())[2:]}
    cls = type(class_name, (RegistryLoss,), {
        "loss_fn": staticmethod(fn),
        "registry_name": fn.loss_name,
        "defaults": defaults,
        "__doc__": f"Loss form of `lossref.losses.{fn.loss_name}`: {inspect.getdoc(fn)}",
        "__module__": "lossref.losses",
    })
    return keras.saving.register_keras_serializable(package="lossref", name=class_name)(cls)
