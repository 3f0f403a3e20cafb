"""Which registry loss, and which of its documented variants and constants, a user's loss computes.

`lossref check` uses the search when a loss differs and does not take a documented parameter (a closure's
threshold, a hard-coded convention): "your loss matches `triplet_margin_loss` with squared=true". `lossref
identify` ranks every registry loss and setting the loss matches. A match is a hint, not a verdict: a convention
the user did not declare is where real bugs live, so `check` keeps saying `differs` until it is pinned.
"""

import itertools
from dataclasses import dataclass

import numpy as np

from lossref import tolerances
from lossref.assertions import expected_in_dtype, mismatch
from lossref.properties import reference_values
from lossref.registry import SPECS
from lossref.strategies import Case
from lossref.target import call, user_target

# the usual values of a numeric constant: clip bounds and smoothing terms, then probabilities, quantiles, margins
# and temperatures (0.9 for a quantile, 0.07 for a temperature, 0.2 for a margin)
CONSTANTS = (0.0, 1e-15, 1e-12, 1e-10, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.05, 0.07, 0.1, 0.2, 0.25, 0.3,
             0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 0.99, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0)
SWITCHES = ("bool", "choice")  # documented variants: conventions rather than constants


def alternatives(param):
    """The values other than the default to try for a parameter: its other choices, the other truth value, or
    the usual constants (numbers only)."""
    if param.kind == "choice":
        return tuple(c for c in param.choices if c != param.default)
    if param.kind == "bool":
        return (not param.default,)
    return tuple(c for c in CONSTANTS if c != param.default) if param.kind == "float" else ()


def settings(spec, names):
    """Parameter settings (name → value, defaults left out) to try for the parameters `names` of `spec`: every
    combination of its documented variants, each alone or with one numeric constant changed; only valid ones."""
    params = {p.name: p for p in spec.params}
    switches = [[(n, v) for v in (params[n].default, *alternatives(params[n]))] for n in names
                if params[n].kind in SWITCHES]
    constants = [((n, v),) for n in names if params[n].kind not in SWITCHES for v in alternatives(params[n])]
    for combination in itertools.product(*switches):
        for constant in [(), *constants]:
            changed = {name: value for name, value in (*combination, *constant) if value != params[name].default}
            if changed and _valid(spec, changed):
                yield changed


def _valid(spec, changed):
    try:
        spec.validate_params(changed)
    except ValueError:
        return False
    return True


ROUNDING = 1e-6  # relative differences below this are float32 rounding: settings that close rank in the order tried


def search(spec, compare, names):
    """The settings of `names` under which `compare(changed)` (a relative error, or None where it does not match)
    holds: the fewest changes first, then the smallest relative error beyond rounding, then the order tried
    (choices and truth values first, constants from 0 up: the exact limit before a tiny constant)."""
    found = []
    for changed in settings(spec, names):
        error = compare(changed)
        if error is not None:
            found.append((len(changed), error // ROUNDING, changed))
    return [changed for _, _, changed in sorted(found, key=lambda f: f[:2])]


def shown(value):
    """A value as --param takes it."""
    return f"{value:g}" if isinstance(value, float) else str(value).lower() if isinstance(value, bool) else str(value)


def pins(changed):
    return " ".join(f"--param {name}={shown(value)}" for name, value in changed.items())


def agreement(target, pairs, dtype="float32"):
    """The largest relative difference |got − reference| / |reference| over (case, what the loss gave) pairs, or
    None unless every one is within the value tolerance (a shape, a NaN or an error is no match). Relative: a clip
    bound of 1e-10 against 1e-15 shows in entries of 2e-9, far below the tolerance of the others."""
    tol = tolerances.for_values(target.spec, target.backend, dtype)
    errors = []
    for case, got in pairs:
        try:
            expected = expected_in_dtype(reference_values(target.spec, case), dtype)
        except Exception:  # noqa: BLE001 - a setting the reference cannot evaluate does not match
            return None
        if got is None or np.shape(got) != np.shape(expected) or mismatch(expected, got, tol) is not None:
            return None
        expected, got = np.asarray(expected, float), np.asarray(got, float)
        with np.errstate(all="ignore"):
            gap = np.where(expected == got, 0.0, np.abs(expected - got) / (np.abs(expected) + 1e-30))
        errors.append(float(np.max(gap, initial=0.0)))
    return max(errors, default=0.0)


@dataclass
class Match:
    loss: str
    changed: dict  # the documented parameters set away from their defaults
    error: float  # the largest relative difference

    def __str__(self):
        setting = ", ".join(f"{k}={shown(v)}" for k, v in self.changed.items()) or "its defaults"
        return f"{self.loss} with {setting} (largest relative difference {self.error:.2g})"


def inputs(spec, seed=0):
    """Two inputs of the loss's domain: its small example, and a bench draw of about 24 entries."""
    yield spec.domain.example()
    yield spec.domain.bench(24, np.random.default_rng(seed), False)


def identify(loss, ref="loss", names=None, dtype="float32"):
    """The registry losses (all, or `names`) and settings `loss` matches on their domains' inputs, best first:
    those at their defaults, then by the number of parameters changed."""
    matches = []
    for spec in SPECS:
        if names and spec.name not in names:
            continue
        try:
            target = user_target(loss, spec, ref)
        except Exception:  # noqa: BLE001 - a loss that cannot stand for this record does not match it
            continue
        base = {**spec.defaults, **target.fixed}
        got = []
        for y_true, y_pred in inputs(spec):
            try:
                got.append((Case(y_true, y_pred, base), call(target.fn, Case(y_true, y_pred, base), dtype)[0]))
            except Exception:  # noqa: BLE001 - the loss does not take this domain's inputs
                break
        else:
            if any(np.shape(g) != reference_values(spec, c).shape for c, g in got):
                continue  # another shape: no setting of this loss's parameters gives it
            if (error := agreement(target, got, dtype)) is not None:
                matches.append(Match(spec.name, {}, error))
                continue

            def compare(changed, got=got, target=target):
                return agreement(target, [(Case(c.y_true, c.y_pred, {**c.params, **changed}), g) for c, g in got],
                                 dtype)

            found = search(spec, compare, target.baked)
            if found:
                matches.append(Match(spec.name, found[0], compare(found[0])))
    return sorted(matches, key=lambda m: (len(m.changed), m.error))
