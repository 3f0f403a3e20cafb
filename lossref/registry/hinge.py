"""Records of the margin (hinge) losses."""

import numpy as np

from lossref import domains
from lossref import losses as impl
from lossref.gradients import along, near
from lossref.reference import hinge as ref
from lossref.registry._shared import float32_on_torch, kink, optax_float64, scale_terms
from lossref.registry.spec import NONNEGATIVE, Bench, Defect, LossSpec, Smoothness, absent
from lossref.registry.spec import Training as T


def _margin(t, p, params, r):
    """y_true·y_pred = 1."""
    return near(ref.signed(t) * p, 1.0, r)


def _categorical_margin(t, p, params, r):
    """The margin neg − pos + 1 = 0, or a tie of the two largest negatives."""
    negatives = (1.0 - t) * p
    top2 = np.sort(negatives, axis=-1)[..., -2:]
    margin = top2[..., -1] - np.sum(t * p, axis=-1) + 1.0
    reach = 2 * np.max(r, axis=-1)
    return along(((top2[..., 1] - top2[..., 0] <= reach) | (np.abs(margin) <= reach))[..., None])


def _sign_change(t, p, params, r):
    """y_true·y_pred = 0 (the perceptron's kink)."""
    return near(ref.signed(t) * p, 0.0, r)


def _at_margin(t, p, params, r):
    """A dissimilar pair (−1) at y_pred = margin."""
    return (ref.signed(t) < 0) & near(p, params.get("margin", 1.0), r)


def _top_two(values, r):
    """Rows whose two largest entries are within reach of a tie."""
    top2 = np.sort(values, axis=-1)[..., -2:]
    return along((top2[..., 1] - top2[..., 0] <= 2 * np.max(r, axis=-1))[..., None])


def _crammer_singer_tie(t, p, params, r):
    """A tie of the two largest s_j + 1 − [j = y]."""
    return _top_two(p + 1.0 - ref.one_hot(t.astype(np.int64), p), r)


def _largest_tie(t, p, params, r):
    return _top_two(p, r)


def _class_margins(t, p, params, r):
    """A row where some margin − s_y + s_j (j ≠ y) is 0."""
    _, rows, z = ref._margins(t, p, params.get("margin", 1.0))
    reach = 2 * np.max(r, axis=-1, keepdims=True)
    return along(np.any((np.abs(z) <= reach) & (rows == 0), axis=-1, keepdims=True))


def _largest_score(t, p, params):
    """Scores of up to ±100 cancel in max − s_y."""
    return 1.0 + np.max(np.abs(p), axis=-1)


_MAXIMUM_ON_TORCH = float32_on_torch("ops.maximum(…, 0.0) with a Python float computes in float32")
_SIGNED_RUN = (T("breast_cancer_signed", bar=0.9, head="tanh"),)

RECORDS = [
    LossSpec(
        "hinge", "hinge", "mean(max(1 − t·p, 0)), t ∈ {−1, 1}", impl.hinge, ref.hinge, ref.hinge_grad,
        domains.SIGNED_LABELS, keras="hinge",
        smoothness=Smoothness(_margin, (kink("y_true·y_pred = 1", [[1.0, -1.0]], [[1.0, -1.0]], [-0.5, 0.0],
                                             [0.0, 0.5], {"*": [0.0, 0.0]}),)),
        value_range=NONNEGATIVE, training=_SIGNED_RUN, defects=(_MAXIMUM_ON_TORCH,),
        bench=Bench(elementwise=True, natives={"jax": "optax.hinge_loss"})),
    LossSpec(
        "squared_hinge", "hinge", "mean(max(1 − t·p, 0)²)", impl.squared_hinge, ref.squared_hinge,
        ref.squared_hinge_grad, domains.SIGNED_LABELS, keras="squared_hinge",
        smoothness=Smoothness(_margin, (  # C¹ at the margin, not C²
            kink("y_true·y_pred = 1 (differentiable: 0)", [[1.0, -1.0]], [[1.0, -1.0]], [0.0, 0.0], [0.0, 0.0],
                 {"*": [0.0, 0.0]}),)),
        value_range=NONNEGATIVE, training=_SIGNED_RUN, defects=(_MAXIMUM_ON_TORCH,), bench=Bench(elementwise=True)),
    LossSpec(
        "categorical_hinge", "hinge", "max(max((1 − t)·p) − Σt·p + 1, 0)", impl.categorical_hinge,
        ref.categorical_hinge, ref.categorical_hinge_grad, domains.ONE_HOT_REAL, keras="categorical_hinge",
        alignment=None,
        smoothness=Smoothness(_categorical_margin, (
            kink("margin neg − pos + 1 = 0", [[1.0, 0.0]], [[2.0, 1.0]], [-1.0, 0.0], [0.0, 1.0], {"*": [0.0, 0.0]}),
            kink("tie of the largest negatives", [[1.0, 0.0, 0.0]], [[0.0, 0.5, 0.5]], [-1.0, 0.0, 0.0],
                 [-1.0, 1.0, 1.0], {"*": [-1.0, 0.5, 0.5]}),
        )),
        scale=_largest_score,
        value_range=NONNEGATIVE, training=(T("iris", bar=0.85, epochs=40),), defects=(_MAXIMUM_ON_TORCH,)),
]

_SCORES_RUN = (T("iris_sparse", bar=0.85, epochs=40),)


_ONE_HOT_FLOAT64 = optax_float64("jax.nn.one_hot(labels, C) defaults to float64 there, and the product with the "
                                  "scores promotes them")

RECORDS += [
    LossSpec(
        "soft_margin_loss", "hinge", "mean(log(1 + exp(−t·p))), t ∈ {−1, 1}", impl.soft_margin_loss,
        ref.soft_margin_loss, ref.soft_margin_loss_grad, domains.SIGNED_LABELS,
        keras=absent("not in Keras: torch.nn.functional.soft_margin_loss"), source="torch",
        smoothness=absent("smooth: softplus"), value_range=NONNEGATIVE,
        defects=(Defect("torch.nn.functional.soft_margin_loss computes log(1 + exp(−y·x)) as written: inf once −y·x "
                        "exceeds 88.7 in float32 (709.8 in float64), a confidently wrong prediction, and a NaN "
                        "gradient there; softplus(−y·x) is finite", "not reported",
                        ("values", "value_range", "gradient_finite", "gradient_analytic", "gradient_fd",
                         "weight_algebra"), backends=("torch",), library="torch"),),
        training=(T("breast_cancer_signed", bar=0.9),),
        bench=Bench(elementwise=True, natives={"torch": "torch.nn.functional.soft_margin_loss"})),
    LossSpec(
        "perceptron_loss", "hinge", "mean(max(−t·p, 0)), t ∈ {−1, 1}", impl.perceptron_loss, ref.perceptron_loss,
        ref.perceptron_loss_grad, domains.SIGNED_LABELS, keras=absent("not in Keras: optax.losses.perceptron_loss"),
        source="optax",
        smoothness=Smoothness(_sign_change, (kink("y_true·y_pred = 0", [[1.0, -1.0]], [[0.0, 1.0]], [-0.5, 0.5],
                                                  [0.0, 0.5], {"*": [0.0, 0.5]}),)),
        value_range=NONNEGATIVE, training=(T("breast_cancer_signed", bar=0.9),),
        bench=Bench(elementwise=True, natives={"jax": "optax.losses.perceptron_loss"})),
    LossSpec(
        "hinge_embedding_loss", "hinge", "mean(p if t = 1 else max(margin − p, 0)), t ∈ {−1, 1}",
        impl.hinge_embedding_loss, ref.hinge_embedding_loss, ref.hinge_embedding_loss_grad, domains.SIGNED_LABELS,
        keras=absent("not in Keras: torch.nn.functional.hinge_embedding_loss"), source="torch",
        smoothness=Smoothness(_at_margin, (kink("t = −1, y_pred = margin", [[-1.0, 1.0]], [[1.0, 2.0]], [-0.5, 0.5],
                                                [0.0, 0.5], {"*": [0.0, 0.5]}),)),
        value_range=absent("signed: a similar pair (t = 1) contributes y_pred itself, negative for y_pred < 0"),
        scale=scale_terms(lambda t, p, params: p, lambda t, p, params: np.full(p.shape, params.get("margin", 1.0))),
        training=(T("breast_cancer_distance", bar=0.9, head="softplus"),),
        bench=Bench(elementwise=True, natives={"torch": "torch.nn.functional.hinge_embedding_loss"}),
        notes="y_pred is a distance (≥ 0 in use); similar pairs (1) pull it to 0, dissimilar ones (−1) push it past "
              "the margin."),
    LossSpec(
        "multiclass_hinge_loss", "hinge", "max_j(s_j + 1 − [j = y]) − s_y", impl.multiclass_hinge_loss,
        ref.multiclass_hinge_loss, ref.multiclass_hinge_loss_grad, domains.SPARSE_SCORES,
        keras=absent("not in Keras: optax.losses.multiclass_hinge_loss"), source="optax", alignment="labels",
        smoothness=Smoothness(_crammer_singer_tie, (
            kink("tie of two other classes", [0], [[0.0, 1.0, 1.0]], [-1.0, 0.0, 0.0], [-1.0, 1.0, 1.0],
                 {"*": [-1.0, 0.5, 0.5]}),
            kink("margin 0: s_y = s_j + 1", [0], [[1.0, 0.0]], [-1.0, 0.0], [0.0, 1.0], {"*": [-0.5, 0.5]}),
        )),
        scale=_largest_score,
        value_range=NONNEGATIVE, training=_SCORES_RUN,
        defects=(_ONE_HOT_FLOAT64,
                 Defect("optax.losses.multiclass_hinge_loss: values below 0 (−4.8e-7 in float32) where the true class "
                        "wins: its own entry is computed as (s_y + 1) − 1, which rounds", "not reported",
                        ("value_range",), backends=("jax",), library="optax")),
        bench=Bench(natives={"jax": "optax.losses.multiclass_hinge_loss"})),
    LossSpec(
        "multiclass_perceptron_loss", "hinge", "max_j s_j − s_y", impl.multiclass_perceptron_loss,
        ref.multiclass_perceptron_loss, ref.multiclass_perceptron_loss_grad, domains.SPARSE_SCORES,
        keras=absent("not in Keras: optax.losses.multiclass_perceptron_loss"), source="optax", alignment="labels",
        smoothness=Smoothness(_largest_tie, (
            kink("tie of the largest scores", [0], [[1.0, 1.0]], [-1.0, 0.0], [0.0, 1.0], {"*": [-0.5, 0.5]}),)),
        scale=_largest_score,
        value_range=NONNEGATIVE, training=_SCORES_RUN, defects=(_ONE_HOT_FLOAT64,),
        bench=Bench(natives={"jax": "optax.losses.multiclass_perceptron_loss"})),
    LossSpec(
        "multi_margin_loss", "hinge", "w[y]·Σ_{j≠y} max(margin − s_y + s_j, 0)^p / C", impl.multi_margin_loss,
        ref.multi_margin_loss, ref.multi_margin_loss_grad, domains.SPARSE_SCORES,
        keras=absent("not in Keras: torch.nn.functional.multi_margin_loss"), source="torch", alignment="labels",
        smoothness=Smoothness(_class_margins, (
            kink("margin − s_y + s_j = 0 (p = 1)", [0], [[1.0, 0.0]], [-0.5, 0.0], [0.0, 0.5], {"*": [0.0, 0.0]}),
            kink("margin − s_y + s_j = 0 (p = 2: differentiable, 0)", [0], [[1.0, 0.0]], [0.0, 0.0], [0.0, 0.0],
                 {"*": [0.0, 0.0]}, p=2),
        )),
        scale=lambda t, p, params: 1.0 + np.max(np.abs(p), axis=-1) ** params.get("p", 1),
        value_range=NONNEGATIVE, training=_SCORES_RUN,
        bench=Bench(natives={"torch": "torch.nn.functional.multi_margin_loss"}),
        notes="torch documents w[y] inside the max, which p = 2 would square; its code multiplies the term once, "
              "as lossref does."),
]


def _label_list_margins(t, p, params, r):
    """A target and a non-target score exactly 1 apart (the hinge's kink): the list's row."""
    member = ref._targets(t, p.shape[-1])
    gap = 1.0 - p[..., :, None] + p[..., None, :]
    pairs = member[..., :, None] & ~member[..., None, :]
    reach = 2 * np.max(r, axis=-1)[..., None, None]
    return along(np.any(pairs & (np.abs(gap) <= reach), axis=(-2, -1))[..., None])


RECORDS += [
    LossSpec(
        "multilabel_margin_loss", "hinge", "Σ_{j ∈ T, i ∉ T} max(1 − (x_j − x_i), 0) / C", impl.multilabel_margin_loss,
        ref.multilabel_margin_loss, ref.multilabel_margin_loss_grad, domains.LABEL_LISTS,
        keras=absent("not in Keras: torch.nn.functional.multilabel_margin_loss"), source="torch", alignment=None,
        smoothness=Smoothness(_label_list_margins, (
            kink("x_j − x_i = 1", [[0, -1]], [[1.0, 0.0]], [-0.5, 0.0], [0.0, 0.5], {"*": [0.0, 0.0]}),)),
        scale=lambda t, p, params: 1.0 + np.max(np.abs(p), axis=-1) * p.shape[-1],
        value_range=NONNEGATIVE, training=(T("digits_attribute_lists", bar=0.85),),
        bench=Bench(natives={"torch": "torch.nn.functional.multilabel_margin_loss"},
                    wrong={("torch", "native", "compiled", "*"): "torch.compile's decomposition of "
                           "multilabel_margin_loss counts the entries after the −1 that ends a target list "
                           "(pytorch/pytorch#141017, open; fix #189552 after torch 2.13.0)"}),
        notes="y_true (…, C) lists the target classes, padded with −1 (torch's convention); y_pred (…, C) scores."),
]
