"""NumPy float64 references for the losses over pairs, triplets and batches of embeddings."""

import numpy as np

from lossref.reference._grad import spread, step
from lossref.reference.hinge import signed


def margin_ranking_loss(t, p, margin=0.0):
    return np.mean(np.maximum(margin - signed(t) * (p[..., 0] - p[..., 1]), 0.0), axis=-1)


def margin_ranking_loss_grad(t, p, w, margin=0.0):
    s = signed(t)
    d = -s * step(margin - s * (p[..., 0] - p[..., 1]))
    return spread(w, np.stack([d, -d], axis=-1), axis=(-2, -1)) * 2.0  # a mean over D, not over D × 2


def _cosine(x1, x2, eps=1e-12):
    squares = (np.sum(x1 * x1, axis=-1) + eps) * (np.sum(x2 * x2, axis=-1) + eps)
    return np.sum(x1 * x2, axis=-1) / np.sqrt(squares)


def cosine_embedding_loss(t, p, margin=0.0):
    cosine = _cosine(p[:, 0], p[:, 1])
    return np.where(signed(t) > 0, 1.0 - cosine, np.maximum(cosine - margin, 0.0))


def cosine_embedding_loss_grad(t, p, w, margin=0.0, eps=1e-12):
    x1, x2 = p[:, 0], p[:, 1]
    n1, n2 = np.sum(x1 * x1, -1, keepdims=True) + eps, np.sum(x2 * x2, -1, keepdims=True) + eps
    dot = np.sum(x1 * x2, -1, keepdims=True)
    root = np.sqrt(n1 * n2)
    d1 = x2 / root - dot * x1 / (n1 * root)  # ∂cos/∂x1
    d2 = x1 / root - dot * x2 / (n2 * root)
    cosine = dot[:, 0] / root[:, 0]
    factor = np.where(signed(t) > 0, -1.0, step(cosine - margin)) * w
    return factor[:, None, None] * np.stack([d1, d2], axis=1)


def distance(a, b, p, eps, squared=False):
    """‖a − b + eps‖_p (squared: its square) along the last axis."""
    total = np.sum(np.abs(a - b + eps) ** p, axis=-1)
    return total ** (2.0 / p) if squared else total ** (1.0 / p)


def triplet_margin_loss(t, x, margin=1.0, p=2.0, eps=1e-6, swap=False, squared=False):  # x: the triplets
    anchor, positive, negative = x[:, 0], x[:, 1], x[:, 2]
    negative_distance = distance(anchor, negative, p, eps, squared)
    if swap:
        negative_distance = np.minimum(negative_distance, distance(positive, negative, p, eps, squared))
    return np.maximum(distance(anchor, positive, p, eps, squared) - negative_distance + margin, 0.0)


def is_similar(t, similar):
    """1 for a similar pair, whichever label value says so."""
    return t if similar == 1 else 1.0 - t


def contrastive_loss(t, p, margin=1.0, half=False, similar=1):
    y = is_similar(t, similar)
    return (0.5 if half else 1.0) * np.mean(y * p**2 + (1.0 - y) * np.maximum(margin - p, 0.0) ** 2, axis=-1)


def contrastive_loss_grad(t, p, w, margin=1.0, half=False, similar=1):
    y = is_similar(t, similar)
    return (0.5 if half else 1.0) * spread(w, 2.0 * y * p - 2.0 * (1.0 - y) * np.maximum(margin - p, 0.0))


def ntxent(t, p, temperature=0.07, layout="labels", directions="mean"):
    if layout == "two_views":  # rows i and i + B/2 are the two views of one sample
        t = np.arange(len(p)) % (len(p) // 2)
    squared = np.sum(p * p, axis=-1, keepdims=True)
    epsilon = np.finfo(np.float64).eps
    unit = p / np.sqrt(np.maximum(squared, epsilon))
    logits = unit @ unit.T / temperature
    same = t[:, None] == t[None, :]
    positive = same & ~np.eye(len(t), dtype=bool)
    total = 0.0
    for i, j in zip(*np.nonzero(positive), strict=True):
        terms = np.concatenate([[logits[i, j]], logits[i][~same[i]]])
        total += np.logaddexp.reduce(terms) - logits[i, j]
    return (2.0 if directions == "sum" else 1.0) * total / max(np.sum(positive), 1)


def distances(p, squared=False):
    """The Euclidean distances between the rows (B, B); squared: their squares."""
    total = np.sum((p[:, None, :] - p[None, :, :]) ** 2, axis=-1)
    return total if squared else np.sqrt(total)


def _pair_masks(t):
    same = t[:, None] == t[None, :]
    return same & ~np.eye(len(t), dtype=bool), ~same


def triplet_semihard_loss(t, p, margin=1.0, squared=False):
    d = distances(p, squared)
    positive, negative = _pair_masks(t)
    losses = []
    for a, q in zip(*np.nonzero(positive), strict=True):
        negatives = d[a][negative[a]]
        beyond = negatives[negatives > d[a, q]]
        d_an = beyond.min() if beyond.size else (negatives.max() if negatives.size else 0.0)
        losses.append(max(d[a, q] - d_an + margin, 0.0))
    return float(np.mean(losses)) if losses else 0.0


def triplet_hard_loss(t, p, margin=1.0, soft=False, squared=False):
    d = distances(p, squared)
    positive, negative = _pair_masks(t)
    losses = []
    for a in range(len(t)):
        d_ap = d[a][positive[a]].max() if positive[a].any() else 0.0
        d_an = d[a][negative[a]].min() if negative[a].any() else d[a].max()
        losses.append(np.logaddexp(0.0, d_ap - d_an) if soft else max(d_ap - d_an + margin, 0.0))
    return float(np.mean(losses))


def lifted_struct_loss(t, p, margin=1.0):
    d = distances(p)
    positive, negative = _pair_masks(t)
    terms = []
    for i, j in zip(*np.nonzero(np.triu(positive)), strict=True):
        exponents = np.concatenate([margin - d[i][negative[i]], margin - d[j][negative[j]]])
        j_ij = np.logaddexp.reduce(exponents) + d[i, j] if exponents.size else -np.inf
        terms.append(max(j_ij, 0.0) ** 2)
    return float(np.sum(terms) / (2 * len(terms))) if terms else 0.0


def npairs_loss(t, p):
    same = (t[:, None] == t[None, :]).astype(float)
    targets = same / same.sum(axis=1, keepdims=True)
    shifted = p - p.max(axis=1, keepdims=True)
    log_softmax = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    return float(np.mean(-np.sum(targets * log_softmax, axis=1)))


def npairs_loss_grad(t, p, w):
    same = (t[:, None] == t[None, :]).astype(float)
    targets = same / same.sum(axis=1, keepdims=True)
    shifted = p - p.max(axis=1, keepdims=True)
    softmax = np.exp(shifted) / np.sum(np.exp(shifted), axis=1, keepdims=True)
    return np.asarray(w) * (softmax - targets) / len(t)
