"""LabelSmoothingCrossEntropy of timm (huggingface/pytorch-image-models), re-expressed with keras.ops.

Source: github.com/huggingface/pytorch-image-models, timm/loss/cross_entropy.py, class
        LabelSmoothingCrossEntropy (smoothing=0.1), commit aa4b5850c1543fa488abf260f18390eda46cf85d
        (https://github.com/huggingface/pytorch-image-models/blob/aa4b5850c1543fa488abf260f18390eda46cf85d/timm/loss/cross_entropy.py)
Claims to implement: "NLL loss with label smoothing" (Szegedy et al., "Rethinking the Inception Architecture",
        CVPR 2016, §7): (1 - s)·(-log p_y) + s·mean_c(-log p_c) = -Σ_c [(1 - s)·1[c = y] + s/C]·log p_c, which is
        Keras's categorical_crossentropy(from_logits=True, label_smoothing=s) on one-hot targets.
Exported attribute: `label_smoothing_cross_entropy`

Kept: logprobs = log_softmax(x); nll = -logprobs[target]; smooth = -mean(logprobs); confidence·nll + s·smooth.
Adapted (calling convention only): the original takes integer targets (N,); lossref's categorical_crossentropy
        hands one-hot targets, so target = argmax(y_true) (meaningful for hard targets only); `loss.mean()` over
        the batch is left to Keras. The smoothing keyword keeps its name (`smoothing`, default 0.1).
"""

from keras import ops


def label_smoothing_cross_entropy(y_true, y_pred, smoothing=0.1):
    x = ops.convert_to_tensor(y_pred)
    confidence = 1.0 - smoothing
    target = ops.argmax(y_true, axis=-1)
    logprobs = ops.log_softmax(x, axis=-1)
    nll_loss = -ops.take_along_axis(logprobs, ops.expand_dims(target, -1), axis=-1)
    nll_loss = ops.squeeze(nll_loss, axis=-1)
    smooth_loss = -ops.mean(logprobs, axis=-1)
    return confidence * nll_loss + smoothing * smooth_loss
