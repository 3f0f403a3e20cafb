"""QuantileLoss of pytorch-forecasting, re-expressed with keras.ops.

Source: github.com/sktime/pytorch-forecasting, pytorch_forecasting/metrics/quantile.py, QuantileLoss.loss,
        commit 0be8253d8d08294622a9df9d0f3b07074cca1f00
        (https://github.com/sktime/pytorch-forecasting/blob/0be8253d8d08294622a9df9d0f3b07074cca1f00/pytorch_forecasting/metrics/quantile.py)
Claims to implement (its docstring): "Quantile loss, i.e. a quantile of q=0.5 will give half of the mean
        absolute error as it is calculated as 2 * max(q * (y-y_pred), (1-q) * (y_pred-y))". The code computes
        2 · (e·q + (|e| - e)/2) = 2·max(q·e, (q - 1)·e), e = y - y_pred: twice the pinball loss, which at
        q = 0.5 is the full MAE, not half of it (the docstring's two sentences disagree with each other).
Exported attribute: `quantile_loss`

Adapted (calling convention only): the original takes a list of quantiles and a trailing quantile axis on
        y_pred (target.unsqueeze(-1) against (..., n_quantiles)); here one quantile, passed as `tau` (lossref's
        name for it), and no quantile axis. MultiHorizonMetric's mean is the mean over the last axis here.
Kept: 2 · (errors·q + (|errors| - errors) / 2).
"""

from keras import ops


def quantile_loss(y_true, y_pred, tau=0.5):
    y_pred = ops.convert_to_tensor(y_pred)
    target = ops.cast(y_true, y_pred.dtype)
    errors = target - y_pred
    losses = 2 * (errors * tau + (ops.abs(errors) - errors) / 2)
    return ops.mean(losses, axis=-1)
