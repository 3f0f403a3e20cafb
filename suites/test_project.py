"""lossref in a user's project: the checks declared once in its pyproject.toml, results for machines (JSON, JUnit
XML), the pytest plugin, and a counterexample that replays from another directory.

The chain runs child processes that import a framework: in the gate profile on torch only (the cheapest child),
every backend in the other profiles, as the CLI chain of suites/test_check.py."""

import json
import pathlib
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET

import pytest

import lossref
from lossref import config
from lossref.target import load_object
from suites._helpers import BACKEND, on_turn

LOSSES = '''
from keras import ops


def huber(y_true, y_pred, delta=1.0):
    error = ops.abs(y_pred - y_true)
    return ops.mean(ops.where(error <= delta, 0.5 * ops.square(error), delta * error - 0.5 * delta**2), axis=-1)


def huber_without_half(y_true, y_pred, delta=1.0):
    error = ops.abs(y_pred - y_true)
    return ops.mean(ops.where(error <= delta, ops.square(error), delta * error - 0.5 * delta**2), axis=-1)
'''


def project(tmp_path, backends=(BACKEND,)):
    """A user's project: two losses declared for lossref, a correct Huber and one missing its ½."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "losses.py").write_text(LOSSES)
    entries = "".join(f'''
        [[tool.lossref.check]]
        target = "src/losses.py:{name}"
        against = "huber"
        params = {{ delta = 1.0 }}
        backends = {json.dumps(list(backends))}
        profile = "quick"
        ''' for name in ("huber", "huber_without_half"))
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent('[project]\nname = "user"\nversion = "0"\n' + entries))
    return tmp_path


def run(tmp_path, *args):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=tmp_path, timeout=600)


@on_turn("torch")
def test_the_project_checks_write_json_and_junit_and_run_under_pytest(tmp_path):
    root = project(tmp_path)
    out = run(root, "-m", "lossref", "check", "--json", "out.json", "--junitxml", "out.xml")
    assert out.returncode == 1 and "lossref replay " in out.stdout, out.stdout + out.stderr
    cases = ET.parse(root / "out.xml").getroot().findall(".//testcase")
    assert [(c.get("name"), c.find("failure") is not None) for c in cases] == [
        (f"src/losses.py:huber against huber [{BACKEND}]", False),
        (f"src/losses.py:huber_without_half against huber [{BACKEND}]", True)]
    checks = json.loads((root / "out.json").read_text())["checks"]
    assert [(c["check"], c["verdict"]) for c in checks] == [("src/losses.py:huber against huber", "conforms"),
                                                          ("src/losses.py:huber_without_half against huber", "differs")]
    assert checks[1]["versions"]["keras"] and any(p["status"] == "FAILED" and p["counterexample"]
                                                  for p in checks[1]["properties"])
    plugin = run(root, "-m", "pytest", "--lossref", "-p", "no:cacheprovider", "-q")
    assert plugin.returncode == 1 and "1 failed, 1 passed" in plugin.stdout, plugin.stdout + plugin.stderr


@on_turn("torch")
def test_a_counterexample_saved_by_the_api_replays_from_anywhere(tmp_path):
    """lossref.check in a user's code (here this process, the loss imported from the project's file) saves a
    counterexample that `lossref replay` runs from another directory, on the backend it was found on."""
    root = project(tmp_path)
    loss = load_object(f"{root / 'src' / 'losses.py'}:huber_without_half")
    npz = lossref.check(loss, "huber", profile="quick").failures[0].npz
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    replay = run(elsewhere, "-m", "lossref", "replay", npz)
    assert replay.returncode == 1, replay.stdout + replay.stderr
    assert "huber_without_half (compared with registry loss 'huber')" in replay.stdout
    missing = run(elsewhere, "-m", "lossref", "replay", "nothing.npz")
    assert missing.returncode == 2 and missing.stderr.strip().splitlines() == [
        "lossref replay: usage error: no such file: nothing.npz"]


@pytest.mark.skipif(BACKEND != "torch", reason="backend-independent: runs in the torch env")
@pytest.mark.parametrize("text, says", [
    ("[[tool.lossref.check]]\ntarget = 'a.py:f'\n", "needs against"),
    ("[[tool.lossref.check]]\ntarget = 'a.py:f'\nagainst = 'huber'\nbackend = ['jax']\n",
     "unknown key 'backend'; did you mean 'backends'?"),
    ("[[tool.lossref.check]]\ntarget = 'a.py:f'\nagainst = 'huber'\ndtypes = ['float16']\n", "dtypes must be"),
    ("[project]\nname = 'x'\n", "declares no [[tool.lossref.check]] entry"),
])
def test_a_malformed_config_is_a_usage_error(tmp_path, text, says):
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(ValueError, match=says.replace("[", r"\[").replace("]", r"\]").replace("?", r"\?")):
        config.load(tmp_path / "pyproject.toml")


def _commands(text, prefix):
    """The `lossref ...` commands of a recipe, as argument lists (GitHub expressions replaced by a backend)."""
    text = text.replace("${{ matrix.backend }}", "jax")
    return [line.split(prefix, 1)[1].split()[1:] for line in text.splitlines() if f"{prefix}lossref " in line]


@pytest.mark.skipif(BACKEND != "torch", reason="backend-independent: runs in the torch env")
def test_the_ci_recipes_run_commands_lossref_takes():
    """docs/ci/github-actions.yml (a user's workflow) and .pre-commit-hooks.yaml call lossref as it parses."""
    from lossref.cli import build_parser

    root = pathlib.Path(__file__).resolve().parents[1]
    workflow = _commands((root / "docs" / "ci" / "github-actions.yml").read_text(), "run: ")
    hook = _commands((root / ".pre-commit-hooks.yaml").read_text(), "entry: ")
    assert len(workflow) == 1 and len(hook) == 1
    for arguments in workflow + hook:
        args = build_parser().parse_args(arguments)
        assert args.command == "check" and args.target is None, arguments
    assert "--junitxml" in workflow[0] and "--json" in workflow[0]
