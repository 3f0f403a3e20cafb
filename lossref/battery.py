"""The property battery: every property by name, for replay and for `lossref check`."""

from lossref import execution, gradient_properties, loss_object_properties, properties

PROPERTIES = {
    prop.__name__: prop
    for prop in (properties.values, properties.per_sample, properties.rank_alignment, properties.parity,
                 gradient_properties.gradient_finite, gradient_properties.gradient_analytic,
                 gradient_properties.gradient_fd, gradient_properties.hessian_vector,
                 loss_object_properties.reduction_model, loss_object_properties.weight_algebra,
                 loss_object_properties.loss_contract, execution.execution_paths)
}


def find_property(name):
    try:
        return PROPERTIES[name]
    except KeyError:
        raise ValueError(f"unknown property {name!r}; known: {', '.join(PROPERTIES)}") from None
