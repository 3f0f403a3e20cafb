"""The property battery: every property with what it checks, in the order `lossref check` runs them.

The suites and `lossref check` both read this list; whether a property applies to a target is its own
`applies(target, dtype)` (lossref/applicability.py).
"""

from lossref import execution, gradient_properties, loss_object_properties, properties

# (property, what it checks)
BATTERY = [
    (properties.purity, "the same inputs give the same values again, and after other calls"),
    (properties.values, "shape, dtype and values against the float64 reference"),
    (properties.value_range, "every value in the documented range, exactly; 0 at a perfect prediction"),
    (properties.symmetry, "loss(y_true, y_pred) == loss(y_pred, y_true) where documented, exactly"),
    (properties.per_sample, "each sample's value depends on its own row only"),
    (properties.rank_alignment, "(N,) and (N, 1) targets give the values of matching shapes"),
    (properties.parity, "agrees with the Keras built-in outside its recorded divergences"),
    (gradient_properties.gradient_finite, "finite gradients over the whole domain"),
    (gradient_properties.gradient_analytic, "gradient equals the analytic gradient"),
    (gradient_properties.gradient_fd, "gradient agrees with finite differences of the reference"),
    (gradient_properties.hessian_vector, "Hessian-vector products agree with the analytic gradient's"),
    (loss_object_properties.serialization, "a Loss keeps every parameter through get_config and a .keras file"),
    (loss_object_properties.loss_contract, "a Loss subclass keeps Loss.__call__ and implements call"),
    (loss_object_properties.reduction_model, "reductions, sample weights and masks as Keras's pipeline"),
    (loss_object_properties.weight_algebra, "ones = no weights, sum = mean × N, zero weight = no influence"),
    (execution.execution_paths, "eager = compiled = model.evaluate, and model.fit's first step"),
]
PROPERTIES = {prop.__name__: prop for prop, _ in BATTERY}
# what `lossref check` runs on a user's loss: all but parity (a user's loss is compared with lossref's
# reference, not with Keras), the Hessian (float64 only) and the execution paths (minutes per loss)
CHECK = [(prop, what) for prop, what in BATTERY
         if prop not in (properties.parity, gradient_properties.hessian_vector, execution.execution_paths)]


def find_property(name):
    try:
        return PROPERTIES[name]
    except KeyError:
        raise ValueError(f"unknown property {name!r}; known: {', '.join(PROPERTIES)}") from None
