"""Run a property over hypothesis-drawn cases: seeded, shrunk, and saved for replay when it fails."""

import contextlib
import contextvars
import dataclasses
import os
import random
import zlib
from dataclasses import dataclass

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from hypothesis.errors import FailedHealthCheck, Unsatisfiable, UnsatisfiedAssumption

from lossref.assertions import PropertyFailure
from lossref.strategies import PROFILE_LIMITS, cases


def default_profile():
    """LOSSREF_PROFILE if set; else "ci" under CI (derandomized, no example database), "dev" otherwise."""
    return os.environ.get("LOSSREF_PROFILE") or ("ci" if os.environ.get("CI") else "dev")


STABLE_PROFILES = ("ci", "gate", "quick")  # derandomized: a stable seed per test, no example database
_SHRINKING = contextvars.ContextVar("shrinking", default=True)


@contextlib.contextmanager
def without_shrinking():
    """Report a failure as first found, unshrunk: for runs that are expected to fail (a strict xfail), where
    shrinking only replays the property, compiling for every smaller shape it tries, for a message nobody reads."""
    token = _SHRINKING.set(False)
    try:
        yield
    finally:
        _SHRINKING.reset(token)


def choose_seed(name, profile, seed=None):
    """An explicit seed (argument or LOSSREF_SEED) wins; ci, gate and quick derive a stable one from the test;
    the others draw one."""
    if seed is None and os.environ.get("LOSSREF_SEED"):
        seed = int(os.environ["LOSSREF_SEED"])
    if seed is not None:
        return seed
    if profile in STABLE_PROFILES:
        return zlib.crc32(name.encode())
    return random.randrange(2**32)


@dataclass
class Outcome:
    """What one property run found: the shrunk failure (or None), and how many drawn cases it could use."""

    failure: PropertyFailure | None
    drawn: int
    evaluated: int
    seed: int
    wanted: int = 0  # the cases the profile asks for (hypothesis's max_examples); 0: as many as were drawn

    @property
    def vacuous(self):
        """Evaluated on fewer than half of the cases it could have been: hypothesis gave up drawing usable ones,
        and it may pass having checked little. (Not a ratio of rejected draws: how many draws hypothesis rejects
        on its way to the cases it asks for varies with its state in the process, and so with the test order.)"""
        wanted = min(self.drawn, self.wanted) if self.wanted else self.drawn
        return self.failure is None and self.evaluated * 2 < wanted

    def describe(self):
        return f"on {self.evaluated} of {self.drawn} cases"


def execute(prop, target, dtype, profile=None, seed=None, fixed=None, max_examples=None, limits=None):
    """Check `prop` on cases drawn from the target spec's domain; count the cases drawn and those the property
    could use (a case it cannot use is rejected through hypothesis and another is drawn). A failure is shrunk
    and its counterexample saved to an .npz."""
    profile = profile or default_profile()
    limits = limits or PROFILE_LIMITS[profile]
    narrowed = {}
    if hasattr(prop, "narrow"):  # what the property needs drawn (lossref/applicability.py)
        limits, narrowed = prop.narrow(target.spec, limits)
    fixed = {**narrowed, **target.fixed, **(fixed or {})} or None
    limits = _ranks_for_axes(limits, fixed)
    # a property may draw the cases another draws (`draws_as`): the same seed gives the same cases
    name = f"{getattr(prop, 'draws_as', prop.__name__)}|{target.seed_key or target.label}|{dtype}|{fixed}"
    seed = choose_seed(name, profile, seed)
    examples = max_examples or limits.max_examples
    draw_extras = getattr(prop, "draw_extras", None)  # a property may draw more: reduction, weights, mask
    counts = {"drawn": 0, "evaluated": 0}

    database = None if profile in STABLE_PROFILES else settings.default.database

    @settings(max_examples=examples, deadline=None, derandomize=False, print_blob=False,
              database=database, report_multiple_bugs=False,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
              phases=[Phase.explicit, Phase.reuse, Phase.generate] + [Phase.shrink] * _SHRINKING.get())
    @given(case=cases(target.spec, limits, fixed), data=st.data())
    @hypothesis_seed(seed)
    def check(case, data):
        counts["drawn"] += 1
        if draw_extras is not None:
            case.extras = draw_extras(data.draw, target.spec, case)
        usable = True
        try:
            prop(target, case, dtype)
        except UnsatisfiedAssumption:
            usable = False
            raise
        finally:
            counts["evaluated"] += usable

    # the example database's key, as hypothesis.find sets it: this run's name, instead of a digest of check's
    # source read at every run (a few ms, the same for every property)
    check._hypothesis_internal_database_key = name.encode() if database is not None else None
    failure = None
    try:
        check()
    except PropertyFailure as found:
        found.seed = seed
        found.save()
        failure = found
    except (Unsatisfiable, FailedHealthCheck):
        pass  # too few usable cases: the counts say so
    return Outcome(failure, counts["drawn"], counts["evaluated"], seed, examples)


def _ranks_for_axes(limits, fixed):
    """A fixed `axis` (an int or a tuple such as (1, 2, 3)) needs a rank that has those axes."""
    axis = (fixed or {}).get("axis")
    if axis is None:
        return limits
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    need = max(a + 1 if a >= 0 else -a for a in axes)
    return dataclasses.replace(limits, min_rank=max(limits.min_rank, need), max_rank=max(limits.max_rank, need))


def run(prop, target, dtype, **kwargs):
    """`execute` for callers that only need the failure: the shrunk PropertyFailure or None."""
    return execute(prop, target, dtype, **kwargs).failure


def replay(prop, target, dtype, case):
    """Run `prop` once on an exact case (from an .npz); returns the PropertyFailure, None, or the string
    "not applicable" when the property cannot use this case."""
    try:
        prop(target, case, dtype)
    except PropertyFailure as failure:
        return failure
    except UnsatisfiedAssumption:
        return "not applicable"
    return None
