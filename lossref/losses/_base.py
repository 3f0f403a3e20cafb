"""What every lossref loss function does before and after its formula.

`loss_function` turns a formula `f(y_true, y_pred, **params)` written on float tensors into the public
function: it converts the inputs, checks their kinds and shapes (no silent broadcast), aligns (N,) with
(N, 1) the way Keras documents, computes half-precision inputs in float32 and casts the result back.
Only `keras.ops` is used here, so the same code runs on every backend, eagerly and under jit.
"""

import functools

import keras
from keras import ops

from lossref.losses import validation
from lossref.losses._params import validate_params
from lossref.losses.errors import LossInputError

HALF = ("float16", "bfloat16")


def dtype_of(x):
    return keras.backend.standardize_dtype(x.dtype)


def to_float_tensor(loss, argument, x):
    """Convert `x`; it must hold floats (a loss of integer predictions is a bug, not a cast)."""
    x = ops.convert_to_tensor(x)
    if not keras.backend.is_float_dtype(dtype_of(x)):
        raise LossInputError(loss, argument, f"a floating-point tensor, got dtype {dtype_of(x)}", TypeError)
    return x


def to_label_tensor(loss, argument, x):
    """Integer class labels: integer tensors, or floats holding whole numbers (Keras casts labels to floats)."""
    x = ops.convert_to_tensor(x)
    if dtype_of(x) == "bool":
        raise LossInputError(loss, argument, "integer class labels, got dtype bool", TypeError)
    return ops.cast(x, "int32")


def align_ranks(loss, y_true, y_pred):
    """Keras's documented alignment: ranks differing by one with a trailing 1 on the larger tensor.

    (N,) with (N, 1) expands the rank-1 tensor; (N, T, 1) with (N, T) squeezes the larger one.
    Anything else must match exactly: a mismatch raises instead of broadcasting.
    """
    true_is_bigger = len(y_true.shape) > len(y_pred.shape)
    big, small = (y_true, y_pred) if true_is_bigger else (y_pred, y_true)
    if len(small.shape) >= 1 and len(big.shape) == len(small.shape) + 1 and big.shape[-1] == 1:
        if len(small.shape) == 1:
            small = ops.expand_dims(small, -1)
        else:
            big = ops.squeeze(big, -1)
        y_true, y_pred = (big, small) if true_is_bigger else (small, big)
    require_same_shape(loss, y_true, y_pred)
    return y_true, y_pred


def require_same_shape(loss, y_true, y_pred):
    if tuple(y_true.shape) != tuple(y_pred.shape):
        raise LossInputError(
            loss, "y_true",
            f"the shape of y_pred {tuple(y_pred.shape)} (or differing by a trailing 1), "
            f"got {tuple(y_true.shape)}; lossref never broadcasts targets",
        )


def require_nonempty(loss, x, axes=None):
    """A loss reduced over the batch has no value for an empty batch: an error, not 0/0 or a silent 1."""
    reduced = range(len(x.shape)) if axes is None else axes
    if any(x.shape[a] == 0 for a in reduced):
        raise LossInputError(loss, "y_pred", f"a non-empty batch (the loss reduces over it), got {tuple(x.shape)}")


def require_rank(loss, argument, x, ranks):
    if len(x.shape) not in ranks:
        raise LossInputError(loss, argument, f"a tensor of rank {' or '.join(map(str, ranks))}, "
                             f"got shape {tuple(x.shape)}")


def loss_function(name, *, class_name, params=(), rules=None, targets="float", align=True):
    """Decorate a formula into a public loss function; lossref.losses also makes its Loss class `class_name`.

    params:  the documented parameters (lossref.losses._params.Param), in the formula's keyword order.
    rules:   the input rules of its domain (lossref.losses._rules), checked eagerly.
    targets: "float" (values, cast to y_pred's compute dtype) or "labels" (integer class ids).
    align:   apply Keras's (N,)/(N,1) rank alignment and then require equal shapes.
    """
    declared = tuple(params)

    def wrap(formula):
        @functools.wraps(formula)
        def fn(y_true, y_pred, **params):
            validate_params(name, declared, params)
            y_pred = to_float_tensor(name, "y_pred", y_pred)
            if len(y_pred.shape) == 0:
                raise LossInputError(name, "y_pred", "a batch: a tensor of rank ≥ 1, got a scalar")
            reduced = y_pred.shape[1:] if len(y_pred.shape) > 1 else y_pred.shape  # rank 1: one sample
            if any(size == 0 for size in reduced):  # a mean over nothing is 0/0
                raise LossInputError(name, "y_pred", f"free of empty axes but the batch, got {tuple(y_pred.shape)}")
            out_dtype = dtype_of(y_pred)
            compute = "float32" if out_dtype in HALF else out_dtype
            y_pred = ops.cast(y_pred, compute)
            y_true = ops.convert_to_tensor(y_true)
            validation.check(name, y_true, y_pred, params, rules)
            if targets == "labels":
                y_true = to_label_tensor(name, "y_true", y_true)
            else:
                y_true = ops.cast(ops.convert_to_tensor(y_true), compute)
                if align:
                    y_true, y_pred = align_ranks(name, y_true, y_pred)
            return ops.cast(formula(y_true, y_pred, **params), out_dtype)

        fn.loss_name, fn.class_name, fn.params, fn.input_rules = name, class_name, declared, rules
        return fn

    return wrap


def normalize_axis(loss, axis, rank):
    """A valid axis index in [0, rank), or a LossInputError naming the loss."""
    if isinstance(axis, bool) or not isinstance(axis, int):
        raise LossInputError(loss, "axis", f"an int, got {axis!r}", TypeError)
    if not -rank <= axis < rank:
        raise LossInputError(loss, "axis", f"an axis in [-{rank}, {rank}) for rank {rank}, got {axis}")
    return axis % rank


def mean(x, axis=-1):
    """ops.sum(x, axis) / count. Not ops.mean: on JAX and torch (Keras 3.15.1) ops.mean computes float64
    input in float32 (`result_type("float64", "float32")` is float32 there), losing 9 digits silently."""
    axes = range(len(x.shape)) if axis is None else (axis,) if isinstance(axis, int) else axis
    count = 1
    for a in axes:
        count = count * (x.shape[a] if x.shape[a] is not None else ops.shape(x)[a])  # None: a traced batch axis
    return ops.sum(x, axis=axis) / (count if isinstance(count, int) else ops.cast(count, x.dtype))


def const(value, like):
    """A Python number as a tensor of `like`'s dtype, converted directly: on torch a bare float operand is
    rounded to float32 first, so 1 − 1e-7 would become 1 − 1.19e-7 even in float64."""
    return ops.convert_to_tensor(value, dtype=dtype_of(like))


def at_least(x, low):
    """max(x, low). Not ops.maximum, which computes float64 in float32 on torch (keras-team/keras#23223)."""
    low = const(low, x)
    return ops.where((x > low) | ops.isnan(x), x, low)  # NaN stays NaN: never silently replaced by the bound


def at_most(x, high):
    """min(x, high). Not ops.minimum, for the same reason as `at_least`."""
    high = const(high, x)
    return ops.where((x < high) | ops.isnan(x), x, high)


def maximum(a, b):
    """Elementwise max(a, b), NaN-propagating. Not ops.maximum: float64 in float32 on torch (keras#23223)."""
    return ops.where((a > b) | ops.isnan(a), a, b)


def minimum(a, b):
    """Elementwise min(a, b), NaN-propagating, for the same reason as `maximum`."""
    return ops.where((a < b) | ops.isnan(a), a, b)


def propagate_nan(value, x):
    """`value`, or NaN where `x` holds a NaN anywhere: for losses whose selections (min, max, masks) would
    otherwise pass over a NaN input silently."""
    return ops.where(ops.any(ops.isnan(x)), float("nan"), value)


def safe_log(x, eps, high=None):
    """log(clip(x, ε, 1 − ε)) (or up to `high`): finite at saturated probabilities 0 and 1."""
    return ops.log(ops.clip(x, const(eps, x), const(1.0 - eps if high is None else high, x)))
