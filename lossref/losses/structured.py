"""Losses over structured batches (metric learning, sequences), in keras.ops only."""

from keras import ops

from lossref.losses import _rules
from lossref.losses._base import at_most, loss_function, require_rank, to_label_tensor
from lossref.losses._masking import logsumexp_where, mask_values
from lossref.losses._params import Param
from lossref.losses.errors import LossInputError


@loss_function("circle", class_name="Circle",
               params=(Param("remove_diagonal", True, "bool"),
                       Param("gamma", 80.0, "float", 0.0, low_open=True, draw_high=256.0),
                       Param("margin", 0.4, "float", 0.0, 1.0)),
               rules=_rules.whole_labels, targets="labels")
def circle(y_true, y_pred, ref_labels=None, ref_embeddings=None, remove_diagonal=True, gamma=80.0, margin=0.4):
    """Circle loss (Sun et al. 2020) per anchor: softplus(logsumexp_pos(−γ·α_p·(s_p − Δ_p)) +
    logsumexp_neg(γ·α_n·(s_n − Δ_n))), with s = y_pred · refᵀ (cosine similarity of L2-normalized
    embeddings, capped at 1), α_p = [1 + m − s]₊, α_n = [s + m]₊, Δ_p = 1 − m, Δ_n = m.

    Anchors with no positive or no negative pair have no loss: value 0, masked out of reductions.
    """
    require_rank("circle", "y_pred", y_pred, (2,))
    require_rank("circle", "y_true", y_true, (1,))
    refs = y_pred if ref_embeddings is None else ops.cast(ops.convert_to_tensor(ref_embeddings), y_pred.dtype)
    ref_labels = y_true if ref_labels is None else to_label_tensor("circle", "ref_labels", ref_labels)
    if y_true.shape[0] != y_pred.shape[0]:
        raise LossInputError("circle", "y_true", f"{y_pred.shape[0]} labels (one per embedding), "
                             f"got {y_true.shape[0]}")
    similarity = at_most(ops.einsum("id,jd->ij", y_pred, refs), 1.0)  # matmul: float32 on torch
    same = ops.expand_dims(y_true, 1) == ops.expand_dims(ref_labels, 0)
    positive = same
    if remove_diagonal:
        positive = same & ~ops.cast(ops.eye(ops.shape(y_true)[0], ops.shape(ref_labels)[0]), "bool")
    negative = ~same
    pos_logits = -gamma * ops.relu(1.0 + margin - similarity) * (similarity - (1.0 - margin))
    neg_logits = gamma * ops.relu(similarity + margin) * (similarity - margin)
    pos_term, has_pos = logsumexp_where(positive, pos_logits)
    neg_term, has_neg = logsumexp_where(negative, neg_logits)
    valid = has_pos & has_neg
    loss = ops.where(valid, ops.softplus(ops.where(valid, pos_term + neg_term, 0.0)), 0.0)
    return mask_values(loss, valid)


@loss_function("ctc", class_name="CTC", rules=_rules.ctc_labels, targets="labels")
def ctc(y_true, y_pred):
    """Connectionist temporal classification: −log Σ_alignments Π_t softmax(y_pred)[t, a_t].

    y_true (B, L) integer labels, 0 is the blank and pads the end; y_pred (B, T, C) logits.
    −log of a probability is ≥ 0: tiny negative results of the backends' recursions are clamped to 0
    (keras-team/keras#23684). Impossible alignments (too short T) give +inf.
    """
    require_rank("ctc", "y_true", y_true, (2,))
    require_rank("ctc", "y_pred", y_pred, (3,))
    if y_true.shape[0] != y_pred.shape[0]:
        raise LossInputError("ctc", "y_true", f"batch size {y_pred.shape[0]} like y_pred, got {y_true.shape[0]}")
    batch, steps = ops.shape(y_pred)[0], ops.shape(y_pred)[1]  # a traced batch axis has no static size
    if y_pred.shape[0] == 0:  # the backends' CTC kernels reject empty input: no samples, no values
        return ops.zeros((0,), dtype=y_pred.dtype)
    label_length = ops.sum(ops.cast(y_true != 0, "int32"), axis=-1)
    logit_length = ops.full((batch,), steps, dtype="int32")
    loss = ops.ctc_loss(y_true, y_pred, label_length, logit_length, mask_index=0)
    return ops.relu(ops.cast(loss, y_pred.dtype))
