"""Records of the margin (hinge) losses."""

import numpy as np

from lossref import domains
from lossref import losses as impl
from lossref.gradients import along, near
from lossref.reference import hinge as ref
from lossref.registry._shared import float32_on_torch, kink
from lossref.registry.spec import NONNEGATIVE, Bench, LossSpec, Smoothness
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
        scale=lambda t, p, params: 1.0 + np.max(np.abs(p), axis=-1),
        value_range=NONNEGATIVE, training=(T("iris", bar=0.85, epochs=40),), defects=(_MAXIMUM_ON_TORCH,)),
]
