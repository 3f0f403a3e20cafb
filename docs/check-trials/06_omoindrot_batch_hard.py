"""Batch-hard triplet loss of omoindrot/tensorflow-triplet-loss, re-expressed with keras.ops.

Source: github.com/omoindrot/tensorflow-triplet-loss, model/triplet_loss.py, functions `_pairwise_distances`,
        `_get_anchor_positive_triplet_mask`, `_get_anchor_negative_triplet_mask`, `batch_hard_triplet_loss`,
        commit ff1b41550de719ee4fb417c3430fd1e33dcc834b
        (https://github.com/omoindrot/tensorflow-triplet-loss/blob/ff1b41550de719ee4fb417c3430fd1e33dcc834b/model/triplet_loss.py)
        experiments/batch_hard/params.json: margin 0.5, squared false.
Claims to implement: the batch-hard strategy of Hermans, Beyer & Leibe, "In Defense of the Triplet Loss for
        Person Re-Identification" (2017): for each anchor, max over positives of d(a, p) minus min over
        negatives of d(a, n), plus the margin, hinged at 0; mean over anchors. Same as
        tfa.losses.triplet_hard_loss (Euclidean, not squared, by default).
Exported attribute: `batch_hard_triplet_loss`

Numerics kept from the original: distances by expansion ‖a‖² − 2a·b + ‖b‖² with ‖a‖² read off the diagonal of
        the Gram matrix; clamp at 0; where a distance is exactly 0, add 1e-16 before the sqrt and zero it after
        (finite gradient at 0); invalid positives zeroed before the max; invalid negatives pushed up by the row
        max before the min (an anchor without negatives gets its row max, one without positives gets 0).
Adapted (calling convention only): labels in y_true (B,), embeddings in y_pred (B, D) (lossref's layout,
        which is the original's argument order); `tf.to_float` casts to the embeddings' dtype rather than
        float32; the `tf.summary.scalar` calls are dropped; the `squared` flag is kept (default False).
"""

from keras import ops


def _pairwise_distances(embeddings, squared=False):
    dot_product = ops.matmul(embeddings, ops.transpose(embeddings))
    square_norm = ops.diagonal(dot_product)
    distances = ops.expand_dims(square_norm, 1) - 2.0 * dot_product + ops.expand_dims(square_norm, 0)
    distances = ops.maximum(distances, 0.0)
    if not squared:
        mask = ops.cast(ops.equal(distances, 0.0), distances.dtype)
        distances = distances + mask * 1e-16
        distances = ops.sqrt(distances)
        distances = distances * (1.0 - mask)
    return distances


def _get_anchor_positive_triplet_mask(labels):
    indices_equal = ops.cast(ops.eye(ops.shape(labels)[0]), "bool")
    indices_not_equal = ops.logical_not(indices_equal)
    labels_equal = ops.equal(ops.expand_dims(labels, 0), ops.expand_dims(labels, 1))
    return ops.logical_and(indices_not_equal, labels_equal)


def _get_anchor_negative_triplet_mask(labels):
    labels_equal = ops.equal(ops.expand_dims(labels, 0), ops.expand_dims(labels, 1))
    return ops.logical_not(labels_equal)


def batch_hard_triplet_loss(y_true, y_pred, margin=0.5, squared=False):
    embeddings = ops.convert_to_tensor(y_pred)
    labels = ops.convert_to_tensor(y_true)
    pairwise_dist = _pairwise_distances(embeddings, squared=squared)

    mask_anchor_positive = ops.cast(_get_anchor_positive_triplet_mask(labels), pairwise_dist.dtype)
    anchor_positive_dist = ops.multiply(mask_anchor_positive, pairwise_dist)
    hardest_positive_dist = ops.max(anchor_positive_dist, axis=1, keepdims=True)

    mask_anchor_negative = ops.cast(_get_anchor_negative_triplet_mask(labels), pairwise_dist.dtype)
    max_anchor_negative_dist = ops.max(pairwise_dist, axis=1, keepdims=True)
    anchor_negative_dist = pairwise_dist + max_anchor_negative_dist * (1.0 - mask_anchor_negative)
    hardest_negative_dist = ops.min(anchor_negative_dist, axis=1, keepdims=True)

    triplet_loss = ops.maximum(hardest_positive_dist - hardest_negative_dist + margin, 0.0)
    return ops.mean(triplet_loss)
