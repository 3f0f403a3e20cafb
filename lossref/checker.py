"""`lossref check`: the suites' property battery pointed at a user's loss, compared with a registry loss.

    report = lossref.check(my_loss, against="huber", params={"delta": 2.0})
    assert report.passed, report          # report.verdict: conforms, conforms with notes, differs, could not check

Runs on the Keras backend of the current process (the CLI runs one process per backend).
"""

import dataclasses
import math
import re
import sys
import textwrap
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import keras
import numpy as np

from lossref import counterexample, engine, identify, layouts, tolerances
from lossref.applicability import not_for_this_case
from lossref.assertions import difference
from lossref.battery import CHECK
from lossref.index import did_you_mean
from lossref.properties import reference_values
from lossref.registry import get
from lossref.strategies import PROFILE_LIMITS, Case
from lossref.target import call, through_call, through_mean, user_target

CHECK_DTYPES = ("float32", "float64")
CRASH_DIR = counterexample.DIRECTORY.parent / "crashes"
VERDICTS = {"conforms": 0, "conforms with notes": 0, "differs": 1, "could not check": 3}  # the CLI's exit codes


@dataclass
class Failure:
    property: str
    message: str
    counterexample: object  # the shrunk Case (y_true, y_pred, params)
    dtype: str
    npz: str | None
    replay: str
    got: object = None  # what the loss gave on the counterexample, where the property compares values
    error: object = None  # the PropertyFailure itself (expected, got, the case with what it drew besides)


@dataclass
class Outcome:
    property: str
    dtype: str
    status: str  # "passed", "FAILED", "noted", "not exercised", "could not check", "skipped: <why>"
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
    notes: list = field(default_factory=list)  # differences that do not fail: each says what, where, how much
    info: list = field(default_factory=list)  # how the target was checked (fixed parameters, skipped facts)
    crash: str | None = None  # lossref's own error (the path of its saved traceback)
    diagnosis: str | None = None  # one root cause found before the battery ran (a scalar per batch, say)
    strict: bool = False  # notes count as failures
    noted: list = field(default_factory=list)  # (recorded divergence, PropertyFailure) behind the notes
    versions: dict = field(default_factory=dict)  # Keras's and the backend's, as the report prints them

    @property
    def verdict(self):
        if self.crash:
            return "could not check"
        if self.failures or (self.strict and self.notes):
            return "differs"
        return "conforms with notes" if self.notes else "conforms"

    @property
    def exit_code(self):
        return VERDICTS[self.verdict]

    @property
    def passed(self):
        return self.verdict in ("conforms", "conforms with notes")

    def __bool__(self):
        return self.passed

    def __str__(self):
        verdict = self.verdict.upper() if not self.passed else self.verdict
        if self.failures:
            verdict += f" ({len(self.failures)} properties failed)"
        ran = ", ".join(f"{k} {v}" for k, v in self.versions.items())
        lines = [f"lossref check: {self.label} against registry loss '{self.against}' on {self.backend} "
                 f"({self.dtype}, profile {self.profile}{'; ' + ran if ran else ''}): {verdict}"]
        lines += [f"  {line}" for line in self.info]
        for o in self.outcomes:
            lines.append(f"  {o.property + '[' + o.dtype + ']':<32} {o.describe()}")
        lines += [f"  note: {note}" for note in self.notes]
        if self.crash:
            lines.append(f"  lossref itself raised an error, not your loss: traceback in {self.crash}")
        failures = self.failures
        if self.diagnosis and failures:  # one root cause: its failures in a line each, the first in full
            lines += ["", f"diagnosis: {self.diagnosis}", "  it explains, most likely:"]
            lines += [f"    {_headline(f)}" for f in failures]
            failures = failures[:1]
        for lead, followers in _by_cause(failures):
            lines += ["", lead.message]
            if followers:
                lines += ["  the same cause, most likely, behind:"] + [f"    {_headline(f)}" for f in followers]
        return "\n".join(lines)


def _cause(failure):
    """What makes two failures one finding: the same recorded framework bug, or the same error raised."""
    error = failure.error
    if error is None:
        return id(failure)
    if error.reproduces is not None:
        return ("reproduces", error.reproduces.id)
    if isinstance(error.__cause__, Exception):
        return ("raised", type(error.__cause__).__name__, str(error.__cause__))
    return id(failure)


def _by_cause(failures):
    """[(the first failure of a cause, the later ones)], in the order of the first failures."""
    groups = {}
    for failure in failures:
        groups.setdefault(_cause(failure), []).append(failure)
    return [(group[0], group[1:]) for group in groups.values()]


NEAR_MISS = 10.0  # a difference within this many times its tolerance is rounding's size: it leads no report
INPUT_ULPS = 8  # nor one within a few float ulps of the inputs' size (an algorithm that renormalizes them, say)


def _lead_order(failure):
    """Failures that reproduce a recorded framework bug, then near misses (a difference within NEAR_MISS times
    its tolerance, or within INPUT_ULPS ulps of the largest input: the size rounding reaches in an algorithm
    other than the reference's), come after those that fail outright: the report leads with the difference that
    names the cause."""
    error = failure.error
    reproduces = error is not None and error.reproduces is not None
    found = re.search(r"\|error\| ([0-9.e+-]+) > allowed ([0-9.e+-]+)", error.detail if error is not None else "")
    if not found:
        return reproduces, False
    size = max(1.0, *(float(np.max(np.abs(np.asarray(x, float)), initial=0.0))
                      for x in (failure.counterexample.y_true, failure.counterexample.y_pred)))
    gap, allowed = float(found.group(1)), float(found.group(2))
    rounding = INPUT_ULPS * tolerances.UNIT_ROUNDOFF.get(failure.dtype, 0.0) * size
    return reproduces, gap <= NEAR_MISS * allowed or gap <= rounding


def _headline(failure):
    return f"{failure.property}[{failure.dtype}]: {_shorten(failure.message.splitlines()[2])}"


def check(loss, against, params=None, profile="ci", seed=None, dtype="float32", progress=None, ref=None,
          strict=False, labels=None, rank=None, shape=None, class_axis=None, framework_divergences=True,
          seed_key=None, allow=()):
    """Run the property battery on `loss` (a function, a Loss instance or a Loss subclass) against the
    registry loss `against`. `params` fixes some of its parameters; the others are drawn from their ranges.
    dtype: "float32" (what Keras models compute in; default) or "float64" (strict), or "all" for both.
    strict: a note (a difference inside a divergence the registry records) counts as a failure.
    The inputs drawn: labels "hard" (0/1, one-hot) or "soft" only; rank: the rank of y_pred; shape: its exact
    shape; class_axis: the class (channel) axis, for a loss with an `axis` parameter (channels-first: 1).
    framework_divergences: whether Keras's recorded divergences make notes (False for another library's loss).
    seed_key: what the stable seeds derive from (default: the label): equal keys draw equal cases.
    allow: ids of divergences the registry records as Keras bugs that the loss may reproduce (a note, not a
    failure); True allows every one (the audit records them itself)."""
    spec = get(against)
    params = dict(params or {})
    if class_axis is not None:
        if "axis" not in spec.defaults:
            raise ValueError(f"{spec.name} has no class axis parameter; it takes {spec.describe_params()}")
        params["axis"] = class_axis
    limits = _limits(profile, labels, rank, shape, spec.domain.name)
    label = ref or getattr(loss, "__qualname__", None) or type(loss).__name__
    ref = ref or importable_ref(loss)
    target = user_target(loss, spec, ref, params)
    target.label = label
    target.framework_divergences, target.seed_key = framework_divergences, seed_key
    target.allowed = allow if allow is True else _divergence_ids(spec, allow)
    dtypes = CHECK_DTYPES if dtype == "all" else (dtype,)
    if any(d not in CHECK_DTYPES for d in dtypes):
        raise ValueError(f"dtype must be one of {CHECK_DTYPES} or 'all', got {dtype!r}")
    backend = keras.backend.backend()
    report = CheckReport(label, spec.name, backend, profile, "/".join(dtypes), strict=strict,
                         versions={"keras": keras.__version__,
                                   backend: getattr(sys.modules.get(backend), "__version__", "?")})
    report.diagnosis = _diagnose(target)
    report.info = list(target.notes)
    start, total = time.perf_counter(), len(CHECK) * len(dtypes)
    for number, (prop, d) in enumerate(((prop, d) for prop, _ in CHECK for d in dtypes), 1):
        outcome = _run_property(report, prop, target, d, profile, seed, limits)
        if progress and outcome is not None:
            progress(f"{report.backend} [{number}/{total}, {time.perf_counter() - start:.0f} s] "
                     f"{prop.__name__}[{d}] {outcome.describe()}")
        if report.crash:
            return report
    report.noted = target.noted
    report.failures.sort(key=_lead_order)
    report.notes += [f"{prop}: {note}" for prop, note in _vacuous(report)] + _divergence_notes(target.noted)
    report.diagnosis = report.diagnosis or _identified(target, report.failures) or _signed_only(target, report)
    return report


def _identified(target, failures):
    """A value failure of a loss that does not take some documented parameters (a closure's threshold or clip
    bound, a hard-coded convention): the setting of those under which the reference gives what the loss gave on
    the counterexample and on the domain's example (the fewest changes, then the closest)."""
    failure = next((f for f in failures if f.property == "values"), None)
    if failure is None or not target.baked:
        return None
    y_true, y_pred = target.spec.domain.example()
    example = Case(y_true, y_pred, {**target.spec.defaults, **target.fixed})
    try:
        gave = [(failure.counterexample, failure.got), (example, call(target.fn, example, failure.dtype)[0])]
    except Exception:  # noqa: BLE001 - a loss that cannot run on the example matches nothing
        return None

    def compare(changed):
        return identify.agreement(target, [(Case(c.y_true, c.y_pred, {**c.params, **changed}), got)
                                           for c, got in gave], failure.dtype)

    found = identify.search(target.spec, compare, target.baked)
    if not found:
        return None
    changed, spec = found[0], target.spec
    defaults = {p.name: p.default for p in spec.params}
    where = _clip_region(spec, failure.counterexample, defaults["epsilon"]) if "epsilon" in changed else ""
    setting = ", ".join(f"{k}={identify.shown(v)}" for k, v in changed.items())
    looks = "; ".join(f"its own {k} looks like {identify.shown(v)}" for k, v in changed.items())
    return (f"{target.label} matches '{spec.name}' with {setting}, parameters it does not take{where}: with "
            f"{'that' if len(changed) == 1 else 'those'} the reference gives what it gave on the counterexample and "
            f"on the domain's example ({looks}). If that is what you intend, pin it: rerun with "
            f"{identify.pins(changed)}")


def _signed_only(target, report):
    """A sign-label loss that fails only where {0, 1} labels are drawn: the same case with 0 read as −1 passes, so
    it is written for {−1, +1} labels alone (as torch's and many hinge losses document)."""
    failure = next((f for f in report.failures if f.property == "values"), None)
    if failure is None or "signed" not in layouts.LAYOUTS[target.spec.domain.name].labels or report.dtype != "float32":
        return None
    case = failure.counterexample
    if not np.any(case.y_true == 0):
        return None
    signed = Case(np.where(case.y_true == 0, -1.0, case.y_true), case.y_pred, case.params)
    try:
        got = call(target.fn, signed, failure.dtype)[0]
    except Exception:  # noqa: BLE001 - no hint where the loss cannot run on it
        return None
    if identify.agreement(target, [(signed, got)], failure.dtype) is None:
        return None
    return (f"{target.label} gives the reference's values once the labels 0 of the counterexample are written −1: "
            f"it reads labels in {{−1, +1}} only, where '{target.spec.name}' also takes {{0, 1}}. If {{−1, +1}} is "
            "its documented domain, rerun with --labels signed")


def _clip_region(spec, case, bound):
    """Where a clip bound acts on the counterexample: the entries within `bound` of 0 (or of 1, for
    probabilities)."""
    sides = [("x", lambda x: np.abs(x))] + ([("1 − x", lambda x: 1.0 - x)] if spec.domain.probabilities else [])
    found = [f"{side.replace('x', name)} < {bound:g}" for name, x in (("y_true", case.y_true), ("y_pred", case.y_pred))
             for side, distance in sides if np.any(distance(np.asarray(x, float)) < bound)]
    return f"; it differs where {' or '.join(found)}, where the clip bound acts" if found else ""


def _diagnose(target):
    """Call the loss once on its domain's example: a shape that is not one value per sample is one root cause for
    every property (an elementwise call() of a Loss subclass is read through __call__ instead)."""
    spec = target.spec
    y_true, y_pred = spec.domain.example()
    case = Case(y_true, y_pred, {**spec.defaults, **target.fixed})
    try:
        expected = reference_values(spec, case).shape
        got = call(target.fn, case, "float32")[0].shape
    except Exception:  # noqa: BLE001 - the example may not suit the fixed params; the properties report errors
        return None
    if got == expected:
        return None
    if got == y_pred.shape and target.make_loss is not None:
        through_call(target)
        return None
    if expected == () and len(got) == 1 and spec.batch_level(case.params):
        through_mean(target)
        return None
    if got == () and expected:
        return ("returns one scalar per batch; a Keras loss returns one value per sample: reduce over the last "
                "axis only (e.g. ops.mean(..., axis=-1)) and let Loss.__call__ or model.fit average the batch")
    if got == y_pred.shape:
        return ("returns one value per element; a Keras loss returns one value per sample: reduce over the last "
                "axis (e.g. ops.mean(..., axis=-1))")
    return f"returns values of shape {got} where '{spec.name}' returns {expected} on the same inputs"


def importable_ref(loss):
    """How `lossref replay` finds a loss given as an object: "package.module:qualname", or the absolute path of the
    script that defines it; its name alone where neither exists (a function defined inside another)."""
    obj = loss if isinstance(loss, type) or callable(loss) and hasattr(loss, "__qualname__") else type(loss)
    name, module = getattr(obj, "__qualname__", type(loss).__name__), sys.modules.get(getattr(obj, "__module__", ""))
    if "<locals>" in name or module is None:
        return name
    path = getattr(module, "__file__", None)
    if path is None or _installed(Path(path)):
        return f"{module.__name__}:{name}"
    return f"{Path(path).resolve()}:{name}"  # a script, or a module importable only from here: by its file


def _installed(path):
    """Whether a module file imports from any directory: it lies under a sys.path entry other than the working
    directory and the running script's folder (a package installed, or on PYTHONPATH)."""
    local = {Path.cwd().resolve(), Path(sys.argv[0]).resolve().parent if sys.argv and sys.argv[0] else None}
    roots = [Path(entry).resolve() for entry in sys.path if entry and Path(entry).resolve() not in local]
    return any(path.resolve().is_relative_to(root) for root in roots)


def _divergence_ids(spec, allow):
    """The ids given to `allow`, each one a divergence the record of `spec` knows."""
    known = [d.id for d in spec.known_divergences]
    for given in allow:
        if given not in known:
            raise ValueError(f"--allow {given}: {spec.name} records no divergence of that id"
                             + did_you_mean(given, known) + f"; its divergences: {', '.join(known) or 'none'}")
    return tuple(allow)


def _limits(profile, labels, rank, shape, domain):
    """The profile's limits with what the options fix; a ValueError for an option the domain cannot honour."""
    limits = PROFILE_LIMITS[profile]
    if labels is not None and labels not in layouts.LABEL_CHOICES:
        raise ValueError(f"labels must be one of {', '.join(layouts.LABEL_CHOICES)}, got {labels!r}")
    refused = layouts.problem(domain, labels, rank, None if shape is None else tuple(int(s) for s in shape))
    if refused:
        raise ValueError(refused)
    if shape is not None:
        shape = tuple(int(side) for side in shape)
        rank = len(shape)
    if rank is not None:
        limits = dataclasses.replace(limits, min_rank=rank, max_rank=rank, max_elements=max(limits.max_elements,
                                                                                              math.prod(shape or ())))
    return dataclasses.replace(limits, labels=labels, shape=shape)


def _run_property(report, prop, target, dtype, profile, seed, limits):
    reason = prop.applies(target, dtype)
    if reason:
        report.outcomes.append(Outcome(prop.__name__, dtype, f"skipped: {reason}", 0.0))
        return None
    start, noted = time.perf_counter(), len(target.noted)
    try:
        run = engine.execute(prop, target, dtype, profile=profile, seed=seed, limits=limits)
    except Exception:  # noqa: BLE001 - an error outside the user's loss is lossref's, never a finding
        report.crash = _save_crash(prop.__name__, target)
        report.outcomes.append(Outcome(prop.__name__, dtype, "could not check", time.perf_counter() - start))
        return report.outcomes[-1]
    status = "FAILED" if run.failure else "not exercised" if run.vacuous else \
        "noted" if len(target.noted) > noted else "passed"
    report.outcomes.append(Outcome(prop.__name__, dtype, status, time.perf_counter() - start, run.evaluated,
                                   run.drawn))
    if run.failure is not None:
        failure = run.failure
        message = str(failure) + _interior(prop, target, dtype, profile, seed, limits, failure)
        report.failures.append(Failure(prop.__name__, message, failure.case, dtype, failure.npz,
                                       failure.replay_command(), failure.got, failure))
    return report.outcomes[-1]


def _degenerate(case):
    """A counterexample on a corner of the domain: an all-zero target or prediction (an empty mask, a zero vector)."""
    return not np.any(np.asarray(case.y_true)) or not np.any(np.asarray(case.y_pred))


def _interior(prop, target, dtype, profile, seed, limits, failure):
    """Where the shrunk counterexample sits on a degenerate corner, a second one from the interior of the domain
    (drawn with no boundary patterns), so that the report shows whether the loss fails only there."""
    if not _degenerate(failure.case):
        return ""
    def away_from_corners(target, case, dtype):
        if _degenerate(case):
            not_for_this_case()
        prop(target, case, dtype)

    away_from_corners.__name__ = prop.__name__  # the same seeds, narrowing and extra draws as the property
    for attribute in ("narrow", "draws_as", "draw_extras"):
        if hasattr(prop, attribute):
            setattr(away_from_corners, attribute, getattr(prop, attribute))
    try:
        inner = engine.execute(away_from_corners, target, dtype, profile=profile, seed=seed,
                               limits=dataclasses.replace(limits, exact_kinks=False))
    except Exception:  # noqa: BLE001 - the second search is a courtesy: the first counterexample stands
        return ""
    finally:
        failure.save()  # the replay file is the first counterexample's (the second search wrote its own there)
    if inner.failure is None:
        return "" if inner.vacuous else \
            "\n  away from that corner (no zero or boundary inputs drawn) it holds: the difference lives there"
    inner = inner.failure
    case = "\n    ".join(repr(inner.case).splitlines())
    return f"\n  it fails away from that corner too, e.g.:\n    {case}\n    {inner.detail}"


def _shorten(line, width=110):
    """One line at most `width` long, cut between words."""
    return textwrap.shorten(line, width, placeholder=" …")


def _vacuous(report):
    for o in report.outcomes:
        if o.status == "not exercised":
            yield f"{o.property}[{o.dtype}]", (f"not exercised: it could use only {o.evaluated} of the {o.drawn} "
                                               "cases it drew, so it shows little either way")


def _divergence_notes(noted):
    """One note per (property, recorded divergence): what differs, where, and by how much at most."""
    groups = {}
    for divergence, failure in noted:
        groups.setdefault((failure.prop, divergence.id), (divergence, []))[1].append(failure)
    notes = []
    for (prop, _), (divergence, failures) in groups.items():
        worst = max(failures, key=difference)
        size = f"the largest difference is {difference(worst):.3g}, at" if difference(worst) else "for example"
        notes.append(f"{prop}: {len(failures)} case(s) lie in a divergence the registry records for Keras "
                     f"({divergence.kind}, {divergence.id}): {divergence.sentence()} Upstream: "
                     f"{divergence.upstream}. {size[0].upper() + size[1:]} {_compact(worst.case)}: "
                     f"{worst.detail.splitlines()[0]}")
    return notes


def _compact(case):
    def show(x):
        x = np.asarray(x)
        return np.array2string(x, precision=8, separator=", ") if x.size <= 8 else f"array{x.shape}"

    return f"y_true={show(case.y_true)}, y_pred={show(case.y_pred)}, params={case.params}"


def _save_crash(prop, target):
    CRASH_DIR.mkdir(parents=True, exist_ok=True)
    path = CRASH_DIR / f"{prop}-{target.backend}.txt"
    path.write_text(f"lossref check {target.ref} against {target.spec.name}, property {prop}, backend "
                    f"{target.backend}\n\n{traceback.format_exc()}")
    return str(path)


def assert_conforms(loss, against, **kwargs):
    """pytest helper: raise AssertionError with the full report unless `loss` conforms (notes allowed)."""
    report = check(loss, against, **kwargs)
    if not report.passed:
        raise AssertionError(str(report))
    return report


__all__ = ["CheckReport", "Failure", "assert_conforms", "check"]
