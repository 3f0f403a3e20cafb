"""Contrastive loss of adambielski/siamese-triplet, re-expressed with keras.ops.

Source: github.com/adambielski/siamese-triplet, losses.py, class ContrastiveLoss,
        commit 4ed17efa6b2850c5cbef0b3986eae7c94eb1d6a1
        (https://github.com/adambielski/siamese-triplet/blob/4ed17efa6b2850c5cbef0b3986eae7c94eb1d6a1/losses.py)
Claims to implement: the contrastive loss of Hadsell, Chopra & LeCun, "Dimensionality Reduction by Learning
        an Invariant Mapping" (CVPR 2006), whose form is (1 - Y)·½·D² + Y·½·max(0, m - D)² with Y = 0 for a
        similar pair. The class docstring says: "target label == 1 if samples are from the same class and
        label == 0 otherwise" (so it flips the paper's label, and keeps its ½).
Exported attribute: `contrastive_loss`

What the original computes, per pair:
    D2 = Σ (o2 - o1)²                         (the *squared* distance, comment "# squared distances")
    loss = 0.5 · ( y · D2 + (1 - y) · relu(margin - sqrt(D2))² )
then `.mean()` over the batch (torch's reduction).

Adapted (calling convention only):
  * lossref's `contrastive_loss` domain hands the pair *distance* d in y_pred (not the two embeddings), so
    the squared distance the original builds from embeddings is D2 = d²; the sqrt of D2 is kept as in the
    original (it is where the NaN gradient at d = 0 comes from: sqrt'(0)·2d = ∞·0).
  * y_pred (B, D) of distances is averaged over the last axis (lossref's layout); the batch mean that torch
    does in `forward` is left to Keras's reduction.
Kept: the ½ factor, label 1 = similar, margin on d (not on d²), no epsilon, the sqrt of the squared distance.
"""

from keras import ops


def contrastive_loss(y_true, y_pred, margin=1.0):
    y_pred = ops.convert_to_tensor(y_pred)
    target = ops.cast(y_true, y_pred.dtype)  # target.float()
    distances = ops.square(y_pred)  # the original's squared distance Σ(o2 − o1)²
    hinge = ops.relu(margin - ops.sqrt(distances))
    losses = 0.5 * (target * distances + (1 + -1 * target) * ops.square(hinge))
    return ops.mean(losses, axis=-1)
