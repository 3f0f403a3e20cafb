"""The registry: one record (LossSpec) per documented loss, one module per family, looked up by name."""

from lossref.index import unknown_loss
from lossref.registry import embedding, hinge, overlap, probabilistic, regression, structured
from lossref.registry.spec import (
    BACKENDS,
    Absent,
    Bench,
    Divergence,
    Example,
    Kink,
    LossSpec,
    RecordError,
    Smoothness,
    Training,
    absent,
)

SPECS = (regression.RECORDS + hinge.RECORDS + probabilistic.RECORDS + overlap.RECORDS + structured.RECORDS
         + embedding.RECORDS)
REGISTRY = {spec.name: spec for spec in SPECS}
if len(REGISTRY) != len(SPECS):
    raise RecordError("two records share a name")


def get(name):
    """The LossSpec of a registry loss; a ValueError listing the names for an unknown one."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(unknown_loss(name, list(REGISTRY))) from None


def names():
    return list(REGISTRY)


def keyed_by_name(table, what):
    """`table` unchanged when every key is a registry name; a RecordError naming the strays otherwise. Every
    table keyed by loss name outside the records passes through here where it is built."""
    strays = sorted(set(table) - set(REGISTRY))
    if strays:
        raise RecordError(f"{what}: {strays} are not registry names")
    return table


__all__ = ["BACKENDS", "Absent", "Bench", "Divergence", "Example", "Kink", "LossSpec", "REGISTRY", "RecordError",
           "SPECS", "Smoothness", "Training", "absent", "get", "keyed_by_name", "names"]
