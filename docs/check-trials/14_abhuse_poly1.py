"""Poly1CrossEntropyLoss of abhuse/polyloss-pytorch, re-expressed with keras.ops.

Source: github.com/abhuse/polyloss-pytorch, polyloss.py, class Poly1CrossEntropyLoss (epsilon=1.0,
        reduction="none"), commit 80416ae936024f0658dcad67989259c3e33c015b
        (https://github.com/abhuse/polyloss-pytorch/blob/80416ae936024f0658dcad67989259c3e33c015b/polyloss.py)
Claims to implement: Poly-1 of Leng et al., "PolyLoss: A Polynomial Expansion Perspective of Classification
        Loss Functions" (ICLR 2022), L = -log(P_t) + ε·(1 - P_t); the paper's listing takes ε as an argument
        (ε = 2 for its ImageNet runs, which is optax's poly_loss_cross_entropy default; this repo defaults to 1).
Exported attribute: `poly1_cross_entropy`

Kept: pt = Σ one_hot(label) · softmax(logits); CE = F.cross_entropy(logits, label) = -log_softmax[label];
        poly1 = CE + ε·(1 - pt); reduction "none" (one value per sample).
Adapted (calling convention only): the original takes integer labels (N,); lossref's
        poly_loss_cross_entropy hands one-hot targets (…, C), so label = argmax(y_true) — meaningful only for
        hard (one-hot) targets; the class axis is the last one (torch's cross_entropy takes it at dim 1, the
        same for (N, C)).
"""

from keras import ops


def poly1_cross_entropy(y_true, y_pred, epsilon=1.0):
    logits = ops.convert_to_tensor(y_pred)
    num_classes = ops.shape(logits)[-1]
    labels = ops.argmax(y_true, axis=-1)
    labels_onehot = ops.one_hot(labels, num_classes, dtype=logits.dtype)
    pt = ops.sum(labels_onehot * ops.softmax(logits, axis=-1), axis=-1)
    log_probs = ops.log_softmax(logits, axis=-1)
    ce = -ops.squeeze(ops.take_along_axis(log_probs, ops.expand_dims(labels, -1), axis=-1), axis=-1)
    return ce + epsilon * (1 - pt)
