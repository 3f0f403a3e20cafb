"""Input rules: a loss's documented input domain as eager checks, declared with the loss
(`loss_function(..., rules=...)`). A rule is `(t, p, params) -> [(argument, mask of bad entries, expected form)]`
on NumPy arrays. Finite values are required of every loss (lossref/losses/_validation.py)."""

import numpy as np


def _outside_unit(x):
    return (x < 0) | (x > 1)


def probabilities(t, p, params):
    """Targets in [0, 1]; predictions too unless from_logits."""
    out = [("y_true", _outside_unit(t), "values in [0, 1]")]
    if not params.get("from_logits"):
        out.append(("y_pred", _outside_unit(p), "probabilities in [0, 1] (or from_logits=True)"))
    return out


def _positive_rows(p, params):
    """p / Σp along the class axis needs Σp > 0 (a row of zeros is no distribution: 0/0)."""
    if params.get("from_logits") or p.ndim == 0:
        return []
    axis = params.get("axis", -1) % p.ndim
    empty_rows = np.broadcast_to(np.sum(p, axis=axis, keepdims=True) <= 0, p.shape)
    return [("y_pred", empty_rows, "probability rows with a positive sum along the class axis")]


def categorical(t, p, params):
    return probabilities(t, p, params) + _positive_rows(p, params)


def _whole(t):
    return np.mod(t, 1) != 0 if np.issubdtype(t.dtype, np.floating) else np.zeros(t.shape, bool)


def _labels(t, p, params, axis):
    classes = p.shape[axis % p.ndim] if p.ndim else 0
    ignore = params.get("ignore_class", params.get("ignore_index"))
    out_of_range = ((t < 0) | (t >= classes)) & (t != ignore if ignore is not None else True)
    return [("y_true", _whole(t), "whole-number class ids"),
            ("y_true", out_of_range, f"class ids in [0, {classes})" + (f" or {ignore}" if ignore is not None else ""))]


def sparse(t, p, params):
    prediction = [] if params.get("from_logits") else \
        [("y_pred", _outside_unit(p), "probabilities in [0, 1] (or from_logits=True)")]
    return _labels(t, p, params, params.get("axis", -1)) + prediction + _positive_rows(p, params)


def generalized(t, p, params):
    return _labels(t, p, params, 1) + [("y_pred", _outside_unit(p), "probabilities in [0, 1]")]


def one_hot(t, p, params):
    not_binary = (t != 0) & (t != 1)
    rows = np.broadcast_to((np.sum(t, axis=-1, keepdims=True) != 1), t.shape) if t.ndim else not_binary
    return [("y_true", not_binary | rows, "one-hot rows (0/1 entries, exactly one 1)")]


def rates(t, p, params):
    return [("y_pred", p < 0, "rates ≥ 0"), ("y_true", t < 0, "counts ≥ 0")]


def ctc_labels(t, p, params):
    classes = p.shape[-1] if p.ndim else 0
    return [("y_true", (t < 0) | (t >= classes), f"labels in [0, {classes}) (0 is the blank)")]


def whole_labels(t, p, params):
    return [("y_true", _whole(t), "whole-number class labels")]


def nonzero_targets(t, p, params):
    all_zero = t.size > 0 and not np.any(t)
    return [("y_true", np.full(t.shape, all_zero), "not all zero (the loss divides by mean(y_true²))")]


def scores(t, p, params):
    """Integer labels against real scores (or log-probabilities) over the last axis."""
    return _labels(t, p, params, -1)


def signed_or_binary(t, p, params):
    return [("y_true", (t != 0) & (t != 1) & (t != -1), "labels in {−1, 1} (or {0, 1})")]


def binary_targets(t, p, params):
    return [("y_true", _outside_unit(t), "values in [0, 1]")]


def rates_or_log_rates(t, p, params):
    """Counts ≥ 0; rates ≥ 0 unless the predictions are log-rates."""
    rates = [] if params.get("log_input", True) else [("y_pred", p < 0, "rates ≥ 0 (or log_input=True)")]
    return [("y_true", t < 0, "counts ≥ 0")] + rates


def distributions(t, p, params):
    """Targets: non-negative weights (probabilities, or unnormalized where the loss allows it)."""
    return [("y_true", t < 0, "non-negative values")]


def binary_labels(t, p, params):
    return [("y_true", (t != 0) & (t != 1), "labels in {0, 1}")]


def variances(t, p, params):
    """The variances y_pred[..., 1] ≥ 0 (torch raises on a negative one)."""
    negative = np.zeros(np.shape(p), bool)  # shaped like y_pred, so the error shows the variance itself
    if p.ndim and p.shape[-1] == 2:
        negative[..., 1] = p[..., 1] < 0
    return [("y_pred", negative, "variances y_pred[..., 1] ≥ 0")]



def label_lists(t, p, params):
    """Class indices in [−1, C) (−1 ends the list), distinct before the first −1."""
    classes = p.shape[-1] if p.ndim else 0
    listed = np.cumprod(t >= 0, axis=-1).astype(bool) if t.ndim else np.zeros(np.shape(t), bool)
    repeated = np.zeros(np.shape(t), bool)
    for index in np.ndindex(t.shape[:-1] if t.ndim else ()):
        values = t[index][listed[index]]
        repeated[index][: len(values)] = len(np.unique(values)) != len(values)
    return [("y_true", _whole(t), "whole-number class indices"),
            ("y_true", (t < -1) | (t >= classes), f"class indices in [0, {classes}) or −1 (the end of the list)"),
            ("y_true", repeated, "distinct class indices before the first −1")]
