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


def assert_property(prop, spec, dtype, target=None, **kwargs):
    """Run `prop` over drawn cases and fail with the readable, replayable report if it breaks."""
    failure = engine.run(prop, target or registry_target(spec), dtype, **kwargs)
    if failure is not None:
        pytest.fail(str(failure), pytrace=False)
