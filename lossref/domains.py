"""Input domains: everything lossref knows about the inputs a loss accepts, in one type.

A `Domain` owns the hypothesis strategy that draws cases over the whole documented domain (boundaries on
purpose), a small valid example, the benchmark inputs of a given size, the finite-difference length scale,
whether y_pred holds probabilities and y_true integer labels, and its bad-input generators. Records name
their domain by instance (`domain=domains.REAL`); nothing else branches on a domain's name.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from lossref import strategies
from lossref.constants import EPSILON

A = np.asarray
CLASSES = 16  # benchmark last-axis size: classes, features per sample, pixels per mask
STEPS, LABELS = 32, 8  # CTC benchmark: time steps and label length per sample
EMBEDDING = 256  # circle benchmark: embedding size; the loss is O(batch²)


def _ones(t, p, params):
    return np.ones(np.shape(p))


def _probability_length(t, p, params):
    """min(p, 1 − p): the distance to the edges of [0, 1] and to the log's singularity (logits: 1)."""
    if params.get("from_logits"):
        return np.ones(np.shape(p))
    return np.clip(np.minimum(p, 1.0 - p), 0.0, None)


def _rate_length(t, p, params):
    """p + ε: the distance to the log's singularity at p = −ε."""
    return p + params.get("epsilon", EPSILON)


@dataclass(frozen=True)
class Domain:
    """The documented inputs of a family of losses. See the module docstring."""

    name: str
    draw: Callable  # (draw, spec, limits, fixed) -> strategies.Case
    example: Callable  # () -> (y_true, y_pred): small, valid at the default parameters
    bench: Callable  # (size, rng, logits) -> (y_true, y_pred) as float32 / int32 NumPy arrays
    probabilities: bool = False  # y_pred holds probabilities (unless from_logits)
    labels: bool = False  # y_true holds integer labels
    pred_rank: int | None = None  # the only rank y_pred takes, when fixed
    fd_length: Callable = _ones  # (t, p, params) -> per-entry length over which the loss changes shape
    bad_inputs: tuple = ()  # generators (y_true, y_pred, add) of the bad inputs particular to this domain

    def strategy(self, spec, limits, fixed=None):
        """A hypothesis strategy of `Case` for `spec` over this domain."""
        return st.composite(lambda draw: self.draw(draw, spec, limits, fixed))()

    def length_scale(self, t, p, params):
        return np.asarray(self.fd_length(t, p, params), dtype=np.float64)

    def violations(self, fn, case):
        """The input rules of loss `fn` that `case` breaks: [(argument, expected)]; [] for a valid case."""
        rules = getattr(fn, "input_rules", None)
        t, p = np.asarray(case.y_true), np.asarray(case.y_pred, dtype=np.float64)
        found = [("y_pred", "finite values")] if not np.all(np.isfinite(p)) else []
        return found + [(argument, expected) for argument, bad, expected in (rules(t, p, case.params) if rules else ())
                        if np.any(bad)]

    def __repr__(self):
        return f"Domain({self.name})"


# ---- benchmark inputs ----------------------------------------------------------------------------


def _rows(size):
    return (max(1, size // CLASSES), CLASSES)


def _softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return (e / e.sum(-1, keepdims=True)).astype("float32")


def _normal(size, rng):
    return rng.normal(size=_rows(size)).astype("float32")


def _bench_real(size, rng, logits):
    return rng.normal(size=_rows(size)).astype("float32"), _normal(size, rng)


def _bench_rates(size, rng, logits):
    shape = _rows(size)
    return rng.poisson(2.0, size=shape).astype("float32"), rng.uniform(0.1, 3.0, size=shape).astype("float32")


def _bench_probabilities(size, rng, logits):
    return _softmax(rng.normal(size=_rows(size))), _softmax(_normal(size, rng))


def _bench_binary(size, rng, logits):
    p = _normal(size, rng)
    return rng.integers(0, 2, size=p.shape).astype("float32"), p if logits else (1 / (1 + np.exp(-p))).astype("float32")


def _bench_masks(size, rng, logits):
    shape = _rows(size)
    return rng.integers(0, 2, size=shape).astype("float32"), rng.random(shape).astype("float32")


def _bench_signed(size, rng, logits):
    p = _normal(size, rng)
    return rng.choice([-1.0, 1.0], size=p.shape).astype("float32"), p


def _bench_one_hot(softmax):
    def inputs(size, rng, logits):
        p = _normal(size, rng)
        one_hot = np.eye(CLASSES, dtype="float32")[rng.integers(0, CLASSES, size=p.shape[0])]
        return one_hot, p if logits or not softmax else _softmax(p)

    return inputs


def _bench_sparse(size, rng, logits):
    p = _normal(size, rng)
    return rng.integers(0, CLASSES, size=p.shape[0]).astype("int32"), p if logits else _softmax(p)


def _bench_embeddings(size, rng, logits):
    batch = max(4, size // EMBEDDING)
    p = rng.normal(size=(batch, EMBEDDING))
    labels = (np.arange(batch) // 2 % 10).astype("int32")  # pairs: every anchor has a positive
    return labels, (p / np.linalg.norm(p, axis=1, keepdims=True)).astype("float32")


def _bench_ctc(size, rng, logits):
    batch = max(1, size // (STEPS * (CLASSES + 1)))
    labels = rng.integers(1, CLASSES + 1, size=(batch, LABELS)).astype("int32")
    return labels, rng.normal(size=(batch, STEPS, CLASSES + 1)).astype("float32")


# ---- bad inputs particular to a domain: add(category, description, y_true, y_pred, argument, compiled) ----


def _rank_of_values(t, p, add):
    add("rank mismatch", "(B,) targets against (B, C) predictions with C > 1", t[:, 0], p, "y_true", "error")


def _rank_of_labels(t, p, add):
    add("rank mismatch", "labels shaped like y_pred (B, C) instead of (B,)", np.zeros(p.shape, int), p, "y_true",
        "error")


def _infinite_target(t, p, add):
    bad_t = A(t, float).copy()
    bad_t.flat[0] = np.inf
    add("inf input", "inf in y_true", bad_t, p, "y_true", "IEEE arithmetic on inf (often inf or NaN; clipped or "
        "relu'd terms can be finite)")


def _fractional_labels(t, p, add):
    add("fractional labels", "float labels that are not whole numbers (0.5)", A(t, float) + 0.5 * (t == 0), p,
        "y_true", "labels truncated toward 0 by the int cast")


def _class_label_out_of_range(t, p, add):
    too_large, negative = t.copy(), t.copy()
    too_large.flat[-1] = p.shape[-1]
    negative.flat[0] = -1
    add("label out of range", "a label equal to the number of classes", too_large, p, "y_true", "nan")
    add("label out of range", "a negative label", negative, p, "y_true", "nan")


def _ctc_label_out_of_range(t, p, add):
    too_large = t.copy()
    too_large.flat[-1] = p.shape[-1]
    add("label out of range", "a label equal to the number of classes", too_large, p, "y_true",
        "as computed by ops.ctc_loss (undefined)")


def _not_one_hot(t, p, add):
    add("not one-hot", "a target row with two 1s", A([[1.0, 1.0, 0.0], [0.0, 1.0, 0.0]]), p, "y_true",
        "computed as is")


def _target_out_of_range(t, p, add):
    add("target out of range", "a target of 1.5", np.where(t == 1, 1.5, t), p, "y_true", "computed as is")


def _probability_out_of_range(t, p, add):
    add("probability out of range", "a predicted probability of 1.5", t, np.where(p == p.max(), 1.5, p), "y_pred",
        "clipped to [ε, 1 − ε] (documented clip)")


# ---- the domains -----------------------------------------------------------------------------------

_REAL_EXAMPLE = (A([[0.5, 1.0, 2.0], [1.0, 0.0, 3.0]]), A([[1.0, 0.5, 2.5], [0.0, 0.5, 3.0]]))
_MASK_EXAMPLE = (A([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]), A([[0.8, 0.1, 0.6], [0.3, 0.7, 0.2]]))
_ONE_HOT_EXAMPLE = (A([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]), A([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]]))
_SPARSE_EXAMPLE = (A([0, 1]), A([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]]))
_VALUES = (_rank_of_values, _infinite_target)
_PROBABILITIES = (_rank_of_values, _infinite_target, _target_out_of_range, _probability_out_of_range)
_LABELS = (_rank_of_labels, _fractional_labels, _class_label_out_of_range, _probability_out_of_range)

REAL = Domain("real", strategies.real, lambda: _REAL_EXAMPLE, _bench_real, bad_inputs=_VALUES)
NONNEGATIVE = Domain("nonnegative", strategies.nonnegative, lambda: _REAL_EXAMPLE, _bench_rates, bad_inputs=_VALUES)
REAL_NONZERO_TARGET = Domain("real_nonzero_target", strategies.real_nonzero_target, lambda: _REAL_EXAMPLE,
                             _bench_real, bad_inputs=_VALUES)
RATES = Domain("rates", strategies.rates, lambda: (A([[1.0, 0.0, 2.0], [3.0, 1.0, 0.0]]),
                                                   A([[0.5, 1.0, 2.0], [1.0, 0.5, 0.1]])),
               _bench_rates, fd_length=_rate_length, bad_inputs=_VALUES)
PROBABILITIES = Domain("probabilities", strategies.probabilities, lambda: _MASK_EXAMPLE, _bench_probabilities,
                       probabilities=True, fd_length=_probability_length, bad_inputs=_PROBABILITIES)
SIGNED_LABELS = Domain("signed_labels", strategies.signed_labels,
                       lambda: (A([[1.0, -1.0, 1.0], [-1.0, 1.0, -1.0]]), A([[0.5, -2.0, 1.0], [0.3, 0.1, -0.4]])),
                       _bench_signed, bad_inputs=_VALUES)
BINARY = Domain("binary", strategies.binary, lambda: _MASK_EXAMPLE, _bench_binary, probabilities=True,
                fd_length=_probability_length, bad_inputs=_PROBABILITIES)
CATEGORICAL = Domain("categorical", strategies.categorical, lambda: _ONE_HOT_EXAMPLE, _bench_one_hot(softmax=True),
                     probabilities=True, fd_length=_probability_length, bad_inputs=_PROBABILITIES)
ONE_HOT_REAL = Domain("one_hot_real", strategies.one_hot_real, lambda: _ONE_HOT_EXAMPLE,
                      _bench_one_hot(softmax=False), bad_inputs=_VALUES + (_not_one_hot,))
SPARSE = Domain("sparse", strategies.sparse, lambda: _SPARSE_EXAMPLE, _bench_sparse, probabilities=True,
                labels=True, fd_length=_probability_length, bad_inputs=_LABELS)
SPARSE_2D = Domain("sparse_2d", strategies.sparse_2d, lambda: _SPARSE_EXAMPLE, _bench_sparse, probabilities=True,
                   labels=True, pred_rank=2, fd_length=_probability_length, bad_inputs=_LABELS)
# masks: probabilities, but finite differences move them on a unit scale (the overlap ratios are rational in p)
MASKS = Domain("masks", strategies.masks, lambda: _MASK_EXAMPLE, _bench_masks, probabilities=True,
               bad_inputs=_PROBABILITIES)
EMBEDDINGS = Domain("embeddings", strategies.embeddings,
                    lambda: (A([0, 0, 1, 1]), A([[1.0, 0.0], [math.sqrt(0.5)] * 2, [0.0, 1.0],
                                                 [-math.sqrt(0.5), math.sqrt(0.5)]])),
                    _bench_embeddings, labels=True, pred_rank=2, bad_inputs=(_rank_of_labels, _fractional_labels))
# ---- beyond Keras: logits, scores and log-probabilities ---------------------------------------------------
_LOGIT_BINARY_EXAMPLE = (_MASK_EXAMPLE[0], A([[2.0, -1.0, 0.5], [-0.5, 1.5, -3.0]]))
_LOGIT_CLASSES_EXAMPLE = (_ONE_HOT_EXAMPLE[0], A([[2.0, 0.5, -1.0], [0.1, 1.2, -0.3]]))
_SCORES_EXAMPLE = (A([0, 1]), _LOGIT_CLASSES_EXAMPLE[1])
_LOG_PROBS = np.log(_ONE_HOT_EXAMPLE[0] * 0.8 + 0.2 / 3)


def _bench_log_probs(size, rng, logits):
    t, p = _bench_sparse(size, rng, True)
    return t, np.log(_softmax(p))


def _bench_log_pairs(size, rng, logits):
    return np.log(_softmax(_normal(size, rng))), np.log(_softmax(_normal(size, rng)))


def _log_rate_length(t, p, params):
    """Rates: p + eps, the distance to log's singularity; log-rates move on a unit scale."""
    return np.ones(np.shape(p)) if params.get("log_input", True) else p + params.get("eps", 1e-8)


def _bench_counts(size, rng, logits):
    t, rates = _bench_rates(size, rng, logits)
    return t, np.log(rates)


BINARY_LOGITS = Domain("binary_logits", strategies.binary_logits, lambda: _LOGIT_BINARY_EXAMPLE,
                       lambda size, rng, logits: _bench_binary(size, rng, True), bad_inputs=_VALUES)
CATEGORICAL_LOGITS = Domain("categorical_logits", strategies.categorical_logits, lambda: _LOGIT_CLASSES_EXAMPLE,
                            lambda size, rng, logits: _bench_one_hot(softmax=False)(size, rng, True),
                            bad_inputs=_VALUES)
SPARSE_SCORES = Domain("sparse_scores", strategies.sparse_scores, lambda: _SCORES_EXAMPLE,
                       lambda size, rng, logits: _bench_sparse(size, rng, True), labels=True,
                       bad_inputs=(_rank_of_labels, _fractional_labels, _class_label_out_of_range))
SPARSE_LOG_PROBS = Domain("sparse_log_probs", strategies.sparse_log_probs,
                          lambda: (_SPARSE_EXAMPLE[0], np.log(_SPARSE_EXAMPLE[1])), _bench_log_probs, labels=True,
                          bad_inputs=(_rank_of_labels, _fractional_labels, _class_label_out_of_range))
LOG_PROB_PAIRS = Domain("log_prob_pairs", strategies.log_prob_pairs, lambda: (_LOG_PROBS, np.log(_ONE_HOT_EXAMPLE[1])),
                        _bench_log_pairs, bad_inputs=_VALUES)
NONNEGATIVE_AND_LOG = Domain("nonnegative_and_log", strategies.nonnegative_and_log,
                             lambda: (_ONE_HOT_EXAMPLE[0], np.log(_ONE_HOT_EXAMPLE[1])),
                             lambda size, rng, logits: (_bench_probabilities(size, rng, logits)[0],
                                                        np.log(_bench_probabilities(size, rng, logits)[1])),
                             bad_inputs=_VALUES)
COUNTS_AND_RATES = Domain("counts_and_rates", strategies.counts_and_rates,
                          lambda: (A([[1.0, 0.0, 2.0], [3.0, 1.0, 0.0]]), A([[0.5, -1.0, 0.7], [1.1, 0.0, -2.0]])),
                          _bench_counts, fd_length=_log_rate_length, bad_inputs=_VALUES)

def _bench_pairs(size, rng, logits):
    t = rng.choice([-1.0, 1.0], size=(max(1, size // (2 * CLASSES)), CLASSES)).astype("float32")
    return t, rng.normal(size=t.shape + (2,)).astype("float32")


def _bench_mean_variance(size, rng, logits):
    t = _normal(size // 2, rng)
    return t, np.stack([_normal(size // 2, rng), rng.uniform(0.1, 2.0, t.shape)], axis=-1).astype("float32")


def _bench_rows(count):
    def inputs(size, rng, logits):
        batch = max(1, size // (count * CLASSES))
        return np.zeros(batch, "int32"), rng.normal(size=(batch, count, CLASSES)).astype("float32")

    return inputs


def _bench_boxes(size, rng, logits):
    def boxes(n):
        low = rng.uniform(0, 10, (n, 2))
        return np.concatenate([low, low + rng.uniform(0.1, 5, (n, 2))], axis=1).astype("float32")

    return boxes(max(1, size // 4)), boxes(max(1, size // 4))


def _variance_length(t, p, params):
    """Means move on a unit scale, variances on their own (log v is singular at 0)."""
    length = np.ones(np.shape(p))
    eps = params.get("eps", 1e-6)
    length[..., 1] = np.where(p[..., 1] > eps, p[..., 1], 0.0)  # not moved at the clamp: it is flat there
    return length


def _pair_length(t, p, params):
    """Each embedding of a pair moves on the scale of its own length (√ε for a zero vector)."""
    return np.broadcast_to(np.sqrt(np.sum(p * p, axis=-1, keepdims=True) + 1e-12), p.shape)


_PAIRS_EXAMPLE = (A([[1.0, -1.0, 1.0], [-1.0, 1.0, 1.0]]), np.stack([_REAL_EXAMPLE[0], _REAL_EXAMPLE[1]], axis=-1))
_ROWS_EXAMPLE = A([[[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]], [[0.5, 0.5], [0.4, 0.6], [-0.5, 0.5]]])
_BOXES_EXAMPLE = (A([[4.0, 3.0, 7.0, 5.0], [5.0, 6.0, 10.0, 7.0]]), A([[3.0, 4.0, 6.0, 8.0], [14.0, 14.0, 15.0, 15.0]]))

HARD_BINARY_LOGITS = Domain("hard_binary_logits", strategies.hard_binary_logits,
                            lambda: (_MASK_EXAMPLE[0], _LOGIT_BINARY_EXAMPLE[1]),
                            lambda size, rng, logits: _bench_binary(size, rng, True), bad_inputs=_VALUES)
RELEVANCE_SCORES = Domain("relevance_scores", strategies.relevance_scores,
                          lambda: (A([[3.0, 0.0, 1.0], [0.0, 2.0, 0.0]]), _LOGIT_CLASSES_EXAMPLE[1]),
                          lambda size, rng, logits: (rng.integers(0, 4, _rows(size)).astype("float32"),
                                                     _normal(size, rng)), bad_inputs=_VALUES)
SIGNED_PAIRS = Domain("signed_pairs", strategies.signed_pairs, lambda: _PAIRS_EXAMPLE, _bench_pairs,
                      bad_inputs=(_infinite_target,))
MEAN_VARIANCE = Domain("mean_variance", strategies.mean_variance,
                       lambda: (_REAL_EXAMPLE[0], np.stack([_REAL_EXAMPLE[1], np.abs(_REAL_EXAMPLE[0]) + 0.5], -1)),
                       _bench_mean_variance, fd_length=_variance_length, bad_inputs=(_infinite_target,))
EMBEDDING_PAIRS = Domain("embedding_pairs", strategies.embedding_pairs,
                         lambda: (A([1.0, -1.0]), _ROWS_EXAMPLE[:, :2]), _bench_rows(2), pred_rank=3,
                         fd_length=_pair_length)
TRIPLETS = Domain("triplets", strategies.triplets, lambda: (A([0, 0]), _ROWS_EXAMPLE), _bench_rows(3), labels=True,
                  pred_rank=3)
PAIR_DISTANCES = Domain("pair_distances", strategies.pair_distances,
                        lambda: (_MASK_EXAMPLE[0], A([[0.2, 1.5, 0.1], [2.0, 0.3, 0.9]])), _bench_masks,
                        bad_inputs=_VALUES)
def _bench_label_lists(size, rng, logits):
    p = _normal(size, rng)
    t = np.argsort(rng.random(p.shape), axis=-1).astype("int32")
    t[:, CLASSES // 2] = -1
    return t, p


def _bench_similarities(size, rng, logits):
    batch = max(2, int(math.sqrt(size)))
    return rng.integers(0, 10, batch).astype("int32"), rng.normal(size=(batch, batch)).astype("float32")


LABEL_LISTS = Domain("label_lists", strategies.label_lists,
                     lambda: (A([[2, -1, 0], [1, 0, -1]]), _LOGIT_CLASSES_EXAMPLE[1]), _bench_label_lists, labels=True,
                     bad_inputs=(_fractional_labels,))
SIMILARITY_MATRICES = Domain("similarity_matrices", strategies.similarity_matrices,
                             lambda: (A([0, 0, 1]), A([[23.0, 15.0, 17.0], [51.0, 33.0, 35.0], [79.0, 51.0, 53.0]])),
                             _bench_similarities, labels=True, pred_rank=2, bad_inputs=(_fractional_labels,))
ONE_HOT_ROWS = Domain("one_hot_rows", strategies.one_hot_rows, lambda: _ONE_HOT_EXAMPLE, _bench_one_hot(softmax=True),
                      probabilities=True, pred_rank=2, fd_length=_probability_length, bad_inputs=_PROBABILITIES)
BOXES = Domain("boxes", strategies.boxes, lambda: _BOXES_EXAMPLE, _bench_boxes)

CTC = Domain("ctc", strategies.ctc, lambda: (A([[1, 2], [1, 0]]), np.zeros((2, 4, 3))), _bench_ctc, labels=True,
             pred_rank=3, bad_inputs=(_ctc_label_out_of_range,))
