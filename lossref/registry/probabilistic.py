"""Records of the probabilistic losses: divergences, rates and the crossentropies."""

import numpy as np

from lossref import domains
from lossref import losses as impl
from lossref.assertions import difference
from lossref.constants import EPSILON
from lossref.gradients import along, near
from lossref.reference import probabilistic as ref
from lossref.registry._shared import (
    DIABETES,
    FLOAT64_FROM_FLOAT32_ON_JAX,
    LOWER_CLIP,
    clip_bound,
    kink,
    logit_scale,
    optax_float64,
    scale_terms,
)
from lossref.registry.spec import BACKENDS, NONNEGATIVE, Bench, Defect, Divergence, LossSpec, Smoothness, absent
from lossref.registry.spec import Training as T

A = np.asarray
NO_CLOSED_FORM = absent("no closed-form gradient here: the focal weight's derivative is left to finite differences")


def _unit_clip(t, p, params, r):
    """y_pred at the clip edges ε and 1."""
    return near(p, clip_bound(params), r) | near(p, 1.0, r)


def _binary_clip(t, p, params, r):
    """y_pred at the clip edges ε and 1 − ε (probabilities only)."""
    if params.get("from_logits"):
        return np.zeros(p.shape, bool)
    eps = clip_bound(params)
    return near(p, eps, r) | near(p, 1.0 - eps, r)


def _class_clip(t, p, params, r):
    """p / Σp at ε or 1 − ε anywhere along the class axis taints the whole distribution."""
    if params.get("from_logits"):
        return np.zeros(p.shape, bool)
    axis = params.get("axis", -1)
    total = np.sum(p, axis=axis, keepdims=True)
    q = p / total
    reach = 2 * np.max(r, axis=axis, keepdims=True) / total
    eps = clip_bound(params)
    return along(near(q, eps, reach) | near(q, 1.0 - eps, reach), axis)


def _label_clip(t, p, params, r):
    """p[label] at the clip edges ε and 1."""
    rows = (np.arange(p.shape[0]), t.reshape(-1).astype(np.int64))
    picked, reach = p[rows], r[rows]
    return along((near(picked, clip_bound(params), reach) | near(picked, 1.0, reach))[:, None])


def _generalized_kl_scale(t, p, params):
    """The terms t·log t, t·x, exp(x) and t cancel at a tie."""
    with np.errstate(divide="ignore", invalid="ignore"):
        t_log_t = np.where(t > 0, t * np.abs(np.log(np.where(t > 0, t, 1.0))), 0.0)
    return np.sum(t_log_t + t * np.abs(p) + np.exp(p) + t, axis=-1)


def _near_one(case, dtype):
    """A probability within 1e-6 of 1 meets Keras's float32 upper clip 1 − ε, which rounds to 1 − 1.19e-7."""
    return dtype == "float32" and not case.params.get("from_logits") and bool(np.any(case.y_pred > 1 - 1e-6))


def _large_logit(case, dtype):
    """Logits beyond ±8: 1 − σ(x) < 3.4e-4 is computed from a float32 σ(x) and loses digits, then is capped."""
    return bool(case.params.get("from_logits")) and bool(np.any(np.abs(case.y_pred) > 8.0))


def _smoothing_off_last_axis(case, dtype):
    axis = case.params.get("axis", -1) % case.y_pred.ndim
    return case.params.get("label_smoothing", 0.0) > 0 and axis != case.y_pred.ndim - 1


def _probability_below_eps(case, dtype):
    picked = np.take_along_axis(case.y_pred, case.y_true.reshape(-1, 1).astype(int), axis=1)
    return bool(np.any(picked < 1e-6))


SATURATED_CLIP = Divergence(
    "saturated-clip-float32",
    "float32: a saturated wrong probability (y_true=0, y_pred=1) gives 15.942, not −log ε = 16.118: the clip "
    "bound 1 − ε rounds to 1 − 1.19e-7 in float32. lossref clips the complement, log(clip(1 − p, ε, 1 − ε)).",
    "none found (keras-team/keras-core#196 is the related logits issue)",
    lambda: (A([[0.0]]), A([[1.0]]), {}),
    region=_near_one,
    kind="keras-precision",
    bound=0.18,  # log(1.19e-7) − log(1e-7) = 0.174 per saturated entry, at most that after weights and means
)

SMOOTHING_OFF_LAST_AXIS = Divergence(
    "smoothing-off-last-axis",
    "label_smoothing with axis ≠ −1 divides by the size of the last axis instead of the class axis",
    "keras-team/keras#23451, fixed by #23437 after 3.15.1",
    lambda: (A([[[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]]), A([[[0.6, 0.3], [0.3, 0.4], [0.1, 0.3]]]),
             {"label_smoothing": 0.3, "axis": 1}),
    region=_smoothing_off_last_axis,
)


def _focal_logits(name, witness, backends):
    return Divergence(
        f"{name.split('_')[0]}-focal-logits-clipped",
        f"{name}(from_logits=True) turns logits into clipped float32 probabilities: beyond |logit| ≈ 8 the "
        "complement 1 − σ loses digits, and a confident wrong logit caps at ≈16 (−log ε) instead of the logit "
        "itself; its documentation says γ = 0 has no focal effect, i.e. equals the crossentropy, which Keras "
        "computes exactly from logits.",
        "none found; on TensorFlow the binary loss is exempt: ops.sigmoid attaches `_keras_logits` to its output "
        "and the crossentropy reads the logits from there",
        witness, region=_large_logit, backends=backends,
        avoided_by={"from_logits": False})  # drawn logits mostly exceed ±8: parity from logits would say little


def _small_q_rounding(failure):
    """(1 − p^q)/q in float32: p^q carries an error of a few ulp of 1 (6e-8 each), divided by q."""
    q = failure.case.params.get("q", 0.5)
    return failure.expected is not None and difference(failure) <= 8 * 6e-8 / q


RECORDS = [
    LossSpec(
        "kl_divergence", "probabilistic", "Σ t·log(t / p), t, p clipped to [ε, 1]", impl.kl_divergence,
        ref.kl_divergence, ref.kl_divergence_grad, domains.PROBABILITIES, keras="kl_divergence",
        smoothness=Smoothness(_unit_clip, (
            LOWER_CLIP,
            kink("y_pred = 1 (upper clip)", [[1.0]], [[1.0]], [-1.0], [0.0],
                 {"tensorflow": [-1.0], "torch": [-1.0], "jax": [-0.5]}),
        )),
        scale=lambda t, p, params: 1.0 + np.sum(np.abs(np.clip(t, clip_bound(params), 1)
                                                       * np.log(np.clip(p, clip_bound(params), 1))), axis=-1),
        value_range=absent("≥ 0 for distributions only; the domain draws any values in [0, 1]"),
        training=(T("iris", bar=0.85, head="softmax", epochs=40),),
        bench=Bench(natives={"torch": "torch.nn.functional.kl_div", "jax": "optax.kl_divergence"})),
    LossSpec(
        "poisson", "probabilistic", "mean(p − t·log(p + ε))", impl.poisson, ref.poisson, ref.poisson_grad,
        domains.RATES, keras="poisson", smoothness=absent("smooth for rates p ≥ 0"),
        # rounding p + ε to the dtype moves log(p + ε) by one ulp: an error of |t|·ulp, hence the |t| term
        scale=scale_terms(lambda t, p, params: p,
                          lambda t, p, params: t * (1.0 + np.abs(np.log(p + clip_bound(params))))),
        # its gradient (1 − t/(p + ε))/n cancels at t ≈ p: float32 autodiff errs by ulps of the terms
        gradient_scale=lambda t, p, params: (1.0 + t / (p + clip_bound(params))) / p.shape[-1],
        value_range=absent("the negative log-likelihood without its log(y_true!) term can be negative"),
        training=(T("counts", bar=0.2, head="exponential", fall=0.9, floor=None),),
        bench=Bench(elementwise=True, natives={"torch": "torch.nn.functional.poisson_nll_loss(log_input=False)"})),
    LossSpec(
        "binary_crossentropy", "probabilistic", "mean(−t·log p − (1 − t)·log(1 − p))", impl.binary_crossentropy,
        ref.binary_crossentropy, ref.binary_crossentropy_grad, domains.BINARY, keras="binary_crossentropy",
        divergences=(SATURATED_CLIP,), scale=logit_scale("axis"),
        smoothness=Smoothness(_binary_clip, (
            LOWER_CLIP,
            kink("y_pred = 1 − ε (1 − y_pred rounds just below ε: clipped)", [[0.0]], [[1.0 - EPSILON]], [0.0],
                 [1 / EPSILON], {"*": [0.0]}),
        )),
        value_range=NONNEGATIVE, training=(
            T("breast_cancer", bar=0.9, head="sigmoid", label="seed 000",
              note="Dense(16, relu) → Dense(1, sigmoid), Adam, as in the tutorial; its labels are all 0, so the "
                   "bundled breast-cancer set stands in"),
            T("breast_cancer", bar=0.9, params={"from_logits": True, "label_smoothing": 0.1}),
        ),
        bench=Bench(elementwise=True, natives={
            "torch": "torch.nn.functional.binary_cross_entropy_with_logits",
            "jax": "optax.sigmoid_binary_cross_entropy", "tensorflow": "tf.nn.sigmoid_cross_entropy_with_logits"})),
    LossSpec(
        "binary_focal_crossentropy", "probabilistic", "mean(w·(1 − p_t)^γ·bce)", impl.binary_focal_crossentropy,
        ref.binary_focal_crossentropy, NO_CLOSED_FORM, domains.BINARY, keras="binary_focal_crossentropy",
        smoothness=Smoothness(_binary_clip), scale=logit_scale("axis"),
        divergences=(SATURATED_CLIP, _focal_logits(
            "binary_focal_crossentropy", lambda: (A([[0.0]]), A([[30.0]]), {"from_logits": True, "gamma": 0.0}),
            backends=("jax", "torch"))),
        value_range=NONNEGATIVE, training=(T("digits_attributes", bar=0.85, head="sigmoid", slow=True),),
        defects=(Defect("NaN gradient at a saturated right prediction (y_pred = y_true ∈ {0, 1}) for γ < 1, γ = 0 "
                        "('no focal effect') included: the focal factor (1 − p_t)^γ is computed from the unclipped "
                        "y_pred, and the derivative of x^γ at x = 0 is infinite (0·∞ for γ = 0)", "not reported",
                        ("gradient_finite", "gradient_fd", "weight_algebra")),),
        bench=Bench(natives={"jax": "optax.sigmoid_focal_loss"})),
    LossSpec(
        "categorical_crossentropy", "probabilistic", "−Σ t·log p", impl.categorical_crossentropy,
        ref.categorical_crossentropy, ref.categorical_crossentropy_grad, domains.CATEGORICAL,
        keras="categorical_crossentropy", alignment=None,
        smoothness=Smoothness(_class_clip), scale=logit_scale(),
        divergences=(SMOOTHING_OFF_LAST_AXIS, Divergence(
            "tensorflow-negative-axis-logits",
            "from_logits=True with a negative axis other than −1 raises InvalidArgumentError ('Requires "
            "start <= limit ... [Op:Range]') on TensorFlow; axis=1 on the same tensor works",
            "TF's softmax_cross_entropy_with_logits axis handling; the same negative-axis limit as "
            "tensorflow/tensorflow#14916 (tf.nn.softmax)",
            lambda: (np.moveaxis(np.eye(3)[[[0, 1], [2, 0]]], -1, 1), A([[[0.5, -1.0], [2.0, 0.0], [1.0, 3.0]],
                                                                       [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]]),
                     {"from_logits": True, "axis": -2}),
            region=lambda case, dtype: bool(case.params.get("from_logits")) and -case.y_pred.ndim
            <= case.params.get("axis", -1) < -1,
            backends=("tensorflow",), kind="keras-backend", raises=True)),
        value_range=NONNEGATIVE, training=(T("digits", bar=0.9, head="softmax", slow=True),
                  T("iris", bar=0.85, params={"from_logits": True}, epochs=40)),
        bench=Bench(natives={"torch": "torch.nn.functional.cross_entropy", "jax": "optax.softmax_cross_entropy",
                             "tensorflow": "tf.nn.softmax_cross_entropy_with_logits"})),
    LossSpec(
        "categorical_focal_crossentropy", "probabilistic", "Σ α·(1 − p)^γ·(−t·log p)",
        impl.categorical_focal_crossentropy, ref.categorical_focal_crossentropy, NO_CLOSED_FORM,
        domains.CATEGORICAL, keras="categorical_focal_crossentropy",
        alignment=None, smoothness=Smoothness(_class_clip), scale=logit_scale(),
        divergences=(SMOOTHING_OFF_LAST_AXIS, Divergence(
            "focal-alpha-last-axis",
            "alpha as a list of per-class weights (documented: 'a list of floats or a scalar') multiplies along "
            "the last axis, not the class axis: with axis ≠ −1 it raises a broadcast error, or weighs the wrong "
            "axis where the sizes happen to match", "none found",
            lambda: (np.moveaxis(np.eye(3)[[[0, 1]]], -1, 1), np.full((1, 3, 2), 1 / 3),
                     {"alpha": [0.2, 0.3, 0.5], "axis": 1}),
            region=lambda case, dtype: isinstance(case.params.get("alpha"), (list, tuple))
            and case.params.get("axis", -1) % case.y_pred.ndim != case.y_pred.ndim - 1), _focal_logits(
            "categorical_focal_crossentropy",
            lambda: (A([[1.0, 0.0]]), A([[0.0, 30.0]]), {"from_logits": True, "gamma": 0.0, "alpha": 1.0}),
            backends=BACKENDS)),
        defects=(FLOAT64_FROM_FLOAT32_ON_JAX,),
        value_range=NONNEGATIVE, training=(T("digits", bar=0.9, head="softmax", slow=True),)),
    LossSpec(
        "sparse_categorical_crossentropy", "probabilistic", "−log p[label]", impl.sparse_categorical_crossentropy,
        ref.sparse_categorical_crossentropy, ref.sparse_categorical_crossentropy_grad, domains.SPARSE,
        keras="sparse_categorical_crossentropy", alignment="labels",
        smoothness=Smoothness(_class_clip), scale=logit_scale(),
        output_mask=lambda t, p, params: None if params.get("ignore_class") is None
        else np.asarray(t) != params["ignore_class"],
        divergences=(Divergence(
            "sparse-axis-not-last",
            "axis other than −1: TensorFlow raises 'Only axis=-1 is currently supported'; JAX raises a "
            "shape error unless the label shape happens to equal y_pred's shape without its last axis",
            "TF: documented limit of tf.nn.sparse_softmax_cross_entropy_with_logits; JAX: none found; "
            "keras-team/keras#21104 added the axis argument",
            lambda: (A([[0, 1, 0]]), A([[[0.7, 0.2, 0.5], [0.3, 0.8, 0.5]]]), {"axis": 1}),
            region=lambda case, dtype: case.params.get("axis", -1) % case.y_pred.ndim != case.y_pred.ndim - 1,
            backends=("tensorflow", "jax"), kind="keras-backend", raises=True),),
        defects=(Defect("y_pred of rank 4 with from_logits=False: the backward pass raises RuntimeError 'grad_input "
                        "must be contiguous': the torch backend moves the class axis with movedim and calls nll_loss "
                        "on the non-contiguous log-probabilities, whose 4-d backward requires contiguity",
                        "pytorch/pytorch#175084 (torch's nll_loss, closed; still raised by torch 2.13.0); the native "
                        "torch path came with keras-team/keras#22169", ("gradient_finite", "gradient_analytic",
                                                                        "gradient_fd"),
                        backends=("torch",)), FLOAT64_FROM_FLOAT32_ON_JAX),
        value_range=NONNEGATIVE, training=(T("digits_sparse", bar=0.9, params={"from_logits": True}, slow=True),),
        bench=Bench(natives={"torch": "torch.nn.functional.cross_entropy",
                             "jax": "optax.softmax_cross_entropy_with_integer_labels",
                             "tensorflow": "tf.nn.sparse_softmax_cross_entropy_with_logits"})),
    LossSpec(
        "categorical_generalized_cross_entropy", "probabilistic", "(1 − p[label]^q) / q",
        impl.categorical_generalized_cross_entropy, ref.categorical_generalized_cross_entropy,
        ref.categorical_generalized_cross_entropy_grad, domains.SPARSE_2D,
        keras="categorical_generalized_cross_entropy", alignment="labels",
        smoothness=Smoothness(_label_clip, (
            kink("y_pred[label] = 1 (clip)", [0], [[1.0, 0.0]], [-1.0, 0.0], [0.0, 0.0],
                 {"tensorflow": [-1.0, 0.0], "torch": [-1.0, 0.0], "jax": [-0.5, 0.0]}),
            kink("y_pred[label] = ε (clip)", [0], [[EPSILON, 1.0 - EPSILON]], [-(EPSILON**-0.5), 0.0], [0.0, 0.0],
                 {"tensorflow": [-3162.277660168378, 0.0], "jax": [-1581.138830084039, 0.0],
                  "torch": [-3162.277660168078, 0.0]}),
        )),
        divergences=(
            Divergence("labels-column-broadcast",
                "labels of shape (B, 1), which the docstring allows, broadcast to a (B, B) loss matrix",
                       "none found", lambda: (A([[0], [1]]), A([[0.9, 0.1], [0.2, 0.8]]), {}),
                       region=lambda case, dtype: case.y_true.ndim == 2),
            Divergence("gce-clipped-label-probability",
                "lossref clips p[label] at ε so the gradient −p^(q−1) stays finite at p = 0; Keras "
                       "returns 1/q there (lossref (1 − ε^q)/q)", "design choice, not a Keras bug",
                       lambda: (A([0]), A([[0.0, 1.0]]), {}), region=_probability_below_eps,
                       kind="lossref-design"),
            Divergence("gce-small-q-rounding",
                "float32: (1 − p^q)/q cancels for small q (p^q rounds near 1): an absolute error of about "
                       "6e-8/q; lossref computes −expm1(q·log p)/q", "none found",
                       lambda: (A([0]), A([[0.8, 0.2]]), {"q": 1e-4}),
                       region=lambda case, dtype: dtype == "float32" and case.params.get("q", 0.5) < 0.1,
                       kind="keras-precision", explains=_small_q_rounding)),
        defects=(Defect("gradient −∞ where the probability of the true class is 0 (NaN under a zero sample weight): "
                        "p^q is computed from the unclipped y_pred, and its derivative q·p^(q−1) is infinite at 0",
                        "not reported", ("gradient_finite", "gradient_fd", "weight_algebra")),),
        value_range=NONNEGATIVE, training=(T("iris_sparse", bar=0.85, head="softmax", epochs=40),)),
]

_SMOOTH = absent("smooth wherever the loss is finite")
_CANCELS_AT_TIE = ("≥ 0 in exact arithmetic; at a tie the terms cancel and round to either side of 0 (about 1e-16 "
                   "relative), and rounded log-probabilities are not exactly normalized")

_GENERALIZED_KL_FORMULA = "Σ(t·(log t − x) + exp(x) − t), x log-predictions"
_GENERALIZED_KL = dict(domain=domains.NONNEGATIVE_AND_LOG, source="optax", alignment=None, smoothness=_SMOOTH,
                       scale=_generalized_kl_scale, value_range=absent(_CANCELS_AT_TIE),
                       training=(T("iris", bar=0.85, epochs=40),))

def _log_targets_scale(t, p, params):
    """mean exp(t)·(|t| + |x|) of the log-probabilities; from logits, also the logits' size per row: log_softmax
    subtracts a log-sum-exp as large as they are (an absolute error of ulps of it)."""
    if not params.get("from_logits"):
        return np.mean(np.exp(t) * (np.abs(t) + np.abs(p)), axis=-1)
    t_log, p_log = ref.log_softmax(t, -1), ref.log_softmax(p, -1)
    sizes = np.max(np.abs(t), axis=-1) + np.max(np.abs(p), axis=-1)
    return np.mean(np.exp(t_log) * (np.abs(t_log) + np.abs(p_log)), axis=-1) + sizes


RECORDS += [
    LossSpec(
        "poisson_nll_loss", "probabilistic", "mean(exp(x) − t·x) (log-rates) or mean(x − t·log(x + eps))",
        impl.poisson_nll_loss, ref.poisson_nll_loss, ref.poisson_nll_loss_grad, domains.COUNTS_AND_RATES,
        keras=absent("not in Keras: torch.nn.functional.poisson_nll_loss"), source="torch", smoothness=_SMOOTH,
        # as for poisson: rounding x + eps to the dtype moves log(x + eps) by one ulp, an error of t·ulp (at x = 1,
        # eps = 1e-8 is lost in float32 altogether), hence t·(1 + |log(x + eps)|)
        scale=scale_terms(lambda t, p, params: np.exp(p) if params.get("log_input", True) else p,
                          lambda t, p, params: t * (np.abs(p) if params.get("log_input", True)
                                                    else 1.0 + np.abs(np.log(p + params.get("eps", 1e-8)))),
                          lambda t, p, params: t * np.log(np.maximum(t, 1.0)) + t if params.get("full") else 0 * t),
        gradient_scale=lambda t, p, params: np.exp(p) + t if params.get("log_input", True)
        else 1.0 + t / (p + params.get("eps", 1e-8)),  # exp(x) − t and 1 − t/(x + eps) cancel at the optimum
        value_range=absent("not bounded below by 0: at the optimum exp(x) = t it is t − t·log t"),
        training=(T("counts_log_rates", bar=0.2, floor=None, fall=0.5),),
        bench=Bench(elementwise=True, natives={"torch": "torch.nn.functional.poisson_nll_loss"})),
    LossSpec(
        "nll_loss", "probabilistic", "−w[y]·x[y], x log-probabilities", impl.nll_loss, ref.nll_loss, ref.nll_loss_grad,
        domains.SPARSE_LOG_PROBS, keras=absent("not in Keras: torch.nn.functional.nll_loss"), source="torch",
        alignment="labels", smoothness=_SMOOTH,
        output_mask=lambda t, p, params: None if params.get("ignore_index") is None
        else np.asarray(t) != params["ignore_index"],
        value_range=NONNEGATIVE, training=(T("iris_sparse", bar=0.85, head="log_softmax", epochs=40),),
        defects=(Defect("torch.nn.functional.nll_loss: the backward pass of a non-contiguous 4-d input (the classes "
                        "moved to axis 1 with movedim, as channels-last data needs) raises 'grad_input must be "
                        "contiguous' (nll_loss2d); other ranks are made contiguous first",
                        "pytorch/pytorch#175084 (closed; still raised by torch 2.13.0)",
                        ("gradient_finite", "gradient_analytic", "gradient_fd", "hessian_vector", "weight_algebra"),
                        backends=("torch",), library="torch"),),
        bench=Bench(natives={"torch": "torch.nn.functional.nll_loss"}),
        notes="torch's reduction='mean' divides by Σ w[y]; the Loss class divides by the batch size (Keras's "
              "sum_over_batch_size), so with class weights the two means differ by Σ w[y] / N."),
    LossSpec(
        "multilabel_soft_margin_loss", "probabilistic", "mean(−(t·log σ(x) + (1 − t)·log σ(−x)))",
        impl.multilabel_soft_margin_loss, ref.multilabel_soft_margin_loss, ref.multilabel_soft_margin_loss_grad,
        domains.BINARY_LOGITS, keras=absent("not in Keras: torch.nn.functional.multilabel_soft_margin_loss"),
        source="torch", smoothness=_SMOOTH, scale=logit_scale("axis"), value_range=NONNEGATIVE,
        training=(T("digits_attributes_logits", bar=0.85),),
        bench=Bench(natives={"torch": "torch.nn.functional.multilabel_soft_margin_loss"})),
    LossSpec(
        "sigmoid_focal_loss", "probabilistic", "mean(α_t·(1 − p_t)^γ·bce(x)), x logits",
        impl.sigmoid_focal_loss, ref.sigmoid_focal_loss, ref.sigmoid_focal_loss_grad, domains.BINARY_LOGITS,
        keras=absent("not in Keras (binary_focal_crossentropy clips probabilities): optax.losses.sigmoid_focal_loss"),
        source="optax", smoothness=_SMOOTH, scale=logit_scale("axis"), value_range=NONNEGATIVE,
        training=(T("breast_cancer_logits", bar=0.9, params={"alpha": 0.25, "gamma": 2.0}),),
        bench=Bench(elementwise=True, natives={"jax": "optax.losses.sigmoid_focal_loss"})),
    LossSpec(
        "poly_loss_cross_entropy", "probabilistic", "−Σt·log softmax(x) + ε·Σt·(1 − softmax(x))",
        impl.poly_loss_cross_entropy, ref.poly_loss_cross_entropy, ref.poly_loss_cross_entropy_grad,
        domains.CATEGORICAL_LOGITS, keras=absent("not in Keras: optax.losses.poly_loss_cross_entropy"),
        source="optax", alignment=None, smoothness=_SMOOTH, scale=logit_scale("axis"),
        value_range=absent("≥ 0 in exact arithmetic for ε ≥ −1, but at ε = −1 a confident right prediction "
                           "cancels −log q against 1 − q, which rounds below 0 (−3.4e-13 in float32)"),
        training=(T("iris", bar=0.85, epochs=40),),
        bench=Bench(natives={"jax": "optax.losses.poly_loss_cross_entropy"})),
    LossSpec(
        "safe_softmax_cross_entropy", "probabilistic", "−Σ t·log softmax(x), 0·log 0 = 0",
        impl.safe_softmax_cross_entropy, ref.safe_softmax_cross_entropy, ref.safe_softmax_cross_entropy_grad,
        domains.CATEGORICAL_LOGITS, keras=absent("not in Keras: optax.losses.safe_softmax_cross_entropy"),
        source="optax", alignment=None, smoothness=_SMOOTH, scale=logit_scale("axis"), value_range=NONNEGATIVE,
        training=(T("iris", bar=0.85, epochs=40),),
        bench=Bench(natives={"jax": "optax.losses.safe_softmax_cross_entropy"}),
        notes="optax's version exists for logits of −inf (masked classes); lossref's inputs are finite, so it "
              "equals categorical_crossentropy from logits there."),
    LossSpec(
        "kl_divergence_with_log_targets", "probabilistic", "Σ exp(t)·(t − x), t and x log-probabilities",
        impl.kl_divergence_with_log_targets, ref.kl_divergence_with_log_targets,
        ref.kl_divergence_with_log_targets_grad, domains.LOG_PROB_PAIRS,
        keras=absent("not in Keras: optax.losses.kl_divergence_with_log_targets"), source="optax", alignment=None,
        smoothness=_SMOOTH, scale=_log_targets_scale,
        value_range=absent(_CANCELS_AT_TIE),
        training=(T("iris_log_targets", bar=0.85, head="log_softmax", epochs=40),),
        bench=Bench(natives={"jax": "optax.losses.kl_divergence_with_log_targets"})),
    LossSpec(
        "generalized_kl_divergence", "probabilistic", _GENERALIZED_KL_FORMULA, impl.generalized_kl_divergence,
        ref.generalized_kl_divergence, ref.generalized_kl_divergence_grad,
        keras=absent("not in Keras: optax.losses.generalized_kl_divergence"),
        bench=Bench(natives={"jax": "optax.losses.generalized_kl_divergence"}), **_GENERALIZED_KL),
    LossSpec(
        "convex_kl_divergence", "probabilistic", _GENERALIZED_KL_FORMULA, impl.convex_kl_divergence,
        ref.convex_kl_divergence, ref.convex_kl_divergence_grad,
        keras=absent("not in Keras: optax.losses.convex_kl_divergence"),
        bench=Bench(natives={"jax": "optax.losses.convex_kl_divergence"}),
        notes="optax's earlier name of generalized_kl_divergence (deprecated there, the same formula).",
        **_GENERALIZED_KL),
]


def _below_variance_floor(t, p, params, r):
    """Variances at or below eps: the clamp's straight-through gradient is not the (flat) derivative there."""
    mask = np.zeros(p.shape, bool)
    mask[..., 1] = p[..., 1] <= params.get("eps", 1e-6) + r[..., 1]
    return mask


def _sparse_plus_edges(t, p, params, r):
    """|z| = 1, z = ∓x: sparse_plus is C¹ there, not C²."""
    return near(np.abs(p), 1.0, r)


def _support_change(t, s, params, r):
    """A score at the sparsemax threshold τ: the support changes there."""
    prob = ref.sparsemax(s)
    threshold = np.max(np.where(prob > 0, s - prob, -np.inf), axis=-1, keepdims=True)  # τ = s − p on the support
    return along(near(s, threshold, 2 * np.max(r, axis=-1, keepdims=True) * s.shape[-1]))


RECORDS += [
    LossSpec(
        "gaussian_nll_loss", "probabilistic", "mean(½(log v + (t − μ)²/v)), v = max(var, eps)",
        impl.gaussian_nll_loss, ref.gaussian_nll_loss, ref.gaussian_nll_loss_grad, domains.MEAN_VARIANCE,
        keras=absent("not in Keras: torch.nn.functional.gaussian_nll_loss"), source="torch", alignment=None,
        smoothness=Smoothness(_below_variance_floor),
        # floor="add": var + eps rounds in the dtype, which moves log v by an ulp of 1 (at var = 1, eps = 1e-6 is
        # 8 float32 ulps): a unit term, as for poisson's log(p + ε)
        scale=scale_terms(lambda t, p, params: np.abs(np.log(np.maximum(p[..., 1], params.get("eps", 1e-6)))),
                          lambda t, p, params: (t - p[..., 0]) ** 2 / np.maximum(p[..., 1], params.get("eps", 1e-6)),
                          lambda t, p, params: np.full(np.shape(t), float(params.get("floor") == "add"))),
        gradient_scale=lambda t, p, params: np.broadcast_to(
            ((np.abs(t - p[..., 0]) + 1.0) / np.maximum(p[..., 1], params.get("eps", 1e-6)))[..., None], p.shape),
        value_range=absent("not bounded below by 0: log v < 0 for v < 1"),
        training=(T("diabetes_variance", bar=0.3, head="softplus", **DIABETES),),
        bench=Bench(natives={"torch": "torch.nn.functional.gaussian_nll_loss"}),
        notes="Mean and variance stacked last: y_pred (..., 2), y_true shaped like the means. The variance clamp "
              "passes the gradient straight through, as torch's does."),
    LossSpec(
        "sparsemax_loss", "probabilistic", "mean(sparse_plus(∓x))", impl.sparsemax_loss, ref.sparsemax_loss,
        ref.sparsemax_loss_grad, domains.HARD_BINARY_LOGITS, keras=absent("not in Keras: optax.losses.sparsemax_loss"),
        source="optax", smoothness=Smoothness(_sparse_plus_edges), value_range=NONNEGATIVE,
        training=(T("breast_cancer_logits", bar=0.9),),
        bench=Bench(elementwise=True, natives={"jax": "optax.losses.sparsemax_loss"})),
    LossSpec(
        "multiclass_sparsemax_loss", "probabilistic", "⟨p, s − s_y⟩ + ½(1 − ‖p‖²), p = sparsemax(s)",
        impl.multiclass_sparsemax_loss, ref.multiclass_sparsemax_loss, ref.multiclass_sparsemax_loss_grad,
        domains.SPARSE_SCORES, keras=absent("not in Keras: optax.losses.multiclass_sparsemax_loss"), source="optax",
        alignment="labels", smoothness=Smoothness(_support_change),
        defects=(optax_float64("the simplex projection's float64 intermediates promote the scores"),
                 Defect("optax.losses.multiclass_sparsemax_loss: with JAX_ENABLE_X64=1 the gradient of float32 scores "
                        "raises TypeError ('Custom JVP rule must produce primal and tangent outputs with corresponding "
                        "shapes and dtypes'): the simplex projection's custom JVP returns a float32 tangent for its "
                        "float64 primal", "not reported", ("gradient_finite", "gradient_analytic", "gradient_fd"),
                        backends=("jax",), dtypes=("float32",), library="optax")),
        scale=lambda t, p, params: 1.0 + np.max(np.abs(p), axis=-1), value_range=NONNEGATIVE,
        training=(T("iris_sparse", bar=0.85, epochs=40),),
        bench=Bench(natives={"jax": "optax.losses.multiclass_sparsemax_loss"},
                    wrong={("jax+float64", "native", "*", "forward_backward"): "optax's multiclass_sparsemax_loss "
                           "gradient raises TypeError for float32 scores with JAX_ENABLE_X64=1 (its custom JVP's "
                           "tangent dtype)"})),
    LossSpec(
        "ranking_softmax_loss", "probabilistic", "−Σ y·log softmax(s), y relevance ≥ 0", impl.ranking_softmax_loss,
        ref.ranking_softmax_loss, ref.ranking_softmax_loss_grad, domains.RELEVANCE_SCORES,
        keras=absent("not in Keras: optax.losses.ranking_softmax_loss"), source="optax", alignment=None,
        smoothness=_SMOOTH, scale=logit_scale("axis"), value_range=NONNEGATIVE,
        training=(T("iris", bar=0.85, epochs=40),),
        bench=Bench(natives={"jax": "optax.losses.ranking_softmax_loss"}),
        notes="One list per row: y_pred (…, n) scores, y_true (…, n) relevance labels; optax averages the lists by "
              "default (reduce_fn), a Loss object does that here."),
]
