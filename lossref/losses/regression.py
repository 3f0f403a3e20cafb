"""Regression losses, in keras.ops only. Each reduces the last axis unless its docstring says otherwise."""

import math

from keras import ops

from lossref.constants import EPSILON
from lossref.losses import _rules
from lossref.losses._base import (
    at_least,
    at_most,
    const,
    dtype_of,
    loss_function,
    mean,
    normalize_axis,
    require_nonempty,
)
from lossref.losses._params import AXIS, CLIP_EPSILON, Param


@loss_function("mean_squared_error", class_name="MeanSquaredError")
def mean_squared_error(y_true, y_pred):
    """mean₋₁((y_pred − y_true)²)"""
    return mean(ops.square(y_pred - y_true), axis=-1)


@loss_function("mean_absolute_error", class_name="MeanAbsoluteError")
def mean_absolute_error(y_true, y_pred):
    """mean₋₁(|y_pred − y_true|)"""
    return mean(ops.abs(y_pred - y_true), axis=-1)


@loss_function("mean_absolute_percentage_error", class_name="MeanAbsolutePercentageError", params=(CLIP_EPSILON,))
def mean_absolute_percentage_error(y_true, y_pred, epsilon=EPSILON):
    """100 · mean₋₁(|y_true − y_pred| / max(|y_true|, ε))"""
    return 100.0 * mean(ops.abs(y_true - y_pred) / at_least(ops.abs(y_true), epsilon), axis=-1)


@loss_function("mean_squared_logarithmic_error", class_name="MeanSquaredLogarithmicError", params=(CLIP_EPSILON,))
def mean_squared_logarithmic_error(y_true, y_pred, epsilon=EPSILON):
    """mean₋₁((log(max(y_pred, ε) + 1) − log(max(y_true, ε) + 1))²); values ≤ 0 count as ε."""
    first = ops.log1p(at_least(y_pred, epsilon))
    second = ops.log1p(at_least(y_true, epsilon))
    return mean(ops.square(first - second), axis=-1)


def _l2_normalize(x, axis, epsilon=EPSILON):
    """x / max(‖x‖₂, ε) along axis; a zero vector stays zero (and keeps a finite gradient)."""
    squared = ops.sum(ops.square(x), axis=axis, keepdims=True)
    return x * ops.rsqrt(at_least(squared, epsilon * epsilon))  # = x / max(‖x‖, ε)


@loss_function("cosine_similarity", class_name="CosineSimilarity", params=(AXIS, CLIP_EPSILON))
def cosine_similarity(y_true, y_pred, axis=-1, epsilon=EPSILON):
    """−Σ_axis(n(y_true) · n(y_pred)), n(x) = x / max(‖x‖₂, ε); in [−1, 1], −1 is best; 0 for a zero vector."""
    axis = normalize_axis("cosine_similarity", axis, len(y_pred.shape))
    return -_within_one(ops.sum(_l2_normalize(y_true, axis, epsilon) * _l2_normalize(y_pred, axis, epsilon),
                                axis=axis))


def _within_one(cosine):
    """A cosine held to [−1, 1]: x·rsqrt(‖x‖²) rounds, so parallel vectors can give 1 + 2.2e-16. Only the value
    moves (by that ulp); the gradient is the cosine's own, also at the kinks the records pin."""
    return cosine + ops.stop_gradient(at_most(at_least(cosine, -1.0), 1.0) - cosine)


@loss_function("huber", class_name="Huber", params=(Param("delta", 1.0, "float", 0.0, low_open=True, draw_high=10.0),))
def huber(y_true, y_pred, delta=1.0):
    """mean₋₁(½e² if |e| ≤ δ else δ|e| − ½δ²), e = y_pred − y_true.

    Written as ½q² + δ(|e| − |q|) with q = clip(e, −δ, δ): no `where`, so the gradient at |e| = δ is
    δ·sign(e) from both sides, and no |e| under the square, so the second derivative at e = 0 is 1 (the
    derivative of |·| at 0 is 0 on TensorFlow and torch, which would make it 0).
    """
    error = y_pred - y_true
    quadratic = ops.clip(error, const(-delta, error), const(delta, error))
    return mean(0.5 * ops.square(quadratic) + delta * (ops.abs(error) - ops.abs(quadratic)), axis=-1)


def huber_fn(delta=1.0):
    """Huber as a closure over its threshold (the common parametric-Huber idiom): a 2-argument loss."""

    def huber_loss(y_true, y_pred):
        return huber(y_true, y_pred, delta=delta)

    huber_loss.__name__ = f"huber_delta_{delta:g}".replace(".", "_").replace("-", "m")
    return huber_loss


@loss_function("log_cosh", class_name="LogCosh")
def log_cosh(y_true, y_pred):
    """mean₋₁(log(cosh(e))), e = y_pred − y_true.

    |e| < 1: log1p(2·sinh²(e/2)) (that is log(1 + (cosh e − 1))), exact for tiny errors where the usual
    |e| + softplus(−2|e|) − log 2 cancels; sinh(x) = (expm1(x) − expm1(−x)) / 2 has no cancellation and
    avoids ops.sinh (float32 for float64 input on JAX) and |e| (whose derivative 0 at 0 would zero the
    second derivative). Otherwise the stable form. Each branch sees only inputs in its own range (double
    where), so neither overflows nor poisons the gradient.
    """
    error = y_pred - y_true
    small = ops.abs(error) < 1.0
    half = 0.5 * ops.where(small, error, 0.0)
    sinh_half = 0.5 * (ops.expm1(half) - ops.expm1(-half))
    near_zero = ops.log1p(2.0 * ops.square(sinh_half))
    e_large = ops.abs(ops.where(small, 1.0, error))
    far = e_large + ops.softplus(-2.0 * e_large) - math.log(2.0)
    return mean(ops.where(small, near_zero, far), axis=-1)


@loss_function("pinball_loss", class_name="PinballLoss", params=(Param("tau", 0.5, "float", 0.0, 1.0),))
def pinball_loss(y_true, y_pred, tau=0.5):
    """mean₋₁(τ·max(e, 0) + (1 − τ)·max(−e, 0)), e = y_true − y_pred: the quantile (pinball) loss of TensorFlow
    Addons, max(τe, (τ − 1)e) per entry; τ = ½ is half the mean absolute error. Written with relu, whose
    derivative at 0 is 0 on every backend: the gradient at e = 0 is 0, inside the subdifferential [−τ, 1 − τ]."""
    error = y_true - y_pred
    return mean(tau * ops.relu(error) + (1.0 - tau) * ops.relu(-error), axis=-1)


_SMALLEST_NORMAL = {"float32": 1.1754943508222875e-38, "float64": 2.2250738585072014e-308}


@loss_function("smooth_l1_loss", class_name="SmoothL1Loss",
               params=(Param("beta", 1.0, "float", 0.0, draw_high=10.0),))
def smooth_l1_loss(y_true, y_pred, beta=1.0):
    """mean₋₁(½e²/β if |e| < β else |e| − ½β), e = y_pred − y_true: torch.nn.functional.smooth_l1_loss, Huber
    with δ = β divided by β; β = 0 is the mean absolute error. Written as huber's ½q²/β + |e| − |q| with
    q = clip(e, −β, β): the gradient at |e| = β is sign(e) from both sides."""
    error = y_pred - y_true
    if beta < _SMALLEST_NORMAL[dtype_of(error)]:  # β = 0, or a β the dtype holds as 0 (then q²/β is 0/0)
        return mean(ops.abs(error), axis=-1)
    quadratic = ops.clip(error, const(-beta, error), const(beta, error))
    return mean(0.5 * ops.square(quadratic) / beta + (ops.abs(error) - ops.abs(quadratic)), axis=-1)


@loss_function("l2_loss", class_name="L2Loss")
def l2_loss(y_true, y_pred):
    """mean₋₁(½(y_pred − y_true)²): optax.losses.l2_loss (½ of the squared error, as in Bishop), averaged."""
    return mean(0.5 * ops.square(y_pred - y_true), axis=-1)


# ---- losses from custom-loss tutorials ------------------------------------------------------------------


@loss_function("sum_squared_error", class_name="SumSquaredError")
def sum_squared_error(y_true, y_pred):
    """Σ₋₁((y_pred − y_true)²): an "L-2 loss", the sum of squared errors."""
    return ops.sum(ops.square(y_pred - y_true), axis=-1)


@loss_function("mean_error", class_name="MeanError")
def mean_error(y_true, y_pred):
    """mean₋₁(y_pred − y_true): a tutorial's custom `my_loss`. Signed: unbounded below, not a training loss."""
    return mean(y_pred - y_true, axis=-1)


@loss_function("cosine_proximity", class_name="CosineProximity")
def cosine_proximity(y_true, y_pred):
    """−mean₋₁(n(y_true) · n(y_pred)), n = l2-normalize over the last axis (the Keras 1 objective)."""
    return -mean(_within_one(_l2_normalize(y_true, -1) * _l2_normalize(y_pred, -1)), axis=-1)


@loss_function("penalized_absolute_error", class_name="PenalizedAbsoluteError")
def penalized_absolute_error(y_true, y_pred):
    """mean₋₁(|e| · ½ · (1 + |e|)), e = y_true − y_pred (a tutorial's penalized absolute error)."""
    abs_error = ops.abs(y_true - y_pred)
    return mean(abs_error * 0.5 * (1.0 + abs_error), axis=-1)


@loss_function("relative_rmse", class_name="RelativeRMSE", rules=_rules.nonzero_targets)
def relative_rmse(y_true, y_pred):
    """sqrt(mean((y_pred − y_true)²)) / mean(y_true²) − 1 over the whole batch: one scalar (a custom "accuracy").

    Batch-level: the mean runs over every element, so there is no per-sample value to weight.
    The root is taken of max(mse, tiny) on the gradient path only, so a perfect fit has gradient 0, not NaN.
    """
    require_nonempty("relative_rmse", y_pred)
    mse = mean(ops.square(y_pred - y_true), axis=None)
    positive = (mse > 0) | ops.isnan(mse)  # NaN input stays NaN
    rmse = ops.where(positive, ops.sqrt(ops.where(positive, mse, 1.0)), 0.0)
    return rmse / mean(ops.square(y_true), axis=None) - 1.0
