"""A loss's documented parameters with their valid ranges, declared where the loss is defined."""

import math
from dataclasses import dataclass

from lossref.losses.errors import LossInputError


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
        elif self.kind == "axis" and (isinstance(value, bool) or not isinstance(value, int)):
            raise LossInputError(loss, self.name, f"an int axis, got {value!r}", TypeError)
        elif self.kind == "class_id" and value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise LossInputError(loss, self.name, f"None or an int class id, got {value!r}", TypeError)


def validate_params(loss, declared, params):
    """Check each given parameter that `declared` (a tuple of Param) documents."""
    known = {p.name: p for p in declared}
    for key, value in params.items():
        if key in known:
            known[key].validate(loss, value)


FROM_LOGITS = Param("from_logits", False, "bool")
SMOOTHING = Param("label_smoothing", 0.0, "float", 0.0, 1.0)
AXIS = Param("axis", -1, "axis")
AXES = Param("axis", None, "axes")
GAMMA = Param("gamma", 2.0, "float", 0.0, draw_high=5.0)
ALPHA_UNIT = Param("alpha", 0.25, "float", 0.0, 1.0)
