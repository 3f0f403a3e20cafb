"""Records of the regression losses: the Keras built-ins and the tutorials' own losses."""

import math

import numpy as np

from lossref import domains
from lossref import losses as impl
from lossref.constants import EPSILON
from lossref.gradients import near
from lossref.reference import regression as ref
from lossref.registry._shared import (
    DIABETES,
    clip_bound,
    float32_on_torch,
    inverse_norm,
    kink,
    norm_clip,
    row_norm,
    scale_terms,
    tie,
)
from lossref.registry.spec import COSINE, NONNEGATIVE, Bench, Defect, Divergence, Example, LossSpec, Smoothness, absent
from lossref.registry.spec import Training as T

A = np.asarray
SMOOTH = absent("smooth wherever the loss is finite")


def _tiny_error(case):
    error = np.abs(np.asarray(case.y_pred, dtype=float) - np.asarray(case.y_true, dtype=float))
    return bool(np.any((error > 0) & (error < 1e-2)))


def _huber_kink(t, p, params, r):  # C¹ but not C²: central differences lose an order of accuracy across |e| = δ
    return near(np.abs(p - t), params.get("delta", 1.0), r)


def _smooth_l1_kink(t, p, params, r):
    """|e| = β (C¹, not C²), and e = 0 where β = 0 (the absolute value)."""
    beta = params.get("beta", 1.0)
    return near(np.abs(p - t), beta, r) | (beta == 0) & near(p, t, r)


def _msle_clip(t, p, params, r):
    """y_pred at the clip max(p, ε)."""
    return near(p, clip_bound(params), r)


def _relative_rmse_cone(t, p, params, r):
    """The cone's tip, e = 0."""
    return np.broadcast_to(np.sqrt(np.sum((p - t) ** 2)) <= 10 * np.sqrt(np.sum(r**2)), p.shape)


def _error_norm(t, p, params):
    """relative_rmse is ‖e‖/√n/mean(t²) − 1, a cone in e = p − t: it bends on the length ‖e‖."""
    return np.full(p.shape, np.sqrt(np.sum((p - t) ** 2)))


_COSINE_KINKS = Smoothness(norm_clip, (
    kink("‖y_pred‖ = ε (the norm clip)", [[1.0, 0.0]], [[EPSILON, 0.0]], [-1 / EPSILON, 0.0], [0.0, 0.0],
         {"tensorflow": [-10000000.0, 0.0], "torch": [-10000000.0, 0.0], "jax": [-10000000.000000002, 0.0]}),
    kink("y_pred = 0 (zero vector; smooth: p/ε)", [[1.0, 0.0]], [[0.0, 0.0]], [-1 / EPSILON, 0.0],
         [-1 / EPSILON, 0.0],
         {"tensorflow": [-10000000.0, 0.0], "torch": [-10000000.0, 0.0], "jax": [-10000000.000000002, 0.0]}),
))

_SEED_000 = "Dense(16, relu) → Dense(1, sigmoid), Adam, as in the tutorial; its labels (np.random.randint(0, 1)) "\
    "are all 0, so the bundled breast-cancer set stands in"

RECORDS = [
    LossSpec(
        "mean_squared_error", "regression", "mean((p − t)²)", impl.mean_squared_error, ref.mean_squared_error,
        ref.mean_squared_error_grad, domains.REAL, keras="mean_squared_error",
        smoothness=SMOOTH, symmetric="exact", value_range=NONNEGATIVE, zero_at_tie=True,
        training=(T("diabetes", bar=0.3, **DIABETES),),
        bench=Bench(elementwise=True, natives={"torch": "torch.nn.functional.mse_loss",
                                               "jax": "optax.squared_error"})),
    LossSpec(
        "mean_absolute_error", "regression", "mean(|p − t|)", impl.mean_absolute_error, ref.mean_absolute_error,
        ref.mean_absolute_error_grad, domains.REAL, keras="mean_absolute_error",
        smoothness=Smoothness(tie, (
            kink("|e| = 0 (entry 0; entry 1 is smooth)", [[0.5, 1.0]], [[0.5, 2.0]], [-0.5, 0.5], [0.5, 0.5],
                 {"tensorflow": [0.0, 0.5], "torch": [0.0, 0.5], "jax": [0.5, 0.5]}),)),
        symmetric="exact", value_range=NONNEGATIVE, zero_at_tie=True, training=(T("diabetes", bar=0.3, **DIABETES),),
        bench=Bench(elementwise=True, natives={"torch": "torch.nn.functional.l1_loss"})),
    LossSpec(
        "mean_absolute_percentage_error", "regression", "100·mean(|t − p| / max(|t|, ε))",
        impl.mean_absolute_percentage_error, ref.mean_absolute_percentage_error,
        ref.mean_absolute_percentage_error_grad, domains.REAL, keras="mean_absolute_percentage_error",
        smoothness=Smoothness(tie, (kink("|e| = 0", [[2.0]], [[2.0]], [-50.0], [50.0],
                                         {"tensorflow": [0.0], "torch": [0.0], "jax": [-50.0]}),)),
        value_range=NONNEGATIVE, zero_at_tie=True,
        training=(T("diabetes_positive", bar=0.2, fall=0.7, head="softplus"),), bench=Bench(elementwise=True)),
    LossSpec(
        "mean_squared_logarithmic_error", "regression", "mean((log1p(max(p, ε)) − log1p(max(t, ε)))²)",
        impl.mean_squared_logarithmic_error, ref.mean_squared_logarithmic_error,
        ref.mean_squared_logarithmic_error_grad, domains.NONNEGATIVE, keras="mean_squared_logarithmic_error",
        smoothness=Smoothness(_msle_clip, (
            kink("y_pred = ε (the clip max(p, ε))", [[1.0]], [[EPSILON]],
                 [2 * (np.log1p(EPSILON) - np.log1p(1.0)) / (1 + EPSILON)], [0.0], {"*": [0.0]}),)),
        value_range=NONNEGATIVE, zero_at_tie=True, training=(T("diabetes_positive", bar=0.3, head="softplus"),),
        defects=(float32_on_torch("ops.maximum(y_pred, ε) with a Python float computes in float32"),),
        bench=Bench(elementwise=True)),
    LossSpec(
        "cosine_similarity", "regression", "−Σ_axis n(t)·n(p), n(x) = x / max(‖x‖, ε)", impl.cosine_similarity,
        ref.cosine_similarity, ref.cosine_similarity_grad, domains.REAL, keras="cosine_similarity",
        smoothness=_COSINE_KINKS, fd_length=row_norm, gradient_scale=inverse_norm,
        alignment=None, symmetric="exact", value_range=COSINE,
        training=(T("directions", bar=0.9, floor=-1.0, fall=0.2),),
        defects=(Defect("NaN gradient where y_true or y_pred is a zero vector: ops.normalize computes "
                        "x·min(rsqrt(Σx²), 1/ε), and the backward pass meets rsqrt's −∞ at 0 with minimum's 0 "
                        "(0·∞); TensorFlow's gradient is finite", "not reported",
                        ("gradient_finite", "gradient_analytic", "gradient_fd", "weight_algebra"),
                        backends=("jax", "torch")),
                 Defect("a value below −1 for parallel vectors (−1.0000001 in float32 on JAX; −1.00000004 in float64, "
                        "computed with float32 accuracy): outside the documented range, so acos(−loss) is NaN",
                        "tensorflow/tensorflow#58031 (the same for tf.keras in float32, closed)", ("value_range",)),
                 Defect("torch.nn.functional.cosine_similarity: ±1.0000000000000002 for parallel vectors in float64, "
                        "outside [−1, 1]", "pytorch/pytorch#78064 (open; #81863 closed unmerged)", ("value_range",),
                        backends=("torch",), library="torch"),
                 Defect("torch.nn.functional.cosine_similarity: where a norm is below eps the value is clamped "
                        "(x/eps) but the gradient is not its derivative (−102 instead of −114 at ‖p‖ = 0.001, eps = "
                        "0.01)", "not reported (pytorch/pytorch#50473 asks for consistent eps handling)",
                        ("gradient_analytic", "gradient_fd"), backends=("torch",), library="torch"),
                 Defect("optax.losses.cosine_similarity: −1.0000000000000002 for parallel vectors in float64, outside "
                        "[−1, 1]", "not reported", ("value_range",), backends=("jax",), library="optax")),
        bench=Bench(natives={"torch": "torch.nn.functional.cosine_similarity",
                             "jax": "optax.cosine_similarity"})),
    LossSpec(
        "huber", "regression", "mean(½e² if |e| ≤ δ else δ|e| − ½δ²)", impl.huber, ref.huber, ref.huber_grad,
        domains.REAL, keras="huber",
        smoothness=Smoothness(_huber_kink, (
            kink("|e| = δ (differentiable: δ·sign(e)/n from both sides)", [[0.0, 0.0]], [[1.0, -1.0]],
                 [0.5, -0.5], [0.5, -0.5], {"*": [0.5, -0.5]}, delta=1.0),)),
        symmetric="exact", value_range=NONNEGATIVE, zero_at_tie=True, training=(
            T("diabetes", bar=0.3, **DIABETES),
            T("diabetes", bar=0.3, **DIABETES, params={"delta": 0.5}, form="closure", label="seed 003",
              note="a tutorial's parametric Huber, a closure over its threshold (δ = 0.5), on a regression MLP; "
                   "diabetes stands in for the airfoil self-noise set, which would need a download"),
        ),
        bench=Bench(elementwise=True, natives={"torch": "torch.nn.functional.huber_loss",
                                               "jax": "optax.huber_loss"})),
    LossSpec(
        "log_cosh", "regression", "mean(log cosh(p − t))", impl.log_cosh, ref.log_cosh, ref.log_cosh_grad,
        domains.REAL, keras="log_cosh", smoothness=SMOOTH,
        divergences=(Divergence(
            "log-cosh-below-zero-float32",
            "float32: errors of about 1e-5 to 3e-4 give −5.96e-8, below the documented minimum 0: Keras computes "
            "x + softplus(−2x) − log 2, whose terms cancel; log(loss) downstream is then NaN. lossref uses "
            "log1p(2 sinh²(e/2)) there", "none found",
            lambda: (A([[0.0]]), A([[2.5e-5]]), {}),
            region=lambda case, dtype: dtype == "float32" and _tiny_error(case),
            kind="keras-precision", bound=1e-6, shows=lambda ours, theirs: bool(np.any(np.asarray(theirs) < 0))),),
        defects=(Defect("float64: −1.9e-9 at y_pred = y_true, below the documented minimum 0: the constant log 2 of "
                        "x + softplus(−2x) − log 2 is rounded to float32 (0.6931471824645996)", "not reported",
                        ("value_range",), backends=("tensorflow", "torch"), dtypes=("float64",)),),
        symmetric="rounding", value_range=NONNEGATIVE, zero_at_tie=True, training=(T("diabetes", bar=0.3, **DIABETES),),
        bench=Bench(elementwise=True, natives={"jax": "optax.log_cosh"})),
    LossSpec(
        "pinball_loss", "regression", "mean(max(τ·e, (τ − 1)·e)), e = t − p", impl.pinball_loss, ref.pinball_loss,
        ref.pinball_loss_grad, domains.REAL, keras=absent("not in Keras: tfa.losses.pinball_loss"),
        source="tensorflow-addons",
        smoothness=Smoothness(tie, (kink("e = 0 (entry 0; entry 1 is smooth)", [[1.0, 2.0]], [[1.0, 0.0]],
                                         [-0.125, -0.125], [0.375, -0.125], {"*": [0.0, -0.125]}, tau=0.25),)),
        examples=(Example([0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 1.0, 0.0], {"tau": 0.1}, 0.475,
                          "the tfa.losses.pinball_loss documentation"),),
        value_range=NONNEGATIVE, zero_at_tie=True, training=(T("diabetes", bar=0.3, **DIABETES, params={"tau": 0.5}),),
        bench=Bench(elementwise=True),
        notes="The quantile loss of TensorFlow Addons (retired; it does not install on TensorFlow 2.21)."),
    LossSpec(
        "sum_squared_error", "regression", "Σ(p − t)²", impl.sum_squared_error, ref.sum_squared_error,
        ref.sum_squared_error_grad, domains.REAL, keras=absent("no Keras built-in"),
        source="seed", smoothness=SMOOTH,
        symmetric="exact", value_range=NONNEGATIVE, zero_at_tie=True,
        training=(T("breast_cancer", bar=0.9, head="sigmoid", label="seed 000", note=_SEED_000),),
        bench=Bench(elementwise=True, natives={"torch": "torch.nn.functional.mse_loss(reduction='sum')",
                                               "tensorflow": "tf.nn.l2_loss"}),
        notes="An 'L-2 loss' of a custom-loss tutorial: the sum of squared errors per sample."),
    LossSpec(
        "mean_error", "regression", "mean(p − t)", impl.mean_error, ref.mean_error, ref.mean_error_grad,
        domains.REAL, keras=absent("no Keras built-in"), source="seed", smoothness=SMOOTH,
        scale=scale_terms(lambda t, p, params: p, lambda t, p, params: t),
        value_range=absent("signed: unbounded in both directions"),
        training=(T("diabetes_drift", bar=-1.0, floor=None, fall=1.0, optimizer="sgd", form="closure",
                    label="seed 001",
                    note="the tutorial's my_loss = mean(p − t) with SGD: unbounded below, its gradient is the "
                         "constant 1/N per output, so training only pushes every prediction down; the bar says "
                         "it did"),),
        bench=Bench(elementwise=True),
        notes="A tutorial's `my_loss`: signed, unbounded below; not a training loss."),
    LossSpec(
        "cosine_proximity", "regression", "−mean(n(t)·n(p))", impl.cosine_proximity, ref.cosine_proximity,
        ref.cosine_proximity_grad, domains.REAL, keras=absent("removed after Keras 1"),
        source="seed", smoothness=Smoothness(norm_clip), fd_length=row_norm, gradient_scale=inverse_norm,
        alignment=None,
        symmetric="exact", value_range=COSINE,
        training=(T("directions", bar=0.9, floor=-0.25, fall=0.2),),  # −cos / 4 for a 4-d targets
        notes="The Keras 1 objective, quoted by a custom-loss tutorial."),
    LossSpec(
        "penalized_absolute_error", "regression", "mean(|e|·½·(1 + |e|)), e = t − p", impl.penalized_absolute_error,
        ref.penalized_absolute_error, ref.penalized_absolute_error_grad, domains.REAL,
        keras=absent("no Keras built-in"), source="seed",
        smoothness=Smoothness(tie, (kink("|e| = 0", [[1.0]], [[1.0]], [-0.5], [0.5],
                                         {"tensorflow": [0.0], "torch": [0.0], "jax": [-0.5]}),)),
        symmetric="exact", value_range=NONNEGATIVE, zero_at_tie=True, training=(
            T("line", bar=0.6, hidden=0, epochs=100, batch_size=1, learning_rate=0.001, fall=0.9, slow=True,
              label="seed 002", note="the tutorial's own example: one Dense(1) on X = rand(100, 1), y = 2X + "
                                     "N(0, 1), Adam(), 100 epochs of batch size 1; the metric is the fitted line's "
                                     "largest gap to y = 2x"),
            T("diabetes", bar=0.3, **DIABETES),
        ),
        bench=Bench(elementwise=True),
        notes="A tutorial's CustomLoss, reduced over the last axis like the Keras losses."),
    LossSpec(
        "relative_rmse", "regression", "sqrt(mean((p − t)²)) / mean(t²) − 1, whole batch", impl.relative_rmse,
        ref.relative_rmse, ref.relative_rmse_grad, domains.REAL_NONZERO_TARGET, keras=absent("no Keras built-in"),
        source="seed",
        smoothness=Smoothness(_relative_rmse_cone, (
            kink("y_pred = y_true (the cone ‖e‖ at 0)", [[1.0, 2.0]], [[1.0, 2.0]], [-0.4, -0.4], [0.4, 0.4],
                 {"*": [0.0, 0.0]}),)),
        fd_length=_error_norm, independent_samples=False, batch_level=lambda params: True, alignment=None,
        scale=lambda t, p, params: 1.0 + np.sqrt(np.mean((p - t) ** 2)) / np.mean(t**2),
        value_range=(-1.0, math.inf),
        training=(T("diabetes", bar=0.3, **DIABETES, floor=-1.0, fall=0.8, label="seed 003",
                    note="the tutorial's CustomAccuracy on a regression MLP; it minimises the batch RMSE divided "
                         "by the batch's mean(t²) (see docs/convergence.md)"),),
        notes="A tutorial's CustomAccuracy. Batch-level: one scalar for the whole batch; sample weights cannot "
              "apply per sample."),
]

RECORDS += [
    LossSpec(
        "smooth_l1_loss", "regression", "mean(½e²/β if |e| < β else |e| − ½β)", impl.smooth_l1_loss,
        ref.smooth_l1_loss, ref.smooth_l1_loss_grad, domains.REAL,
        keras=absent("not in Keras: torch.nn.functional.smooth_l1_loss"), source="torch",
        smoothness=Smoothness(_smooth_l1_kink, (
            kink("|e| = β (differentiable: sign(e)/n from both sides)", [[0.0, 0.0]], [[1.0, -1.0]], [0.5, -0.5],
                 [0.5, -0.5], {"*": [0.5, -0.5]}),
            kink("e = 0 with β = 0 (entry 0; entry 1 is smooth)", [[0.5, 1.0]], [[0.5, 2.0]], [-0.5, 0.5], [0.5, 0.5],
                 {"tensorflow": [0.0, 0.5], "torch": [0.0, 0.5], "jax": [0.5, 0.5]}, beta=0.0),
        ), smooth_params={"beta": 1.0}),
        symmetric="exact", value_range=NONNEGATIVE, zero_at_tie=True,
        training=(T("diabetes", bar=0.3, **DIABETES),),
        bench=Bench(elementwise=True, natives={"torch": "torch.nn.functional.smooth_l1_loss"})),
    LossSpec(
        "l2_loss", "regression", "mean(½(p − t)²)", impl.l2_loss, ref.l2_loss, ref.l2_loss_grad, domains.REAL,
        keras=absent("not in Keras: optax.losses.l2_loss"), source="optax", smoothness=SMOOTH, symmetric="exact",
        value_range=NONNEGATIVE, zero_at_tie=True, training=(T("diabetes", bar=0.3, **DIABETES),),
        bench=Bench(elementwise=True, natives={"jax": "optax.losses.l2_loss"})),
]
