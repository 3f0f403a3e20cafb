"""Records of the losses over structured batches (metric learning, sequences)."""

import numpy as np

from lossref import domains
from lossref import losses as impl
from lossref.gradients import near
from lossref.reference import structured as ref
from lossref.registry._shared import float32_on_torch
from lossref.registry.spec import BACKENDS, NONNEGATIVE, Bench, Defect, LossSpec, Smoothness, absent
from lossref.registry.spec import Training as T


def _circle_kinks(t, p, params, r):
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


RECORDS = [
    LossSpec(
        "circle", "structured", "softplus(lse_pos(−γα_p(s_p − Δ_p)) + lse_neg(γα_n(s_n − Δ_n)))", impl.circle,
        ref.circle, absent("no closed-form gradient here: finite differences of the reference check it"),
        domains.EMBEDDINGS, keras="circle",
        smoothness=Smoothness(_circle_kinks, smooth_params={"remove_diagonal": True}),
        independent_samples=False, alignment=None,
        output_mask=lambda t, p, params: ref.circle_valid(t, params.get("remove_diagonal", True)),
        scale=lambda t, p, params: 1.0 + 3.0 * params.get("gamma", 80.0),
        value_range=NONNEGATIVE,
        training=(T("digits_embeddings", bar=0.85, head="unit_norm", batch_size=64, hidden=32, slow=True),),
        defects=(Defect("the loss masks its own values where they are exactly 0 (set_keras_mask(loss > 0)), so a "
                        "perfectly fitted anchor leaves the mean: sum_over_batch_size divides by the anchors with a "
                        "positive loss, not by the anchors (the mean jumps as anchors are fitted)", "not reported",
                        ("weight_algebra",)),
                 float32_on_torch("ops.matmul computes in float32")),
        bench=Bench(max_size=2**20),  # 2**24 would need a 65536² similarity matrix
        notes="Couples samples: each anchor's value depends on the whole batch of embeddings."),
    LossSpec(
        "ctc", "structured", "−log Σ_alignments Π softmax(p)[t, a_t]", impl.ctc, ref.ctc,
        absent("no closed-form gradient here: finite differences of the forward recursion check it"),
        domains.CTC, keras="ctc", smoothness=absent("smooth in the logits"), alignment=None,
        scale=lambda t, p, params: 1.0 + p.shape[1] * np.max(np.abs(p), axis=(1, 2)),
        tolerance_overrides={(backend, "float64"): (
            "float32", "keras.ops.ctc_loss computes in float32 for float64 input on every backend "
            "(JAX and torch return float32, TF casts back); verified in Keras 3.15.1") for backend in BACKENDS},
        value_range=NONNEGATIVE, training=(T("sequences", bar=0.8, hidden=32, slow=True),),
        defects=(Defect("returns float32 for float64 input: ops.ctc_loss computes in float32 and does not cast back",
                        "not reported", ("values",), backends=("jax", "torch"), dtypes=("float64",)),
                 Defect("−5.96e-8 for an empty label against a single step, below the minimum 0 of a −log "
                        "probability: the JAX recursion rounds (lossref clamps at 0)", "keras-team/keras#23684",
                        ("value_range",), backends=("jax",))),
        bench=Bench(natives={"torch": "torch.nn.functional.ctc_loss", "jax": "optax.ctc_loss",
                             "tensorflow": "tf.nn.ctc_loss"}),
        notes="Clamped at 0 against keras-team/keras#23684 (JAX recursion slightly negative)."),
]
