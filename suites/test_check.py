"""`lossref check` on correct and buggy implementations, on the backend of this process.

Keras's own functions count as correct where Keras follows its documentation; each buggy implementation is
a mistake users make, and the check must reject it with the property that broke.
"""

import subprocess
import sys

import keras
import pytest
from keras import ops

import lossref
from lossref import losses
from suites._helpers import BACKEND

PROFILE = "quick"  # correct implementations: the battery is exercised in depth by the other suites
CATCH = "ci"  # buggy ones: 25 examples, so a bug at a boundary (an exact tie) is drawn


def huber_without_half(y_true, y_pred, delta=1.0):
    error = ops.abs(y_pred - y_true)
    return ops.mean(ops.where(error <= delta, ops.square(error), delta * error - 0.5 * delta**2), axis=-1)


def mse_over_batch_axis(y_true, y_pred):
    return ops.mean(ops.square(y_pred - y_true), axis=0)


def mae_sqrt_of_square(y_true, y_pred):
    return ops.mean(ops.sqrt(ops.square(y_pred - y_true)), axis=-1)


def custom_accuracy(y_true, y_pred):
    """Seed 003's CustomAccuracy: sqrt(mean((p − t)²)) / mean(t²) − 1 over the whole batch. Its gradient is
    NaN at a perfect fit (the derivative of sqrt at 0): lossref's relative_rmse takes the root on max(mse, ·)."""
    return ops.sqrt(ops.mean(ops.square(y_pred - y_true))) / ops.mean(ops.square(y_true)) - 1.0


class SwappedHuber(keras.losses.Loss):
    """A Loss subclass whose call swaps y_true and y_pred into a loss that is not symmetric."""

    def __init__(self, delta=1.0, **kwargs):
        super().__init__(**kwargs)
        self.delta = delta

    def call(self, y_true, y_pred):
        return keras.losses.poisson(y_pred, y_true)


# ---- Loss subclasses with the pitfalls users write (one of the seed documents teaches the first) ----------


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


class BroadcastsTargets(keras.losses.Loss):
    """call without rank alignment: y_true (N,) against y_pred (N, 1) broadcasts to (N, N)."""

    def call(self, y_true, y_pred):
        return ops.mean(ops.square(y_pred - y_true), axis=-1)


PITFALLS = [
    (OverridesCall, "loss_contract"),
    (DropsSampleWeight, "reduction_model"),
    (DividesByWeightSum, "reduction_model"),
    (BroadcastsTargets, "rank_alignment"),
]


@pytest.mark.parametrize("loss,prop", PITFALLS, ids=[p[0].__name__ for p in PITFALLS])
def test_check_rejects_loss_subclass_pitfall(loss, prop):
    report = lossref.check(loss, "mean_squared_error", profile=CATCH)
    failed = {f.property for f in report.failures}
    assert prop in failed, f"expected '{prop}' to fail, got {sorted(failed)}:\n{report}"
    message = next(f.message for f in report.failures if f.property == prop)
    assert f"property '{prop}' failed" in message and BACKEND in message


CORRECT = [
    (keras.losses.mean_squared_error, "mean_squared_error", None),
    (keras.losses.huber, "huber", None),
    (keras.losses.Huber(), "huber", None),
    (keras.losses.log_cosh, "log_cosh", None),
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


@pytest.mark.parametrize("loss,against,params", CORRECT, ids=[_id(c) for c in CORRECT])
def test_check_accepts_correct_implementation(loss, against, params):
    report = lossref.check(loss, against, params=params, profile=PROFILE)
    assert report.passed, str(report)


def test_batch_level_loss_is_reported_as_such():
    report = lossref.check(custom_accuracy, "relative_rmse", profile=PROFILE)
    assert "sample weights cannot apply per sample" in str(report)
    assert any(o.property == "per_sample" and o.status.startswith("skipped") for o in report.outcomes)


@pytest.mark.parametrize("loss,against,prop", BUGGY, ids=[_id(b) for b in BUGGY])
def test_check_rejects_buggy_implementation(loss, against, prop):
    report = lossref.check(loss, against, profile=CATCH)
    assert not report.passed
    failure = next((f for f in report.failures if f.property == prop), None)
    assert failure is not None, f"expected '{prop}' to fail:\n{report}"
    for must in ("minimal counterexample", "expected", "replay:", BACKEND) if prop == "values" else ("replay:",):
        assert must in failure.message, failure.message
    assert failure.npz and failure.counterexample.y_pred is not None


def test_assert_conforms_raises_with_the_report():
    with pytest.raises(AssertionError, match="DIFFERS"):
        lossref.assert_conforms(huber_without_half, "huber", profile=CATCH)
    lossref.assert_conforms(keras.losses.mean_squared_error, "mean_squared_error", profile=PROFILE)


def _cli(*args, profile=PROFILE):
    return subprocess.run([sys.executable, "-m", "lossref", "check", *args, "--backend", BACKEND, "--profile", profile],
                          capture_output=True, text=True, timeout=600)


def test_cli_exit_codes(tmp_path):
    ok = _cli("keras.losses:mean_squared_error", "--against", "mean_squared_error")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "conforms" in ok.stdout

    buggy = tmp_path / "my_losses.py"
    buggy.write_text("from keras import ops\n\n\ndef huber(y_true, y_pred, delta=1.0):\n"
                     "    e = ops.abs(y_pred - y_true)\n"
                     "    return ops.mean(ops.where(e <= delta, ops.square(e), delta * e - 0.5 * delta**2), axis=-1)\n")
    bad = _cli(f"{buggy}:huber", "--against", "huber", "--param", "delta=1.5", profile=CATCH)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "property 'values' failed" in bad.stdout and "lossref replay" in bad.stdout

    unknown = _cli("keras.losses:mean_squared_error", "--against", "no_such_loss")
    assert unknown.returncode == 2 and "usage error" in unknown.stderr
    missing = _cli(f"{buggy}:nothing", "--against", "huber")
    assert missing.returncode == 2
