"""Parametrization and the one assertion every suite uses."""

import keras
import pytest

from lossref import engine, registry
from lossref.target import registry_target
from lossref.tolerances import DTYPES

BACKEND = keras.backend.backend()
SPECS = registry.SPECS


def spec_ids(specs=SPECS):
    return pytest.mark.parametrize("spec", specs, ids=[s.name for s in specs])


def dtypes(values=DTYPES):
    return pytest.mark.parametrize("dtype", values)


def applicable(prop, dtype, specs=SPECS):
    """The specs `prop` applies to in `dtype` (its own `applies`, the rule `lossref check` follows too)."""
    return [spec for spec in specs if prop.applies(registry_target(spec), dtype) is None]


def assert_property(prop, spec, dtype, target=None, **kwargs):
    """Run `prop` over drawn cases and fail with the readable, replayable report if it breaks, or as vacuous
    when it could use fewer than half of the cases it drew."""
    outcome = engine.execute(prop, target or registry_target(spec), dtype, **kwargs)
    if outcome.failure is not None:
        pytest.fail(str(outcome.failure), pytrace=False)
    if outcome.vacuous:
        pytest.fail(f"vacuous: {prop.__name__} on {spec.name} ({BACKEND}, {dtype}) evaluated {outcome.describe()} "
                    "it drew", pytrace=False)
