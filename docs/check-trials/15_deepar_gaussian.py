"""Gaussian likelihood loss of arrigonialberto86/deepar (a Keras DeepAR), re-expressed with keras.ops.

Source: github.com/arrigonialberto86/deepar, deepar/model/loss.py (`gaussian_likelihood(sigma)` returning
        `gaussian_loss`), with the variance produced by deepar/model/layers.py (GaussianLayer:
        output_sig_pos = log(1 + exp(x)) + 1e-06), commit 13539dd495986409906da4adbb0f3e430fec2f7f
        (https://github.com/arrigonialberto86/deepar/blob/13539dd495986409906da4adbb0f3e430fec2f7f/deepar/model/loss.py)
Claims to implement: the Gaussian likelihood of DeepAR (Salinas et al., "DeepAR: Probabilistic forecasting with
        autoregressive recurrent networks", 2017/2020), as a negative log-likelihood
        ½·log σ + ½·(y - μ)²/σ with σ the *variance* (despite its name), i.e. the heteroscedastic Gaussian NLL
        of Nix & Weigend (1994) / torch.nn.functional.gaussian_nll_loss without the constant.
Exported attribute: `gaussian_loss`

Kept: reduce_mean over everything (the batch included: one scalar per batch) of
        0.5·log(σ) + 0.5·(y - μ)²/σ, plus a constant 1e-6 *after* the mean; no variance floor or clamp in the
        loss (the floor, softplus(x) + 1e-6, is *added* in the model's output layer, so the loss itself takes
        log(0) = -inf and divides by 0 at a variance of 0).
Adapted (calling convention only): the original closes over the layer's σ tensor and receives μ as y_pred;
        lossref's gaussian_nll_loss hands (μ, variance) stacked last in y_pred (…, 2), so μ = y_pred[..., 0] and
        σ = y_pred[..., 1].
"""

from keras import ops


def gaussian_loss(y_true, y_pred):
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(y_true, y_pred.dtype)
    mu, sigma = y_pred[..., 0], y_pred[..., 1]
    return ops.mean(0.5 * ops.log(sigma) + 0.5 * ops.divide(ops.square(y_true - mu), sigma)) + 1e-6
