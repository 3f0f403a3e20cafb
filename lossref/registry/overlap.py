"""Records of the overlap (segmentation) losses."""

import numpy as np

from lossref import domains
from lossref import losses as impl
from lossref.gradients import along, group_radius
from lossref.reference import overlap as ref
from lossref.registry.spec import UNIT, Divergence, LossSpec, Smoothness
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
            "α weighs false negatives and β false positives, the reverse of the docstring and Salehi et al.",
            "keras-team/keras#23322 (dup), fixed by #23333 after 3.15.1",
            lambda: (A([[1.0, 1.0, 0.0, 0.0]]), A([[1.0, 0.0, 1.0, 1.0]]), {"alpha": 0.9, "beta": 0.1}),
            region=lambda case, dtype: case.params.get("alpha", 0.5) != case.params.get("beta", 0.5),
            avoided_by={"alpha": 0.5, "beta": 0.5}),),
        value_range=UNIT, training=(T("masks", **_MASK_RUN, params={"alpha": 0.3, "beta": 0.7}),)),
]

