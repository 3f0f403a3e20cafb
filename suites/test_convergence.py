"""Convergence: a small MLP trained with every registry loss on this backend reaches its bars
(lossref/registry/training.py). Runs marked slow are left to the thorough profile (conftest.py).

The gate profile runs each run on one backend, in turn over the registry's order: the property suites check every
loss's values and gradients on every backend, and a run costs seconds of model.fit. TensorFlow takes one turn in
five, JAX and torch two each: tracing its train step makes a run about 2.7 s there against 0.8–1.0 s on the others
on 2 cores.
Every other profile, and `tox run -e convergence`, run them all on every backend."""

import keras
import pytest
from keras import ops

from lossref import registry
from lossref.convergence.tasks import TASKS
from lossref.convergence.train import describe, run_id, train
from suites._helpers import gate_turn, in_turn

ROTATION = ("tensorflow", "jax", "torch", "jax", "torch")


def _runs():
    """Every run; slow ones marked slow, and in the gate profile those whose turn is on another backend skipped."""
    turn = 0
    for spec in registry.SPECS:
        for index, case in enumerate(spec.training):
            marks = [pytest.mark.slow] if case.slow else []
            if not case.slow:
                owner, turn = ROTATION[turn % len(ROTATION)], turn + 1
                marks = gate_turn(owner, " and `tox run -e convergence`")
            yield pytest.param(spec, index, case, id=run_id(spec.name, index), marks=marks)


RUNS = list(_runs())


@pytest.mark.parametrize("spec, index, case", RUNS)
def test_converges(spec, index, case):
    run = train(spec, case)
    if not run.passed:
        pytest.fail(describe(run, index), pytrace=False)


def test_every_loss_trains_on_a_known_task():
    for spec in registry.SPECS:
        assert spec.training, f"{spec.name} has no convergence run"
        for case in spec.training:
            assert case.task in TASKS, f"{spec.name}: unknown task {case.task!r}"
            assert case.form in ("class", "closure") and case.optimizer in ("adam", "sgd")
            spec.validate_params(case.params)


def _wrong_sign(y_true, y_pred):
    return -ops.mean(ops.square(y_pred - y_true), axis=-1)


def _overflowing(y_true, y_pred):
    return ops.mean(ops.exp(60.0 * ops.square(y_pred - y_true)), axis=-1)


def _dead_clip(y_true, y_pred):
    """Crossentropy on a probability clipped to [0.45, 0.55]: outside it the gradient is 0."""
    p = ops.clip(y_pred, 0.45, 0.55)
    return -ops.mean(y_true * ops.log(p) + (1 - y_true) * ops.log(1 - p), axis=-1)


PLANTED = [("mean_squared_error", _wrong_sign, "held-out R²"),
           ("mean_squared_error", _overflowing, "non-finite"),
           ("binary_crossentropy", _dead_clip, "training loss fell")]


def _planted():
    """Each planted loss; in the gate profile it trains on one backend, in turn (the judge is the same code)."""
    return in_turn([pytest.param(name, mutant, caught_by, id=mutant.__name__.strip("_")) for name, mutant, caught_by
                    in PLANTED], ("jax", "torch", "tensorflow"))


@pytest.mark.parametrize("name, mutant, caught_by", _planted())
def test_planted_bug_fails_the_run(name, mutant, caught_by):
    """Sensitivity: each planted loss must fail the criteria of the run it replaces (a sign convention, a
    scale that overflows, a clip that cannot be trained through)."""
    spec = registry.get(name)
    keras.utils.set_random_seed(0)
    run = train(spec, spec.training[0], loss=mutant)
    assert not run.passed, f"planted {mutant.__name__} passed {name}'s run: {run.as_dict()}"
    assert any(caught_by in failure for failure in run.failures), run.failures


def test_unknown_loss_is_a_usage_error(tmp_path, capsys):
    from lossref.cli import main

    assert main(["convergence", "--in-process", "--loss", "nope", "--out", str(tmp_path)]) == 2
    assert "unknown loss 'nope'" in capsys.readouterr().err


def test_the_figure_is_one_canvas_with_every_bar_and_no_empty_cells(tmp_path):
    """Three backends overlaid per run on one canvas, each panel with its loss bar; the one cell left over holds
    the legend, and no other cell is left blank."""
    import numpy as np

    from lossref.convergence import report

    def run(spec, index, backend):
        curve = list(np.linspace(2.0, 0.5, 6) * (1.0 + 0.01 * len(backend)))
        return {"id": run_id(spec.name, index), "index": index, "loss": spec.name, "label": "", "task": "t",
                "metric_name": "R²", "metric": 0.5, "bar": 0.3, "higher_is_better": True, "curve": curve,
                "initial": curve[0], "final": curve[-1], "failures": [],
                **{key: getattr(spec.training[index], key) for key in report.BARS}}

    results = {backend: {"versions": {"keras": keras.__version__, backend: "1.0"},
                         "runs": [run(spec, i, backend) for spec in registry.SPECS[:13] for i in range(1)]}
               for backend in ("tensorflow", "jax", "torch")}
    figure = report.plot(results, tmp_path / "convergence.png")
    panels = [ax for ax in figure.axes if ax.lines]
    assert len(panels) == 13 and len(figure.axes) == 14  # 13 runs and the legend: one canvas
    for ax in panels:
        assert len(ax.lines) == 3 + 1 and ax.lines[-1].get_linestyle() == "--", ax.get_title()  # 3 curves, bar
    rows, cols = report.layout(13)
    assert rows * cols - 14 < cols  # the empty cells fit in the last row, beside the legend
    assert (tmp_path / "convergence.png").stat().st_size > 10_000
    assert "keras" in figure.texts[0].get_text() and "{" not in figure.texts[0].get_text()  # versions as text
