"""NumPy float64 references for circle (from Sun et al. 2020) and CTC (Graves et al. 2006 forward algorithm)."""

import numpy as np

from lossref.reference.probabilistic import log_softmax


def _logsumexp(values):
    top = np.max(values)
    return top + np.log(np.sum(np.exp(values - top)))


def circle_valid(t, remove_diagonal=True):
    """Anchors with at least one positive and one negative pair: the others have no loss (masked)."""
    labels = np.asarray(t).astype(np.int64)
    same = labels[:, None] == labels[None, :]
    positive = same & ~np.eye(len(labels), dtype=bool) if remove_diagonal else same
    return positive.any(axis=1) & (~same).any(axis=1)


def circle(t, p, remove_diagonal=True, gamma=80.0, margin=0.4):
    labels = t.astype(np.int64)
    s = np.minimum(p @ p.T, 1.0)
    out = np.zeros(len(labels))
    for i in range(len(labels)):
        same = labels == labels[i]
        pos = same.copy()
        if remove_diagonal:
            pos[i] = False
        neg = ~same
        if not pos.any() or not neg.any():
            continue
        sp, sn = s[i, pos], s[i, neg]
        pos_term = _logsumexp(-gamma * np.maximum(1.0 + margin - sp, 0.0) * (sp - (1.0 - margin)))
        neg_term = _logsumexp(gamma * np.maximum(sn + margin, 0.0) * (sn - margin))
        out[i] = np.logaddexp(0.0, pos_term + neg_term)
    return out


def _ctc_one(labels, log_probs):
    """−log p(labels | log_probs) by the forward recursion over the blank-extended label sequence."""
    extended = [0]
    for label in labels:
        extended += [int(label), 0]
    steps, size = log_probs.shape[0], len(extended)
    alpha = np.full(size, -np.inf)
    alpha[0] = log_probs[0, 0]
    if size > 1:
        alpha[1] = log_probs[0, extended[1]]
    for step in range(1, steps):
        previous = alpha.copy()
        for s in range(size):
            terms = [previous[s]]
            if s >= 1:
                terms.append(previous[s - 1])
            if s >= 2 and extended[s] != 0 and extended[s] != extended[s - 2]:
                terms.append(previous[s - 2])
            alpha[s] = np.logaddexp.reduce(terms) + log_probs[step, extended[s]]
    return -np.logaddexp.reduce(alpha[-2:] if size > 1 else alpha[-1:])


def ctc(t, p):
    log_probs = log_softmax(p, -1)
    rows = zip(t, log_probs, strict=True)
    return np.array([_ctc_one([label for label in row if label != 0], lp) for row, lp in rows])
