"""The command line a newcomer meets first: usage errors found once, before any backend starts, in one line with
exit 2; a missing optional dependency named with the extra to install; `list` and `--help` without a backend."""

import json
import subprocess
import sys

import pytest

from lossref.cli import main

NO_BACKEND = ("import json, sys; from lossref.cli import main; code = main({argv!r}); print(json.dumps([code, "
              "sorted(m for m in ('keras', 'tensorflow', 'jax', 'torch') if m in sys.modules)]))")


def _parent(argv, tmp_path):
    """Run the CLI in a fresh process: (exit code, backend modules it imported, stderr lines)."""
    out = subprocess.run([sys.executable, "-c", NO_BACKEND.format(argv=argv)], capture_output=True, text=True,
                         cwd=tmp_path, timeout=60)
    code, imported = json.loads(out.stdout.strip().splitlines()[-1])
    return code, imported, [line for line in out.stderr.splitlines() if line.strip()]


@pytest.fixture
def losses_file(tmp_path):
    path = tmp_path / "my_losses.py"
    path.write_text("from keras import ops\n\n\ndef mse(y_true, y_pred):\n"
                    "    return ops.mean(ops.square(y_pred - y_true), axis=-1)\n")
    return path


@pytest.mark.parametrize("argv, says", [
    (["check", "{file}:mse", "--against", "no_such_loss"], "unknown loss 'no_such_loss'"),
    (["check", "missing.py:mse", "--against", "huber"], "no such file: missing.py"),
    (["check", "{file}:nothing", "--against", "huber"], "has no attribute 'nothing'"),
    (["check", "no_such_package.losses:mse", "--against", "huber"], "no module named 'no_such_package'"),
    (["check", "{file}:mse", "--against", "huber", "--param", "delta=-1"], "argument `delta` must be in (0, inf)"),
    (["check", "{file}:mse", "--against", "huber", "--param", "dleta=1"],
     "huber has no parameter(s) ['dleta']; did you mean 'delta'?"),
    (["check", "{file}:mse", "--against", "tversky", "--allow", "tversky-swap"],
     "did you mean 'tversky-alpha-beta-swapped'?"),
    (["check", "{file}:mse", "--against", "huber", "--shape", "4,x"], "--shape expects"),
    (["check", "{file}:mse", "--against", "huber", "--class-axis", "1"], "no class axis parameter"),
    (["check", "{file}:mse", "--against", "triplet_margin_loss", "--labels", "hard"],
     "--labels hard does not apply to the triplets domain"),
    (["check", "{file}:mse", "--against", "triplet_margin_loss", "--shape", "4,2,3"], "it needs axis 1 of size 3"),
    (["identify", "missing.py:mse"], "no such file: missing.py"),
    (["identify", "{file}:mse", "--loss", "hubr"], "unknown loss 'hubr'; did you mean 'huber'?"),
    (["audit", "keras", "--loss", "hubr"], "unknown loss 'hubr'; did you mean 'huber'?"),
    (["audit", "optax", "--backend", "torch"], "optax's losses run on jax"),
    (["audit", "keras", "--expect", "missing.json"], "--expect missing.json: no such file"),
    (["convergence", "--loss", "hubr"], "unknown loss 'hubr'"),
], ids=["loss", "file", "attribute", "module", "range", "param-name", "allow", "shape", "class-axis", "labels-domain",
        "shape-domain", "identify-file", "identify-loss", "audit-loss",
        "audit-backend", "audit-expect", "convergence-loss"])
def test_usage_errors_are_one_line_before_any_backend(argv, says, losses_file, tmp_path):
    code, imported, lines = _parent([a.replace("{file}", str(losses_file)) for a in argv], tmp_path)
    assert code == 2 and imported == [], (code, imported)
    assert len(lines) == 1 and "usage error" in lines[0] and says in lines[0], lines


def test_list_and_help_start_no_backend(tmp_path):
    code, imported, _ = _parent(["list"], tmp_path)
    assert code == 0 and imported == []
    out = subprocess.run([sys.executable, "-m", "lossref", "--help"], capture_output=True, text=True, check=True)
    for command in ("list", "check", "convergence", "bench", "report", "replay", "bad-inputs", "gradients"):
        assert f"    {command}" in out.stdout, out.stdout


def test_missing_extra_is_named_and_nothing_is_written(monkeypatch, tmp_path, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "sklearn" else real(name, *a))
    out = tmp_path / "results"
    assert main(["convergence", "--loss", "huber", "--out", str(out)]) == 2
    error = capsys.readouterr().err
    assert "scikit-learn" in error and "pip install -e '.[convergence]'" in error and len(error.splitlines()) == 1
    assert not out.exists()


def test_list_json_gives_inputs_formula_and_structured_parameters(capsys):
    assert main(["list", "--format", "json"]) == 0
    entries = {e["name"]: e for e in json.loads(capsys.readouterr().out)}
    triplet = entries["triplet_margin_loss"]
    assert triplet["inputs"].startswith("(B, 3, D)") and triplet["formula"].startswith("max(d(a, pos)")
    squared = next(p for p in triplet["params"] if p["name"] == "squared")
    assert squared["type"] == "bool" and squared["default"] is False and "FaceNet" in squared["source"]
    margin = next(p for p in triplet["params"] if p["name"] == "margin")
    assert margin["range"] == {"low": 0.0, "high": None, "low_open": True, "high_open": False}
