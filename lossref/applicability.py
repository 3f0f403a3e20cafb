"""Which properties apply to a target, decided in one place.

Each property carries `applies(target, dtype) -> reason | None` (attached by `@applies_when(...)`): None when
it can say something about that target in that dtype, else why not. The suites parametrize over it and
`lossref check` reports it. A single drawn case a property cannot use is rejected through hypothesis
(`not_for_this_case`), so the engine counts it and hypothesis's health checks see it.
"""

import dataclasses
import inspect

import keras
from hypothesis import reject


def applies_when(*conditions):
    """Attach `applies(target, dtype)`: the reason of the first condition that does not hold, or None."""

    def wrap(prop):
        def applies(target, dtype):
            return next((reason for reason in (condition(target, dtype) for condition in conditions) if reason),
                        None)

        prop.applies = applies
        return prop

    return wrap


def draws(narrow):
    """Attach `narrow(spec, limits) -> (limits, fixed params)`: what the property needs drawn so that most cases
    can be used (a least rank, no inputs exactly on a kink, parameters outside a recorded divergence). The
    engine applies it; parameters the target fixes win."""

    def wrap(prop):
        prop.narrow = narrow
        return prop

    return wrap


def several_samples(spec, limits):
    """Rank ≥ 2: a rank-1 tensor is one sample."""
    return dataclasses.replace(limits, min_rank=max(limits.min_rank, 2)), {}


def alignable(spec, limits):
    """Labels align only against (N, C) predictions: draw rank 2 (values align at any rank)."""
    if spec.alignment == "labels":
        return dataclasses.replace(limits, min_rank=2, max_rank=2), {}
    return limits, {}


def off_kinks(spec, limits):
    """No inputs placed exactly on a kink, and the parameters under which the loss is smooth anywhere."""
    return dataclasses.replace(limits, exact_kinks=False), dict(spec.smoothness.smooth_params if spec.smoothness
                                                                else {})


def keras_parameters(spec):
    """The names the Keras built-in of the same name takes."""
    return inspect.signature(getattr(keras.losses, spec.keras)).parameters


def outside_divergences(spec, limits):
    """Parameters that keep the draws out of the recorded divergences' regions (where a region covers most), and
    lossref's documented variants the Keras built-in does not take (Dice's `smooth`) at their defaults."""
    accepted = keras_parameters(spec)
    fixed = {name: value for name, value in spec.defaults.items() if name not in accepted}
    for divergence in spec.divergences:
        if keras.backend.backend() in divergence.backends:
            fixed.update(divergence.avoided_by)
    return limits, fixed


def not_for_this_case():
    """This drawn case says nothing about the property: hypothesis draws another (counted as drawn only)."""
    reject()


def loss_object(target, dtype):
    return None if target.make_loss is not None else "a plain function (no Loss object)"


def per_sample_call(target, dtype):
    if target.elementwise:
        return ("call() returns one value per element, so every reduction but sum_over_batch_size differs from the "
                "built-in's by design (sum: elements-per-sample times larger)")
    return None


def loss_dtype(target, dtype):
    return None if dtype == "float32" else "a Loss computes in its own dtype (float32 by default)"


def subclass(target, dtype):
    return None if target.kind in ("instance", "class") else "not a Loss subclass or instance"


def independent_samples(target, dtype):
    spec = target.spec
    axis_is_drawn = "axis" in spec.defaults and "axis" not in target.fixed  # an axis may make it per-sample
    if spec.batch_level(target.fixed) and not axis_is_drawn:
        return f"'{spec.name}' is batch-level: one value per batch; sample weights cannot apply per sample"
    if not spec.independent_samples:
        return f"'{spec.name}' couples samples: each value depends on the whole batch"
    return None


def alignment(target, dtype):
    return None if target.spec.alignment else f"'{target.spec.name}' has no (N,)/(N, 1) alignment"


def analytic_gradient(target, dtype):
    gradient = target.spec.gradient
    return None if gradient else f"no analytic gradient ({gradient.reason}); finite differences still run"


def has_keras_builtin(target, dtype):
    keras = target.spec.keras
    return None if keras else f"no Keras built-in ({keras.reason})"


def documented_range(target, dtype):
    value_range = target.spec.value_range
    return None if value_range else f"no documented range ({value_range.reason})"


def documented_symmetry(target, dtype):
    return None if target.spec.symmetric else "not documented as symmetric in y_true and y_pred"


def float64(target, dtype):
    return None if dtype == "float64" else "checked in float64 only"


def rank_2_predictions(target, dtype):
    rank = target.spec.domain.pred_rank
    return None if rank in (None, 2) else f"y_pred is always rank {rank}; a Dense model needs rank 2"
