"""The value and structure properties must catch planted bugs: a suite that cannot fail is a defect.

Each mutant is a plausible wrong implementation written with keras.ops, decorated like the real losses.
The value property (the same `engine.run` the suites use) must reject each, with a readable report.
They run under the `gate` profile (what CI runs, the fewest cases) whatever the run's profile: a stable seed, so a
miss is reproducible, and a mutant the gate would miss fails here.
"""

import dataclasses
import inspect

import numpy as np
import pytest
from keras import ops

from lossref import engine, properties, registry
from lossref import gradient_properties as gp
from lossref import loss_object_properties as lop
from lossref.losses._base import loss_function, mean, safe_log
from lossref.reference._grad import spread
from lossref.target import Target, registry_target, user_target
from suites.test_check import HuberForgettingDelta  # get_config without its own delta


def _mutant(name, formula):
    """The mutant as a target; the documented parameters its formula does not take stay at their defaults."""
    spec = registry.get(name)
    taken = inspect.signature(formula).parameters

    def taking_its_own(t, p, **params):
        return formula(t, p, **{k: v for k, v in params.items() if k in taken})

    fn = loss_function(name, class_name=spec.class_name, params=spec.params, rules=spec.input_rules)(taking_its_own)
    label = f"mutant:{formula.__name__}"
    return Target(spec, fn, label, label, fixed={p.name: p.default for p in spec.params if p.name not in taken})


def huber_without_half(t, p, delta=1.0):
    e = ops.abs(p - t)
    return mean(ops.where(e <= delta, ops.square(e), delta * e - 0.5 * delta**2))


def mse_over_batch_axis(t, p):
    return ops.mean(ops.square(p - t), axis=0)


def bce_swapped_arguments(t, p, from_logits=False, label_smoothing=0.0, axis=-1):
    p, t = t, p
    p = ops.clip(p, 1e-7, 1 - 1e-7)
    return mean(-(t * ops.log(p) + (1 - t) * ops.log(1 - p)), axis=axis)


def kl_reversed(t, p):
    t, p = ops.clip(t, 1e-7, 1.0), ops.clip(p, 1e-7, 1.0)
    return ops.sum(p * ops.log(p / t), axis=-1)


def msle_without_plus_one(t, p):
    return mean(ops.square(ops.log(ops.maximum(p, 1e-7)) - ops.log(ops.maximum(t, 1e-7))))


def cce_unclipped(t, p, from_logits=False, label_smoothing=0.0, axis=-1):
    return -ops.sum(t * ops.log(p / ops.sum(p, axis=axis, keepdims=True)), axis=axis)


def hinge_without_label_conversion(t, p):
    return mean(ops.relu(1.0 - t * p))


def mape_large_epsilon(t, p):
    return 100.0 * mean(ops.abs(t - p) / ops.maximum(ops.abs(t), 1e-3))


def poisson_without_epsilon(t, p):
    return mean(p - t * ops.log(p))


def dice_without_two(t, p, axis=None):
    return 1.0 - ops.sum(t * p, axis=axis) / (ops.sum(t, axis=axis) + ops.sum(p, axis=axis) + 1e-7)


def tversky_swapped_like_keras(t, p, alpha=0.5, beta=0.5, axis=None):
    tp = ops.sum(t * p, axis=axis)
    return 1.0 - tp / (tp + alpha * ops.sum(t * (1 - p), axis=axis) + beta * ops.sum((1 - t) * p, axis=axis) + 1e-7)


def mae_always_float32(t, p):
    return ops.cast(mean(ops.abs(p - t)), "float32")


def log_cosh_overflowing(t, p):
    return mean(ops.log(ops.cosh(p - t)))


MUTANTS = [
    ("huber", huber_without_half, "float32"),
    ("mean_squared_error", mse_over_batch_axis, "float32"),
    ("binary_crossentropy", bce_swapped_arguments, "float32"),
    ("kl_divergence", kl_reversed, "float32"),
    ("mean_squared_logarithmic_error", msle_without_plus_one, "float32"),
    ("categorical_crossentropy", cce_unclipped, "float32"),
    ("hinge", hinge_without_label_conversion, "float32"),
    ("mean_absolute_percentage_error", mape_large_epsilon, "float32"),
    ("poisson", poisson_without_epsilon, "float32"),
    ("dice", dice_without_two, "float32"),
    ("tversky", tversky_swapped_like_keras, "float32"),
    ("mean_absolute_error", mae_always_float32, "float64"),
    ("log_cosh", log_cosh_overflowing, "float32"),
]


@pytest.mark.parametrize("name,formula,dtype", MUTANTS, ids=[m[1].__name__ for m in MUTANTS])
def test_value_property_rejects_mutant(name, formula, dtype):
    failure = engine.run(properties.values, _mutant(name, formula), dtype, profile="gate")
    assert failure is not None, f"the value property accepted the planted bug {formula.__name__}"
    report = str(failure)
    for must in ("property 'values' failed", "minimal counterexample", "backend:", "replay:", name):
        assert must in report, f"report lacks {must!r}:\n{report}"


def per_sample_leak(t, p):
    return mean(ops.square(p - t)) + 0.0 * ops.sum(p) + 1e-3 * ops.mean(ops.square(p - t))


def test_per_sample_property_rejects_batch_leak():
    target = _mutant("mean_squared_error", per_sample_leak)
    assert engine.run(properties.per_sample, target, "float32", profile="gate") is not None


def cosine_epsilon_on_one_side(t, p, axis=-1):
    """ε added to one norm only: within the value tolerance of the reference, but not symmetric."""
    t_unit = t / (ops.sqrt(ops.sum(ops.square(t), axis=axis, keepdims=True)) + 1e-7)
    p_unit = p * ops.rsqrt(ops.maximum(ops.sum(ops.square(p), axis=axis, keepdims=True), 1e-14))
    return -ops.sum(t_unit * p_unit, axis=axis)


def huber_clipped_one_side(t, p, delta=1.0):
    e = p - t
    quadratic = ops.minimum(e, delta)  # the lower clip forgotten: ½e² for every e < −δ
    return mean(0.5 * ops.square(quadratic) + delta * (ops.abs(e) - ops.abs(quadratic)))


@pytest.mark.parametrize("name,formula", [("cosine_similarity", cosine_epsilon_on_one_side),
                                          ("huber", huber_clipped_one_side)],
                         ids=["cosine_epsilon_on_one_side", "huber_clipped_one_side"])
def test_symmetry_property_rejects_asymmetric_mutant(name, formula):
    failure = engine.run(properties.symmetry, _mutant(name, formula), "float32", profile="gate")
    assert failure is not None, f"the symmetry property accepted the planted bug {formula.__name__}"
    assert "property 'symmetry' failed" in str(failure) and "not symmetric" in str(failure)


class _Counter:
    calls = 0


def mse_with_call_counter(t, p):
    """A loss that keeps state: each call adds 1e-3 per earlier call (a running statistic, say)."""
    _Counter.calls += 1
    return mean(ops.square(p - t)) + 1e-3 * _Counter.calls


def test_purity_property_rejects_a_loss_with_state():
    failure = engine.run(properties.purity, _mutant("mean_squared_error", mse_with_call_counter), "float32",
                         profile="gate")
    assert failure is not None and "keeps state between calls" in str(failure)


def test_serialization_property_rejects_a_lost_parameter():
    target = user_target(HuberForgettingDelta, registry.get("huber"), "mutant:HuberForgettingDelta")
    failure = engine.run(lop.serialization, target, "float32", profile="gate")
    assert failure is not None and "a parameter is lost on the way" in str(failure)


# ---- gradient-only mutants: the value property accepts each, a gradient property must not ---------


def mse_detached(t, p):
    return mean(ops.square(ops.stop_gradient(p) - t))


def mae_sqrt_of_square(t, p):
    return mean(ops.sqrt(ops.square(p - t)))


def bce_logits_overflowing_where(t, p, from_logits=True, label_smoothing=0.0, axis=-1):
    t = t * (1.0 - label_smoothing) + 0.5 * label_smoothing
    softplus = ops.where(p > 30.0, p, ops.log1p(ops.exp(p)))  # exp(p) overflows in the unused branch
    return mean(softplus - t * p, axis=axis)


def cce_detached_normalizer(t, p, from_logits=False, label_smoothing=0.0, axis=-1):
    q = p / ops.stop_gradient(ops.sum(p, axis=axis, keepdims=True))
    t = t * (1.0 - label_smoothing) + label_smoothing / t.shape[axis]
    return -ops.sum(t * safe_log(q, 1e-7), axis=axis)


GRADIENT_MUTANTS = [
    ("mean_squared_error", mse_detached, gp.gradient_fd, "float64", None),
    ("mean_squared_error", mse_detached, gp.gradient_analytic, "float64", None),
    ("mean_absolute_error", mae_sqrt_of_square, gp.gradient_finite, "float32", None),
    ("binary_crossentropy", bce_logits_overflowing_where, gp.gradient_finite, "float32", {"from_logits": True}),
    ("categorical_crossentropy", cce_detached_normalizer, gp.gradient_analytic, "float64", {"from_logits": False}),
    ("categorical_crossentropy", cce_detached_normalizer, gp.gradient_fd, "float64", {"from_logits": False}),
]


@pytest.mark.parametrize("name,formula,prop,dtype,fixed", GRADIENT_MUTANTS,
                         ids=[f"{m[1].__name__}-{m[2].__name__}" for m in GRADIENT_MUTANTS])
def test_gradient_property_rejects_gradient_only_mutant(name, formula, prop, dtype, fixed):
    target = _mutant(name, formula)
    # gradient-only: the values pass on the ci profile's 25 free-shaped cases
    assert engine.run(properties.values, target, dtype, profile="ci", fixed=fixed) is None, "not gradient-only"
    failure = engine.run(prop, target, dtype, profile="gate", fixed=fixed)
    assert failure is not None, f"{prop.__name__} accepted the planted gradient bug {formula.__name__}"
    report = str(failure)
    for must in (f"property '{prop.__name__}' failed", "minimal counterexample", "replay:", name):
        assert must in report, f"report lacks {must!r}:\n{report}"


# ---- wrong closed-form gradients: closed_form_fd (NumPy, no backend) must reject each --------------


def mse_grad_without_two(t, p, w):
    return spread(w, p - t)  # d(e²)/de = 2e: the 2 dropped


def huber_grad_clipped_at_one(t, p, w, delta=1.0):
    return spread(w, np.clip(p - t, -1.0, 1.0))  # right for δ = 1 only


def poisson_grad_sign_flipped(t, p, w, epsilon=1e-7):
    return spread(w, 1.0 + t / (p + epsilon))


CLOSED_FORM_MUTANTS = [("mean_squared_error", mse_grad_without_two), ("huber", huber_grad_clipped_at_one),
                       ("poisson", poisson_grad_sign_flipped)]


@pytest.mark.parametrize("name,gradient", CLOSED_FORM_MUTANTS, ids=[m[1].__name__ for m in CLOSED_FORM_MUTANTS])
def test_closed_form_property_rejects_wrong_closed_form(name, gradient):
    spec = dataclasses.replace(registry.get(name), gradient=gradient)
    failure = engine.run(gp.closed_form_fd, registry_target(spec), "float64", profile="gate")
    assert failure is not None, f"closed_form_fd accepted the wrong closed form {gradient.__name__}"
    assert "property 'closed_form_fd' failed" in str(failure) and "closed form ⟨g, d⟩" in str(failure)
