"""A loss's documented parameters with their valid ranges, declared where the loss is defined."""

import difflib
import math
from dataclasses import dataclass

from lossref.constants import EPSILON
from lossref.losses.errors import LossInputError


@dataclass(frozen=True)
class Param:
    """A documented parameter: its default and valid range. `draw_high` bounds draws when `high` is infinite;
    `log_low` makes draws log-uniform from there (a scale parameter spanning decades, like a clip bound)."""

    name: str
    default: object
    kind: str  # "float", "bool", "axis" (an int axis), "axes" (None or a tuple of axes), "class_id" (None or
    # int), "class_weights" (a float in [low, high], or a list of them, one per class along the class axis),
    # "choice" (one of `choices`)
    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    draw_high: float | None = None
    log_low: float | None = None
    optional: bool = False  # None is valid too (a float that may be left out, as optax's alpha)
    choices: tuple = ()  # the values of a "choice" parameter
    source: str = ""  # for a documented variant (a convention other implementations follow): where it is defined

    def _interval(self):
        lo = "(" if self.low_open else "["
        hi = ")" if self.high_open or self.high == math.inf else "]"
        return f"{lo}{self.low:g}, {self.high:g}{hi}"

    def describe(self):
        if self.kind == "float":
            return f"{self.name} in {self._interval()}{' or None' if self.optional else ''} (default {self.default!r})"
        if self.kind == "choice":
            return f"{self.name} in {{{', '.join(map(repr, self.choices))}}} (default {self.default!r})"
        kinds = {"bool": "a bool", "axis": "an int axis", "axes": "None or a tuple of axes",
                 "class_id": "None or an int class id",
                 "class_weights": f"a number in {self._interval()} or a list of them, one per class"}
        return f"{self.name}: {kinds[self.kind]} (default {self.default!r})"

    def validate(self, loss, value):
        """Raise LossInputError unless `value` is valid (axes are checked against shapes at call time)."""
        if self.optional and value is None:
            return
        if self.kind == "float":
            self._validate_number(loss, value)
        elif self.kind == "choice":
            if isinstance(value, bool) or value not in self.choices:
                raise LossInputError(loss, self.name, f"one of {list(self.choices)}, got {value!r}",
                                     ValueError if isinstance(value, (int, float)) else TypeError)
        elif self.kind == "class_weights":
            if isinstance(value, (list, tuple)) and value:
                for item in value:
                    self._validate_number(loss, item)
            else:
                self._validate_number(loss, value)
        elif self.kind == "bool" and not isinstance(value, bool):
            raise LossInputError(loss, self.name, f"a bool, got {value!r}", TypeError)
        elif self.kind == "axis" and (isinstance(value, bool) or not isinstance(value, int)):
            raise LossInputError(loss, self.name, f"an int axis, got {value!r}", TypeError)
        elif self.kind == "class_id" and value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise LossInputError(loss, self.name, f"None or an int class id, got {value!r}", TypeError)

    def _validate_number(self, loss, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise LossInputError(loss, self.name, f"a number, got {value!r}", TypeError)
        too_low = value <= self.low if self.low_open else value < self.low
        too_high = value >= self.high if self.high_open else value > self.high
        if too_low or too_high or math.isnan(value):
            raise LossInputError(loss, self.name, f"in {self._interval()} (default {self.default!r})")


def validate_params(loss, declared, params):
    """Check each given parameter that `declared` (a tuple of Param) documents."""
    known = {p.name: p for p in declared}
    for key, value in params.items():
        if key in known:
            known[key].validate(loss, value)


def describe_params(declared):
    return ", ".join(p.describe() for p in declared) or "-"


def check_given(loss, declared, params):
    """Parameters a user fixes: each documented by `declared` and in its range (ValueError otherwise)."""
    validate_params(loss, declared, params)
    names = [p.name for p in declared]
    unknown = sorted(set(params) - set(names))
    if unknown:
        close = [c for name in unknown for c in difflib.get_close_matches(name, names, n=1, cutoff=0.6)]
        hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
        raise ValueError(f"{loss} has no parameter(s) {unknown}{hint}; it takes {describe_params(declared)}")


FROM_LOGITS = Param("from_logits", False, "bool")
SMOOTHING = Param("label_smoothing", 0.0, "float", 0.0, 1.0)
AXIS = Param("axis", -1, "axis")
AXES = Param("axis", None, "axes")
GAMMA = Param("gamma", 2.0, "float", 0.0, draw_high=5.0)
ALPHA_UNIT = Param("alpha", 0.25, "float", 0.0, 1.0)
CLASS_ALPHA = Param("alpha", 0.25, "class_weights", 0.0, 1.0)
# the clip bound of the losses that keep a log, a ratio or a norm finite; Keras fixes it at
# keras.config.epsilon() (1e-7), other code uses 1e-10, 1e-12 or 1e-15
CLIP_EPSILON = Param("epsilon", EPSILON, "float", 0.0, 1e-2, low_open=True, log_low=1e-15)
