"""SimCLRLoss of KerasCV (Keras 3 version), re-expressed with keras.ops.

Source: github.com/keras-team/keras-cv, keras_cv/src/losses/simclr_loss.py (class SimCLRLoss and its
        `l2_normalize`), commit 94b0a551d03ee9de3d81663e2c1a680cb113f7f1
        (https://github.com/keras-team/keras-cv/blob/94b0a551d03ee9de3d81663e2c1a680cb113f7f1/keras_cv/src/losses/simclr_loss.py)
        It reproduces google-research/simclr tf2/objective.py `add_contrastive_loss`
        (commit 67b562524223e65c0414a15c3bd7ac007d28f629): LARGE_NUM = 1e9 masking of self-similarities,
        loss_a + loss_b (both directions *summed*), then the mean over the N pairs.
Claims to implement: the NT-Xent loss of SimCLR (Chen, Kornblith, Norouzi & Hinton, ICML 2020), whose
        objective is L = 1/(2N) Σ_k [ℓ(2k-1, 2k) + ℓ(2k, 2k-1)]: the *mean* of the two directions. The official
        code and KerasCV return loss_a + loss_b per pair, twice the paper's per-pair value.
Exported attribute: `simclr_loss`

Adapted (calling convention only): the original is called as loss(projections_1, projections_2) with two
        unlabelled views; lossref's `ntxent` hands (y_true labels (B,), y_pred (B, D)). Here y_true is ignored
        and y_pred is split into its first and second half as the two views (row i and row i + B//2 are the
        positive pair); for an odd B the last row is dropped. Returns what `call` returns: one value per pair
        (B//2,), which Keras then averages.
        `temperature` has no default in the original (a required constructor argument); 0.07 here only makes the
        function callable without it.
Kept: l2_normalize as x · 1/sqrt(max(Σx², 1e-7)); the 1e9 diagonal mask; categorical crossentropy from logits
        over the concatenated [cross-view, same-view] logits; loss_a + loss_b.
"""

from keras import backend, losses, ops

LARGE_NUM = 1e9


def _l2_normalize(x, axis):
    epsilon = backend.epsilon()
    power_sum = ops.sum(ops.square(x), axis=axis, keepdims=True)
    norm = ops.reciprocal(ops.sqrt(ops.maximum(power_sum, epsilon)))
    return ops.multiply(x, norm)


def simclr_loss(y_true, y_pred, temperature=0.07):
    y_pred = ops.convert_to_tensor(y_pred)
    half = ops.shape(y_pred)[0] // 2
    projections_1 = _l2_normalize(y_pred[:half], axis=1)
    projections_2 = _l2_normalize(y_pred[half:2 * half], axis=1)

    batch_size = ops.shape(projections_1)[0]
    labels = ops.one_hot(ops.arange(batch_size), batch_size * 2)
    masks = ops.one_hot(ops.arange(batch_size), batch_size)

    logits_11 = ops.matmul(projections_1, ops.transpose(projections_1)) / temperature
    logits_11 = logits_11 - ops.cast(masks * LARGE_NUM, logits_11.dtype)
    logits_22 = ops.matmul(projections_2, ops.transpose(projections_2)) / temperature
    logits_22 = logits_22 - ops.cast(masks * LARGE_NUM, logits_22.dtype)
    logits_12 = ops.matmul(projections_1, ops.transpose(projections_2)) / temperature
    logits_21 = ops.matmul(projections_2, ops.transpose(projections_1)) / temperature

    loss_a = losses.categorical_crossentropy(labels, ops.concatenate([logits_12, logits_11], 1), from_logits=True)
    loss_b = losses.categorical_crossentropy(labels, ops.concatenate([logits_21, logits_22], 1), from_logits=True)
    return loss_a + loss_b
