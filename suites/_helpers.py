"""Parametrization and the one assertion every suite uses."""

import keras
import pytest

from lossref import engine, registry
from lossref.target import registry_target
from lossref.tolerances import DTYPES

BACKEND = keras.backend.backend()
SPECS = registry.SPECS
GATE = engine.default_profile() == "gate"


def gate_turn(owner, also=""):
    """The marks of a test that, in the gate profile, runs on `owner` only: skipped on the other backends."""
    if not GATE or owner == BACKEND:
        return []
    return [pytest.mark.skip(reason=f"gate profile: this test's turn is on {owner} (every backend runs it in the "
                                    f"other profiles{also})")]


def on_turn(owner):
    """A decorator: the test runs on `owner` only in the gate profile."""

    def mark(test):
        for each in gate_turn(owner):
            test = each(test)
        return test

    return mark


def in_turn(params, rotation):
    """`params` (pytest.param each), every one run on one backend in the gate profile, in turn over `rotation`."""
    return [pytest.param(*param.values, id=param.id, marks=[*param.marks, *gate_turn(rotation[i % len(rotation)])])
            for i, param in enumerate(params)]


def spec_ids(specs=SPECS, turns=None):
    """Parametrize over `specs`; with `turns` (backends), each spec runs on one of them in the gate profile, in
    turn (`in_turn`)."""
    if turns is None:
        return pytest.mark.parametrize("spec", specs, ids=[s.name for s in specs])
    return pytest.mark.parametrize("spec", in_turn([pytest.param(s, id=s.name) for s in specs], turns))


def dtypes(values=DTYPES):
    return pytest.mark.parametrize("dtype", values)


def applicable(prop, dtype, specs=SPECS):
    """The specs `prop` applies to in `dtype` (its own `applies`, the rule `lossref check` follows too)."""
    return [spec for spec in specs if prop.applies(registry_target(spec), dtype) is None]


def assert_property(prop, spec, dtype, target=None, **kwargs):
    """Run `prop` over drawn cases and fail with the readable, replayable report if it breaks, or as vacuous
    when it could use fewer than half of the cases the profile asks for."""
    outcome = engine.execute(prop, target or registry_target(spec), dtype, **kwargs)
    if outcome.failure is not None:
        pytest.fail(str(outcome.failure), pytrace=False)
    if outcome.vacuous:
        pytest.fail(f"vacuous: {prop.__name__} on {spec.name} ({BACKEND}, {dtype}) evaluated {outcome.describe()} "
                    "it drew", pytrace=False)
