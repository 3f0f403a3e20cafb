"""Losses over pairs, triplets and batches of embeddings, in keras.ops only.

The losses of more than two inputs stack them on y_pred, one documented convention:
- margin_ranking_loss: y_pred (..., 2), the two scores x1 = y_pred[..., 0] and x2 = y_pred[..., 1]; y_true (...)
  the signs in {−1, 1} (or {0, 1}) saying which should rank higher.
- cosine_embedding_loss: y_pred (B, 2, D), the two embeddings of each pair; y_true (B,) in {−1, 1} (or {0, 1}).
- triplet_margin_loss: y_pred (B, 3, D), anchor, positive and negative; y_true (B,) is not read (zeros).
- contrastive_loss: y_pred the distances of pairs, y_true 1 for a similar pair, 0 for a dissimilar one.
- ntxent and the mined losses: y_pred (B, D) embeddings, y_true (B,) integer labels (one scalar per batch).
"""

from keras import ops

from lossref.losses import _rules
from lossref.losses._base import (
    at_least,
    const,
    dtype_of,
    loss_function,
    maximum,
    mean,
    minimum,
    propagate_nan,
    require_nonempty,
    require_rank,
)
from lossref.losses._labels import stacked_last
from lossref.losses._masking import logsumexp_where
from lossref.losses._params import Param
from lossref.losses.errors import LossInputError

MARGIN = Param("margin", 1.0, "float", 0.0, draw_high=10.0)
SQUARED = Param("squared", False, "bool", source="squared Euclidean distances: FaceNet (Schroff et al. 2015), "
                "TensorFlow Addons' distance_metric='squared-L2', pytorch-metric-learning's LpDistance(power=2)")
_NO_NEGATIVE = -1e30  # the log of an empty sum, finite: a pair with no negatives on either side gives J ≈ −1e30


def _signed(y_true):
    return ops.where(y_true == 0, -1.0, y_true)


def _stacked_rows(loss, y_true, y_pred, count):
    """y_pred (B, count, D): `count` embeddings per sample; y_true (B,)."""
    if len(y_pred.shape) != 3 or y_pred.shape[1] != count:
        raise LossInputError(loss, "y_pred", f"shape (B, {count}, D), got {tuple(y_pred.shape)}")
    if tuple(y_true.shape) != tuple(y_pred.shape[:1]):
        raise LossInputError(loss, "y_true", f"shape (B,) = {tuple(y_pred.shape[:1])}, got {tuple(y_true.shape)}")


@loss_function("margin_ranking_loss", class_name="MarginRankingLoss",
               params=(Param("margin", 0.0, "float", 0.0, draw_high=10.0),), rules=_rules.signed_or_binary,
               align=False)
def margin_ranking_loss(y_true, y_pred, margin=0.0):
    """mean₋₁(max(−y·(x1 − x2) + margin, 0)), x1 = y_pred[..., 0], x2 = y_pred[..., 1], y = y_true in {−1, 1}
    (or {0, 1}): torch.nn.functional.margin_ranking_loss; y = 1 asks x1 to rank above x2 by the margin."""
    stacked_last("margin_ranking_loss", y_true, y_pred)
    difference = y_pred[..., 0] - y_pred[..., 1]
    return mean(ops.relu(const(margin, difference) - _signed(y_true) * difference), axis=-1)


@loss_function("cosine_embedding_loss", class_name="CosineEmbeddingLoss",
               params=(Param("margin", 0.0, "float", -1.0, 1.0),), rules=_rules.signed_or_binary, align=False)
def cosine_embedding_loss(y_true, y_pred, margin=0.0):
    """1 − cos(x1, x2) for y = 1, max(cos(x1, x2) − margin, 0) for y = −1 (or 0), x1 = y_pred[:, 0],
    x2 = y_pred[:, 1], cos = x1·x2 / √((‖x1‖² + ε)(‖x2‖² + ε)), ε = 1e-12:
    torch.nn.functional.cosine_embedding_loss (its ε; a zero vector has cosine 0)."""
    _stacked_rows("cosine_embedding_loss", y_true, y_pred, 2)
    x1, x2 = y_pred[:, 0], y_pred[:, 1]
    eps = const(1e-12, y_pred)
    squares = (ops.sum(ops.square(x1), axis=-1) + eps) * (ops.sum(ops.square(x2), axis=-1) + eps)
    cosine = ops.sum(x1 * x2, axis=-1) * ops.rsqrt(squares)
    return ops.where(_signed(y_true) > 0, 1.0 - cosine, ops.relu(cosine - const(margin, cosine)))


def _distance(a, b, p, eps, squared=False):
    """‖a − b + eps‖_p along the last axis (torch.nn.functional.pairwise_distance): eps keeps it off 0; squared:
    its square (for p = 2 the sum of squares itself, no root)."""
    difference = ops.abs(a - b + const(eps, a))
    if p == 1:
        total = ops.sum(difference, axis=-1)
        return ops.square(total) if squared else total
    total = ops.sum(ops.square(difference) if p == 2 else ops.power(difference, const(p, a)), axis=-1)
    if squared and p == 2:
        return total
    positive = (total > 0) | ops.isnan(total)  # the norm's gradient at 0 is 0, as torch defines it (not 0·∞)
    root = ops.sqrt(ops.where(positive, total, 1.0)) if p == 2 else \
        ops.power(ops.where(positive, total, 1.0), const(1.0 / p, a))
    distance = ops.where(positive, root, 0.0)
    return ops.square(distance) if squared else distance


@loss_function("triplet_margin_loss", class_name="TripletMarginLoss",
               params=(Param("margin", 1.0, "float", 0.0, low_open=True, draw_high=10.0),
                       Param("p", 2.0, "float", 1.0, draw_high=4.0),
                       Param("eps", 1e-6, "float", 0.0, 1e-2, log_low=1e-15), Param("swap", False, "bool"),
                       SQUARED),
               targets="labels", align=False)
def triplet_margin_loss(y_true, y_pred, margin=1.0, p=2.0, eps=1e-6, swap=False, squared=False):
    """max(d(a, pos) − d(a, neg) + margin, 0), a, pos, neg = y_pred[:, 0], y_pred[:, 1], y_pred[:, 2],
    d(x, y) = ‖x − y + eps‖_p; swap: d(a, neg) becomes min(d(a, neg), d(pos, neg)):
    torch.nn.functional.triplet_margin_loss. squared: d², FaceNet's squared distances. y_true (B,) is not read."""
    _stacked_rows("triplet_margin_loss", y_true, y_pred, 3)
    anchor, positive, negative = y_pred[:, 0], y_pred[:, 1], y_pred[:, 2]
    negative_distance = _distance(anchor, negative, p, eps, squared)
    if swap:
        negative_distance = minimum(negative_distance, _distance(positive, negative, p, eps, squared))
    return ops.relu(_distance(anchor, positive, p, eps, squared) - negative_distance + const(margin, y_pred))


@loss_function("contrastive_loss", class_name="ContrastiveLoss", params=(
    MARGIN,
    Param("half", False, "bool", source="½·(y·d² + (1 − y)·max(m − d, 0)²): Hadsell, Chopra and LeCun 2006, eq. 4"),
    Param("similar", 1, "choice", choices=(1, 0), source="the label of a similar pair: 1 in TensorFlow Addons and "
          "the Keras siamese examples; 0 in Hadsell, Chopra and LeCun 2006 (Y = 0 for similar points)")),
    rules=_rules.binary_targets)
def contrastive_loss(y_true, y_pred, margin=1.0, half=False, similar=1):
    """mean₋₁(y·d² + (1 − y)·max(margin − d, 0)²), d = y_pred distances (≥ 0), y = 1 for a similar pair: TensorFlow
    Addons' contrastive_loss (Hadsell, Chopra and LeCun 2006). similar: the y_true value of a similar pair (y =
    y_true for 1, 1 − y_true for 0); half: the ½ of Hadsell et al."""
    y = y_true if similar == 1 else 1.0 - y_true
    value = mean(y * ops.square(y_pred) + (1.0 - y) * ops.square(ops.relu(const(margin, y_pred) - y_pred)), axis=-1)
    return 0.5 * value if half else value


@loss_function("ntxent", class_name="NTXent",
               params=(Param("temperature", 0.07, "float", 0.0, low_open=True, draw_high=1.0, log_low=0.01),
                       Param("layout", "labels", "choice", choices=("labels", "two_views"),
                             source="two_views: SimCLR's batch of 2N augmented views, rows i and i + N the views of "
                                    "one image, no labels (Chen et al. 2020; pytorch-metric-learning's NTXentLoss "
                                    "with labels arange(N) twice)"),
                       Param("directions", "mean", "choice", choices=("mean", "sum"),
                             source="sum: the two directions of each positive pair added, loss_a + loss_b, as "
                                    "google-research/simclr (tf2/objective.py) and KerasCV's SimCLRLoss compute "
                                    "it: twice the paper's 1/(2N)·Σ(ℓ(i, j) + ℓ(j, i))")),
               rules=_rules.whole_labels, targets="labels")
def ntxent(y_true, y_pred, temperature=0.07, layout="labels", directions="mean"):
    """NT-Xent (Chen et al. 2020) over the batch: −mean over positive pairs (i, j), i ≠ j with equal labels, of
    log(e^{s_ij} / (e^{s_ij} + Σ_{k: label differs} e^{s_ik})), s = cos(y_pred_i, y_pred_j) / temperature, the
    squared norms floored at the dtype's machine epsilon: optax.losses.ntxent. One scalar for the batch; 0 for a
    batch without a positive pair (nothing to pull together; optax gives 0/0 = NaN there). layout="two_views": y_true
    is not read, rows i and i + B/2 are the positive pairs; directions="sum": twice that (SimCLR's code)."""
    require_rank("ntxent", "y_pred", y_pred, (2,))
    require_rank("ntxent", "y_true", y_true, (1,))
    require_nonempty("ntxent", y_pred)
    if y_true.shape[0] != y_pred.shape[0]:
        raise LossInputError("ntxent", "y_true", f"{y_pred.shape[0]} labels (one per embedding), got {y_true.shape[0]}")
    if layout == "two_views":
        if y_pred.shape[0] % 2:
            raise LossInputError("ntxent", "y_pred", f"an even batch of two views (rows i and i + B/2), got "
                                                     f"{y_pred.shape[0]} rows")
        y_true = ops.arange(y_pred.shape[0]) % (y_pred.shape[0] // 2)
    unit = y_pred * ops.rsqrt(at_least(ops.sum(ops.square(y_pred), axis=-1, keepdims=True), _machine_epsilon(y_pred)))
    logits = ops.einsum("id,jd->ij", unit, unit) / temperature  # ops.matmul: float32 on torch
    same = ops.expand_dims(y_true, 1) == ops.expand_dims(y_true, 0)
    positive = same & ~ops.cast(ops.eye(ops.shape(y_true)[0]), "bool")
    negatives, _ = logsumexp_where(~same, logits)  # −inf for an anchor without negatives
    log_ratio = -ops.softplus(ops.expand_dims(negatives, 1) - logits)  # log(e^s / (e^s + e^neg))
    pairs = ops.sum(ops.cast(positive, y_pred.dtype))
    value = -ops.sum(ops.where(positive, log_ratio, 0.0)) / at_least(pairs, 1.0)
    return 2.0 * value if directions == "sum" else value


def _machine_epsilon(like):
    return {"float32": 1.1920928955078125e-07, "float64": 2.220446049250313e-16}[dtype_of(like)]


def _distances(embeddings, squared=False):
    """Euclidean distances between the rows (B, B), from the differences (no cancellation); gradient 0 at 0.
    squared: their squares."""
    total = ops.sum(ops.square(ops.expand_dims(embeddings, 1) - ops.expand_dims(embeddings, 0)), axis=-1)
    if squared:
        return total
    positive = total > 0
    return ops.where(positive, ops.sqrt(ops.where(positive, total, 1.0)), 0.0)


def _pairs(y_true):
    """(same label, positive pairs i ≠ j with the same label, negative pairs)."""
    same = ops.expand_dims(y_true, 1) == ops.expand_dims(y_true, 0)
    return same, same & ~ops.cast(ops.eye(ops.shape(y_true)[0]), "bool"), ~same


def _embedding_batch(loss, y_true, y_pred):
    require_rank(loss, "y_pred", y_pred, (2,))
    require_rank(loss, "y_true", y_true, (1,))
    require_nonempty(loss, y_pred)
    if y_true.shape[0] != y_pred.shape[0]:
        raise LossInputError(loss, "y_true", f"{y_pred.shape[0]} labels (one per embedding), got {y_true.shape[0]}")


def _masked_extreme(values, mask, largest, empty):
    """The row-wise max (largest) or min of `values` where `mask`; `empty` (B,) for a row without an entry."""
    fill = ops.amin(values, axis=1, keepdims=True) if largest else ops.amax(values, axis=1, keepdims=True)
    picked = (ops.amax if largest else ops.amin)(ops.where(mask, values, fill), axis=1)
    return ops.where(ops.any(mask, axis=1), picked, empty)


def _mean_over(values, mask):
    """Σ values over mask / the count (0 for an empty mask)."""
    count = ops.sum(ops.cast(mask, values.dtype))
    return ops.sum(ops.where(mask, values, 0.0)) / at_least(count, 1.0)


@loss_function("triplet_semihard_loss", class_name="TripletSemiHardLoss", params=(MARGIN, SQUARED),
               rules=_rules.whole_labels, targets="labels")
def triplet_semihard_loss(y_true, y_pred, margin=1.0, squared=False):
    """mean over positive pairs (a, p), a ≠ p, of max(d_ap − d_an + margin, 0), n the semi-hard negative: the
    nearest negative farther than p (d_an > d_ap), else the farthest negative, else (no negative) d_an = 0;
    d Euclidean distances of y_pred embeddings (B, D), y_true (B,) labels: TensorFlow Addons'
    triplet_semihard_loss with distance_metric="L2" (Schroff et al. 2015); squared: "squared-L2". One scalar; 0
    without a positive pair."""
    _embedding_batch("triplet_semihard_loss", y_true, y_pred)
    distances = _distances(y_pred, squared)
    _, positive, negative = _pairs(y_true)
    zero = ops.zeros_like(distances[:, 0])
    farthest = _masked_extreme(distances, negative, largest=True, empty=zero)  # (B,) per anchor
    # for each pair (a, p): negatives of a with d_an > d_ap, the nearest of them
    beyond = ops.expand_dims(negative, 1) & (ops.expand_dims(distances, 1) > ops.expand_dims(distances, 2))
    fill = ops.expand_dims(ops.expand_dims(ops.amax(distances), 0), 0)
    nearest_beyond = ops.amin(ops.where(beyond, ops.expand_dims(distances, 1), fill), axis=2)
    semi_hard = ops.where(ops.any(beyond, axis=2), nearest_beyond, ops.expand_dims(farthest, 1))
    return propagate_nan(_mean_over(ops.relu(distances - semi_hard + const(margin, distances)), positive), y_pred)


@loss_function("triplet_hard_loss", class_name="TripletHardLoss",
               params=(MARGIN, Param("soft", False, "bool"), SQUARED), rules=_rules.whole_labels, targets="labels")
def triplet_hard_loss(y_true, y_pred, margin=1.0, soft=False, squared=False):
    """mean over anchors a of max(d_ap* − d_an* + margin, 0) (soft: log(1 + exp(d_ap* − d_an*))), d_ap* the
    farthest positive (0 without one), d_an* the nearest negative (without one, the farthest sample); d Euclidean
    distances of y_pred embeddings (B, D), y_true (B,) labels: TensorFlow Addons' triplet_hard_loss with
    distance_metric="L2" (Hermans et al. 2017); squared: "squared-L2". One scalar."""
    _embedding_batch("triplet_hard_loss", y_true, y_pred)
    distances = _distances(y_pred, squared)
    _, positive, negative = _pairs(y_true)
    hardest_positive = _masked_extreme(distances, positive, largest=True, empty=ops.zeros_like(distances[:, 0]))
    hardest_negative = _masked_extreme(distances, negative, largest=False, empty=ops.amax(distances, axis=1))
    gap = hardest_positive - hardest_negative
    return propagate_nan(mean(ops.softplus(gap) if soft else ops.relu(gap + const(margin, gap)), axis=None), y_pred)


@loss_function("lifted_struct_loss", class_name="LiftedStructLoss", params=(MARGIN,), rules=_rules.whole_labels,
               targets="labels")
def lifted_struct_loss(y_true, y_pred, margin=1.0):
    """1/(2|P|)·Σ_{(i,j) ∈ P} max(J_ij, 0)², J_ij = log(Σ_{k ∉ class(i)} e^{margin − d_ik} + Σ_{l ∉ class(j)}
    e^{margin − d_jl}) + d_ij, P the unordered positive pairs, d Euclidean distances of y_pred embeddings (B, D),
    y_true (B,) labels: TensorFlow Addons' lifted_struct_loss (Oh Song et al. 2016). One scalar; 0 without a
    positive pair."""
    _embedding_batch("lifted_struct_loss", y_true, y_pred)
    distances = _distances(y_pred)
    _, positive, negative = _pairs(y_true)
    row, has_negative = logsumexp_where(negative, const(margin, distances) - distances)
    row = ops.where(has_negative, row, _NO_NEGATIVE)  # finite: logaddexp(−inf, −inf) is NaN on some backends
    first, second = ops.expand_dims(row, 1), ops.expand_dims(row, 0)
    top = maximum(first, second)  # log(e^a + e^b), not ops.logaddexp (float32 for float64 on torch)
    pair = top + ops.log(ops.exp(first - top) + ops.exp(second - top)) + distances
    return propagate_nan(0.5 * _mean_over(ops.square(ops.relu(ops.where(positive, pair, 0.0))), positive), y_pred)


@loss_function("npairs_loss", class_name="NpairsLoss", rules=_rules.whole_labels, targets="labels")
def npairs_loss(y_true, y_pred):
    """mean over rows i of −Σ_j q_ij·log softmax(S_i)_j, S = y_pred the (B, B) similarity matrix of anchors and
    positives, q_i the labels equal to y_true[i], normalized (self included): TensorFlow Addons' npairs_loss
    (Sohn 2016). One scalar."""
    require_rank("npairs_loss", "y_pred", y_pred, (2,))
    require_rank("npairs_loss", "y_true", y_true, (1,))
    require_nonempty("npairs_loss", y_pred)
    if y_pred.shape[0] != y_pred.shape[1]:
        raise LossInputError("npairs_loss", "y_pred", f"a square (B, B) similarity matrix, got {tuple(y_pred.shape)}")
    if y_true.shape[0] != y_pred.shape[0]:
        raise LossInputError("npairs_loss", "y_true", f"{y_pred.shape[0]} labels (one per row), got {y_true.shape[0]}")
    same = ops.cast(ops.expand_dims(y_true, 1) == ops.expand_dims(y_true, 0), y_pred.dtype)
    targets = same / ops.sum(same, axis=1, keepdims=True)
    return mean(-ops.sum(targets * ops.log_softmax(y_pred, axis=1), axis=1), axis=None)
