"""Records of the overlap (segmentation) losses."""

import numpy as np

from lossref import domains
from lossref import losses as impl
from lossref.gradients import along, group_radius
from lossref.reference import overlap as ref
from lossref.registry.spec import NONNEGATIVE, UNIT, Bench, Divergence, Example, LossSpec, Smoothness, absent
from lossref.registry.spec import Training as T

A = np.asarray


def _axes(params):
    axis = params.get("axis")
    return None if axis is None else tuple(axis)


def _small_denominator(t, p, params, r):
    """Dice divides by Σt + Σp + ε, ~ε when t and p are all zero: keep 100 radii away."""
    axis = _axes(params)
    total = np.sum(t, axis=axis, keepdims=True) + np.sum(p, axis=axis, keepdims=True)
    return along(total <= 100 * group_radius(r, axis), axis)


def _tversky_denominator(t, p, params, r):
    """TP + α·FP + β·FN can be ~ε (β = 0 and nothing predicted): keep 100 radii away."""
    axis = _axes(params)
    alpha, beta = params.get("alpha", 0.5), params.get("beta", 0.5)
    denominator = np.sum(t * p + alpha * (1.0 - t) * p + beta * t * (1.0 - p), axis=axis, keepdims=True)
    return along(denominator <= 100 * (1.0 + alpha + beta) * group_radius(r, axis), axis)


def _batch_level(params):
    return params.get("axis") is None or 0 in params["axis"]


_MASK_RUN = {"bar": 0.7, "head": "sigmoid", "hidden": 32}

RECORDS = [
    LossSpec(
        "dice", "overlap", "1 − 2Σt·p / (Σt + Σp + ε)", impl.dice, ref.dice, ref.dice_grad, domains.MASKS,
        keras="dice", smoothness=Smoothness(_small_denominator), batch_level=_batch_level, alignment=None,
        value_range=UNIT, training=(T("masks", **_MASK_RUN),)),
    LossSpec(
        "tversky", "overlap", "1 − TP / (TP + α·FP + β·FN + ε)", impl.tversky, ref.tversky, ref.tversky_grad,
        domains.MASKS, keras="tversky", smoothness=Smoothness(_tversky_denominator),
        batch_level=_batch_level, alignment=None,
        divergences=(Divergence(
            "tversky-alpha-beta-swapped",
            "α weighs false negatives and β false positives, the reverse of the docstring and Salehi et al.",
            "keras-team/keras#23322 (dup), fixed by #23333 after 3.15.1",
            lambda: (A([[1.0, 1.0, 0.0, 0.0]]), A([[1.0, 0.0, 1.0, 1.0]]), {"alpha": 0.9, "beta": 0.1}),
            region=lambda case, dtype: case.params.get("alpha", 0.5) != case.params.get("beta", 0.5),
            avoided_by={"alpha": 0.5, "beta": 0.5}),),
        value_range=UNIT, training=(T("masks", **_MASK_RUN, params={"alpha": 0.3, "beta": 0.7}),)),
]



def _box_edges(t, p, params, r):
    """A coordinate of one box on one of the other's (max/min switch), or an empty width or height."""
    reach = 2 * np.max(r, axis=-1, keepdims=True)
    ties = np.any(np.abs(t[..., :, None] - p[..., None, :]) <= reach[..., None], axis=(-2, -1))
    sizes = np.concatenate([p[..., 2:] - p[..., :2], t[..., 2:] - t[..., :2]], axis=-1)
    empty = np.any(np.abs(sizes) <= reach, axis=-1)
    return np.broadcast_to((ties | empty)[..., None], p.shape)


RECORDS += [
    LossSpec(
        "giou_loss", "overlap", "1 − IoU + (C − U)/C over boxes [y_min, x_min, y_max, x_max]", impl.giou_loss,
        ref.giou_loss, absent("no closed-form gradient here: finite differences of the reference check it"),
        domains.BOXES, keras=absent("not in Keras: tfa.losses.giou_loss"), source="tensorflow-addons",
        alignment=None, smoothness=Smoothness(_box_edges), value_range=(0.0, 2.0), zero_at_tie=False,
        examples=(Example([[4.0, 3.0, 7.0, 5.0], [5.0, 6.0, 10.0, 7.0]],
                          [[3.0, 4.0, 6.0, 8.0], [14.0, 14.0, 15.0, 15.0]], {}, 1.5041667,
                          "the tfa.losses.GIoULoss documentation (the mean over the two boxes)", mean=True),),
        training=(T("boxes", bar=0.5, hidden=32),),
        notes="One value per box; TensorFlow Addons is retired and does not install on TensorFlow 2.21."),
    LossSpec(
        "multiclass_generalized_dice_loss", "overlap", "mean(w_c·(1 − (I + 1)/(½P + ½T + 1))), w_c ∝ 1/F_c²",
        impl.multiclass_generalized_dice_loss, ref.multiclass_generalized_dice_loss,
        absent("no closed-form gradient here: finite differences of the reference check it"),
        domains.CATEGORICAL_LOGITS, keras=absent("not in Keras: optax.losses.multiclass_generalized_dice_loss"),
        source="optax", alignment=None, smoothness=absent("smooth: softmax and ratios of positive sums"),
        independent_samples=False, batch_level=lambda params: True, value_range=NONNEGATIVE,
        training=(T("iris", bar=0.85, epochs=40),),
        bench=Bench(natives={"jax": "optax.losses.multiclass_generalized_dice_loss"}),
        notes="One scalar for the batch: the class weights come from the batch's class totals."),
]

RECORDS += [
    LossSpec(
        "weighted_kappa_loss", "overlap", "log(Σ W[y, c]·p / (Σ n_a W[a, c] P_c / B) + ε) = log(1 − κ + ε)",
        impl.weighted_kappa_loss, ref.weighted_kappa_loss,
        absent("no closed-form gradient here: finite differences of the reference check it"), domains.ONE_HOT_ROWS,
        keras=absent("not in Keras: tfa.losses.WeightedKappaLoss"), source="tensorflow-addons", alignment=None,
        smoothness=absent("smooth where the expected disagreement is positive"), independent_samples=False,
        batch_level=lambda params: True,
        value_range=absent("log(1 − κ + ε): from log ε at perfect agreement up, about log 2 for chance"),
        examples=(Example([[0, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1]],
                          [[0.1, 0.2, 0.6, 0.1], [0.1, 0.5, 0.3, 0.1], [0.8, 0.05, 0.05, 0.1], [0.01, 0.09, 0.1, 0.8]],
                          {"num_classes": 4}, -1.1611925, "the tfa.losses.WeightedKappaLoss documentation"),),
        training=(T("digits_ordinal", bar=0.8, head="softmax", batch_size=64, hidden=32),),
        notes="One scalar for the batch: y_true one-hot (B, C), y_pred probabilities (B, C) of ordered classes."),
]
