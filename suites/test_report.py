"""`lossref report` (benchmark JSON → Markdown and charts) and the convergence spread, on made-up inputs."""

import json

import pytest

from lossref import bench_report
from lossref.cli import main
from lossref.convergence import report as convergence_report


def _bench(loss, implementation, median, backend="jax", size=2**20, mode="compiled", pass_="forward_backward"):
    return {"name": f"test_loss[{loss}-{implementation}]", "stats": {"median": median, "iqr": 0.0, "rounds": 5},
            "extra_info": {"loss": loss, "implementation": implementation, "mode": mode, "size": size,
                           "pass_": pass_, "backend": backend, "device": "cpu", "first_call_s": 0.5,
                           "elementwise": True, "bytes": 12 * size}}


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    return str(path)


def test_report_states_ratios_and_writes_charts(tmp_path):
    benchmarks = [_bench("huber", "lossref", 2e-3), _bench("huber", "keras", 1e-3), _bench("huber", "native", 4e-3),
                  _bench("mean_squared_error", "lossref", 1e-3), _bench("mean_squared_error", "native", 1e-3)]
    path = _write(tmp_path, "bench-jax.json", {"machine_info": {"lossref": {"backend": "jax"}},
                                                "datetime": "2026-11-22T00:00:00", "benchmarks": benchmarks})
    assert main(["report", path, "--out", str(tmp_path / "out")]) == 0
    text = (tmp_path / "out" / "README.md").read_text()
    assert "| huber | 2.00 (vs keras) |" in text
    assert "| **median** | **1.50** |" in text
    assert (tmp_path / "out" / "bench-ratios.png").stat().st_size > 0
    assert (tmp_path / "out" / "bench-time-per-element.png").stat().st_size > 0


@pytest.mark.parametrize("content, message", [
    ("{not json", "not a readable JSON file"),
    ({"machine_info": {}}, "no 'benchmarks' list"),
    ({"benchmarks": []}, "no benchmarks in it"),
    ({"benchmarks": [{"name": "test_other", "stats": {"median": 1.0}, "extra_info": {}}]},
     r"test_other is not a lossref benchmark \(missing loss"),
    ({"benchmarks": [{**_bench("huber", "lossref", 1.0), "stats": {}}]}, "missing stats.median"),
])
def test_report_refuses_unknown_json_naming_the_file(tmp_path, capsys, content, message):
    path = _write(tmp_path, "broken.json", content)
    with pytest.raises(bench_report.ReportError, match=message) as error:
        bench_report.load(path)
    assert path in str(error.value)
    assert main(["report", path, "--out", str(tmp_path / "out")]) == 2
    assert path in capsys.readouterr().err


def test_convergence_spread_is_reported_and_enforced():
    def result(metric):
        return {"runs": [{"id": "mean_squared_error", "loss": "mean_squared_error", "index": 0, "metric": metric,
                          "floor": 0.0, "fall": 0.5, "spread": 0.05}]}

    assert convergence_report.spread_failures({"jax": result(0.38), "torch": result(0.39)}) == []
    failures = convergence_report.spread_failures({"jax": result(0.38), "torch": result(0.20)})
    assert failures and "differs by 0.1800" in failures[0]


def test_a_ratio_far_from_one_keeps_its_digits():
    """A loss 400 times faster than the built-in is 0.0025, not 0.00."""
    assert bench_report.format_ratio(1 / 400) == "0.0025"
    assert bench_report.format_ratio(1.234) == "1.23"
    assert bench_report.format_ratio(1234.0) == "1.23e+03"
