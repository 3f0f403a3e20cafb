"""Assertion helpers shared by every suite and by `lossref check`: one failure type, one message format."""

import numpy as np

from lossref import counterexample
from lossref.strategies import numpy_dtype, round_to
from lossref.tolerances import GRADIENTS, VALUES


class PropertyFailure(AssertionError):
    """A property that does not hold, with everything needed to read and replay it."""

    def __init__(self, prop, target, dtype, case, detail, expected=None, got=None):
        self.prop, self.target, self.dtype, self.case = prop, target, dtype, case
        self.detail, self.expected, self.got = detail, expected, got
        self.seed = None
        self.npz = None
        self.reproduces = None  # the recorded framework bug (a Divergence) this failure reproduces
        super().__init__(detail)

    @property
    def counterexample(self):
        return self.case

    def replay_command(self):
        env = f"KERAS_BACKEND={self.target.backend}" + (" JAX_ENABLE_X64=1" if self.target.backend == "jax" else "")
        if self.npz:
            return f"lossref replay {self.npz}"  # on the backend it was found on
        seed = f" LOSSREF_SEED={self.seed}" if self.seed is not None else ""
        return f"{env}{seed} (rerun the same test)"

    def __str__(self):
        lines = [
            f"property '{self.prop}' failed for {self.target.label} (compared with registry loss "
            f"'{self.target.spec.name}')",
            f"  backend: {self.target.backend}   dtype: {self.dtype}   params: {self.case.params}"
            + (f"   seed: {self.seed}" if self.seed is not None else ""),
            f"  {self.detail}",
            *self._reproduced(),
            "  minimal counterexample (after shrinking):",
            "    " + repr(self.case).replace("\n", "\n    "),
        ]
        if self.expected is not None:
            lines.append(f"  expected: {_show(self.expected)}")
        if self.got is not None:
            lines.append(f"  got:      {_show(self.got)}")
        lines.append(f"  replay:   {self.replay_command()}")
        return "\n".join(lines)

    def _reproduced(self):
        d = self.reproduces
        if d is None:
            return []
        return [f"  this reproduces a defect the registry records for Keras ({d.id}): {d.sentence()} Upstream: "
                f"{d.upstream}. lossref follows the documentation; to accept the defect knowingly: --allow {d.id}"]

    def save(self):
        """Write the counterexample (lossref/counterexample.py) and remember its path for the replay command."""
        self.npz = str(counterexample.save(self).resolve())  # absolute: it replays from any directory
        return self.npz


def _show(x):
    """Values as a message shows them: −0 reads as 0 (they compare equal; a '-0.' only puzzles the reader)."""
    return np.array2string(np.asarray(x, dtype=np.float64) + 0.0, precision=10, separator=", ", threshold=200)


def smallest_normal(dtype):
    """Results below it may be subnormal or flushed to 0 (FTZ on XLA/TF CPU): both are accepted."""
    return 1.1754943508222875e-38 if dtype == "bfloat16" else float(np.finfo(numpy_dtype(dtype)).tiny)


def expected_in_dtype(expected, dtype):
    """The reference rounded to the output dtype: what a perfect implementation in that dtype returns."""
    with np.errstate(over="ignore"):
        return round_to(np.asarray(expected, dtype=np.float64), dtype)


def first_index(bad):
    """The index of the first True entry of a boolean array (() for a 0-d one)."""
    return tuple(int(i) for i in np.argwhere(bad)[0]) if np.ndim(bad) else ()


def difference(failure):
    """The largest |got − expected| a failure reports (inf where one side is not finite; 0 without values)."""
    if failure.expected is None or failure.got is None:
        return 0.0
    with np.errstate(all="ignore"):
        gap = np.abs(np.asarray(failure.got, dtype=float) - np.asarray(failure.expected, dtype=float))
    return float(np.max(np.where(np.isnan(gap), np.inf, gap), initial=0.0))


def within_float32(failure):
    """Whether a float64 failure's values (or gradients) are float32-accurate: what a computation carried out in
    float32 gives. A failure without values to compare (a dtype, a shape, a range) is not."""
    if failure.expected is None or failure.got is None:
        return False
    tol = GRADIENTS["float32"]["analytic"] if failure.prop.startswith("gradient") else VALUES["float32"]
    expected = np.asarray(failure.expected, dtype=np.float64)
    scale = 1.0 + np.max(np.abs(np.nan_to_num(expected)), initial=0.0)
    return mismatch(expected, failure.got, tol, scale) is None


def mismatch(expected, got, tol, scale=1.0, factor=1.0, floor=0.0):
    """None when every entry is within tolerance, else a sentence naming the worst entry.

    NaN must meet NaN and ±inf the same ±inf; finite entries satisfy
    |got − exp| ≤ f·(atol·scale + rtol·|exp|) + floor (floor: the dtype's smallest normal, where subnormal
    results may or may not be flushed to zero by the backend).
    """
    expected = np.asarray(expected, dtype=np.float64)
    got = np.asarray(got, dtype=np.float64)
    scale = np.broadcast_to(np.asarray(scale, dtype=np.float64), expected.shape)
    nan_ok = np.isnan(expected) == np.isnan(got)
    inf_ok = np.where(np.isinf(expected) | np.isinf(got), expected == got, True)
    finite = np.isfinite(expected) & np.isfinite(got)
    with np.errstate(invalid="ignore", over="ignore"):
        error = np.where(finite, np.abs(got - expected), 0.0)
        allowed = factor * (tol.atol * scale + tol.rtol * np.abs(expected)) + floor
    bad = ~nan_ok | ~inf_ok | (finite & (error > allowed))
    if not bad.any():
        return None
    index = first_index(bad)
    want, have = float(expected[index]), float(got[index])
    off = f"{int(bad.sum())} of {bad.size} entries off"
    if not (np.isfinite(want) and np.isfinite(have)):  # no error size to state: the kinds differ
        return f"value mismatch at index {index}: expected {want}, got {have} ({off})"
    return (f"value mismatch at index {index}: expected {want!r}, got {have!r} "
            f"(|error| {error[index]:.3g} > allowed {allowed[index]:.3g} = {factor:g}·(atol {tol.atol:g}·scale "
            f"{scale[index]:.3g} + rtol {tol.rtol:g}·|expected|); {off})")
