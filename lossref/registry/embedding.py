"""Records of the losses over pairs, triplets and batches of embeddings (torch, optax, TensorFlow Addons)."""

import numpy as np

from lossref import domains
from lossref import losses as impl
from lossref.gradients import near
from lossref.reference import embedding as ref
from lossref.reference.hinge import signed
from lossref.registry._shared import kink
from lossref.registry.spec import NONNEGATIVE, Bench, Defect, Example, LossSpec, Smoothness, absent
from lossref.registry.spec import Training as T

NO_CLOSED_FORM = absent("no closed-form gradient here: finite differences of the reference check it")


def _ranking_margin(t, p, params, r):
    """−y·(x1 − x2) + margin = 0."""
    reach = r[..., 0] + r[..., 1]
    hit = near(signed(t) * (p[..., 0] - p[..., 1]), params.get("margin", 0.0), reach)
    return np.broadcast_to(hit[..., None], p.shape)


def _cosine_margin(t, p, params, r):
    """A dissimilar pair at cos = margin."""
    cosine = ref._cosine(p[:, 0], p[:, 1])
    hit = (signed(t) < 0) & near(cosine, params.get("margin", 0.0), 4 * np.max(r, axis=(1, 2)))
    return np.broadcast_to(hit[:, None, None], p.shape)


def _triplet_kinks(t, x, params, r):
    """The hinge at d(a, pos) − d(a, neg) + margin = 0, the swap's tie, and a difference at −eps (the norm's
    kink, and |·|'s for p = 1): each taints its triplet."""
    anchor, positive, negative = x[:, 0], x[:, 1], x[:, 2]
    p, eps, margin = params.get("p", 2.0), params.get("eps", 1e-6), params.get("margin", 1.0)
    squared = params.get("squared", False)
    reach = 4 * np.max(r, axis=(1, 2)) * x.shape[2] * (1 + squared * 2 * _extent(x))
    d_ap, d_an, d_pn = (ref.distance(a, b, p, eps, squared) for a, b in ((anchor, positive), (anchor, negative),
                                                                        (positive, negative)))
    d_neg = np.minimum(d_an, d_pn) if params.get("swap") else d_an
    hit = near(d_ap - d_neg + margin, 0.0, reach) | near(d_an, d_pn, reach) & bool(params.get("swap"))
    for a, b in ((anchor, positive), (anchor, negative), (positive, negative)):
        hit |= np.any(near(a - b + eps, 0.0, 2 * reach[:, None]), axis=-1)
    return np.broadcast_to(hit[:, None, None], x.shape)


def _extent(x):
    """The largest distance a triplet's rows can have, per triplet: d² moves by up to 2·d·(the move of d)."""
    return np.max(np.abs(x), axis=(1, 2)) * x.shape[2]


def _triplet_scale(t, x, params):
    """The distances that cancel in d(a, pos) − d(a, neg): up to ‖x‖₁ (squared: its square)."""
    extent = _extent(x)
    return 1.0 + params.get("margin", 1.0) + (extent**2 if params.get("squared") else extent)


def _contrastive_margin(t, p, params, r):
    return (ref.is_similar(t, params.get("similar", 1)) == 0) & near(p, params.get("margin", 1.0), r)


RECORDS = [
    LossSpec(
        "margin_ranking_loss", "embedding", "mean(max(−y·(x1 − x2) + margin, 0)), y_pred[..., 0/1] = x1/x2",
        impl.margin_ranking_loss, ref.margin_ranking_loss, ref.margin_ranking_loss_grad, domains.SIGNED_PAIRS,
        keras=absent("not in Keras: torch.nn.functional.margin_ranking_loss"), source="torch", alignment=None,
        smoothness=Smoothness(_ranking_margin, (
            kink("−y·(x1 − x2) + margin = 0", [[1.0]], [[[1.0, 1.0]]], [-1.0, 0.0], [0.0, 1.0], {"*": [0.0, 0.0]}),)),
        value_range=NONNEGATIVE, training=(T("breast_cancer_ranking", bar=0.9),),
        bench=Bench(natives={"torch": "torch.nn.functional.margin_ranking_loss"}),
        notes="Two scores per entry, stacked last: y_pred[..., 0] should rank above y_pred[..., 1] where y = 1."),
    LossSpec(
        "cosine_embedding_loss", "embedding", "1 − cos(x1, x2) (y = 1), max(cos(x1, x2) − margin, 0) (y = −1)",
        impl.cosine_embedding_loss, ref.cosine_embedding_loss, ref.cosine_embedding_loss_grad,
        domains.EMBEDDING_PAIRS, keras=absent("not in Keras: torch.nn.functional.cosine_embedding_loss"),
        source="torch", alignment=None,
        smoothness=Smoothness(_cosine_margin, (
            kink("y = −1 at cos = margin", [-1.0], [[[1.0, 0.0], [0.0, 1.0]]], [0.0, -1.0, -1.0, 0.0],
                 [1.0, 0.0, 0.0, 1.0], {"*": [0.0, 0.0, 0.0, 0.0]}),)),
        gradient_scale=lambda t, p, params: np.broadcast_to(
            1.0 / np.sqrt(np.min(np.sum(p * p, axis=-1), axis=-1) + 1e-12)[:, None, None], p.shape),
        value_range=(0.0, 2.0),
        training=(T("pair_signs", bar=0.8, hidden=32,
                    note="measured 0.852 (TensorFlow), 0.86 (torch), 0.872 (JAX), 0.848 (JAX, unoptimized XLA): the "
                         "bar leaves 0.05 below the least; chance is 0.5"),),
        defects=(Defect("torch.nn.functional.cosine_embedding_loss, float64: ε = 1e-12 is taken rounded to float32 "
                        "(9.99999996e-13), so values and gradients near a zero vector are 4e-9 relative off",
                        "not reported", ("values", "gradient_analytic"),
                        backends=("torch",), dtypes=("float64",), library="torch",
                        witnesses={"values": lambda: (np.array([-1.0]), np.array([[[1e-6], [1e-6]]]), {"margin": 0.0}),
                                   "gradient_analytic": lambda: (np.array([-1.0]), np.array([[[1.0], [0.0]]]),
                                                                 {"margin": -1.0})}),),
        bench=Bench(natives={"torch": "torch.nn.functional.cosine_embedding_loss"}),
        notes="Pairs stacked on axis 1: y_pred (B, 2, D); y_true (B,) 1 for a similar pair, −1 (or 0) otherwise."),
    LossSpec(
        "triplet_margin_loss", "embedding", "max(d(a, pos) − d(a, neg) + margin, 0), d(x, y) = ‖x − y + eps‖_p",
        impl.triplet_margin_loss, ref.triplet_margin_loss, NO_CLOSED_FORM, domains.TRIPLETS,
        keras=absent("not in Keras: torch.nn.functional.triplet_margin_loss"), source="torch", alignment=None,
        smoothness=Smoothness(_triplet_kinks), value_range=NONNEGATIVE,
        scale=_triplet_scale,
        training=(T("triplets", bar=0.85, hidden=32),),
        bench=Bench(natives={"torch": "torch.nn.functional.triplet_margin_loss",
                             "jax": "optax.losses.triplet_margin_loss"}),
        defects=(Defect("optax.losses.triplet_margin_loss adds eps under the root, (Σ(a − b)^p + eps)^(1/p), where "
                        "torch adds it to the difference, ‖a − b + eps‖_p: coinciding embeddings are eps^(1/p) apart "
                        "(1e-3 for p = 2), so values differ by up to 1e-3 and gradients near ties; and (a − b)^p "
                        "without |·| is no norm for odd p (NaN for a fractional p and a negative difference)",
                        "not reported",
                        ("values", "value_range", "gradient_finite", "gradient_fd", "weight_algebra"),
                        backends=("jax",), library="optax"),),
        notes="Triplets stacked on axis 1: y_pred (B, 3, D) = anchor, positive, negative; y_true (B,) is not read."),
    LossSpec(
        "contrastive_loss", "embedding", "mean(y·d² + (1 − y)·max(margin − d, 0)²)", impl.contrastive_loss,
        ref.contrastive_loss, ref.contrastive_loss_grad, domains.PAIR_DISTANCES,
        keras=absent("not in Keras: tfa.losses.contrastive_loss"), source="tensorflow-addons",
        smoothness=Smoothness(_contrastive_margin, (
            kink("y = 0 at d = margin (differentiable: 0)", [[0.0]], [[1.0]], [0.0], [0.0], {"*": [0.0]}),)),
        value_range=NONNEGATIVE, training=(T("breast_cancer_pair_distance", bar=0.9, head="softplus"),),
        bench=Bench(elementwise=True),
        notes="y_pred holds pair distances (B, 1), or (B, D) averaged; TensorFlow Addons is retired and does not "
              "install on TensorFlow 2.21."),
    LossSpec(
        "ntxent", "embedding", "−mean_pos log(e^{s_ij} / (e^{s_ij} + Σ_neg e^{s_ik})), s = cos / τ", impl.ntxent,
        ref.ntxent, NO_CLOSED_FORM, domains.EMBEDDINGS, keras=absent("not in Keras: optax.losses.ntxent"),
        source="optax", smoothness=absent("smooth for embeddings away from 0"), independent_samples=False,
        batch_level=lambda params: True, alignment=None, value_range=NONNEGATIVE,
        scale=lambda t, p, params: 1.0 + 2.0 / params.get("temperature", 0.07),
        training=(T("digits_embeddings", bar=0.85, head="unit_norm", batch_size=64, hidden=32,
                    params={"temperature": 0.1}),),
        # optax's ntxent broadcasts a (B, B, D) array for its cosines: 17 GB at 2^20 elements (B 4096, D 256)
        bench=Bench(max_size=2**16, natives={"jax": "optax.losses.ntxent"}),
        defects=(Defect("optax.losses.ntxent: NaN (0/0) for a batch without a positive pair, such as a small last "
                        "batch of an epoch; its gradient is NaN too", "not reported",
                        ("values", "value_range"), backends=("jax",), library="optax"),
                 Defect("optax.losses.ntxent, float32: −inf, and a NaN gradient, for a batch without a negative "
                        "pair (every label equal) once the temperature is below about 0.0113 (cos/τ beyond 88.7, "
                        "where exp overflows float32); lossref gives 0, nothing to push apart", "not reported",
                        ("gradient_fd",), backends=("jax",), dtypes=("float32",), library="optax",
                        witnesses={"gradient_fd": lambda: (np.zeros(4, int), np.array(
                            [[0.5403, 0.8415], [-0.9668, -0.2555], [0.8855, -0.4646], [-0.3392, 0.9407]]),
                            {"temperature": 0.01})})),
        notes="One scalar for the batch: y_pred (B, D) embeddings, y_true (B,) labels; 0 for a batch without two "
              "samples of one label."),
]


def _mining_ties(t, p, params, r):
    """Mined losses switch at ties of distances in a row, and bend at a distance 0 and at the hinge: any of them
    anywhere in the batch taints every entry."""
    d = ref.distances(p)
    reach = 8 * np.max(r)
    off = ~np.eye(len(d), dtype=bool)
    rows = np.sort(np.where(off, d, np.inf), axis=1)
    finite = np.isfinite(rows)
    ties = np.any((np.diff(rows, axis=1) <= reach) & finite[:, 1:])
    return np.broadcast_to(bool(ties) or bool(np.any(off & (d <= reach))), p.shape)


def expansion_error(p, u, squared=False):
    """The largest error of a pairwise distance computed by expansion, ‖a‖² − 2a·b + ‖b‖² (TensorFlow Addons'
    pairwise_distance and most batch-hard implementations), in a dtype of unit roundoff u: the squared distance
    errs by up to (D + 3)·u·(‖a‖² + ‖b‖²), and its root by that over 2d, at most its own root where d → 0."""
    norms = np.sum(p * p, axis=-1)
    squared_error = (p.shape[-1] + 3) * u * (norms[:, None] + norms[None, :])
    if squared:
        return float(np.max(squared_error, initial=0.0))
    d = ref.distances(p)
    with np.errstate(divide="ignore", invalid="ignore"):
        root_error = np.minimum(np.sqrt(squared_error), squared_error / (2 * d))
    return float(np.max(np.where(np.eye(len(p), dtype=bool), 0.0, root_error), initial=0.0))


def _mined_conditioning(t, p, params, u):
    """A loss of d_ap − d_an errs by twice a distance's error."""
    return 2.0 * expansion_error(p, u, params.get("squared", False))


def _lifted_conditioning(t, p, params, u):
    """J = log Σ e^{m − d} + d_ij errs by twice a distance's error δ, and max(J, 0)² by 2·|J|·2δ + (2δ)², |J| at
    most m + 2 + log(2B) for unit embeddings."""
    delta = 2.0 * expansion_error(p, u)
    return delta * (2.0 * (params.get("margin", 1.0) + 2.0 + np.log(2 * len(t))) + delta)


def _mined_scale(t, p, params):
    """Distances between unit-norm embeddings are at most 2 (squared: 4)."""
    return 1.0 + params.get("margin", 1.0) + (4.0 if params.get("squared") else 2.0)


_MINED = dict(domain=domains.EMBEDDINGS, source="tensorflow-addons", smoothness=Smoothness(_mining_ties),
              independent_samples=False, batch_level=lambda params: True, alignment=None, value_range=NONNEGATIVE,
              bench=Bench(max_size=2**16))
_TFA = "TensorFlow Addons is retired and does not install on TensorFlow 2.21; one scalar for the batch, y_pred (B, D) "\
    "embeddings and y_true (B,) labels"

RECORDS += [
    LossSpec(
        "triplet_semihard_loss", "embedding", "mean_(a,p) max(d_ap − d_an* + margin, 0), n* semi-hard",
        impl.triplet_semihard_loss, ref.triplet_semihard_loss, NO_CLOSED_FORM,
        keras=absent("not in Keras: tfa.losses.triplet_semihard_loss"),
        examples=(Example([0, 0], [[0.0, 1.0], [1.0, 0.0]], {}, 2.4142137,
                          "the tfa.losses.triplet_semihard_loss documentation"),),
        training=(T("digits_embeddings", bar=0.85, head="unit_norm", batch_size=64, hidden=32, slow=True),),
        scale=_mined_scale, conditioning=_mined_conditioning, notes=_TFA + ".", **_MINED),
    LossSpec(
        "triplet_hard_loss", "embedding", "mean_a max(max_p d_ap − min_n d_an + margin, 0) (soft: softplus)",
        impl.triplet_hard_loss, ref.triplet_hard_loss, NO_CLOSED_FORM,
        keras=absent("not in Keras: tfa.losses.triplet_hard_loss"),
        examples=(Example([0, 0], [[0.0, 1.0], [1.0, 0.0]], {}, 1.0,
                          "the tfa.losses.triplet_hard_loss documentation"),),
        training=(T("digits_embeddings", bar=0.85, head="unit_norm", batch_size=64, hidden=32, slow=True),),
        scale=_mined_scale, conditioning=_mined_conditioning, notes=_TFA + ".", **_MINED),
    LossSpec(
        "lifted_struct_loss", "embedding", "1/(2|P|) Σ_P max(log Σ_neg e^{m − d} + d_ij, 0)²", impl.lifted_struct_loss,
        ref.lifted_struct_loss, NO_CLOSED_FORM, keras=absent("not in Keras: tfa.losses.lifted_struct_loss"),
        training=(T("digits_embeddings", bar=0.85, batch_size=64, hidden=32, slow=True),),
        scale=lambda t, p, params: (1.0 + params.get("margin", 1.0) + 2.0 + np.log(len(t))) ** 2,
        conditioning=_lifted_conditioning, notes=_TFA + " (not normalized).", **_MINED),
    LossSpec(
        "npairs_loss", "embedding", "mean_i −Σ_j q_ij log softmax(S_i)_j, q_i ∝ [y_j = y_i]", impl.npairs_loss,
        ref.npairs_loss, ref.npairs_loss_grad, domains.SIMILARITY_MATRICES,
        keras=absent("not in Keras: tfa.losses.npairs_loss"), source="tensorflow-addons",
        smoothness=absent("smooth: log-softmax of the similarities"), independent_samples=False,
        batch_level=lambda params: True, alignment=None, value_range=NONNEGATIVE,
        scale=lambda t, p, params: 1.0 + 2.0 * np.max(np.abs(p)),
        training=(T("digits_similarities", bar=0.8, batch_size=64, hidden=32),),
        notes="One scalar for the batch: y_pred (B, B) the similarities of anchors (rows) and positives (columns), "
              "y_true (B,) labels; TensorFlow Addons is retired and does not install on TensorFlow 2.21."),
]
