"""`lossref check`: the suites' property battery pointed at a user's loss, compared with a registry loss.

    report = lossref.check(my_loss, against="huber", params={"delta": 2.0})
    assert report.passed, report

Runs on the Keras backend of the current process (the CLI runs one process per backend).
"""

import time
from dataclasses import dataclass, field

import keras

from lossref import engine, gradient_properties, loss_object_properties, properties
from lossref.properties import NOT_APPLICABLE
from lossref.registry import get
from lossref.target import user_target

CHECK_DTYPES = ("float32", "float64")

# (property, what it checks, applies to): the battery `lossref check` runs, in order
BATTERY = [
    (properties.values, "shape, dtype and values against the float64 reference", "all"),
    (properties.per_sample, "each sample's value depends on its own row only", "per_sample"),
    (properties.rank_alignment, "(N,) and (N, 1) targets give the values of matching shapes", "loss_object"),
    (gradient_properties.gradient_finite, "finite gradients over the whole domain", "all"),
    (gradient_properties.gradient_analytic, "gradient equals the analytic gradient", "all"),
    (gradient_properties.gradient_fd, "gradient agrees with finite differences of the reference", "all"),
    (loss_object_properties.loss_contract, "a Loss subclass keeps Loss.__call__ and implements call", "loss_object"),
    (loss_object_properties.reduction_model, "reductions, sample weights and masks as Keras's pipeline",
     "loss_object"),
    (loss_object_properties.weight_algebra, "ones = no weights, sum = mean × N, zero weight = no influence",
     "loss_object"),
]


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
    status: str  # "passed", "FAILED", "skipped: <why>"
    seconds: float


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
            lines.append(f"  {o.property + '[' + o.dtype + ']':<32} {o.status} ({o.seconds:.1f} s)")
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
    batch_level = spec.batch_level(target.fixed)
    if batch_level or not spec.independent_samples:
        report.notes.append(f"'{spec.name}' is batch-level or couples samples: per-sample properties are skipped"
                            + ("; sample weights cannot apply per sample" if batch_level else ""))
    for prop, _, applies in BATTERY:
        for d in dtypes:
            reason = _skip_reason(prop, applies, target, batch_level, d)
            if reason:
                report.outcomes.append(Outcome(prop.__name__, d, f"skipped: {reason}", 0.0))
                continue
            start = time.perf_counter()
            failure = engine.run(prop, target, d, profile=profile, seed=seed)
            seconds = time.perf_counter() - start
            report.outcomes.append(Outcome(prop.__name__, d, "passed" if failure is None else "FAILED", seconds))
            if progress:
                progress(f"{report.backend}: {prop.__name__}[{d}] {'passed' if failure is None else 'FAILED'} "
                         f"({seconds:.1f} s)")
            if failure is not None:
                report.failures.append(Failure(prop.__name__, str(failure), failure.case, d, failure.npz,
                                               failure.replay_command()))
    return report


def _skip_reason(prop, applies, target, batch_level, dtype):
    if applies == "per_sample" and (batch_level or not target.spec.independent_samples):
        return "batch-level loss"
    if applies == "loss_object" and target.make_loss is None:
        return "a plain function (no Loss object)"
    if prop is properties.rank_alignment and target.spec.alignment is None:
        return f"'{target.spec.name}' has no (N,)/(N, 1) alignment"
    if prop.__module__ == loss_object_properties.__name__ and prop is not loss_object_properties.loss_contract \
            and dtype != "float32":
        return "a Loss computes in its own dtype (float32 by default)"
    if prop is gradient_properties.gradient_analytic and target.spec.gradient is None:
        return "no analytic gradient for this loss (finite differences still run)"
    return None


def assert_conforms(loss, against, **kwargs):
    """pytest helper: raise AssertionError with the full report unless `loss` conforms."""
    report = check(loss, against, **kwargs)
    if not report.passed:
        raise AssertionError(str(report))
    return report


__all__ = ["CheckReport", "Failure", "NOT_APPLICABLE", "assert_conforms", "check"]
