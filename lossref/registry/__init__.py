"""The registry: one LossSpec per documented loss, looked up by name."""

from lossref.registry.catalogue import SPECS
from lossref.registry.spec import BACKENDS, Divergence, LossSpec, Param, Training

REGISTRY = {spec.name: spec for spec in SPECS}


def get(name):
    """The LossSpec of a registry loss; a ValueError listing the names for an unknown one."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; `lossref list` shows the {len(REGISTRY)} names: "
                         f"{', '.join(REGISTRY)}") from None


def names():
    return list(REGISTRY)


__all__ = ["BACKENDS", "Divergence", "LossSpec", "Param", "REGISTRY", "Training", "get", "names"]
