"""How smooth each loss is in y_pred, for the gradient properties (see lossref/gradients.py).

MASKS[name](t, p, params, radius): the gradient entries whose value depends on a kink within `radius`
(each entry's allowed movement). LENGTHS[name](t, p, params): the length over which the loss varies, per
entry, when the domain's default (lossref.gradients.length_scale) is wrong for it. GRADIENT_SCALES[name]:
the size of the terms that cancel in the analytic gradient. POINTS[name]: Kink records, a witness exactly
at the kink, the subdifferential box of the gradient of Σ loss there, and what each backend returns.
"""

import numpy as np

from lossref.constants import EPSILON
from lossref.gradients import along, group_radius, near
from lossref.reference.hinge import signed
from lossref.registry.spec import Kink

A = np.asarray


def _tie(t, p, params, r):
    return near(p, t, r)


def _huber(t, p, params, r):  # C¹ but not C²: central differences lose an order of accuracy across |e| = δ
    return near(np.abs(p - t), params.get("delta", 1.0), r)


def _clip_low(t, p, params, r):
    return near(p, EPSILON, r)


def _norm(axis):
    def mask(t, p, params, r):
        """‖y_pred‖ = ε along the axis (the norm clip)."""
        a = params.get("axis", axis)
        norm = np.sqrt(np.sum(p * p, axis=a, keepdims=True))
        return along(near(norm, EPSILON, np.sqrt(group_radius(r**2, a))), a)

    return mask


def _relative_rmse(t, p, params, r):  # the cone's tip, e = 0
    return np.broadcast_to(np.sqrt(np.sum((p - t) ** 2)) <= 10 * np.sqrt(np.sum(r**2)), p.shape)


def _margin(t, p, params, r):
    return near(signed(t) * p, 1.0, r)


def _categorical_hinge(t, p, params, r):
    negatives = (1.0 - t) * p
    top2 = np.sort(negatives, axis=-1)[..., -2:]
    margin = top2[..., -1] - np.sum(t * p, axis=-1) + 1.0
    reach = 2 * np.max(r, axis=-1)
    return along(((top2[..., 1] - top2[..., 0] <= reach) | (np.abs(margin) <= reach))[..., None])


def _unit_clip(t, p, params, r):
    return near(p, EPSILON, r) | near(p, 1.0, r)


def _binary_clip(t, p, params, r):
    """y_pred at the clip edges ε and 1 − ε (probabilities only)."""
    if params.get("from_logits"):
        return np.zeros(p.shape, bool)
    return near(p, EPSILON, r) | near(p, 1.0 - EPSILON, r)


def _class_clip(t, p, params, r):
    """p / Σp at ε or 1 − ε anywhere along the class axis taints the whole distribution."""
    if params.get("from_logits"):
        return np.zeros(p.shape, bool)
    axis = params.get("axis", -1)
    total = np.sum(p, axis=axis, keepdims=True)
    q = p / total
    reach = 2 * np.max(r, axis=axis, keepdims=True) / total
    return along(near(q, EPSILON, reach) | near(q, 1.0 - EPSILON, reach), axis)


def _label_clip(t, p, params, r):
    rows = (np.arange(p.shape[0]), t.reshape(-1).astype(np.int64))
    picked, reach = p[rows], r[rows]
    return along((near(picked, EPSILON, reach) | near(picked, 1.0, reach))[:, None])


def _small_denominator(t, p, params, r):
    """Dice divides by Σt + Σp + ε, ~ε when t and p are all zero: keep 100 radii away."""
    axis = params.get("axis")
    axis = None if axis is None else tuple(axis)
    total = np.sum(t, axis=axis, keepdims=True) + np.sum(p, axis=axis, keepdims=True)
    return along(total <= 100 * group_radius(r, axis), axis)


def _tversky(t, p, params, r):
    """TP + α·FP + β·FN can be ~ε (β = 0 and nothing predicted): keep 100 radii away."""
    axis = params.get("axis")
    axis = None if axis is None else tuple(axis)
    alpha, beta = params.get("alpha", 0.5), params.get("beta", 0.5)
    denominator = np.sum(t * p + alpha * (1.0 - t) * p + beta * t * (1.0 - p), axis=axis, keepdims=True)
    return along(denominator <= 100 * (1.0 + alpha + beta) * group_radius(r, axis), axis)


def _circle(t, p, params, r):
    """Similarities at the cap 1 (always on the diagonal when it counts), at α_p's relu (1 + m), at α_n's
    (−m): each is a kink for the whole batch."""
    if not params.get("remove_diagonal", True):
        return np.ones(p.shape, bool)
    s = p @ p.T
    off = ~np.eye(len(s), dtype=bool)
    reach = 4 * np.max(r) * np.sqrt(p.shape[1])
    margin = params.get("margin", 0.4)
    hit = off & (near(s, 1.0, reach) | near(s, 1.0 + margin, reach) | near(s, -margin, reach))
    return np.broadcast_to(hit.any(), p.shape)


def _row_norm(t, p, params):
    """Cosine losses are scale-invariant in p: they vary over the length ‖p‖ (0 for a zero vector: not moved)."""
    axis = params.get("axis", -1)
    return np.broadcast_to(np.sqrt(np.sum(p * p, axis=axis, keepdims=True)), p.shape)


def _inverse_norm(t, p, params):
    """The analytic cosine gradient is t̂/‖p‖ − (t̂·p)p/‖p‖³: terms of size 1/max(‖p‖, ε) cancel."""
    return 1.0 / np.maximum(_row_norm(t, p, params), EPSILON)


def _error_norm(t, p, params):
    """relative_rmse is ‖e‖/√n/mean(t²) − 1, a cone in e = p − t: it bends on the length ‖e‖."""
    return np.full(p.shape, np.sqrt(np.sum((p - t) ** 2)))


LENGTHS = {"cosine_similarity": _row_norm, "cosine_proximity": _row_norm, "relative_rmse": _error_norm}

GRADIENT_SCALES = {"cosine_similarity": _inverse_norm, "cosine_proximity": _inverse_norm}

MASKS = {
    "mean_absolute_error": _tie,
    "mean_absolute_percentage_error": _tie,
    "penalized_absolute_error": _tie,
    "huber": _huber,
    "mean_squared_logarithmic_error": _clip_low,
    "cosine_similarity": _norm(-1),
    "cosine_proximity": _norm(-1),
    "relative_rmse": _relative_rmse,
    "hinge": _margin,
    "squared_hinge": _margin,  # C¹ at the margin, not C²
    "categorical_hinge": _categorical_hinge,
    "kl_divergence": _unit_clip,
    "binary_crossentropy": _binary_clip,
    "binary_focal_crossentropy": _binary_clip,
    "categorical_crossentropy": _class_clip,
    "categorical_focal_crossentropy": _class_clip,
    "sparse_categorical_crossentropy": _class_clip,
    "categorical_generalized_cross_entropy": _label_clip,
    "dice": _small_denominator,
    "tversky": _tversky,
    "circle": _circle,
}


def _kink(where, t, p, low, high, pinned, **params):
    return Kink(where, lambda: (A(t), A(p), params), tuple(np.ravel(low)), tuple(np.ravel(high)), pinned)


# y_true = 1, y_pred = ε: −t/p clipped at ε, the same kink in KL and BCE (JAX splits the tie in clip)
LOWER_CLIP = _kink("y_pred = ε (lower clip)", [[1.0]], [[EPSILON]], [-1 / EPSILON], [0.0],
                   {"tensorflow": [-10000000.0], "torch": [-10000000.0], "jax": [-5000000.0]})

# Gradients of Σ loss (all weights 1) exactly at each kink, float64. `pinned` is what each backend returns.
POINTS = {
    "mean_absolute_error": (
        _kink(
            "|e| = 0 (entry 0; entry 1 is smooth)",
            [[0.5, 1.0]],
            [[0.5, 2.0]],
            [-0.5, 0.5],
            [0.5, 0.5],
            {"tensorflow": [0.0, 0.5], "torch": [0.0, 0.5], "jax": [0.5, 0.5]},
        ),
    ),
    "mean_absolute_percentage_error": (
        _kink("|e| = 0", [[2.0]], [[2.0]], [-50.0], [50.0], {"tensorflow": [0.0], "torch": [0.0], "jax": [-50.0]}),
    ),
    "penalized_absolute_error": (
        _kink("|e| = 0", [[1.0]], [[1.0]], [-0.5], [0.5], {"tensorflow": [0.0], "torch": [0.0], "jax": [-0.5]}),
    ),
    "huber": (
        _kink(
            "|e| = δ (differentiable: δ·sign(e)/n from both sides)",
            [[0.0, 0.0]],
            [[1.0, -1.0]],
            [0.5, -0.5],
            [0.5, -0.5],
            {"*": [0.5, -0.5]},
            delta=1.0,
        ),
    ),
    "mean_squared_logarithmic_error": (
        _kink(
            "y_pred = ε (the clip max(p, ε))",
            [[1.0]],
            [[EPSILON]],
            [2 * (np.log1p(EPSILON) - np.log1p(1.0)) / (1 + EPSILON)],
            [0.0],
            {"*": [0.0]},
        ),
    ),
    "cosine_similarity": (
        _kink(
            "‖y_pred‖ = ε (the norm clip)",
            [[1.0, 0.0]],
            [[EPSILON, 0.0]],
            [-1 / EPSILON, 0.0],
            [0.0, 0.0],
            {"tensorflow": [-10000000.0, 0.0], "torch": [-10000000.0, 0.0], "jax": [-10000000.000000002, 0.0]},
        ),
        _kink(
            "y_pred = 0 (zero vector; smooth: p/ε)",
            [[1.0, 0.0]],
            [[0.0, 0.0]],
            [-1 / EPSILON, 0.0],
            [-1 / EPSILON, 0.0],
            {"tensorflow": [-10000000.0, 0.0], "torch": [-10000000.0, 0.0], "jax": [-10000000.000000002, 0.0]},
        ),
    ),
    "relative_rmse": (
        _kink(
            "y_pred = y_true (the cone ‖e‖ at 0)",
            [[1.0, 2.0]],
            [[1.0, 2.0]],
            [-0.4, -0.4],
            [0.4, 0.4],
            {"*": [0.0, 0.0]},
        ),
    ),
    "hinge": (_kink("y_true·y_pred = 1", [[1.0, -1.0]], [[1.0, -1.0]], [-0.5, 0.0], [0.0, 0.5], {"*": [0.0, 0.0]}),),
    "squared_hinge": (
        _kink(
            "y_true·y_pred = 1 (differentiable: 0)",
            [[1.0, -1.0]],
            [[1.0, -1.0]],
            [0.0, 0.0],
            [0.0, 0.0],
            {"*": [0.0, 0.0]},
        ),
    ),
    "categorical_hinge": (
        _kink("margin neg − pos + 1 = 0", [[1.0, 0.0]], [[2.0, 1.0]], [-1.0, 0.0], [0.0, 1.0], {"*": [0.0, 0.0]}),
        _kink(
            "tie of the largest negatives",
            [[1.0, 0.0, 0.0]],
            [[0.0, 0.5, 0.5]],
            [-1.0, 0.0, 0.0],
            [-1.0, 1.0, 1.0],
            {"*": [-1.0, 0.5, 0.5]},
        ),
    ),
    "kl_divergence": (
        LOWER_CLIP,
        _kink(
            "y_pred = 1 (upper clip)",
            [[1.0]],
            [[1.0]],
            [-1.0],
            [0.0],
            {"tensorflow": [-1.0], "torch": [-1.0], "jax": [-0.5]},
        ),
    ),
    "binary_crossentropy": (
        LOWER_CLIP,
        _kink(
            "y_pred = 1 − ε (1 − y_pred rounds just below ε: clipped)",
            [[0.0]],
            [[1.0 - EPSILON]],
            [0.0],
            [1 / EPSILON],
            {"*": [0.0]},
        ),
    ),
    "categorical_generalized_cross_entropy": (
        _kink(
            "y_pred[label] = 1 (clip)",
            [0],
            [[1.0, 0.0]],
            [-1.0, 0.0],
            [0.0, 0.0],
            {"tensorflow": [-1.0, 0.0], "torch": [-1.0, 0.0], "jax": [-0.5, 0.0]},
        ),
        _kink(
            "y_pred[label] = ε (clip)",
            [0],
            [[EPSILON, 1.0 - EPSILON]],
            [-(EPSILON**-0.5), 0.0],
            [0.0, 0.0],
            {
                "tensorflow": [-3162.277660168378, 0.0],
                "jax": [-1581.138830084039, 0.0],
                "torch": [-3162.277660168078, 0.0],
            },
        ),
    ),
}
