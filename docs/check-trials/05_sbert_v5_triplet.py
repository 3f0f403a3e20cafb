"""TripletLoss of sentence-transformers v5.x (EUCLIDEAN metric), re-expressed with keras.ops.

Source: github.com/UKPLab/sentence-transformers, sentence_transformers/losses/TripletLoss.py at
        commit 85ec64559f4414aa536eca4bf53538291e0a333f (HEAD of the stored snapshot, 2025-10-22; the same
        since commit fca9068a03e3cc22e438462f5e174efa36656cd6 of 2025-04-17, released in v5.0.0..v5.1.2)
        (https://github.com/UKPLab/sentence-transformers/blob/85ec64559f4414aa536eca4bf53538291e0a333f/sentence_transformers/losses/TripletLoss.py)
        TripletDistanceMetric.EUCLIDEAN = lambda x, y: pairwise_euclidean_sim(x, y), and
        sentence_transformers/util/similarity.py: pairwise_euclidean_sim returns
        -torch.sqrt(torch.sum((a - b) ** 2, dim=-1))  ("Vector with res[i] = -euclidean_distance(a[i], b[i])").
Claims to implement (its docstring, unchanged from v4): loss = max(||anchor - positive|| -
        ||anchor - negative|| + margin, 0), "minimizes the distance between anchor and positive".
        With the *negated* distance the code computes max(d(a, n) - d(a, p) + 5, 0): the sign is inverted, so
        it pushes positives away and pulls negatives in. (v4.1.0, file 04_, used F.pairwise_distance.)
Exported attribute: `triplet_loss`

Adapted (calling convention only): anchor/positive/negative come stacked in y_pred (B, 3, D); y_true is not
        read; `losses.mean()` is left to Keras.
Kept: the negated distance, sqrt with no epsilon (NaN gradient where anchor == positive or anchor == negative:
        sqrt'(0) = ∞ times a zero difference), margin named `triplet_margin`, default 5.
"""

from keras import ops


def _pairwise_euclidean_sim(a, b):
    return -ops.sqrt(ops.sum((a - b) ** 2, axis=-1))


def triplet_loss(y_true, y_pred, triplet_margin=5.0):
    y_pred = ops.convert_to_tensor(y_pred)
    rep_anchor, rep_pos, rep_neg = y_pred[:, 0], y_pred[:, 1], y_pred[:, 2]
    distance_pos = _pairwise_euclidean_sim(rep_anchor, rep_pos)
    distance_neg = _pairwise_euclidean_sim(rep_anchor, rep_neg)
    return ops.relu(distance_pos - distance_neg + triplet_margin)
