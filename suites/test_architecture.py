"""The architecture holds: a leaf `losses` package, one record per loss that checks itself, no table keyed by a
loss name that is not checked against the registry, a Domain type that owns its inputs, and properties that
say where they apply and count what they checked."""

import ast
import dataclasses
import json
import pathlib
import re
import subprocess
import sys

import keras
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from lossref import applicability, battery, benchmarking, engine, registry
from lossref.registry import RecordError, absent
from lossref.strategies import PROFILE_LIMITS
from lossref.target import registry_target
from suites._helpers import BACKEND, SPECS, spec_ids

PACKAGE = pathlib.Path(registry.__file__).resolve().parents[2]  # the folder holding lossref/
MODULES = sorted((PACKAGE / "lossref").rglob("*.py"))
assert len(MODULES) > 40, f"found {len(MODULES)} modules under {PACKAGE / 'lossref'}"  # no vacuous scans


def test_losses_package_is_a_leaf():
    """Importing the implementations loads no registry, property or test machinery."""
    code = ("import json, sys, lossref.losses; "
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('lossref'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert not [m for m in loaded if m.startswith("lossref.registry")], loaded
    allowed = ("lossref.losses", "lossref.backends", "lossref.constants")
    assert all(m == "lossref" or m.startswith(allowed) for m in loaded), loaded


def test_losses_reduce_with_amax_not_max():
    """keras.ops.max and ops.min on torch check `isinstance(result.values, torch.Tensor)` after the reduction, which
    torch.compile cannot trace: a graph break per call (triplet_semihard_loss compiled to 12 graphs). ops.amax and
    ops.amin are the same reductions without it."""
    found = [f"{path.name}:{number}" for path in sorted((PACKAGE / "lossref" / "losses").glob("*.py"))
             for number, line in enumerate(path.read_text().splitlines(), 1) if re.search(r"ops\.(max|min)\(", line)]
    assert not found, found


def _function_level_imports(path):
    tree = ast.parse(path.read_text())
    for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lossref"):
                yield f"{path.relative_to(PACKAGE)}:{node.lineno} from {node.module}"


def test_no_function_level_import_of_lossref_modules():
    """Only the public entry points import lazily (lossref.get/check and the CLI, so `--help` and usage errors
    stay fast); nothing imports inside a function to dodge a cycle."""
    lazy_by_design = ("lossref/__init__.py", "lossref/cli/", "lossref/losses/__init__.py")
    found = [hit for path in MODULES
             if not str(path.relative_to(PACKAGE)).startswith(lazy_by_design) for hit in _function_level_imports(path)]
    assert not found, found


def test_only_the_backend_adapters_import_a_framework():
    """tensorflow, jax, torch and optax are imported in lossref/backends/ only (one adapter per backend)."""
    frameworks = ("tensorflow", "jax", "torch", "optax")
    found = []
    for path in MODULES:
        if str(path.relative_to(PACKAGE)).startswith("lossref/backends/"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.relative_to(PACKAGE)}:{node.lineno} {n}" for n in names if n.split(".")[0] in frameworks]
    assert not found, found


def test_tables_keyed_by_loss_name_are_checked():
    with pytest.raises(RecordError, match="'hubr'"):
        registry.keyed_by_name({"huber": 1, "hubr": 2}, "a table")
    assert registry.keyed_by_name({"huber": 1}, "a table") == {"huber": 1}
    from lossref import backends

    natives = benchmarking.natives(backends.current(), BACKEND)
    assert set(natives) == {s.name for s in SPECS if BACKEND in s.bench.natives}


@pytest.mark.parametrize("change, message", [
    ({"smoothness": None}, "smoothness is None"),
    ({"gradient": None}, "gradient is None"),
    ({"keras": "no_such_builtin"}, "keras.losses has no"),
    ({"training": ()}, "no convergence run"),
    ({"fn": registry.get("huber").fn}, "fn is 'huber', not lossref.losses.mean_squared_error"),
    ({"domain": "real"}, "lossref.domains.Domain"),
])
def test_a_record_that_contradicts_itself_fails_when_built(change, message):
    spec = registry.get("mean_squared_error")
    with pytest.raises(RecordError, match=message):
        dataclasses.replace(spec, **change)


def test_a_misspelt_training_task_fails_when_built():
    spec = registry.get("mean_squared_error")
    run = dataclasses.replace(spec.training[0], task="diabetis")
    with pytest.raises(RecordError, match="unknown convergence task 'diabetis'"):
        dataclasses.replace(spec, training=(run,))


def test_absent_facts_say_why():
    for spec in SPECS:
        for fact in (spec.gradient, spec.keras, spec.smoothness):
            assert fact or (isinstance(fact, registry.Absent) and fact.reason), spec.name
    assert not absent("why") and absent("why").reason == "why"


def test_no_module_branches_on_a_domain_name():
    """Domain behaviour lives in lossref/domains.py: no `domain == "..."` or `domain in (...)` elsewhere."""
    found = []
    for path in MODULES:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if "domain ==" in line or "domain in (" in line or "domain !=" in line:
                found.append(f"{path.relative_to(PACKAGE)}:{number}")
    assert not found, found


# NumPy draws against NumPy rules: the same on every backend, so it runs once, in the torch env
@pytest.mark.skipif(BACKEND != "torch", reason="backend-independent: runs in the torch env")
@spec_ids()
def test_domain_draws_only_valid_cases(spec):
    """Every case a loss's domain draws passes the loss's own input rules: the strategies and the eager
    validation agree on what the documented domain is."""

    @settings(max_examples=40, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(case=spec.domain.strategy(spec, PROFILE_LIMITS["ci"]))
    def drawn(case):
        assert spec.domain.violations(spec.fn, case) == [], (case, spec.domain.violations(spec.fn, case))

    drawn()


@spec_ids()
def test_domain_example_and_benchmark_inputs_are_valid(spec):
    example = spec.domain.example()
    case = type("Case", (), {"y_true": example[0], "y_pred": example[1], "params": spec.defaults})
    assert spec.domain.violations(spec.fn, case) == []
    t, p = benchmarking.inputs(spec, 2**10)
    assert p.dtype == np.float32 and p.size <= 2**10 and np.all(np.isfinite(p))
    values = keras.ops.convert_to_numpy(spec.fn(t, p, **benchmarking.bench_params(spec)))
    assert np.all(np.isfinite(values))


def test_every_property_says_where_it_applies():
    for prop, _ in battery.BATTERY:
        assert callable(getattr(prop, "applies", None)), prop.__name__
    target = registry_target(registry.get("relative_rmse"))
    assert "batch-level" in battery.PROPERTIES["per_sample"].applies(target, "float32")
    assert battery.PROPERTIES["values"].applies(target, "float32") is None


def _rejects_most(target, case, dtype):
    """Usable only where y_pred has 7 entries, which no shape of the ci profile (sides up to 3) has."""
    if case.y_pred.size % 7:
        applicability.not_for_this_case()


def test_engine_counts_drawn_and_evaluated_cases():
    """A property that can use few of the cases it draws is reported as vacuous, never as a silent pass."""
    target = registry_target(registry.get("mean_squared_error"))
    outcome = engine.execute(_rejects_most, target, "float32", profile="ci")
    assert outcome.failure is None and outcome.drawn > outcome.evaluated and outcome.vacuous
    assert f"on {outcome.evaluated} of {outcome.drawn} cases" == outcome.describe()
    full = engine.execute(battery.PROPERTIES["values"], target, "float32", profile="quick")
    assert full.evaluated == full.drawn > 0 and not full.vacuous


def test_ci_runs_the_readme_test_command():
    """`.ci/run` runs exactly the tox commands of the README's test command, in order."""
    block = (PACKAGE / "README.md").read_text().split("# Tests (what CI runs")[1].split("```")[0]
    command = " ".join(line.strip().rstrip("\\") for line in block.splitlines()[1:])
    readme = [" ".join(part.split()) for part in command.split("&&") if part.split()[0] == "tox"]
    ci = [" ".join(line.split())[len(".ci-venv/bin/"):] for line in (PACKAGE / ".ci" / "run").read_text().splitlines()
          if line.startswith(".ci-venv/bin/tox ")]
    assert readme and readme == ci, (readme, ci)
