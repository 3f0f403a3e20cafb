"""`lossref audit`: the committed conformance matrices and the audit itself.

Every failure the committed matrices record for this backend is a strict-xfail witness: its repro (plain
framework code, no lossref) must still fail here. A release that fixes one makes it pass, which fails the
suite: regenerate the matrix (`tox run -e audit -- --out docs/conformance`).
A planted wrong built-in must be reported as a failure with a counterexample, and a right one as passing.
"""

import builtins
import json
from pathlib import Path

import keras
import pytest

from lossref import losses
from lossref.audit import audit
from lossref.conformance import LIBRARIES, changes, repro_name
from suites._helpers import BACKEND

CONFORMANCE = Path(__file__).resolve().parent.parent / "docs" / "conformance"


def _expected_error(script):
    """The exception a repro raises while the defect is there (its "# fails with:" line)."""
    line = next(x for x in script.read_text().splitlines() if x.startswith("# fails with: "))
    error = getattr(builtins, line.removeprefix("# fails with: ").strip(), Exception)
    return error if isinstance(error, type) and issubclass(error, BaseException) else Exception


def _witnesses():
    for library, backends in LIBRARIES.items():
        path = CONFORMANCE / f"{library}.json"
        if BACKEND not in backends or not path.exists():
            continue
        for record in json.loads(path.read_text())["records"]:
            script = CONFORMANCE / "repros" / library / repro_name(record)
            if record["verdict"] == "fail" and record["backend"] == BACKEND and script.exists():
                yield pytest.param(library, script, id=f"{library}-{script.stem}", marks=pytest.mark.xfail(
                    strict=True, raises=_expected_error(script), reason=f"{record['message'][:200]}"))


WITNESSES = list(_witnesses())


@pytest.mark.parametrize("library,script", WITNESSES)
def test_recorded_failure_still_fails(library, script):
    if library == "optax":
        pytest.importorskip("optax")
    exec(compile(script.read_text(), str(script), "exec"), {"__name__": "__main__"})


def test_every_failure_has_a_repro_that_failed_alone():
    """The committed matrices: each failure of this backend has its repro file, confirmed to fail when run alone."""
    for library, backends in LIBRARIES.items():
        path = CONFORMANCE / f"{library}.json"
        if BACKEND not in backends or not path.exists():
            continue
        text = (CONFORMANCE / f"{library}.md").read_text()
        for record in json.loads(path.read_text())["records"]:
            if record["verdict"] == "fail" and record["backend"] == BACKEND:
                name = repro_name(record)
                assert (CONFORMANCE / "repros" / library / name).exists(), f"no repro for {name}"
                assert f"(repros/{library}/{name}) (fails when run alone" in text, name


def _wrong_huber(y_true, y_pred, delta=1.0):
    """Huber with the threshold ignored (always 1): a planted bug."""
    return losses.huber(y_true, y_pred, delta=1.0)


def test_audit_reports_a_wrong_builtin(monkeypatch):
    monkeypatch.setattr(keras.losses, "huber", _wrong_huber)
    records = audit("keras", names=["huber"], profile="quick", verify=False, forms=("function",))
    failed = {r["property"]: r for r in records if r["verdict"] == "fail"}
    assert "values" in failed, records
    example = failed["values"]["counterexample"]
    assert example["params"]["delta"] != 1.0 and example["y_true"] is not None, example
    # its repro, run with the wrong built-in in place, fails
    with pytest.raises(AssertionError):
        exec(compile(failed["values"]["repro"]["code"], "<repro>", "exec"), {"__name__": "__main__"})


def test_audit_passes_a_right_builtin(monkeypatch):
    monkeypatch.setattr(keras.losses, "huber", losses.huber)
    records = audit("keras", names=["huber"], profile="quick", verify=False, forms=("function",))
    assert {r["verdict"] for r in records} <= {"pass", "skip"}, [r for r in records if r["verdict"] != "pass"]
    assert sum(r["verdict"] == "pass" for r in records) >= 5, records


def test_expect_names_every_changed_verdict():
    """`lossref audit --expect FILE`: the verdicts that differ from an earlier matrix, and only those."""
    def result(*verdicts):
        return {"library": "keras", "versions": {}, "records": [
            {"loss": "huber", "backend": "jax", "form": form, "property": "values", "verdict": verdict}
            for form, verdict in zip(("function", "class"), verdicts, strict=True)]}

    assert changes(result("fail", "pass"), result("fail", "pass")) == []
    assert changes(result("fail", "pass"), result("pass", "pass")) == ["huber jax function values: fail → pass"]
