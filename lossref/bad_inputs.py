"""Bad input, per loss: what lossref must do with it (the table in docs/bad-inputs.md is generated from this).

Each BadCase names a category, builds the inputs from a valid case of the loss's domain, and states the
required outcome: `error` (a LossInputError — ValueError, or TypeError for a wrong type — naming the loss and
the argument) in eager mode, and what compiled code returns where values cannot be checked (`compiled`).
"""

import math
from dataclasses import dataclass

import keras
import numpy as np
from keras import ops

from lossref import backends
from lossref.registry import SPECS
from lossref.target import to_tensor

A = np.asarray


@dataclass
class BadCase:
    category: str
    description: str
    y_true: object
    y_pred: object
    params: dict
    argument: str  # the argument the error must name
    compiled: str  # "error" (raised while tracing too), "nan", or the documented value in words
    stage: str = "call"  # "call", "construct" (Loss class), "loss_call" (Loss object with a sample_weight)
    sample_weight: object = None
    reduction: str = "sum_over_batch_size"


def _bad_values(param):
    if param.kind in ("float", "class_weights"):
        out = []
        if math.isfinite(param.low):
            out.append(param.low if param.low_open else param.low - 1.0)
        if math.isfinite(param.high):
            out.append(param.high if param.high_open else param.high + 1.0)
        return out + ["0.5"]
    if param.kind == "choice":
        numbers = [c for c in param.choices if isinstance(c, (int, float))]
        return [max(numbers) + 1, "x"] if numbers else ["x", 1]
    return {"bool": ["yes"], "axis": ["a"], "axes": [], "class_id": ["x"]}[param.kind]


def cases(spec):
    """Every BadCase that applies to `spec`: the generic ones, then its domain's own (lossref/domains.py)."""
    t, p = spec.domain.example()
    out = []

    def add(category, description, y_true, y_pred, argument, compiled, **kw):
        out.append(BadCase(category, description, A(y_true), A(y_pred), kw.pop("params", {}), argument, compiled,
                           **kw))

    grown = np.concatenate([t, t[:1]]) if spec.domain.labels else np.concatenate([t, t[..., :1]], axis=-1)
    add("shape mismatch", "y_true with one more entry than y_pred allows", grown, p, "y_true", "error")
    add("integer y_pred", "integer predictions", t, p.astype(np.int32), "y_pred", "error")
    bad_p = p.copy().astype(np.float64)
    bad_p.flat[0] = np.nan
    add("NaN input", "NaN in y_pred", t, bad_p, "y_pred", "nan")
    for generate in spec.domain.bad_inputs:
        generate(t, p, add)
    if spec.batch_level(spec.defaults):
        add("empty batch", "a batch of 0 samples (the loss reduces over the batch)", t[:0], p[:0], "y_pred", "error")
    else:
        add("empty batch", "a batch of 0 samples", t[:0], p[:0], "-", "empty (0, ...) values")
    for param in spec.params:
        for value in _bad_values(param):
            add("invalid parameter", f"{param.name}={value!r}", t, p, param.name, "error",
                params={param.name: value}, stage="construct" if param.kind != "axis" else "call")
    if any(q.kind == "axis" for q in spec.params):
        add("invalid parameter", "axis out of range (5)", t, p, "axis", "error", params={"axis": 5})
    add("unknown reduction", "reduction='avg'", t, p, "reduction", "error", stage="construct", reduction="avg")
    add("sample_weight shape", "a sample_weight with one entry more than the batch", t, p, "sample_weight", "error",
        stage="loss_call", sample_weight=np.ones(len(p) + 1))
    return out


def outcome(fn, loss_class, case, compiled=False):
    """Run a bad case on lossref (fn / loss_class) or on a Keras built-in; describe what happened in words:
    "raises <Type>: <message>", "NaN", "empty", "value <x>"."""
    def y(x):
        return to_tensor(x, "float32") if np.issubdtype(np.asarray(x).dtype, np.floating) else \
            ops.convert_to_tensor(np.asarray(x))

    try:
        if case.stage == "construct":
            loss = loss_class(reduction=case.reduction, **case.params)
            result = loss(y(case.y_true), y(case.y_pred))
        elif case.stage == "loss_call":
            result = loss_class()(y(case.y_true), y(case.y_pred), sample_weight=case.sample_weight)
        else:
            call = (lambda a, b: fn(a, b, **case.params))
            if compiled:
                call = backends.jit(call)
                if call is None:
                    return "not compiled on this backend"
            result = call(y(case.y_true), y(case.y_pred))
        values = np.asarray(ops.convert_to_numpy(result), dtype=np.float64)
    except Exception as error:  # noqa: BLE001 - describing the outcome is the point
        return f"raises {type(error).__name__}: {str(error).splitlines()[0][:160] if str(error) else ''}"
    if values.size == 0:
        return "empty"
    if np.isnan(values).any():
        return "NaN"
    if not np.isfinite(values).all():
        return "inf"
    return f"value {np.round(values.ravel()[:3], 4).tolist()}"


def meets_requirement(spec, case, result, compiled=False):
    """None when `result` (from `outcome`) is what the table requires of lossref, else why not."""
    required = case.compiled if compiled else ("empty" if case.compiled.startswith("empty") else "error")
    if required == "error":
        ok = result.startswith(("raises LossInputError", "raises LossTypeError"))
        ok = ok and spec.name in result and f"`{case.argument}`" in result
        ok = ok or (case.argument == "reduction" and result.startswith("raises ValueError") and "reduction" in result)
        return None if ok else f"expected a LossInputError naming {spec.name} and `{case.argument}`, got {result}"
    if required == "nan":
        return None if result == "NaN" else f"expected NaN (documented), got {result}"
    if required.startswith("empty"):
        return None if result == "empty" else f"expected empty values, got {result}"
    if required == "non-finite":
        return None if result in ("NaN", "inf") else f"expected a non-finite value, got {result}"
    return None if not result.startswith("raises") or "LossInputError" in result else \
        f"expected the documented value ({required}), got {result}"


def survey():
    """Every bad case on the current backend: lossref eager and compiled, and the Keras built-in eager."""
    rows = []
    for spec in SPECS:
        builtin = getattr(keras.losses, spec.keras) if spec.keras else None
        builtin_class = getattr(keras.losses, spec.class_name, None)
        for case in cases(spec):
            keras_result = "-"
            if builtin is not None and (case.stage == "call" or builtin_class is not None):
                keras_result = outcome(builtin, builtin_class, case)
            rows.append({"loss": spec.name, "category": case.category, "input": case.description,
                         "required": "error" if not case.compiled.startswith("empty") else "empty",
                         "compiled_documented": case.compiled,
                         "lossref": outcome(spec.fn, spec.loss_class, case),
                         "lossref_compiled": outcome(spec.fn, spec.loss_class, case, compiled=True)
                         if case.stage == "call" else "-",
                         "keras": keras_result})
    return rows


def markdown(surveys):
    """The table from {backend: survey rows}: one row per (loss, input), Keras's outcome per backend."""
    backends = list(surveys)
    first = surveys[backends[0]]
    lines = ["| loss | bad input | lossref (eager, all backends) | lossref compiled (documented) | "
             + " | ".join(f"Keras {b}" for b in backends) + " |", "|---" * (4 + len(backends)) + "|"]
    for i, row in enumerate(first):
        kind = row["lossref"].split(":")[0].replace("raises ", "")
        required = f"{kind} naming `{_argument(row)}`" if row["required"] == "error" else "empty values"
        keras_cells = [_short(surveys[b][i]["keras"]) for b in backends]
        lines.append(f"| {row['loss']} | {row['input']} | {required} | {row['compiled_documented']} | "
                     + " | ".join(keras_cells) + " |")
    return "\n".join(lines)


def _argument(row):
    text = row["lossref"]
    start = text.find("`")
    return text[start + 1:text.find("`", start + 1)] if start >= 0 else "?"


def _short(result):
    if result.startswith("raises"):
        kind = result.split(":")[0].replace("raises ", "")
        return f"raises {kind}"
    if result.startswith("value"):
        return "**silent value**"
    return result.replace("|", "/")
