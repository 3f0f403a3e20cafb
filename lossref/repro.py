"""Repros: a failure of a framework's own loss as a short script in plain framework code (no lossref import)
that fails with an AssertionError (or the framework's own error) while the defect is there, and passes once it is
fixed. `lossref audit` writes one per failure, runs each alone to confirm it fails, and the suites run them as
strict-xfail witnesses.

A loss is named by call templates (format strings): "call" gives per-sample values, e.g.
`keras.losses.huber({y_true}, {y_pred}{sep}{params})`; "object", for a Loss class, calls it with a reduction,
e.g. `keras.losses.Huber(reduction={reduction}{sep}{params})({y_true}, {y_pred}{weights})`. A parameter the
template names itself (`{delta}`) is filled in there; the others go to `{params}`.
"""

import json
import subprocess
import sys

import numpy as np

from lossref import domains, gradients, tolerances
from lossref.cli._children import backend_env

# ∂/∂y_pred of Σ w·loss, per backend: `grad` from `value`'s expression in `p` (a backend tensor)
_GRADIENT = {
    "tensorflow": ("import tensorflow as tf\n"
                   "p = tf.Variable(y_pred)\n"
                   "with tf.GradientTape() as tape:\n"
                   "    value = tf.reduce_sum({value})\n"
                   "grad = tape.gradient(value, p).numpy()\n"),
    "jax": ("import jax\n"
            "grad = np.asarray(jax.grad(lambda p: ({value}).sum())(keras.ops.convert_to_tensor(y_pred)))\n"),
    "torch": ("import torch\n"
              "p = torch.tensor(y_pred, requires_grad=True)\n"
              "({value}).sum().backward()\n"
              "grad = p.grad.numpy()\n"),
}
SCALINGS = 64  # the value-range repro's variants of its counterexample
PREAMBLE = {"tensorflow": "", "jax": 'os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX\n', "torch": ""}


def array(x, dtype=None):
    x = np.asarray(x)
    kind = str(x.dtype) if dtype is None or not np.issubdtype(x.dtype, np.floating) else dtype
    kind = "int32" if np.issubdtype(x.dtype, np.integer) else kind
    return f"np.array({x.tolist()!r}, dtype={kind!r})"


def show_params(params):
    return ", ".join(f"{k}={list(v) if isinstance(v, tuple) else v!r}" for k, v in params.items())


def write(failure, spec, backend, templates, title, imports="", accepts=None):
    """The script for a PropertyFailure of the loss `templates` name on `backend`, or None where lossref has no
    plain-code form of the property. `accepts`: the parameters the loss takes (the others are left out)."""
    shown = {k: v for k, v in failure.case.params.items() if accepts is None or k in accepts or "{" + k + "}" in
             "".join(templates.values())}
    body = _body(failure, spec, backend, templates, shown)
    if body is None:
        return None
    case, dtype = failure.case, failure.dtype
    head = (f"# {title}\n# {failure.detail.splitlines()[0][:300]}\n# fails with: {expected_error(failure)}\n"
            f"import os\nos.environ[\"KERAS_BACKEND\"] = {backend!r}\n{PREAMBLE[backend]}"
            f"import numpy as np\nimport keras\n{imports}\n"
            f"y_true = {array(case.y_true, dtype)}\ny_pred = {array(case.y_pred, dtype)}\n")
    return head + body


def _call(template, params, t="y_true", p="y_pred", reduction=None, weights=""):
    """The template filled in: its own named parameters, the others as keyword arguments; NumPy inputs as
    backend tensors (a Loss's call() takes tensors only)."""
    rest = {k: v for k, v in params.items() if "{" + k + "}" not in template}
    t, p = (f"keras.ops.convert_to_tensor({x})" if x in ("y_true", "y_pred") else x for x in (t, p))
    return template.format(y_true=t, y_pred=p, params=show_params(rest), sep=", " if rest else "",
                           reduction=repr(reduction), weights=weights, **{k: repr(v) for k, v in params.items()})


def _body(failure, spec, backend, templates, params):
    """`params`: those the call passes (the reference sees all of the case's)."""
    prop, dtype = failure.prop, failure.dtype
    template = templates["object"] if prop == "rank_alignment" else templates["call"]
    call = _call(template, params)
    values = f"got = keras.ops.convert_to_numpy({call})\n"
    if prop in ("values", "per_sample", "value_range", "symmetry", "rank_alignment") and raises(failure):
        return values  # the call itself raises
    if prop in ("values", "per_sample"):
        tol = tolerances.for_values(spec, backend, dtype)
        if "dtype mismatch" in failure.detail:
            return values + f"assert got.dtype == {dtype!r}, f\"{{got.dtype}} for {dtype} input\"\n"
        return values + _close("got", failure.expected, tol, "the documented formula, in float64")
    if prop == "value_range":
        return _in_range(values, template, params, spec)
    if prop == "symmetry":
        swapped = _call(template, params, t="y_pred", p="y_true")
        back = f"back = keras.ops.convert_to_numpy({swapped})\n"
        if spec.symmetric == "exact":
            return values + back + "assert np.array_equal(got, back), (got, back)  # symmetric in (t, p)\n"
        tol = tolerances.for_values(spec, backend, dtype)
        return values + back + f"np.testing.assert_allclose(back, got, rtol={tol.rtol!r}, atol={tol.atol!r})\n"
    if prop == "rank_alignment":
        tol = tolerances.for_values(spec, backend, dtype)
        return values + _close("got", failure.expected, tol, "the same inputs with matching shapes",
                               "assert got.shape == expected.shape, got.shape\n")
    if prop.startswith("gradient"):
        return _gradient_body(failure, spec, backend, template, params)
    if prop in ("reduction_model", "weight_algebra") and "object" in templates:
        return _loss_object_body(failure, spec, backend, templates["object"], params)
    return None


def _in_range(values, template, params, spec):
    """The documented range asserted on the counterexample (`values` computes it); for real-valued inputs, then
    on it with both inputs scaled by 1 + k·2⁻²⁰ too: a value just past a bound is a rounding effect, and rounding
    differs between CPUs (vector widths, XLA's approximate rsqrt), so a case that crosses the bound on one CPU may
    not on another."""
    low, high = (_num(x) for x in spec.value_range)
    check = f"assert np.all((got >= {low}) & (got <= {high})), got  # the documented range\n"
    if spec.domain is not domains.REAL:
        return values + check
    t, p = (f"keras.ops.convert_to_tensor({x} * {x}.dtype.type(1 + k * 2.0**-20))" for x in ("y_true", "y_pred"))
    return (f"for k in range({SCALINGS}):  # k = 0: the counterexample itself\n"
            f"    got = keras.ops.convert_to_numpy({_call(template, params, t=t, p=p)})\n    " + check)


def _num(x):
    return repr(x) if np.isfinite(x) else ("np.inf" if x > 0 else "-np.inf")


def raises(failure):
    """Whether the failure is the loss raising an error (the repro's call raises it too)."""
    return "raised " in failure.detail.split(":")[0]


def _close(got, expected, tol, what, check=""):
    """`expected` written out, then `check` and np.testing.assert_allclose(got, expected) at `tol`, its absolute part
    scaled by 1 + the largest |expected|."""
    expected = np.asarray(expected, dtype=np.float64)
    atol = tol.atol * (1.0 + float(np.max(np.abs(np.nan_to_num(expected)), initial=0.0)))
    return (f"expected = {array(expected, 'float64')}  # {what}\n{check}"
            f"np.testing.assert_allclose({got}, expected, rtol={tol.rtol!r}, atol={atol!r})\n")


def _gradient_body(failure, spec, backend, template, params):
    case, dtype = failure.case, failure.dtype
    with np.errstate(all="ignore"):
        w = gradients.cotangent(np.shape(spec.reference(case.y_true, case.y_pred, **case.params)))
    value = f"keras.ops.convert_to_tensor(w) * {_call(template, params, p='p')}"
    code = f"w = {array(w, dtype)}  # distinct weights per sample: Σ w·loss\n" + \
        _GRADIENT[backend].format(value=value)
    if raises(failure):
        return code
    if failure.prop == "gradient_finite":
        return code + "assert np.isfinite(grad).all(), grad\n"
    if failure.prop == "gradient_fd":
        return code + _directional_checks(spec, backend, case, w, dtype)
    if not spec.gradient:
        return None
    with np.errstate(all="ignore"):
        expected = np.asarray(spec.gradient(case.y_true, case.y_pred, w, **case.params), dtype=np.float64)
    if not np.all(np.isfinite(expected)) or expected.size != case.y_pred.size:
        return None
    expected = expected.reshape(case.y_pred.shape)
    return code + _close("grad", expected, tolerances.for_gradients(spec, backend, "analytic", dtype),
                         "the closed-form gradient")


def _directional_checks(spec, backend, case, w, dtype):
    """⟨grad, d⟩ against central differences of the documented formula along the property's own directions."""
    tol = tolerances.for_gradients(spec, backend, "finite_differences", dtype)
    t, p = (np.asarray(x, dtype=np.float64) for x in (case.y_true, case.y_pred))
    cancelling = 0.0 if spec.gradient_scale is None else \
        np.max(np.abs(w), initial=0.0) * np.broadcast_to(spec.gradient_scale(t, p, case.params), p.shape)
    with np.errstate(all="ignore"):
        checks = gradients.directional_derivatives(spec, t, p, case.params, w, dtype)
    slack = [tol.atol + rounding + tol.rtol * float(np.sum(np.abs(cancelling * d))) for d, _, rounding in checks]
    rows = [f"    ({array(d, 'float64')}, {float(fd)!r}, {float(s)!r}),"
            for (d, fd, _), s in zip(checks, slack, strict=True)]
    return ("# directions d, the central difference of Σ w·loss along d from the documented formula (float64), and "
            "the slack\nchecks = [\n" + "\n".join(rows) + "\n]\nfor d, fd, slack in checks:\n"
            "    ad = float(np.sum(grad * d))\n"
            f"    assert abs(ad - fd) <= {tol.rtol!r} * (np.sum(np.abs(grad * d)) + abs(fd)) + slack, (ad, fd)\n")


def _loss_object_body(failure, spec, backend, template, params):
    """A Loss class's __call__ with a reduction and sample weights (`template` names the class call)."""
    extras = failure.case.extras
    dtype = failure.dtype
    masked = ""
    if "mask" in extras:  # Keras 3 has no public API for a tensor's mask; its own losses call this one
        masked = ("from keras.src.backend.common.masking import set_keras_mask\n"
                  "y_pred = keras.ops.convert_to_tensor(y_pred)\n"
                  f"set_keras_mask(y_pred, keras.ops.convert_to_tensor({array(extras['mask'])}))\n")
    weights = extras.get("sample_weight")
    if "weight 0" in failure.detail:  # the gradient of a zero-weight sample
        weights = np.ones(np.shape(spec.reference(failure.case.y_true, failure.case.y_pred, **failure.case.params)))
        weights[0] = 0.0
        value = _call(template, params, p="p", reduction="sum", weights=", sample_weight=sample_weight")
        return (f"sample_weight = {array(weights, dtype)}\n" + _GRADIENT[backend].format(value=value)
                + "assert np.all(grad[0] == 0), grad[0]  # a sample of weight 0 has no influence\n")
    reduction = extras.get("reduction")
    call = _call(template, params, reduction=reduction, weights=", sample_weight=sample_weight")
    head = masked + f"sample_weight = {array(weights, dtype) if weights is not None else None}\n"
    if raises(failure):
        return head + f"{call}\n"
    if failure.expected is None:
        return None
    return head + f"got = keras.ops.convert_to_numpy({call})\n" + _close(
        "got", failure.expected, tolerances.for_values(spec, backend, dtype),
        "Keras's documented reduction of the per-sample values")


# Runs scripts one after another in one fresh interpreter that never imports lossref, each in its own namespace:
# what each raises, as "ErrorType: first line" ("" where it ran through).
_RUNNER = """
import json, sys
results = []
for code in json.load(sys.stdin):
    try:
        exec(compile(code, "<repro>", "exec"), {"__name__": "__main__"})
        results.append("")
    except BaseException as error:
        results.append((type(error).__name__ + ": " + str(error)).splitlines()[0][:300])
print("REPRO-RESULTS " + json.dumps(results))
"""


def expected_error(failure):
    """What a repro of the failure raises while the defect is there."""
    return failure.detail.split("raised ", 1)[1].split(":")[0] if raises(failure) else "AssertionError"


def run_alone(codes, backend, timeout=900):
    """Each script's error line ("" where it passes), run without lossref in a fresh interpreter on `backend`."""
    if not codes:
        return []
    run = subprocess.run([sys.executable, "-c", _RUNNER], input=json.dumps(codes), env=backend_env(backend),
                         capture_output=True, text=True, timeout=timeout)
    line = next((x for x in run.stdout.splitlines() if x.startswith("REPRO-RESULTS ")), None)
    if line is None:
        raise RuntimeError(f"the repro runner failed: {run.stderr[-2000:]}")
    return json.loads(line.removeprefix("REPRO-RESULTS "))
