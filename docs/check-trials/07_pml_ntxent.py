"""NTXentLoss of pytorch-metric-learning (default CosineSimilarity distance, MeanReducer), re-expressed with
keras.ops.

Source: github.com/KevinMusgrave/pytorch-metric-learning, commit 216a792c22b0154d3d3bf008a7317edc7d677e71:
        src/pytorch_metric_learning/losses/ntxent_loss.py (NTXentLoss._compute_loss, temperature=0.07),
        src/pytorch_metric_learning/losses/generic_pair_loss.py (pair_based_loss),
        distances/cosine_similarity.py (F.normalize then a dot product; is_inverted=True),
        reducers: MeanReducer (the default of BaseMetricLossFunction) over the positive pairs.
        (https://github.com/KevinMusgrave/pytorch-metric-learning/blob/216a792c22b0154d3d3bf008a7317edc7d677e71/src/pytorch_metric_learning/losses/ntxent_loss.py)
        Docs: https://kevinmusgrave.github.io/pytorch-metric-learning/losses/#ntxentloss
Claims to implement: NT-Xent of SimCLR (Chen et al. 2020) / InfoNCE, generalised to labels: for every positive
        pair (a, p), -log( e^{s_ap/τ} / (e^{s_ap/τ} + Σ_{n: y_n ≠ y_a} e^{s_an/τ}) ), averaged over positive
        pairs — the same quantity as optax.losses.ntxent.
Exported attribute: `ntxent_loss`

Numerics kept from the original: embeddings normalised as x / max(‖x‖, 1e-12) (F.normalize); logits s/τ;
        per positive pair a max_val = max(s_ap, max_n s_an)/τ that is detached (stop_gradient); numerator
        exp(pos - max_val), denominator Σ_neg exp(neg - max_val) + numerator; log(num/den + tiny) with tiny =
        the dtype's smallest normal number (c_f.small_val); 0 when the batch has no positive pair or no
        negative pair (zero_losses).
Adapted (calling convention only): labels in y_true (B,), embeddings in y_pred (B, D); the index-tuple
        bookkeeping (a1, p, a2, n) is replaced by boolean masks over the (B, B) similarity matrix, and the
        per-pair sum over negatives is a masked sum over a (B, B, B) broadcast (same terms, same order of
        operations per pair).
"""

import numpy as np
from keras import backend, ops


def _normalize(x, eps=1e-12):
    norm = ops.sqrt(ops.sum(ops.square(x), axis=1, keepdims=True))
    return x / ops.maximum(norm, eps)


def ntxent_loss(y_true, y_pred, temperature=0.07):
    embeddings = ops.convert_to_tensor(y_pred)
    labels = ops.convert_to_tensor(y_true)
    dtype = embeddings.dtype
    unit = _normalize(embeddings)
    mat = ops.matmul(unit, ops.transpose(unit))

    n = ops.shape(labels)[0]
    same = ops.equal(ops.expand_dims(labels, 1), ops.expand_dims(labels, 0))
    pos_mask = ops.logical_and(same, ops.logical_not(ops.cast(ops.eye(n), "bool")))
    neg_mask = ops.logical_not(same)

    pos_pairs = mat / temperature  # (a, p) entries are read where pos_mask holds
    neg_pairs = ops.where(neg_mask, mat / temperature, -np.inf)  # row a: the negatives of anchor a
    row_neg_max = ops.max(neg_pairs, axis=1, keepdims=True)  # (B, 1), -inf without negatives
    max_val = ops.stop_gradient(ops.maximum(pos_pairs, row_neg_max))  # (B, B): one per (a, p)
    numerator = ops.exp(pos_pairs - max_val)
    denominator = ops.sum(ops.exp(ops.expand_dims(neg_pairs, 1) - ops.expand_dims(max_val, 2)), axis=2) + numerator
    tiny = float(np.finfo(backend.standardize_dtype(dtype)).tiny)  # c_f.small_val(dtype)
    log_exp = ops.log((numerator / denominator) + tiny)

    pos_f = ops.cast(pos_mask, dtype)
    num_pos = ops.sum(pos_f)
    num_neg = ops.sum(ops.cast(neg_mask, dtype))
    total = ops.sum(ops.where(pos_mask, -log_exp, 0.0))
    mean = total / ops.maximum(num_pos, 1.0)
    return ops.where(ops.logical_and(num_pos > 0, num_neg > 0), mean, ops.zeros_like(mean))
