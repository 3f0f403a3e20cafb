"""The 27 documented losses: the single source of truth the suites, `lossref check` and the benchmarks read."""

import sys

import numpy as np

from lossref import losses as impl
from lossref.reference import hinge as ref_hinge
from lossref.reference import overlap as ref_overlap
from lossref.reference import probabilistic as ref_prob
from lossref.reference import regression as ref_reg
from lossref.reference import structured as ref_struct
from lossref.registry import input_rules, smoothness, training
from lossref.registry.spec import BACKENDS, Divergence, LossSpec, Param

A = np.asarray

FROM_LOGITS = Param("from_logits", False, "bool")
SMOOTHING = Param("label_smoothing", 0.0, "float", 0.0, 1.0)
AXIS = Param("axis", -1, "axis")
AXES = Param("axis", None, "axes")
GAMMA = Param("gamma", 2.0, "float", 0.0, draw_high=5.0)
ALPHA_UNIT = Param("alpha", 0.25, "float", 0.0, 1.0)


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
    "float32: a saturated wrong probability (y_true=0, y_pred=1) gives 15.942, not −log ε = 16.118: the clip "
    "bound 1 − ε rounds to 1 − 1.19e-7 in float32. lossref clips the complement, log(clip(1 − p, ε, 1 − ε)).",
    "none found (keras-team/keras-core#196 is the related logits issue)",
    lambda: (A([[0.0]]), A([[1.0]]), {}),
    region=_near_one,
    kind="keras-precision",
)


SMOOTHING_OFF_LAST_AXIS = Divergence(
    "label_smoothing with axis ≠ −1 divides by the size of the last axis instead of the class axis",
    "keras-team/keras#23451, fixed by #23437 after 3.15.1",
    lambda: (A([[[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]]), A([[[0.6, 0.3], [0.3, 0.4], [0.1, 0.3]]]),
             {"label_smoothing": 0.3, "axis": 1}),
    region=_smoothing_off_last_axis,
)


def _focal_logits(name, witness):
    return Divergence(
        f"{name}(from_logits=True) turns logits into clipped float32 probabilities: beyond |logit| ≈ 8 the "
        "complement 1 − σ loses digits, and a confident wrong logit caps at ≈16 (−log ε) instead of the logit "
        "itself; its documentation says γ = 0 has no focal effect, i.e. equals the crossentropy, which Keras "
        "computes exactly from logits.",
        "none found; the TF backend is exempt for the binary loss because ops.sigmoid's `_keras_logits` "
        "routes it through the logits (see keras3 notes §4.1)",
        witness,
        region=_large_logit,
        backends=("jax", "torch") if name == "binary_focal_crossentropy" else ("tensorflow", "jax", "torch"),
    )


def _logit_scale(reduce_axis=None):
    """From logits, log-probabilities are computed from numbers as large as the logits: scale by them.
    reduce_axis=None: the largest |logit| of the batch; "axis": their mean over the loss's `axis` param."""

    def scale(t, p, params):
        if not params.get("from_logits"):
            return 1.0
        if reduce_axis is None:
            return 1.0 + np.max(np.abs(p))
        return 1.0 + np.mean(np.abs(p), axis=params.get("axis", -1))

    return scale


def _scale_terms(*terms):
    """A scale function: mean over the last axis of the sum of |term(t, p)|, the size of what cancels."""

    def scale(t, p, params):
        return np.mean(sum(np.abs(term(t, p)) for term in terms), axis=-1)

    return scale


def _spec(name, family, formula, reference, domain, class_name, **kw):
    """A spec whose analytic gradient (`<name>_grad` beside the reference) and smoothness facts are found by name."""
    gradient = getattr(sys.modules[reference.__module__], f"{name}_grad", None)
    return LossSpec(name=name, family=family, formula=formula, fn=getattr(impl, name), reference=reference,
                    domain=domain, class_name=class_name, gradient=gradient, kinks=smoothness.MASKS.get(name),
                    fd_length=smoothness.LENGTHS.get(name), gradient_scale=smoothness.GRADIENT_SCALES.get(name),
                    kink_points=smoothness.POINTS.get(name, ()), input_rules=input_rules.RULES.get(name),
                    training=training.RUNS.get(name, ()), **kw)


REGRESSION = [
    _spec("mean_squared_error", "regression", "mean((p − t)²)", ref_reg.mean_squared_error, "real",
          "MeanSquaredError", keras="mean_squared_error"),
    _spec("mean_absolute_error", "regression", "mean(|p − t|)", ref_reg.mean_absolute_error, "real",
          "MeanAbsoluteError", keras="mean_absolute_error"),
    _spec("mean_absolute_percentage_error", "regression", "100·mean(|t − p| / max(|t|, ε))",
          ref_reg.mean_absolute_percentage_error, "real", "MeanAbsolutePercentageError",
          keras="mean_absolute_percentage_error"),
    _spec("mean_squared_logarithmic_error", "regression", "mean((log1p(max(p, ε)) − log1p(max(t, ε)))²)",
          ref_reg.mean_squared_logarithmic_error, "nonnegative", "MeanSquaredLogarithmicError",
          keras="mean_squared_logarithmic_error"),
    _spec("cosine_similarity", "regression", "−Σ_axis n(t)·n(p), n(x) = x / max(‖x‖, ε)",
          ref_reg.cosine_similarity, "real", "CosineSimilarity", params=(AXIS,), keras="cosine_similarity",
          alignment=None),
    _spec("huber", "regression", "mean(½e² if |e| ≤ δ else δ|e| − ½δ²)", ref_reg.huber, "real", "Huber",
          params=(Param("delta", 1.0, "float", 0.0, low_open=True, draw_high=10.0),), keras="huber"),
    _spec("log_cosh", "regression", "mean(log cosh(p − t))", ref_reg.log_cosh, "real", "LogCosh",
          keras="log_cosh"),
    _spec("sum_squared_error", "regression", "Σ(p − t)²", ref_reg.sum_squared_error, "real", "SumSquaredError",
          source="seed 000 (L-2 loss)"),
    _spec("mean_error", "regression", "mean(p − t)", ref_reg.mean_error, "real", "MeanError",
          source="seed 001 (my_loss)", scale=_scale_terms(lambda t, p: p, lambda t, p: t)),
    _spec("cosine_proximity", "regression", "−mean(n(t)·n(p))", ref_reg.cosine_proximity, "real",
          "CosineProximity", source="seed 001 (Keras 1 objective)", alignment=None),
    _spec("penalized_absolute_error", "regression", "mean(|e|·½·(1 + |e|)), e = t − p",
          ref_reg.penalized_absolute_error, "real", "PenalizedAbsoluteError", source="seed 002 (CustomLoss)"),
    _spec("relative_rmse", "regression", "sqrt(mean((p − t)²)) / mean(t²) − 1, whole batch",
          ref_reg.relative_rmse, "real_nonzero_target", "RelativeRMSE", source="seed 003 (CustomAccuracy)",
          independent_samples=False, batch_level=lambda params: True, alignment=None,
          scale=lambda t, p, params: 1.0 + np.sqrt(np.mean((p - t) ** 2)) / np.mean(t**2),
          notes="Batch-level: one scalar for the whole batch; sample weights cannot apply per sample."),
]

HINGE = [
    _spec("hinge", "hinge", "mean(max(1 − t·p, 0)), t ∈ {−1, 1}", ref_hinge.hinge, "signed_labels", "Hinge",
          keras="hinge"),
    _spec("squared_hinge", "hinge", "mean(max(1 − t·p, 0)²)", ref_hinge.squared_hinge, "signed_labels",
          "SquaredHinge", keras="squared_hinge"),
    _spec("categorical_hinge", "hinge", "max(max((1 − t)·p) − Σt·p + 1, 0)", ref_hinge.categorical_hinge,
          "one_hot_real", "CategoricalHinge", keras="categorical_hinge", alignment=None,
          scale=lambda t, p, params: 1.0 + np.max(np.abs(p), axis=-1)),
]

PROBABILISTIC = [
    _spec("kl_divergence", "probabilistic", "Σ t·log(t / p), t, p clipped to [ε, 1]", ref_prob.kl_divergence,
          "probabilities", "KLDivergence", keras="kl_divergence",
          scale=lambda t, p, params: 1.0 + np.sum(np.abs(np.clip(t, 1e-7, 1) * np.log(np.clip(p, 1e-7, 1))),
                                                  axis=-1)),
    _spec("poisson", "probabilistic", "mean(p − t·log(p + ε))", ref_prob.poisson, "rates", "Poisson",
          keras="poisson",
          # rounding p + ε to the dtype moves log(p + ε) by one ulp: an error of |t|·ulp, hence the |t| term
          scale=_scale_terms(lambda t, p: p, lambda t, p: t * (1.0 + np.abs(np.log(p + 1e-7))))),
    _spec("binary_crossentropy", "probabilistic", "mean(−t·log p − (1 − t)·log(1 − p))",
          ref_prob.binary_crossentropy, "binary", "BinaryCrossentropy",
          params=(FROM_LOGITS, SMOOTHING, AXIS), keras="binary_crossentropy", divergences=(SATURATED_CLIP,),
          scale=_logit_scale("axis")),
    _spec("binary_focal_crossentropy", "probabilistic", "mean(w·(1 − p_t)^γ·bce)",
          ref_prob.binary_focal_crossentropy, "binary", "BinaryFocalCrossentropy",
          params=(Param("apply_class_balancing", False, "bool"), ALPHA_UNIT, GAMMA, FROM_LOGITS, SMOOTHING,
                  AXIS),
          keras="binary_focal_crossentropy",
          divergences=(SATURATED_CLIP, _focal_logits(
              "binary_focal_crossentropy", lambda: (A([[0.0]]), A([[30.0]]), {"from_logits": True, "gamma": 0.0}))),
          scale=_logit_scale("axis")),
    _spec("categorical_crossentropy", "probabilistic", "−Σ t·log p", ref_prob.categorical_crossentropy,
          "categorical", "CategoricalCrossentropy", params=(FROM_LOGITS, SMOOTHING, AXIS),
          keras="categorical_crossentropy", alignment=None,
          divergences=(SMOOTHING_OFF_LAST_AXIS, Divergence(
              "from_logits=True with a negative axis other than −1 raises InvalidArgumentError ('Requires "
              "start <= limit ... [Op:Range]') on TensorFlow; axis=1 on the same tensor works",
              "TF's softmax_cross_entropy_with_logits axis handling; the same negative-axis limit as "
              "tensorflow/tensorflow#14916 (tf.nn.softmax). Found by the clean-clone CI run",
              lambda: (np.moveaxis(np.eye(3)[[[0, 1], [2, 0]]], -1, 1), A([[[0.5, -1.0], [2.0, 0.0], [1.0, 3.0]],
                                                                         [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]]),
                       {"from_logits": True, "axis": -2}),
              region=lambda case, dtype: bool(case.params.get("from_logits")) and -case.y_pred.ndim
              <= case.params.get("axis", -1) < -1,
              backends=("tensorflow",), kind="keras-backend")),
          scale=_logit_scale()),
    _spec("categorical_focal_crossentropy", "probabilistic", "Σ α·(1 − p)^γ·(−t·log p)",
          ref_prob.categorical_focal_crossentropy, "categorical", "CategoricalFocalCrossentropy",
          params=(ALPHA_UNIT, GAMMA, FROM_LOGITS, SMOOTHING, AXIS), keras="categorical_focal_crossentropy",
          alignment=None,
          divergences=(
              SMOOTHING_OFF_LAST_AXIS,
              _focal_logits("categorical_focal_crossentropy",
                            lambda: (A([[1.0, 0.0]]), A([[0.0, 30.0]]),
                                     {"from_logits": True, "gamma": 0.0, "alpha": 1.0}))),
          scale=_logit_scale()),
    _spec("sparse_categorical_crossentropy", "probabilistic", "−log p[label]",
          ref_prob.sparse_categorical_crossentropy, "sparse", "SparseCategoricalCrossentropy",
          params=(FROM_LOGITS, Param("ignore_class", None, "class_id"), AXIS),
          keras="sparse_categorical_crossentropy", alignment="labels",
          output_mask=lambda t, p, params: None if params.get("ignore_class") is None
          else np.asarray(t) != params["ignore_class"],
          divergences=(Divergence(
              "axis other than −1: TensorFlow raises 'Only axis=-1 is currently supported'; JAX raises a "
              "shape error unless the label shape happens to equal y_pred's shape without its last axis",
              "TF: documented limit of tf.nn.sparse_softmax_cross_entropy_with_logits; JAX: none found; "
              "keras-team/keras#21104 added the axis argument",
              lambda: (A([[0, 1, 0]]), A([[[0.7, 0.2, 0.5], [0.3, 0.8, 0.5]]]), {"axis": 1}),
              region=lambda case, dtype: case.params.get("axis", -1) % case.y_pred.ndim != case.y_pred.ndim - 1,
              backends=("tensorflow", "jax"), kind="keras-backend"),),
          scale=_logit_scale()),
    _spec("categorical_generalized_cross_entropy", "probabilistic", "(1 − p[label]^q) / q",
          ref_prob.categorical_generalized_cross_entropy, "sparse_2d", "CategoricalGeneralizedCrossEntropy",
          params=(Param("q", 0.5, "float", 0.0, 1.0, low_open=True, high_open=True),),
          keras="categorical_generalized_cross_entropy", alignment="labels",
          divergences=(
              Divergence("labels of shape (B, 1), which the docstring allows, broadcast to a (B, B) loss matrix",
                         "none found (verified in keras3 notes §3.2)",
                         lambda: (A([[0], [1]]), A([[0.9, 0.1], [0.2, 0.8]]), {}),
                         region=lambda case, dtype: case.y_true.ndim == 2),
              Divergence("lossref clips p[label] at ε so the gradient −p^(q−1) stays finite at p = 0; Keras "
                         "returns 1/q there (lossref (1 − ε^q)/q)", "design choice, not a Keras bug",
                         lambda: (A([0]), A([[0.0, 1.0]]), {}), region=_probability_below_eps,
                         kind="lossref-design"))),
]

OVERLAP = [
    _spec("dice", "overlap", "1 − 2Σt·p / (Σt + Σp + ε)", ref_overlap.dice, "masks", "Dice", params=(AXES,),
          keras="dice", batch_level=lambda params: params.get("axis") is None or 0 in params["axis"],
          alignment=None),
    _spec("tversky", "overlap", "1 − TP / (TP + α·FP + β·FN + ε)", ref_overlap.tversky, "masks", "Tversky",
          params=(Param("alpha", 0.5, "float", 0.0, draw_high=2.0), Param("beta", 0.5, "float", 0.0, draw_high=2.0),
                  AXES),
          keras="tversky", batch_level=lambda params: params.get("axis") is None or 0 in params["axis"],
          alignment=None,
          divergences=(Divergence(
              "α weighs false negatives and β false positives, the reverse of the docstring and Salehi et al.",
              "keras-team/keras#23322 (dup), fixed by #23333 after 3.15.1",
              lambda: (A([[1.0, 1.0, 0.0, 0.0]]), A([[1.0, 0.0, 1.0, 1.0]]), {"alpha": 0.9, "beta": 0.1}),
              region=lambda case, dtype: case.params.get("alpha", 0.5) != case.params.get("beta", 0.5)),)),
]

STRUCTURED = [
    _spec("circle", "structured", "softplus(lse_pos(−γα_p(s_p − Δ_p)) + lse_neg(γα_n(s_n − Δ_n)))",
          ref_struct.circle, "embeddings", "Circle",
          params=(Param("remove_diagonal", True, "bool"),
                  Param("gamma", 80.0, "float", 0.0, low_open=True, draw_high=256.0),
                  Param("margin", 0.4, "float", 0.0, 1.0)),
          keras="circle", independent_samples=False, alignment=None,
          output_mask=lambda t, p, params: ref_struct.circle_valid(t, params.get("remove_diagonal", True)),
          scale=lambda t, p, params: 1.0 + 3.0 * params.get("gamma", 80.0)),
    _spec("ctc", "structured", "−log Σ_alignments Π softmax(p)[t, a_t]", ref_struct.ctc, "ctc", "CTC",
          keras="ctc", alignment=None,
          scale=lambda t, p, params: 1.0 + p.shape[1] * np.max(np.abs(p), axis=(1, 2)),
          tolerance_overrides={(backend, "float64"): (
              "float32", "keras.ops.ctc_loss computes in float32 for float64 input on every backend "
              "(JAX and torch return float32, TF casts back); verified in Keras 3.15.1") for backend in BACKENDS},
          notes="Clamped at 0 against keras-team/keras#23684 (JAX recursion slightly negative); no witness "
                "reproduced it here, so it is not listed as a divergence."),
]

SPECS = REGRESSION + HINGE + PROBABILISTIC + OVERLAP + STRUCTURED
