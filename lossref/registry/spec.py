"""The spec record: everything the generic suites need to know about one loss."""

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from lossref.errors import LossInputError

BACKENDS = ("tensorflow", "jax", "torch")


@dataclass(frozen=True)
class Param:
    """A documented parameter: its default and valid range. `draw_high` bounds draws when `high` is infinite."""

    name: str
    default: object
    kind: str  # "float", "bool", "axis" (an int axis), "axes" (None or a tuple of axes), "class_id" (None or int)
    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    draw_high: float | None = None

    def describe(self):
        if self.kind == "float":
            lo = "(" if self.low_open else "["
            hi = ")" if self.high_open or self.high == math.inf else "]"
            return f"{self.name} in {lo}{self.low:g}, {self.high:g}{hi} (default {self.default!r})"
        kinds = {"bool": "a bool", "axis": "an int axis", "axes": "None or a tuple of axes",
                 "class_id": "None or an int class id"}
        return f"{self.name}: {kinds[self.kind]} (default {self.default!r})"

    def validate(self, loss, value):
        """Raise LossInputError unless `value` is valid (axes are checked against shapes at call time)."""
        if self.kind == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise LossInputError(loss, self.name, f"a number, got {value!r}", TypeError)
            too_low = value <= self.low if self.low_open else value < self.low
            too_high = value >= self.high if self.high_open else value > self.high
            if too_low or too_high or math.isnan(value):
                raise LossInputError(loss, self.name, self.describe().replace(f"{self.name} in", "in"))
        elif self.kind == "bool" and not isinstance(value, bool):
            raise LossInputError(loss, self.name, f"a bool, got {value!r}", TypeError)
        elif self.kind in ("axis",) and (isinstance(value, bool) or not isinstance(value, int)):
            raise LossInputError(loss, self.name, f"an int axis, got {value!r}", TypeError)
        elif self.kind == "class_id" and value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise LossInputError(loss, self.name, f"None or an int class id, got {value!r}", TypeError)


@dataclass(frozen=True)
class Divergence:
    """Where the Keras 3.15.1 built-in differs from its documentation (lossref follows the documentation),
    or where lossref deliberately differs. `witness()` returns (y_true, y_pred, params) showing it;
    `region(case, dtype)` says whether a drawn case may hit it (those cases are left out of parity draws)."""

    summary: str
    upstream: str
    witness: Callable
    region: Callable = lambda case, dtype: False
    backends: tuple = BACKENDS
    kind: str = "keras-bug"  # "keras-bug", "keras-precision", "lossref-design", "keras-backend"


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
    hidden: int = 16  # 0: no hidden layer (seed 002's one Dense)
    epochs: int = 30
    batch_size: int = 32
    optimizer: str = "adam"
    learning_rate: float = 0.01
    fall: float = 0.5
    floor: float | None = 0.0
    spread: float = 0.05
    form: str = "class"  # "class": the Loss class; "closure": a plain function closing over the params
    slow: bool = False  # only in the thorough profile
    label: str = ""  # "seed 000" for the seed documents' examples
    note: str = ""


@dataclass(frozen=True)
class LossSpec:
    """One loss: implementation, reference, domain, parameters, and what the suites may assume of it."""

    name: str
    family: str
    formula: str
    fn: Callable
    reference: Callable
    domain: str
    class_name: str
    params: tuple = ()
    keras: str | None = None  # the keras.losses function of the same meaning
    source: str = "Keras 3.15.1"
    independent_samples: bool = True  # each sample's value depends only on its own row
    batch_level: Callable = lambda params: False  # one scalar for the whole batch (no per-sample values)
    alignment: str | None = "values"  # "values": (N,) vs (N,1) targets; "labels": (N,) vs (N,1) int labels
    scale: Callable | None = None  # magnitude of the terms that cancel, for the absolute tolerance
    divergences: tuple = ()
    tolerance_overrides: dict = field(default_factory=dict)  # (backend, dtype) -> (dtype to use, reason)
    gradient: Callable | None = None  # analytic ∂/∂p of Σ w·loss: (t, p, w, **params) -> array like p
    kinks: Callable | None = None  # (t, p, params, radius) -> mask of gradient entries near a kink
    fd_length: Callable | None = None  # (t, p, params) -> per-entry length scale, when not the domain's
    gradient_scale: Callable | None = None  # (t, p, params) -> size of the terms that cancel in the gradient
    kink_points: tuple = ()  # Kink records pinned per backend
    input_rules: Callable | None = None  # (t, p, params) -> [(argument, bad-mask, expected)] checked eagerly
    output_mask: Callable | None = None  # (t, p, params) -> the mask call() attaches to its values (or None)
    training: tuple = ()  # Training runs of the convergence suite
    notes: str = ""

    @property
    def defaults(self):
        return {p.name: p.default for p in self.params}

    def validate_params(self, params):
        known = {p.name: p for p in self.params}
        for key, value in params.items():
            if key in known:
                known[key].validate(self.name, value)

    @property
    def loss_class(self):
        import lossref.losses

        return getattr(lossref.losses, self.class_name)

    def describe_params(self):
        return ", ".join(p.describe() for p in self.params) or "-"
