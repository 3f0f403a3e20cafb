"""`lossref check` on correct and buggy implementations, on the backend of this process.

Keras's own functions count as correct where Keras follows its documentation; each buggy implementation is
a mistake users make, and the check must reject it with the property that broke.

In the gate profile each implementation of the lists below, and the command-line chain, is checked on one backend,
in turn (`ROTATION`), and each test of one feature of the report (a diagnosis, a note, a named constant) on torch
or TensorFlow, in turn: `lossref check` runs the properties the suites run on every backend, through the same
adapters. The other profiles check every one on every backend.
"""

import dataclasses
import itertools
import re

import keras
import numpy as np
import pytest
from keras import ops

import lossref
from lossref import losses
from lossref.cli import main
from suites._helpers import BACKEND, in_turn, on_turn

ROTATION = ("torch", "tensorflow", "torch", "jax")  # the JAX env, compiling, is the gate's longest
_FEATURE_TURNS = itertools.cycle(("torch", "tensorflow"))


def feature(test):
    """A test of one feature of the report: in the gate profile, on torch or TensorFlow in turn (module docstring)."""
    return on_turn(next(_FEATURE_TURNS))(test)

PROFILE = "quick"  # correct implementations: the battery is exercised in depth by the other suites
CATCH = "gate"  # buggy ones: the fewest cases the suites draw (10, boundaries on purpose) must catch them


def huber_without_half(y_true, y_pred, delta=1.0):
    error = ops.abs(y_pred - y_true)
    return ops.mean(ops.where(error <= delta, ops.square(error), delta * error - 0.5 * delta**2), axis=-1)


def mse_over_batch_axis(y_true, y_pred):
    return ops.mean(ops.square(y_pred - y_true), axis=0)


def mae_sqrt_of_square(y_true, y_pred):
    return ops.mean(ops.sqrt(ops.square(y_pred - y_true)), axis=-1)


def bce_logits_relu_abs(y_true, y_pred):
    """The stable form max(x, 0) − x·t + log(1 + e^−|x|) written with relu and abs: at a logit of exactly 0 (a
    zero-initialized output layer) both derivatives are 0 on every backend, and the gradient is −t, not ½ − t."""
    return ops.mean(ops.relu(y_pred) - y_pred * y_true + ops.log1p(ops.exp(-ops.abs(y_pred))), axis=-1)


def custom_accuracy(y_true, y_pred):
    """A custom-loss tutorial's CustomAccuracy: sqrt(mean((p − t)²)) / mean(t²) − 1 over the whole batch. Its
    gradient is NaN at a perfect fit (the derivative of sqrt at 0): lossref's relative_rmse takes the root on
    max(mse, ·)."""
    return ops.sqrt(ops.mean(ops.square(y_pred - y_true))) / ops.mean(ops.square(y_true)) - 1.0


class SwappedHuber(keras.losses.Loss):
    """A Loss subclass whose call swaps y_true and y_pred into a loss that is not symmetric."""

    def __init__(self, delta=1.0, **kwargs):
        super().__init__(**kwargs)
        self.delta = delta

    def call(self, y_true, y_pred):
        return keras.losses.poisson(y_pred, y_true)


# ---- Loss subclasses with the pitfalls users write (a custom-loss tutorial teaches the first) ------------


class OverridesCall(keras.losses.Loss):
    """Overrides __call__ and averages itself: no reductions, no sample_weight, no masks."""

    def __call__(self, y_true, y_pred, sample_weight=None):
        return ops.mean(ops.square(y_pred - y_true))


class DropsSampleWeight(keras.losses.Loss):
    """Keeps Keras's pipeline but never passes sample_weight on."""

    def call(self, y_true, y_pred):
        return ops.mean(ops.square(y_pred - y_true), axis=-1)

    def __call__(self, y_true, y_pred, sample_weight=None):
        return super().__call__(y_true, y_pred)


class DividesByWeightSum(keras.losses.Loss):
    """Normalizes by Σw under the default reduction, which Keras defines as Σw·v / N."""

    def call(self, y_true, y_pred):
        return ops.mean(ops.square(y_pred - y_true), axis=-1)

    def __call__(self, y_true, y_pred, sample_weight=None):
        values = self.call(ops.convert_to_tensor(y_true), ops.convert_to_tensor(y_pred))
        if sample_weight is None:
            return ops.mean(values)
        weights = ops.cast(ops.convert_to_tensor(sample_weight), values.dtype)
        return ops.sum(values * weights) / ops.sum(weights)


class LeaksGradientPastZeroWeight(keras.losses.Loss):
    """Σw·v in value, but a straight-through term lets every sample's gradient through, weight 0 or not."""

    def call(self, y_true, y_pred):
        return ops.mean(ops.square(y_pred - y_true), axis=-1)

    def __call__(self, y_true, y_pred, sample_weight=None):
        values = super().__call__(y_true, y_pred, sample_weight=sample_weight)
        plain = super().__call__(y_true, y_pred)
        return values + (plain - ops.stop_gradient(plain))


class BroadcastsTargets(keras.losses.Loss):
    """call without rank alignment: y_true (N,) against y_pred (N, 1) broadcasts to (N, N)."""

    def call(self, y_true, y_pred):
        return ops.mean(ops.square(y_pred - y_true), axis=-1)


PITFALLS = [
    (OverridesCall, "loss_contract"),
    (DropsSampleWeight, "reduction_model"),
    (DividesByWeightSum, "reduction_model"),
    (BroadcastsTargets, "rank_alignment"),
    (LeaksGradientPastZeroWeight, "weight_algebra"),
]


@pytest.mark.parametrize("loss,prop", in_turn([pytest.param(*p, id=p[0].__name__) for p in PITFALLS], ROTATION))
def test_check_rejects_loss_subclass_pitfall(loss, prop):
    report = lossref.check(loss, "mean_squared_error", profile=CATCH)
    failed = {f.property for f in report.failures}
    assert prop in failed, f"expected '{prop}' to fail, got {sorted(failed)}:\n{report}"
    message = next(f.message for f in report.failures if f.property == prop)
    assert f"property '{prop}' failed" in message and BACKEND in message


CORRECT = [  # Keras's own functions: test_keras_own_losses_conform_with_notes_at_most
    (keras.losses.Huber(), "huber", None),
    (losses.Huber, "huber", None),  # a Loss subclass: drawn parameters go to the constructor
    (losses.huber_fn(2.0), "huber", {"delta": 2.0}),  # the seed's closure, its threshold baked in
    (losses.relative_rmse, "relative_rmse", None),
]

BUGGY = [
    (huber_without_half, "huber", "values"),
    (mse_over_batch_axis, "mean_squared_error", "values"),
    (mae_sqrt_of_square, "mean_absolute_error", "gradient_finite"),
    (SwappedHuber, "poisson", "values"),
    (custom_accuracy, "relative_rmse", "gradient_finite"),
]


def _id(item):
    return f"{getattr(item[0], '__name__', type(item[0]).__name__)}-{item[1]}"


@pytest.mark.parametrize("loss,against,params", in_turn([pytest.param(*c, id=_id(c)) for c in CORRECT], ROTATION))
def test_check_accepts_correct_implementation(loss, against, params):
    report = lossref.check(loss, against, params=params, profile=PROFILE)
    assert report.passed, str(report)


@feature
def test_batch_level_loss_is_reported_as_such():
    report = lossref.check(custom_accuracy, "relative_rmse", profile=PROFILE)
    assert "sample weights cannot apply per sample" in str(report)
    assert any(o.property == "per_sample" and o.status.startswith("skipped") for o in report.outcomes)


@pytest.mark.parametrize("loss,against,prop", in_turn([pytest.param(*b, id=_id(b)) for b in BUGGY], ROTATION))
def test_check_rejects_buggy_implementation(loss, against, prop):
    report = lossref.check(loss, against, profile=CATCH)
    assert not report.passed
    failure = next((f for f in report.failures if f.property == prop), None)
    assert failure is not None, f"expected '{prop}' to fail:\n{report}"
    for must in ("minimal counterexample", "expected", "replay:", BACKEND) if prop == "values" else ("replay:",):
        assert must in failure.message, failure.message
    assert failure.npz and failure.counterexample.y_pred is not None


@feature
def test_assert_conforms_raises_with_the_report():
    with pytest.raises(AssertionError, match="DIFFERS"):
        lossref.assert_conforms(huber_without_half, "huber", profile=CATCH)
    lossref.assert_conforms(keras.losses.mean_squared_error, "mean_squared_error", profile=PROFILE)


@on_turn("torch")
def test_cli_exit_codes(tmp_path, capsys):
    """Exit 0 and 2 in this process: a conforming child's own exit, and usage errors the parent finds before any
    child. (Exit 1 with the replay command through the whole chain, a parent and a child process per backend, is
    suites/test_project.py's.)"""
    buggy = tmp_path / "my_losses.py"
    buggy.write_text("def huber(y_true, y_pred, delta=1.0):\n    return y_pred\n")

    def here(*args):
        code = main(["check", *args, "--backend", BACKEND, "--profile", PROFILE])
        return code, capsys.readouterr()

    code, out = here("keras.losses:mean_squared_error", "--against", "mean_squared_error", "--in-process")
    assert code == 0 and "conforms" in out.out, out.out + out.err
    code, out = here("keras.losses:mean_squared_error", "--against", "no_such_loss")
    assert code == 2 and "usage error" in out.err
    code, out = here(f"{buggy}:nothing", "--against", "huber")
    assert code == 2 and "usage error" in out.err


# ---- verdicts a CI gate can keep on: notes, documented variants, input control, one diagnosis, crashes -----

KERAS_OWN = ["mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
             "mean_squared_logarithmic_error", "huber", "log_cosh", "hinge", "squared_hinge", "categorical_hinge",
             "kl_divergence", "poisson", "binary_crossentropy", "categorical_crossentropy", "dice"]


@pytest.mark.parametrize("name", in_turn([pytest.param(name, id=name) for name in KERAS_OWN], ROTATION))
def test_keras_own_losses_conform_with_notes_at_most(name):
    report = lossref.check(getattr(keras.losses, name), name, profile=PROFILE)
    assert report.verdict in ("conforms", "conforms with notes"), str(report)


@feature
def test_recorded_divergence_is_a_note_and_strict_makes_it_a_failure():
    """Keras's float32 clip bound 1 − ε rounds: 15.94 for a saturated wrong probability, a recorded precision
    divergence. On a user's loss it is a note saying what differs, where and by how much."""
    saturated = {"from_logits": False, "label_smoothing": 0.0}
    report = lossref.check(keras.losses.binary_crossentropy, "binary_crossentropy", params=saturated, profile=CATCH)
    assert report.verdict == "conforms with notes" and report.exit_code == 0, str(report)
    note = next(n for n in report.notes if "saturated wrong probability" in n)
    largest = float(re.search(r"largest difference is ([0-9.e-]+)", note).group(1))
    assert 0 < largest <= 0.18 and "y_pred=" in note, note  # at most −log ε − (−log 1.19e-7) per entry
    strict = lossref.check(keras.losses.binary_crossentropy, "binary_crossentropy", params=saturated, profile=CATCH,
                           strict=True)
    assert strict.verdict == "differs" and strict.exit_code == 1


def laplace_dice(y_true, y_pred):
    """The Dice most often written: 1 − (2I + 1)/(Σt + Σp + 1), its smoothing baked in."""
    intersection = ops.sum(y_true * y_pred)
    return 1.0 - (2.0 * intersection + 1.0) / (ops.sum(y_true) + ops.sum(y_pred) + 1.0)


@feature
def test_smoothed_dice_passes_with_its_smoothing_and_fails_without():
    assert lossref.check(laplace_dice, "dice", params={"smooth": 1.0}, profile=CATCH).verdict == "conforms"
    report = lossref.check(laplace_dice, "dice", profile=CATCH)
    assert report.verdict == "differs" and "values" in {f.property for f in report.failures}


def mse_one_ulp_below_zero(y_true, y_pred):
    values = ops.mean(ops.square(y_pred - y_true), axis=-1)
    return ops.where(values == 0, -np.finfo(np.float32).tiny, values)


@feature
def test_a_value_one_ulp_below_the_range_fails():
    report = lossref.check(mse_one_ulp_below_zero, "mean_squared_error", profile=CATCH)
    assert report.failures[0].property == "value_range", str(report)
    assert "outside the documented range [0, inf]" in report.failures[0].message


class HuberWithOwnConstructor(keras.losses.Loss):
    """A Loss subclass as users write it: its own constructor takes `delta` only, and get_config returns it."""

    def __init__(self, delta=1.0, name="my_huber", **kwargs):
        super().__init__(name=name, **kwargs)
        self.delta = delta

    def call(self, y_true, y_pred):
        return keras.losses.huber(y_true, y_pred, delta=self.delta)

    def get_config(self):
        return {**super().get_config(), "delta": self.delta}


@feature
def test_subclass_with_its_own_constructor_is_checked_as_a_class():
    report = lossref.check(HuberWithOwnConstructor, "huber", profile=CATCH)
    assert report.verdict == "conforms", str(report)
    assert any("drawn ['delta'] go to its constructor" in line for line in report.info)


@feature
def test_elementwise_call_is_read_through_call():
    class ElementwiseSquares(keras.losses.Loss):
        def call(self, y_true, y_pred):
            y_true, y_pred = keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)
            y_true = ops.reshape(y_true, ops.shape(y_pred))
            return ops.square(y_pred - y_true)

    report = lossref.check(ElementwiseSquares(), "mean_squared_error", profile=CATCH)
    assert {f.property for f in report.failures} <= {"rank_alignment"}, str(report)
    assert any("read through Loss.__call__" in line for line in report.info)


def mse_scalar_per_batch(y_true, y_pred):
    return ops.mean(ops.square(y_pred - y_true))


@feature
def test_one_root_cause_gets_one_diagnosis():
    report = lossref.check(mse_scalar_per_batch, "mean_squared_error", profile=CATCH)
    assert report.diagnosis and "one scalar per batch" in report.diagnosis
    text = str(report)
    assert text.count("minimal counterexample") == 1 and "it explains, most likely:" in text


@feature
def test_axis_tuple_draws_compatible_ranks():
    def per_image_dice(y_true, y_pred):
        intersection = ops.sum(y_true * y_pred, axis=(1, 2, 3))
        total = ops.sum(y_true, axis=(1, 2, 3)) + ops.sum(y_pred, axis=(1, 2, 3))
        return 1.0 - (2.0 * intersection + 1.0) / (total + 1.0)

    report = lossref.check(per_image_dice, "dice", params={"axis": (1, 2, 3), "smooth": 1.0}, profile=CATCH)
    assert report.verdict == "conforms", str(report)


@feature
def test_hard_labels_only():
    report = lossref.check(keras.losses.binary_crossentropy, "binary_crossentropy", labels="hard", profile=PROFILE)
    assert report.passed, str(report)


def test_an_error_inside_lossref_is_could_not_check(monkeypatch, tmp_path):
    """lossref's own failure (here a reference that raises) is never reported as a finding: exit 3, traceback."""
    from lossref import registry
    from lossref.cli import main

    def broken(t, p):
        raise np.exceptions.AxisError("planted inside lossref")

    spec = registry.get("mean_squared_error")
    monkeypatch.setitem(registry.REGISTRY, spec.name, dataclasses.replace(spec, reference=broken))
    report = lossref.check(keras.losses.mean_squared_error, spec.name, profile=PROFILE)
    assert report.verdict == "could not check" and report.exit_code == 3 and not report.failures
    assert "planted inside lossref" in open(report.crash).read()
    code = main(["check", "keras.losses:mean_squared_error", "--against", spec.name, "--in-process",
                 "--profile", PROFILE])
    assert code == 3


def huber_closure_half(y_true, y_pred):
    error = ops.abs(y_pred - y_true)
    return ops.mean(ops.where(error <= 0.5, 0.5 * ops.square(error), 0.5 * error - 0.125), axis=-1)


@feature
def test_a_baked_in_constant_is_named():
    """A closure whose threshold lossref cannot pass: the report says which value its constant looks like."""
    report = lossref.check(huber_closure_half, "huber", profile=CATCH)
    assert report.verdict == "differs" and "delta looks like 0.5" in (report.diagnosis or ""), str(report)
    assert lossref.check(huber_closure_half, "huber", params={"delta": 0.5}, profile=CATCH).verdict == "conforms"


def kl_clipped_at_1e10(y_true, y_pred):
    t, p = ops.clip(y_true, 1e-10, 1.0), ops.clip(y_pred, 1e-10, 1.0)
    return ops.sum(t * ops.log(t / p), axis=-1)


@feature
def test_a_baked_in_clip_bound_is_named_and_checked_with_epsilon():
    """A KL divergence clipping at 1e-10, not Keras's 1e-7: the report finds the bound, and --param epsilon
    checks it there."""
    report = lossref.check(kl_clipped_at_1e10, "kl_divergence", profile=CATCH)
    assert report.verdict == "differs" and "epsilon looks like 1e-10" in (report.diagnosis or ""), str(report)
    assert "where the clip bound acts" in report.diagnosis
    fixed = lossref.check(kl_clipped_at_1e10, "kl_divergence", params={"epsilon": 1e-10}, profile=CATCH)
    assert fixed.verdict == "conforms", str(fixed)


def focal_with_class_weights(y_true, y_pred):
    """A per-class weighted categorical focal loss as detection code writes it: α = (0.25, 0.5, 0.25)."""
    p = ops.clip(y_pred / ops.sum(y_pred, axis=-1, keepdims=True), 1e-7, 1.0 - 1e-7)
    alpha = ops.convert_to_tensor([0.25, 0.5, 0.25], dtype=p.dtype)
    return ops.sum(alpha * ops.square(1.0 - p) * -y_true * ops.log(p), axis=-1)


@feature
def test_per_class_alpha_is_a_parameter():
    alpha = [0.25, 0.5, 0.25]
    report = lossref.check(focal_with_class_weights, "categorical_focal_crossentropy", profile=PROFILE,
                           params={"alpha": alpha, "gamma": 2.0, "from_logits": False, "label_smoothing": 0.0})
    assert report.verdict == "conforms", str(report)
    scalar = lossref.check(focal_with_class_weights, "categorical_focal_crossentropy", profile=CATCH,
                           params={"alpha": 0.25, "gamma": 2.0, "from_logits": False, "label_smoothing": 0.0})
    assert scalar.verdict == "differs", str(scalar)


@feature
def test_a_wrong_gradient_at_one_point_leads_the_report():
    """The relu/abs form of the stable BCE from logits has right values everywhere and a gradient of the wrong
    sign at a logit of 0: the first failure is the gradient's, at that point."""
    report = lossref.check(bce_logits_relu_abs, "binary_crossentropy", profile=CATCH,
                           params={"from_logits": True, "label_smoothing": 0.0, "axis": -1})
    assert report.failures and report.failures[0].property == "gradient_analytic", str(report)
    assert "values" not in {f.property for f in report.failures}
    assert np.all(report.failures[0].counterexample.y_pred == 0.0), str(report)


def keras_tversky(y_true, y_pred, alpha=0.5, beta=0.5, axis=None):
    """Keras 3.15.1's tversky as a user's loss: α and β swapped, a defect the registry records."""
    return keras.losses.tversky(y_true, y_pred, alpha=alpha, beta=beta, axis=axis)


@feature
def test_a_loss_reproducing_a_recorded_keras_bug_differs_unless_allowed():
    report = lossref.check(keras_tversky, "tversky", profile=CATCH)
    assert report.verdict == "differs" and report.exit_code == 1, str(report)
    lead = report.failures[0]
    assert "reproduces a defect the registry records for Keras (tversky-alpha-beta-swapped)" in lead.message
    assert "keras-team/keras#23322" in lead.message and "--allow tversky-alpha-beta-swapped" in lead.message
    assert str(report).count("minimal counterexample") == 1, str(report)  # one cause, one headline
    allowed = lossref.check(keras_tversky, "tversky", profile=CATCH, allow=("tversky-alpha-beta-swapped",))
    assert allowed.verdict == "conforms with notes", str(allowed)
    assert all("tversky-alpha-beta-swapped" in n for n in allowed.notes if not n.startswith("not exercised"))
    with pytest.raises(ValueError, match="did you mean 'tversky-alpha-beta-swapped'"):
        lossref.check(keras_tversky, "tversky", allow=("tversky-alpha-beta-swaped",))


def bce_refusing_certainty(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """A crossentropy that raises on a probability of exactly 1: an error is never the recorded float32 clip
    difference of Keras's saturated probabilities, whose region it is in."""
    if bool(ops.any(y_pred >= 1.0)):
        raise FloatingPointError("y_pred reaches 1")
    return keras.losses.binary_crossentropy(y_true, y_pred, from_logits, label_smoothing, axis)


@feature
def test_an_error_is_never_absorbed_by_a_recorded_divergence():
    report = lossref.check(bce_refusing_certainty, "binary_crossentropy", profile=CATCH,
                           params={"from_logits": False, "label_smoothing": 0.0})
    assert report.verdict == "differs", str(report)
    assert "raised FloatingPointError: y_pred reaches 1" in report.failures[0].message
    assert not any(f.prop == "values" for _, f in report.noted), str(report)


class RankRefusingMSE(keras.losses.Loss):
    """Refuses y_true and y_pred of different ranks with an error: safe, unlike a silent broadcast."""

    def call(self, y_true, y_pred):
        if len(y_true.shape) != len(y_pred.shape):
            raise ValueError(f"y_true {y_true.shape} and y_pred {y_pred.shape}: ranks differ")
        return ops.mean(ops.square(y_pred - y_true), axis=-1)


@feature
def test_a_loss_refusing_mismatched_ranks_passes_rank_alignment():
    report = lossref.check(RankRefusingMSE, "mean_squared_error", profile=CATCH)
    assert report.verdict == "conforms", str(report)
    assert any(o.property == "rank_alignment" and o.status == "passed" for o in report.outcomes)


def pinball_tau_09(y_true, y_pred):
    error = y_true - y_pred
    return ops.mean(ops.maximum(0.9 * error, -0.1 * error), axis=-1)


@feature
def test_a_baked_in_quantile_is_named():
    report = lossref.check(pinball_tau_09, "pinball_loss", profile=CATCH)
    assert report.verdict == "differs" and "tau looks like 0.9" in (report.diagnosis or ""), str(report)
    assert lossref.check(pinball_tau_09, "pinball_loss", params={"tau": 0.9}, profile=CATCH).verdict == "conforms"


def facenet_triplet(y_true, y_pred, margin=1.0):
    """FaceNet's triplet loss on squared Euclidean distances, without an eps (the usual Keras and TF form)."""
    anchor, positive, negative = y_pred[:, 0], y_pred[:, 1], y_pred[:, 2]
    gap = ops.sum(ops.square(anchor - positive), -1) - ops.sum(ops.square(anchor - negative), -1)
    return ops.relu(gap + margin)


@feature
def test_a_squared_distance_triplet_is_identified_and_conforms_once_pinned():
    report = lossref.check(facenet_triplet, "triplet_margin_loss", profile=CATCH)
    assert report.verdict == "differs", str(report)  # a convention the user did not declare stays a difference
    assert "matches 'triplet_margin_loss' with squared=true" in (report.diagnosis or ""), str(report)
    assert "--param squared=true" in report.diagnosis
    pinned = lossref.check(facenet_triplet, "triplet_margin_loss", params={"squared": True, "eps": 0.0},
                           profile=CATCH)
    assert pinned.verdict == "conforms", str(pinned)


def hadsell_contrastive(y_true, y_pred, margin=1.0):
    """Hadsell et al. 2006 as written: ½ factor, Y = 0 for a similar pair."""
    return 0.5 * ops.mean((1.0 - y_true) * ops.square(y_pred) + y_true * ops.square(ops.relu(margin - y_pred)), -1)


@feature
def test_the_contrastive_conventions_are_identified_together():
    report = lossref.check(hadsell_contrastive, "contrastive_loss", profile=CATCH)
    assert "with half=true, similar=0" in (report.diagnosis or ""), str(report)
    pinned = lossref.check(hadsell_contrastive, "contrastive_loss", params={"half": True, "similar": 0},
                           profile=CATCH)
    assert pinned.verdict == "conforms", str(pinned)


def hinge_for_signs(y_true, y_pred):
    """A hinge documented for labels in {−1, +1} only (no conversion of {0, 1})."""
    return ops.mean(ops.relu(1.0 - y_true * y_pred), axis=-1)


@feature
def test_a_signed_only_hinge_conforms_on_its_domain():
    report = lossref.check(hinge_for_signs, "hinge", profile=CATCH)
    assert report.verdict == "differs" and "--labels signed" in (report.diagnosis or ""), str(report)
    assert lossref.check(hinge_for_signs, "hinge", labels="signed", profile=CATCH).verdict == "conforms"


@feature
def test_shape_takes_effect_on_the_triplet_domain():
    seen = set()

    def recording(y_true, y_pred, **params):
        seen.add(tuple(y_pred.shape))
        return losses.triplet_margin_loss(y_true, y_pred, **params)

    report = lossref.check(recording, "triplet_margin_loss", shape=(4, 3, 5), profile=CATCH)
    example = lossref.get("triplet_margin_loss").domain.example()[1].shape  # the diagnosis's one call
    assert report.passed and (4, 3, 5) in seen and seen - {example} <= {(4, 3, 5), (1, 3, 5)}, (seen, str(report))


@feature
def test_identify_ranks_the_losses_and_variants_a_loss_computes():
    from lossref.identify import identify

    assert [(m.loss, m.changed) for m in identify(facenet_triplet, names=["triplet_margin_loss"])] \
        == [("triplet_margin_loss", {"squared": True, "eps": 0.0})]
    assert identify(mse_over_batch_axis) == []  # one value per feature: no loss gives that shape
    assert [(m.loss, m.changed) for m in identify(hinge_for_signs)][:1] == [("hinge", {})]
    assert identify(pinball_tau_09, names=["pinball_loss"])[0].changed == {"tau": 0.9}


class HuberForgettingDelta(keras.losses.Loss):
    """A subclass whose get_config leaves out its own parameter: a model saved with it reloads with delta=1."""

    def __init__(self, delta=1.0, **kwargs):
        super().__init__(**kwargs)
        self.delta = delta

    def call(self, y_true, y_pred):
        return keras.losses.huber(y_true, y_pred, delta=self.delta)


@feature
def test_a_subclass_losing_a_parameter_on_a_round_trip_differs():
    report = lossref.check(HuberForgettingDelta, "huber", profile=CATCH)
    assert report.verdict == "differs" and [f.property for f in report.failures] == ["serialization"], str(report)
    assert "a parameter is lost on the way" in report.failures[0].message
    kept = lossref.check(HuberWithOwnConstructor, "huber", profile=CATCH)
    assert any(o.property == "serialization" and o.status == "passed" for o in kept.outcomes), str(kept)


def kl_from_renormalized_logits(y_true, y_pred):
    """Distillation's KL written on logits: both inputs renormalized (log_softmax), so on log-probabilities its
    gradient lacks the component along (1, …, 1), and its values round a little differently."""
    target = ops.softmax(y_true, axis=-1)
    return ops.sum(target * (ops.log_softmax(y_true, axis=-1) - ops.log_softmax(y_pred, axis=-1)), axis=-1)


@feature
def test_the_cause_leads_not_a_near_miss():
    report = lossref.check(kl_from_renormalized_logits, "kl_divergence_with_log_targets", profile=CATCH)
    assert report.verdict == "differs" and report.failures[0].property == "gradient_analytic", str(report)


def batch_hard_by_expansion(y_true, y_pred, margin=1.0):
    """Batch-hard triplet loss with TensorFlow Addons' pairwise_distance algorithm, Σa² − 2a·b + Σb² clamped at
    0 (the norms summed apart from the matmul): equal rows come out about √(u·‖a‖²) apart, not 0, the
    cancellation the record's conditioning allows for."""
    dot = ops.matmul(y_pred, ops.transpose(y_pred))
    norms = ops.sum(ops.square(y_pred), axis=1)
    squared = ops.maximum(ops.expand_dims(norms, 1) - 2.0 * dot + ops.expand_dims(norms, 0), 0.0)
    zero = ops.cast(squared == 0.0, squared.dtype)
    distances = ops.sqrt(squared + zero * 1e-16) * (1.0 - zero)
    same = ops.expand_dims(y_true, 0) == ops.expand_dims(y_true, 1)
    positive = ops.cast(same & ~ops.cast(ops.eye(ops.shape(y_true)[0]), "bool"), distances.dtype)
    hardest_positive = ops.amax(positive * distances, axis=1)
    farthest = ops.amax(distances, axis=1, keepdims=True)
    hardest_negative = ops.amin(distances + farthest * ops.cast(same, distances.dtype), axis=1)
    return ops.mean(ops.relu(hardest_positive - hardest_negative + margin))


@feature
def test_the_expansion_algorithm_of_pairwise_distances_is_accepted():
    report = lossref.check(batch_hard_by_expansion, "triplet_hard_loss", params={"soft": False}, shape=(6, 48),
                           profile=CATCH)
    assert report.verdict == "conforms", str(report)


def mse_plus_constant(y_true, y_pred):
    return ops.mean(ops.square(y_pred - y_true), axis=-1) + 1e-3


@feature
def test_a_counterexample_on_a_degenerate_corner_comes_with_one_from_the_interior():
    """An error that shrinks to all-zero inputs but is everywhere is shown in the interior too."""
    everywhere = lossref.check(mse_plus_constant, "mean_squared_error", profile=CATCH)
    assert "it fails away from that corner too" in everywhere.failures[0].message, str(everywhere)


def simclr_per_pair(y_true, y_pred, temperature=0.1):
    """SimCLR's code: two views stacked (rows i and i + N), both directions summed, one value per pair (Keras then
    averages them): no labels."""
    half = y_pred.shape[0] // 2
    unit = y_pred / ops.sqrt(ops.maximum(ops.sum(ops.square(y_pred), axis=1, keepdims=True), 1e-12))
    logits = ops.matmul(unit, ops.transpose(unit)) / temperature - 1e9 * ops.eye(2 * half)
    targets = ops.one_hot(ops.concatenate([ops.arange(half) + half, ops.arange(half)]), 2 * half)
    per_row = keras.losses.categorical_crossentropy(targets, logits, from_logits=True)
    return per_row[:half] + per_row[half:]


@feature
def test_a_label_free_two_view_ntxent_conforms_with_its_conventions():
    params = {"temperature": 0.1, "layout": "two_views"}
    report = lossref.check(simclr_per_pair, "ntxent", params=params, profile=CATCH)
    assert any("read through their mean" in line for line in report.info), str(report)
    assert "with directions=sum" in (report.diagnosis or ""), str(report)
    pinned = lossref.check(simclr_per_pair, "ntxent", params={**params, "directions": "sum"}, profile=CATCH)
    assert pinned.verdict == "conforms", str(pinned)
