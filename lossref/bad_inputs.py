"""Bad input, per loss: what lossref must do with it (the table in docs/bad-inputs.md is generated from this).

Each BadCase names a category, builds the inputs from a valid case of the loss's domain, and states the
required outcome: `error` (a LossInputError — ValueError, or TypeError for a wrong type — naming the loss and
the argument) in eager mode, and what compiled code returns where values cannot be checked (`compiled`).
"""

import math
from dataclasses import dataclass

import numpy as np

A = np.asarray
LABEL_DOMAINS = ("sparse", "sparse_2d", "embeddings", "ctc")
PROBABILITY_DOMAINS = ("probabilities", "binary", "categorical", "sparse", "sparse_2d", "masks")


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


def valid_case(spec):
    """A small in-domain (y_true, y_pred) for the spec's domain, with default parameters."""
    d = spec.domain
    if d in ("real", "nonnegative", "real_nonzero_target"):
        return A([[0.5, 1.0, 2.0], [1.0, 0.0, 3.0]]), A([[1.0, 0.5, 2.5], [0.0, 0.5, 3.0]])
    if d == "rates":
        return A([[1.0, 0.0, 2.0], [3.0, 1.0, 0.0]]), A([[0.5, 1.0, 2.0], [1.0, 0.5, 0.1]])
    if d in ("probabilities", "binary", "masks"):
        return A([[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]), A([[0.8, 0.1, 0.6], [0.3, 0.7, 0.2]])
    if d == "signed_labels":
        return A([[1.0, -1.0, 1.0], [-1.0, 1.0, -1.0]]), A([[0.5, -2.0, 1.0], [0.3, 0.1, -0.4]])
    if d in ("categorical", "one_hot_real"):
        return A([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]), A([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]])
    if d in ("sparse", "sparse_2d"):
        return A([0, 1]), A([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]])
    if d == "embeddings":
        s = math.sqrt(0.5)
        return A([0, 0, 1, 1]), A([[1.0, 0.0], [s, s], [0.0, 1.0], [-s, s]])
    if d == "ctc":
        return A([[1, 2], [1, 0]]), np.zeros((2, 4, 3))
    raise ValueError(d)


def _bad_values(param):
    if param.kind == "float":
        out = []
        if math.isfinite(param.low):
            out.append(param.low if param.low_open else param.low - 1.0)
        if math.isfinite(param.high):
            out.append(param.high if param.high_open else param.high + 1.0)
        return out + ["0.5"]
    return {"bool": ["yes"], "axis": ["a"], "axes": [], "class_id": ["x"]}[param.kind]


def cases(spec):
    """Every BadCase that applies to `spec`."""
    t, p = valid_case(spec)
    labels = spec.domain in LABEL_DOMAINS
    probs = spec.domain in PROBABILITY_DOMAINS
    out = []

    def add(category, description, y_true, y_pred, argument, compiled, **kw):
        out.append(BadCase(category, description, A(y_true), A(y_pred), kw.pop("params", {}), argument, compiled,
                           **kw))

    grown = np.concatenate([t, t[:1]]) if labels else np.concatenate([t, t[..., :1]], axis=-1)
    add("shape mismatch", "y_true with one more entry than y_pred allows", grown, p, "y_true", "error")
    if labels and spec.domain != "ctc":
        add("rank mismatch", "labels shaped like y_pred (B, C) instead of (B,)", np.zeros(p.shape, int), p,
            "y_true", "error")
    elif not labels:
        add("rank mismatch", "(B,) targets against (B, C) predictions with C > 1", t[:, 0], p, "y_true", "error")
    add("integer y_pred", "integer predictions", t, p.astype(np.int32), "y_pred", "error")
    bad_p = p.copy().astype(np.float64)
    bad_p.flat[0] = np.nan
    add("NaN input", "NaN in y_pred", t, bad_p, "y_pred", "nan")
    if labels:
        if spec.domain != "ctc":
            add("fractional labels", "float labels that are not whole numbers (0.5)", A(t, float) + 0.5 * (t == 0),
                p, "y_true", "labels truncated toward 0 by the int cast")
        too_large = t.copy()
        too_large.flat[-1] = p.shape[-1] if spec.domain != "embeddings" else 0
        if spec.domain in ("sparse", "sparse_2d"):
            add("label out of range", "a label equal to the number of classes", too_large, p, "y_true", "nan")
            negative = t.copy()
            negative.flat[0] = -1
            add("label out of range", "a negative label", negative, p, "y_true", "nan")
        if spec.domain == "ctc":
            add("label out of range", "a label equal to the number of classes", too_large, p, "y_true",
                "as computed by ops.ctc_loss (undefined)")
    else:
        bad_t = A(t, float).copy()
        bad_t.flat[0] = np.inf
        add("inf input", "inf in y_true", bad_t, p, "y_true", "IEEE arithmetic on inf (often inf or NaN; clipped "
            "or relu'd terms can be finite)")
    if spec.domain == "one_hot_real":
        add("not one-hot", "a target row with two 1s", A([[1.0, 1.0, 0.0], [0.0, 1.0, 0.0]]), p, "y_true",
            "computed as is")
    if probs and spec.domain not in ("sparse", "sparse_2d"):
        add("target out of range", "a target of 1.5", np.where(t == 1, 1.5, t), p, "y_true", "computed as is")
    if probs:
        add("probability out of range", "a predicted probability of 1.5", t, np.where(p == p.max(), 1.5, p),
            "y_pred", "clipped to [ε, 1 − ε] (documented clip)")
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
    from keras import ops

    from lossref import backends
    from lossref.target import to_tensor

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
    import keras

    from lossref.registry import SPECS

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
