"""Tasks: a data set, the size of the model's output, and a held-out metric with its direction."""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from keras import ops

from lossref.convergence import data


@dataclass(frozen=True)
class Task:
    name: str
    load: Callable  # () -> data.Data
    units: int  # output units (per time step for sequences)
    metric_name: str
    metric: Callable  # (Data, held-out predictions) -> float
    higher_is_better: bool = True
    output_shape: tuple | None = None  # the model's output reshaped to this (per sample): stacked inputs
    output_transform: Callable | None = None  # keras.ops on the output (a valid box from 4 free numbers, say)
    predict_batch: int | None = None  # predict the held-out set in one batch (outputs that couple the batch)


def corner_and_size(outputs):
    """A box [y_min, x_min, y_max, x_max] from a corner and a size made positive by softplus (an empty or inverted
    box has no gradient to grow from)."""
    return ops.concatenate([outputs[:, :2], outputs[:, :2] + ops.softplus(outputs[:, 2:])], axis=1)


def cosine_similarities(outputs):
    """The batch's (B, B) similarity matrix of L2-normalized embeddings, scaled to logits of ±10."""
    unit = outputs / ops.sqrt(ops.sum(ops.square(outputs), axis=1, keepdims=True) + 1e-12)
    return 10.0 * ops.matmul(unit, ops.transpose(unit))


def similarity_neighbour_accuracy(d, p):
    """From a held-out (N, N) similarity matrix: the most similar other sample shares the label."""
    p = np.where(np.eye(len(p), dtype=bool), -np.inf, p)
    return float(np.mean(d.y_test[p.argmax(-1)] == d.y_test))


def list_ranking_accuracy(d, p):
    """Target lists padded with −1: the fraction of (target, other) pairs whose scores are in order."""
    hits = total = 0
    for scores, listed in zip(p, d.y_test, strict=True):
        end = int(np.argmax(listed < 0)) if np.any(listed < 0) else len(listed)
        targets = {int(c) for c in listed[:end]}
        others = [c for c in range(len(scores)) if c not in targets]
        for j in targets:
            for i in others:
                hits, total = hits + (scores[j] > scores[i]), total + 1
    return hits / max(total, 1)


def quadratic_kappa(d, p):
    """Cohen's quadratically weighted κ of the argmax classes against the one-hot labels (ordered classes)."""
    classes = p.shape[-1]
    truth, guess = d.y_test.argmax(-1), p.argmax(-1)
    weights = (np.arange(classes)[:, None] - np.arange(classes)[None, :]) ** 2
    observed = np.sum(weights[truth, guess])
    expected = np.bincount(truth, minlength=classes) @ weights @ np.bincount(guess, minlength=classes) / len(p)
    return float(1 - observed / expected)


def r2(d, p):
    return float(1 - np.sum((d.y_test - p) ** 2) / np.sum((d.y_test - d.y_test.mean()) ** 2))


def threshold_accuracy(d, p):
    """Accuracy of p > 0.5 per entry (binary and multi-label)."""
    return float(np.mean((p > 0.5) == (d.y_test > 0.5)))


def logit_accuracy(d, p):
    """Accuracy of p > 0 per entry: logits, 0 is probability ½."""
    return float(np.mean((p > 0) == (d.y_test > 0.5)))


def distance_accuracy(d, p):
    """Pairs labelled 1 (similar) or −1 / 0: a distance below ½ (half the default margin) says similar."""
    return float(np.mean((p[:, 0] < 0.5) == (d.y_test[:, 0] > 0)))


def ranking_accuracy(d, p):
    """Pairs of scores (N, 1, 2): the first above the second exactly where y = 1."""
    return float(np.mean((p[:, 0, 0] > p[:, 0, 1]) == (d.y_test[:, 0] > 0)))


def pair_cosine_accuracy(d, p):
    """Embedding pairs (N, 2, D): a positive cosine exactly where y = 1."""
    cos = np.sum(p[:, 0] * p[:, 1], -1) / (np.linalg.norm(p[:, 0], axis=-1) * np.linalg.norm(p[:, 1], axis=-1)
                                           + 1e-12)
    return float(np.mean((cos > 0) == (d.y_test > 0)))


def triplet_accuracy(d, p):
    """Triplets (N, 3, D): the anchor nearer the positive than the negative."""
    return float(np.mean(np.linalg.norm(p[:, 0] - p[:, 1], axis=-1) < np.linalg.norm(p[:, 0] - p[:, 2], axis=-1)))


def mean_iou(d, p):
    """Mean IoU of held-out boxes [y_min, x_min, y_max, x_max]."""
    def area(b):
        return np.maximum(b[:, 2] - b[:, 0], 0) * np.maximum(b[:, 3] - b[:, 1], 0)

    inner = np.concatenate([np.maximum(d.y_test[:, :2], p[:, :2]), np.minimum(d.y_test[:, 2:], p[:, 2:])], axis=1)
    intersection = area(inner)
    return float(np.mean(intersection / (area(d.y_test) + area(p) - intersection + 1e-12)))


def sign_accuracy(d, p):
    return float(np.mean(np.sign(p) == d.y_test))


def argmax_accuracy(d, p):
    labels = d.y_test.argmax(-1) if d.y_test.shape[-1] > 1 else d.y_test[:, 0]
    return float(np.mean(p.argmax(-1) == labels))


def mean_cosine(d, p):
    cos = np.sum(d.y_test * p, -1) / (np.linalg.norm(d.y_test, axis=-1) * np.linalg.norm(p, axis=-1) + 1e-12)
    return float(np.mean(cos))


def deviance_explained(d, p):
    """1 − D(model) / D(constant mean), D = 2Σ(t·log(t / p) − (t − p)) the Poisson deviance."""

    def deviance(rate):
        t = d.y_test
        return 2 * np.sum(np.where(t > 0, t * np.log(np.where(t > 0, t, 1) / rate), 0) - (t - rate))

    return float(1 - deviance(np.maximum(p, 1e-12)) / deviance(np.full_like(p, d.y_train.mean())))


def iou(d, p):
    predicted, truth = p > 0.5, d.y_test > 0.5
    return float(np.sum(predicted & truth) / np.sum(predicted | truth))


def greedy_ctc_accuracy(d, p):
    """Exact-match rate of greedy CTC decoding: argmax per step, merge repeats, drop blanks (0)."""
    hits = 0
    for steps, labels in zip(p.argmax(-1), d.y_test, strict=True):
        merged = [s for i, s in enumerate(steps) if s != 0 and (i == 0 or s != steps[i - 1])]
        hits += merged == [s for s in labels if s != 0]
    return hits / len(p)


def nearest_neighbour_accuracy(d, p):
    """Leave-one-out 1-nearest-neighbour accuracy of held-out embeddings by cosine similarity."""
    unit = p / (np.linalg.norm(p, axis=-1, keepdims=True) + 1e-12)
    similarity = unit @ unit.T
    np.fill_diagonal(similarity, -np.inf)
    return float(np.mean(d.y_test[similarity.argmax(-1)] == d.y_test))


def line_error(d, p):
    """A tutorial's line example: the largest gap on [0, 1] between the fitted line and the true y = 2x."""
    slope, intercept = np.polyfit(d.x_test[:, 0], p[:, 0], 1)
    return float(max(abs(intercept), abs(slope + intercept - 2)))


def mean_signed_error(d, p):
    return float(np.mean(p - d.y_test))


TASKS = {task.name: task for task in (
    Task("diabetes", lambda: data.diabetes("standard"), 1, "R²", r2),
    Task("diabetes_positive", lambda: data.diabetes("positive"), 1, "R²", r2),
    Task("diabetes_variance", lambda: data.diabetes("positive"), 2, "R² of the means", lambda d, p: r2(d, p[:, :, 0]),
         output_shape=(1, 2)),
    Task("diabetes_drift", lambda: data.diabetes("standard"), 1, "mean signed error", mean_signed_error, False),
    Task("breast_cancer", lambda: data.breast_cancer("binary"), 1, "accuracy", threshold_accuracy),
    Task("breast_cancer_logits", lambda: data.breast_cancer("binary"), 1, "accuracy", logit_accuracy),
    Task("breast_cancer_distance", lambda: data.breast_cancer("signed"), 1, "accuracy", distance_accuracy),
    Task("breast_cancer_ranking", lambda: data.breast_cancer("signed"), 2, "accuracy", ranking_accuracy,
         output_shape=(1, 2)),
    Task("pair_signs", data.pair_signs, 16, "accuracy", pair_cosine_accuracy, output_shape=(2, 8)),
    Task("triplets", data.triplet_points, 12, "triplet accuracy", triplet_accuracy, output_shape=(3, 4)),
    Task("breast_cancer_pair_distance", lambda: data.breast_cancer("binary"), 1, "accuracy", distance_accuracy),
    Task("breast_cancer_signed", lambda: data.breast_cancer("signed"), 1, "accuracy", sign_accuracy),
    Task("iris", lambda: data.iris("one_hot"), 3, "accuracy", argmax_accuracy),
    Task("iris_log_targets", lambda: data.iris("log_smoothed"), 3, "accuracy", argmax_accuracy),
    Task("iris_sparse", lambda: data.iris("sparse"), 3, "accuracy", argmax_accuracy),
    Task("digits", lambda: data.digits("one_hot"), 10, "accuracy", argmax_accuracy),
    Task("digits_sparse", lambda: data.digits("sparse"), 10, "accuracy", argmax_accuracy),
    Task("digits_attributes_logits", lambda: data.digits("attributes"), 3, "label accuracy", logit_accuracy),
    Task("digits_attribute_lists", lambda: data.digits("attribute_lists"), 3, "pair ranking accuracy",
         list_ranking_accuracy),
    Task("digits_similarities", lambda: data.digits("ids"), 8, "1-NN accuracy", similarity_neighbour_accuracy,
         output_transform=cosine_similarities, predict_batch=10_000),
    Task("digits_ordinal", lambda: data.digits("one_hot"), 10, "quadratic κ", quadratic_kappa),
    Task("digits_attributes", lambda: data.digits("attributes"), 3, "label accuracy", threshold_accuracy),
    Task("digits_embeddings", lambda: data.digits("ids"), 8, "1-NN accuracy", nearest_neighbour_accuracy),
    Task("directions", data.directions, 4, "mean cosine", mean_cosine),
    Task("counts", data.counts, 1, "deviance explained", deviance_explained),
    Task("counts_log_rates", data.counts, 1, "deviance explained", lambda d, p: deviance_explained(d, np.exp(p))),
    Task("masks", data.masks, 16, "IoU", iou),
    Task("sequences", data.sequences, data.SYMBOLS + 1, "exact match", greedy_ctc_accuracy),
    Task("boxes", data.boxes, 4, "mean IoU", mean_iou, output_transform=corner_and_size),
    Task("line", data.line, 1, "line error", line_error, False),
)}
