"""TripletLoss of sentence-transformers v4.1.0 (EUCLIDEAN metric), re-expressed with keras.ops.

Source: github.com/UKPLab/sentence-transformers, sentence_transformers/losses/TripletLoss.py at tag v4.1.0,
        commit aa4453bed01a6537d30191ab851a42d6042c062a
        (https://github.com/UKPLab/sentence-transformers/blob/v4.1.0/sentence_transformers/losses/TripletLoss.py)
        TripletDistanceMetric.EUCLIDEAN = lambda x, y: F.pairwise_distance(x, y, p=2); triplet_margin=5.
Claims to implement (its docstring): loss = max(||anchor - positive|| - ||anchor - negative|| + margin, 0)
        (https://en.wikipedia.org/wiki/Triplet_loss), i.e. torch.nn.functional.triplet_margin_loss with p=2.
Exported attribute: `triplet_loss`

torch.nn.functional.pairwise_distance(x, y, p=2, eps=1e-6) is ‖x - y + eps‖₂ (eps added to the difference,
as in torch's triplet_margin_loss); that is re-expressed here.

Adapted (calling convention only): anchor/positive/negative come stacked in y_pred (B, 3, D) (lossref's
        triplet layout), y_true is not read; `losses.mean()` (torch reduction) is left to Keras.
Kept: margin named `triplet_margin`, default 5; eps 1e-6 on the difference; no squaring.
"""

from keras import ops


def _pairwise_distance(x, y, eps=1e-6):
    return ops.sqrt(ops.sum(ops.square(x - y + eps), axis=-1))


def triplet_loss(y_true, y_pred, triplet_margin=5.0):
    y_pred = ops.convert_to_tensor(y_pred)
    rep_anchor, rep_pos, rep_neg = y_pred[:, 0], y_pred[:, 1], y_pred[:, 2]
    distance_pos = _pairwise_distance(rep_anchor, rep_pos)
    distance_neg = _pairwise_distance(rep_anchor, rep_neg)
    return ops.relu(distance_pos - distance_neg + triplet_margin)
