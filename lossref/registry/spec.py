"""The record: everything lossref knows about one loss, in one place, checked when it is built.

A record holds or points to the implementation, the reference and its analytic gradient, the input domain,
the parameters and input rules (declared with the implementation), the kinks and the points where each
backend's gradient is pinned, length and gradient scales, the convergence runs, the divergences of the
frameworks with their witnesses, the benchmark facts and the native counterparts per backend. A fact that
does not exist is stated as `absent("why")`, never left out.
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import keras
import numpy as np

from lossref import domains
from lossref import losses as implementations
from lossref.assertions import difference, within_float32
from lossref.convergence.tasks import TASKS
from lossref.losses._params import describe_params

BACKENDS = ("tensorflow", "jax", "torch")
SOURCES = ("keras", "seed", "torch", "optax", "tensorflow-addons")
DIVERGENCE_KINDS = ("keras-bug", "keras-precision", "keras-backend", "lossref-design")
NONNEGATIVE, UNIT, COSINE = (0.0, math.inf), (0.0, 1.0), (-1.0, 1.0)  # documented ranges of values


@dataclass(frozen=True)
class Absent:
    """A fact that does not exist for this loss, and why (falsy, so `if spec.gradient:` reads naturally)."""

    reason: str

    def __bool__(self):
        return False


def absent(reason):
    return Absent(reason)


class RecordError(ValueError):
    """A record that contradicts itself or the code it points to (raised at import)."""


@dataclass(frozen=True)
class Divergence:
    """Where the Keras 3.15.1 built-in differs from its documentation (lossref follows the documentation),
    or where lossref deliberately differs. `witness()` returns (y_true, y_pred, params) showing it;
    `region(case, dtype)` says whether a drawn case may hit it (those cases are left out of parity draws).
    `id` names it for `lossref check --allow`; `raises`: Keras raises there (only an error is that divergence,
    not a value)."""

    id: str
    summary: str
    upstream: str
    witness: Callable
    region: Callable = lambda case, dtype: False
    backends: tuple = BACKENDS
    kind: str = "keras-bug"
    avoided_by: dict = field(default_factory=dict)  # params parity fixes when the region covers most draws
    bound: float | None = None  # the largest difference it explains (None: any); a larger one is a finding
    shows: Callable | None = None  # (lossref's value, Keras's) -> True where the witness shows it; None: they differ
    # by more than the parity tolerance
    explains: Callable | None = None  # (PropertyFailure) -> True where it accounts for that difference; None: any
    dtype: str = "float32"  # the dtype its witness is run in
    raises: bool = False

    def absorbs(self, failure):
        """Whether `failure` has this divergence's kind and size: an error only where Keras raises, a finite
        difference only where Keras gives finite values, within the bound, and explained where it says how."""
        if isinstance(failure.__cause__, Exception):
            return self.raises
        if self.raises or _nonfinite(failure):
            return False
        if self.bound is not None and difference(failure) > self.bound:
            return False
        return self.explains is None or self.explains(failure)

    def sentence(self):
        """Its summary's first sentence, ending in a full stop, for a note or a message."""
        first = re.split(r"(?<=[a-z0-9)\]])\. (?=[A-Z])", self.summary)[0]
        return first if first.endswith(".") else first + "."


def _nonfinite(failure):
    """A NaN or inf where the expected value is finite: never a recorded difference of values."""
    if failure.expected is None or failure.got is None:
        return False
    expected, got = np.broadcast_arrays(np.asarray(failure.expected, float), np.asarray(failure.got, float))
    return bool(np.any(np.isfinite(expected) & ~np.isfinite(got)))


# Every Keras built-in: where its float64 result is only float32-accurate, that is a precision note, not a failure
FLOAT64_IN_FLOAT32 = Divergence(
    "float64-in-float32",
    "float64 input is computed with float32 accuracy: on JAX and torch by ops.mean (and on torch by Python-float "
    "constants and ops.maximum), on TensorFlow by some built-ins' float32 constants; about 9 of 16 digits are "
    "lost, silently. Only differences within the float32 tolerance are this note; a wrong dtype or range is not",
    "keras-team/keras#23223 (ops.mean), fix #23225 not in 3.15.1",
    lambda: (np.array([[0.0]]), np.array([[1.7609269892411508]]), {}),
    region=lambda case, dtype: dtype == "float64", kind="keras-precision", explains=within_float32,
    dtype="float64")


@dataclass(frozen=True)
class Defect:
    """A defect `lossref audit` finds in a framework's own loss beyond the divergences recorded above (a NaN
    gradient, a lost dtype, a reduction): where it shows (properties, backends, dtypes), what it is, and the
    upstream issue ("not reported" where none was found). Its witness is the audit's repro, a strict xfail."""

    summary: str
    upstream: str
    properties: tuple
    backends: tuple = BACKENDS
    dtypes: tuple = ("float32", "float64")
    library: str = "keras"
    # property → () -> (y_true, y_pred, params): fixed cases that show it, for a defect the drawn cases may miss (a
    # region the draws reach only sometimes): the suites replay them instead of a strict xfail over draws
    witnesses: dict = field(default_factory=dict)

    def covers(self, library, backend, prop, dtype):
        return (library == self.library and backend in self.backends and prop in self.properties
                and dtype in self.dtypes)


@dataclass(frozen=True)
class Kink:
    """A non-differentiable point and what each backend's gradient of Σ loss is there.

    `witness()` returns (y_true, y_pred, params) at the kink; `low`/`high` bound each entry of the gradient
    (the subdifferential, as a box); `pinned` maps a backend (or "*" for all) to the exact gradient it
    returns, so a change of framework behaviour is noticed."""

    where: str
    witness: Callable
    low: tuple
    high: tuple
    pinned: dict


@dataclass(frozen=True)
class Smoothness:
    """How smooth the loss is in y_pred, for the gradient properties (lossref/gradients.py).

    mask(t, p, params, radius): the gradient entries whose value depends on a kink within `radius`;
    points: Kink records pinned per backend; smooth_params: parameters the finite-difference and Hessian
    properties fix, where other values put every entry on a kink."""

    mask: Callable
    points: tuple = ()
    smooth_params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Training:
    """A convergence run: a small MLP (inputs → Dense(hidden, relu) → Dense(task units, head)) trained with
    this loss by `model.fit` from NumPy-seeded weights, batches in a fixed order, so every backend starts and
    steps alike. It passes when no value is NaN or inf, the training loss falls (final − floor ≤
    fall · (initial − floor); an absolute drop of `fall` when floor is None, the loss unbounded below), and
    the held-out metric of the task reaches `bar`. `spread` bounds the metric's range across backends."""

    task: str  # a key of lossref.convergence.tasks.TASKS
    bar: float
    head: str = "linear"  # output activation; "unit_norm": linear, then L2-normalized
    params: dict = field(default_factory=dict)
    hidden: int = 16  # 0: no hidden layer (a single Dense, as in the tutorial it comes from)
    epochs: int = 30
    batch_size: int = 32
    optimizer: str = "adam"
    learning_rate: float = 0.01
    fall: float = 0.5
    floor: float | None = 0.0
    spread: float = 0.05
    form: str = "class"  # "class": the Loss class; "closure": a plain function closing over the params
    slow: bool = False  # only in the thorough profile
    label: str = ""  # names a tutorial's own example
    note: str = ""


@dataclass(frozen=True)
class Example:
    """A worked example of the loss's own documentation: `loss(y_true, y_pred, **params)` must give `value`
    (float32, within its tolerance). For losses whose original cannot be installed, the documentation's
    examples are the parity check."""

    y_true: object
    y_pred: object
    params: dict
    value: object
    where: str
    mean: bool = False  # the documentation gives the mean over the samples (a Loss object's value), not each


@dataclass(frozen=True)
class Bench:
    """Benchmark facts: `elementwise` losses are compared with the memory-bandwidth bound; `max_size` caps the
    element count (None: every size); `natives` names the framework's own loss per backend (the adapters in
    lossref/backends implement them under the record's name)."""

    elementwise: bool = False
    max_size: int | None = None
    natives: dict = field(default_factory=dict)
    # (backend, implementation, mode, pass) -> why that alternative gives a wrong value or raises ("*" matches
    # any; a backend "jax+float64" only where JAX computes in float64, JAX_ENABLE_X64): a strict xfail, never timed
    wrong: dict = field(default_factory=dict)

    def known_wrong(self, backend, implementation, mode, pass_, float64=True):
        """The reason the alternative is known wrong, or None; float64: the backend computes in float64."""
        backends = {"*", backend} | ({f"{backend}+float64"} if float64 else set())
        return next((why for (b, *rest), why in self.wrong.items()
                     if b in backends and all(p in ("*", k) for p, k in zip(rest, (implementation, mode, pass_),
                                                                            strict=True))), None)


@dataclass(frozen=True)
class LossSpec:
    """One loss. See the module docstring; every field without a default must be given."""

    name: str
    family: str
    formula: str
    fn: Callable  # lossref.losses.<name>: params and input rules are declared on it
    reference: Callable  # the NumPy float64 reference, (t, p, **params) -> per-sample values
    gradient: Callable | Absent  # analytic ∂/∂p of Σ w·loss: (t, p, w, **params) -> array like p
    domain: domains.Domain
    keras: str | Absent  # the keras.losses function of the same meaning
    smoothness: Smoothness | Absent  # absent: smooth wherever the loss is finite
    value_range: tuple | Absent  # (low, high): every value lies there, exactly (no tolerance)
    training: tuple  # Training runs of the convergence suite (at least one)
    bench: Bench = Bench()
    source: str = "keras"
    independent_samples: bool = True  # each sample's value depends only on its own row
    batch_level: Callable = lambda params: False  # one scalar for the whole batch (no per-sample values)
    alignment: str | None = "values"  # "values": (N,) vs (N,1) targets; "labels": (N,) vs (N,1) int labels
    scale: Callable | None = None  # magnitude of the terms that cancel, for the absolute tolerance
    # (t, p, params, unit roundoff) -> the absolute error the loss's standard algorithms reach (pairwise distances
    # by expansion, say), added to the value tolerance (lossref/tolerances.py, docs/tolerances.md)
    conditioning: Callable | None = None
    divergences: tuple = ()
    defects: tuple = ()  # Defect records: what `lossref audit` finds in the framework's own loss besides
    tolerance_overrides: dict = field(default_factory=dict)  # (backend, dtype) -> (dtype to use, reason)
    fd_length: Callable | None = None  # (t, p, params) -> per-entry length scale, when not the domain's
    gradient_scale: Callable | None = None  # (t, p, params) -> size of the terms that cancel in the gradient
    output_mask: Callable | None = None  # (t, p, params) -> the mask call() attaches to its values (or None)
    examples: tuple = ()  # Example records from the loss's documentation
    zero_at_tie: bool = False  # exactly 0 at y_pred = y_true (the regression losses)
    # loss(t, p) == loss(p, t): "exact" bit for bit (the formula sees the pair only through |e|, e² or a
    # product), "rounding" within the value tolerance (a stable form that rounds differently at ±e); None: not
    symmetric: str | None = None
    notes: str = ""

    @property
    def known_divergences(self):
        """Its own divergences, and those of every Keras built-in (FLOAT64_IN_FLOAT32)."""
        return self.divergences + ((FLOAT64_IN_FLOAT32,) if self.keras else ())

    def __post_init__(self):
        problems = list(self._problems())
        if problems:
            raise RecordError(f"record {self.name!r}: " + "; ".join(problems))

    def _problems(self):
        if getattr(self.fn, "loss_name", None) != self.name:
            yield f"fn is {getattr(self.fn, 'loss_name', self.fn)!r}, not lossref.losses.{self.name}"
        cls = getattr(implementations, getattr(self.fn, "class_name", ""), None)
        if cls is None or getattr(cls, "registry_name", None) != self.name:
            yield f"lossref.losses has no Loss class for {self.name}"
        if not isinstance(self.domain, domains.Domain):
            yield f"domain must be a lossref.domains.Domain, got {self.domain!r}"
        for fact in ("gradient", "keras", "smoothness", "value_range"):
            if getattr(self, fact) is None:
                yield f"{fact} is None: give it, or absent('why')"
        if self.keras and not hasattr(keras.losses, self.keras):
            yield f"keras.losses has no {self.keras!r}"
        if self.symmetric not in (None, "exact", "rounding"):
            yield f"symmetric must be None, 'exact' or 'rounding', got {self.symmetric!r}"
        if self.source not in SOURCES:
            yield f"source {self.source!r} not in {SOURCES}"
        if not self.training:
            yield "no convergence run"
        for run in self.training:
            if run.task not in TASKS:
                yield f"unknown convergence task {run.task!r}"
            try:
                implementations.validate_params(self.name, self.params, run.params)
            except ValueError as error:
                yield f"convergence run params: {error}"
        for divergence in self.divergences:
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", divergence.id):
                yield f"divergence {divergence.summary[:40]!r}: id {divergence.id!r} is not a lowercase slug"
            if divergence.kind not in DIVERGENCE_KINDS or not set(divergence.backends) <= set(BACKENDS):
                yield f"divergence {divergence.summary[:40]!r}: kind or backends unknown"
        for kink in self.smoothness.points if self.smoothness else ():
            if not set(kink.pinned) <= set(BACKENDS) | {"*"}:
                yield f"kink {kink.where!r} pins unknown backends {sorted(kink.pinned)}"
        if not set(self.bench.natives) <= set(BACKENDS):
            yield f"natives for unknown backends {sorted(self.bench.natives)}"

    @property
    def class_name(self):
        return self.fn.class_name

    @property
    def params(self):
        return self.fn.params

    @property
    def input_rules(self):
        return self.fn.input_rules

    @property
    def defaults(self):
        return {p.name: p.default for p in self.params}

    @property
    def loss_class(self):
        return getattr(implementations, self.class_name)

    @property
    def kinks(self):
        return self.smoothness.mask if self.smoothness else None

    @property
    def kink_points(self):
        return self.smoothness.points if self.smoothness else ()

    @property
    def max_size(self):
        return self.bench.max_size or math.inf

    def validate_params(self, params):
        implementations.validate_params(self.name, self.params, params)

    def describe_params(self):
        return describe_params(self.params)
