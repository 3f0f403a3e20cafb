"""`lossref check`: the suites' property battery pointed at a user's loss, compared with a registry loss.

    report = lossref.check(my_loss, against="huber", params={"delta": 2.0})
    assert report.passed, report

Runs on the Keras backend of the current process (the CLI runs one process per backend).
"""

import time
from dataclasses import dataclass, field

import keras

from lossref import engine
from lossref.battery import CHECK
from lossref.registry import get
from lossref.target import user_target

CHECK_DTYPES = ("float32", "float64")


@dataclass
class Failure:
    property: str
    message: str
    counterexample: object  # the shrunk Case (y_true, y_pred, params)
    dtype: str
    npz: str | None
    replay: str


@dataclass
class Outcome:
    property: str
    dtype: str
    status: str  # "passed", "FAILED", "not exercised", "skipped: <why>"
    seconds: float
    evaluated: int = 0  # drawn cases the property could use
    drawn: int = 0

    def describe(self):
        counts = f" on {self.evaluated} of {self.drawn} cases" if self.drawn else ""
        return f"{self.status}{counts} ({self.seconds:.1f} s)"


@dataclass
class CheckReport:
    label: str
    against: str
    backend: str
    profile: str
    dtype: str
    outcomes: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def passed(self):
        return not self.failures

    def __bool__(self):
        return self.passed

    def __str__(self):
        verdict = "conforms" if self.passed else f"DOES NOT CONFORM ({len(self.failures)} properties failed)"
        lines = [f"lossref check: {self.label} against registry loss '{self.against}' on {self.backend} "
                 f"({self.dtype}, profile {self.profile}): {verdict}"]
        lines += [f"  note: {note}" for note in self.notes]
        for o in self.outcomes:
            lines.append(f"  {o.property + '[' + o.dtype + ']':<32} {o.describe()}")
        for failure in self.failures:
            lines += ["", failure.message]
        return "\n".join(lines)


def check(loss, against, params=None, profile="ci", seed=None, dtype="float32", progress=None, ref=None):
    """Run the property battery on `loss` (a function, a Loss instance or a Loss subclass) against the
    registry loss `against`. `params` fixes some of its parameters; the others are drawn from their ranges.
    dtype: "float32" (what Keras models compute in; default) or "float64" (strict), or "all" for both."""
    spec = get(against)
    label = ref or getattr(loss, "__qualname__", None) or type(loss).__name__
    target = user_target(loss, spec, label, params)
    dtypes = CHECK_DTYPES if dtype == "all" else (dtype,)
    if any(d not in CHECK_DTYPES for d in dtypes):
        raise ValueError(f"dtype must be one of {CHECK_DTYPES} or 'all', got {dtype!r}")
    report = CheckReport(label, spec.name, keras.backend.backend(), profile, "/".join(dtypes), notes=list(target.notes))
    for prop, _ in CHECK:
        for d in dtypes:
            reason = prop.applies(target, d)
            if reason:
                report.outcomes.append(Outcome(prop.__name__, d, f"skipped: {reason}", 0.0))
                continue
            start = time.perf_counter()
            run = engine.execute(prop, target, d, profile=profile, seed=seed)
            status = "FAILED" if run.failure else "not exercised" if run.vacuous else "passed"
            outcome = Outcome(prop.__name__, d, status, time.perf_counter() - start, run.evaluated, run.drawn)
            report.outcomes.append(outcome)
            if progress:
                progress(f"{report.backend}: {prop.__name__}[{d}] {outcome.describe()}")
            if run.failure is not None:
                failure = run.failure
                report.failures.append(Failure(prop.__name__, str(failure), failure.case, d, failure.npz,
                                               failure.replay_command()))
    return report


def assert_conforms(loss, against, **kwargs):
    """pytest helper: raise AssertionError with the full report unless `loss` conforms."""
    report = check(loss, against, **kwargs)
    if not report.passed:
        raise AssertionError(str(report))
    return report


__all__ = ["CheckReport", "Failure", "assert_conforms", "check"]
