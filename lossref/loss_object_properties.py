"""Properties of the `keras.losses.Loss` form: reductions, sample weights and masks against the NumPy model of
Keras's pipeline (lossref/reduction.py), algebraic identities, and the contract user subclasses must keep.

They run in float32, the dtype a Loss computes in by default (it casts its inputs to `Loss.dtype`).
Each draws, besides the case, a reduction, a sample-weight form and an input mask (`draw_extras`).
"""

import pathlib
import tempfile

import keras
import numpy as np
from hypothesis import strategies as st
from keras import ops

from lossref import backends, reduction, tolerances
from lossref.applicability import applies_when, loss_dtype, loss_object, not_for_this_case, per_sample_call, subclass
from lossref.assertions import PropertyFailure, mismatch
from lossref.losses._masking import mask_values
from lossref.properties import fail_or_note, raised, reference_values
from lossref.strategies import round_case, round_to, sampled
from lossref.target import call, to_numpy, to_tensor

# Where Keras 3.15.1's own pipeline misbehaves; cases there are left out of reduction_model, and a strict-xfail
# witness in suites/test_loss_objects.py keeps each one honest.
PIPELINE_DIVERGENCES = [
    {"summary": "a sample_weight that broadcasts up to the mask (a scalar, or (B, 1) against a (B, T) mask) raises "
                "RuntimeError on torch ('output with shape [] doesn't match the broadcast shape'): apply_mask "
                "does `sample_weight *= mask`, in place on torch",
     "upstream": "the in-place `*=` pattern keras-team/keras-core#332 fixed for *_on_batch; not reported for "
                 "Loss.apply_mask",
     "backends": ("torch",),
     "region": lambda weights, mask: _broadcasts_up(weights, mask)},
]



def _broadcasts_up(weights, mask):
    """True when Keras's `sample_weight *= mask` needs the weights to grow to the mask's shape."""
    if weights is None or mask is None:
        return False
    mask, weights = reduction.squeeze_or_expand(np.asarray(mask), np.asarray(weights))
    return np.shape(weights) != np.broadcast_shapes(np.shape(weights), np.shape(mask))


# informative forms first: hypothesis favours the first choice of sampled_from early on and while shrinking
WEIGHT_FORMS = ("per_sample", "per_element", "scalar", "per_sample_column", "zeros", "ones", "none")
WEIGHT_VALUES = sampled((0.25, 3.0, 1.0, 0.0)) | st.floats(0.0, 4.0, allow_subnormal=False)


def _output_shape(spec, case):
    return reference_values(spec, case).shape


def _weights(draw, form, out_shape, batch):
    if form == "none":
        return None
    if form == "scalar":
        return np.float64(draw(sampled((0.5, 2.0, 0.0))))
    if form == "per_sample_column" and len(out_shape) == 1:
        shape = (batch, 1)
    elif form in ("per_element", "zeros", "ones") and len(out_shape) >= 1:
        shape = out_shape
    else:  # per sample, broadcastable against the values (Keras aligns (B,) with (B, 1) only)
        shape = (batch,) + (1,) * max(len(out_shape) - 1, 0)
    if form == "zeros":
        return np.zeros(shape)
    if form == "ones":
        return np.ones(shape)
    return np.asarray(draw(st.lists(WEIGHT_VALUES, min_size=int(np.prod(shape)), max_size=int(np.prod(shape)))),
                      dtype=np.float64).reshape(shape)


def draw_reduction_extras(draw, spec, case):
    out_shape = _output_shape(spec, case)
    forms = WEIGHT_FORMS if out_shape else ("scalar", "none")  # one value per batch: nothing to weight per sample
    form = draw(sampled(forms), label="weight_form")
    extras = {"reduction": draw(sampled(tuple(reduction.REDUCTIONS)), label="reduction"), "weight_form": form}
    weights = _weights(draw, form, out_shape, case.y_pred.shape[0])
    if weights is not None:
        extras["sample_weight"] = np.asarray(weights)
    if len(out_shape) >= 1 and draw(st.booleans(), label="masked"):
        pattern = draw(sampled(("random", "all_false")))
        mask = np.zeros(out_shape, bool) if pattern == "all_false" else draw(
            st.lists(st.booleans(), min_size=int(np.prod(out_shape)), max_size=int(np.prod(out_shape))))
        extras["mask"] = np.asarray(mask, bool).reshape(out_shape)
    return extras


def _call_loss(name, target, case, dtype, reduction_name, sample_weight=None, mask=None, y_pred=None):
    """The Loss object's own __call__ on the case; returns the backend tensor (an exception is a failure)."""
    try:
        loss = target.make_loss(reduction=reduction_name, **case.params)
        p = to_tensor(case.y_pred if y_pred is None else y_pred, dtype)
        if mask is not None:
            p = mask_values(p, ops.convert_to_tensor(mask))
        w = None if sample_weight is None else ops.convert_to_tensor(np.asarray(sample_weight), dtype=dtype)
        return loss(to_tensor(case.y_true, dtype), p, sample_weight=w)
    except Exception as error:  # noqa: BLE001 - the candidate's own error is the finding
        raised(name, target, case, dtype, error, context=f"Loss(reduction={reduction_name!r}) ")


def _model(spec, case, extras, values):
    """What Keras 3.15.1's pipeline returns for the per-sample `values` (the float64 reference)."""
    return reduction.reduce(values, extras.get("sample_weight"), _combined_mask(spec, case, extras),
                            extras.get("reduction"))


def _combined_mask(spec, case, extras):
    """The input mask drawn for y_pred & the mask call() attaches to its output (Keras combines them)."""
    mask = extras.get("mask")
    out_mask = spec.output_mask(case.y_true, case.y_pred, case.params) if spec.output_mask else None
    if out_mask is not None:
        mask = out_mask if mask is None else (mask & out_mask)
    return mask


def _size(spec, case, extras, values):
    """The magnitude of the weighted terms, for the absolute tolerance (sums of terms of both signs)."""
    values = np.abs(values)
    base = 1.0 if spec.scale is None else np.broadcast_to(spec.scale(case.y_true, case.y_pred, case.params),
                                                            values.shape)
    weights = extras.get("sample_weight")
    abs_extras = {**extras, "sample_weight": None if weights is None else np.abs(weights)}
    return 1.0 + np.max(np.abs(_model(spec, case, abs_extras, values + base)), initial=0.0)


@applies_when(loss_object, loss_dtype, per_sample_call)
def reduction_model(target, case, dtype="float32"):
    """Loss(reduction)(y_true, y_pred, sample_weight) with an input mask equals the NumPy model of Keras's
    pipeline applied to the reference values: weights, masks, rank alignment, divisors, all-zero weights."""
    spec = target.spec
    case = round_case(case, dtype)
    extras = case.extras
    mask = _combined_mask(spec, case, extras)
    if any(target.backend in d["backends"] and d["region"](extras.get("sample_weight"), mask)
           for d in PIPELINE_DIVERGENCES):
        not_for_this_case()
    if "sample_weight" in extras:  # Keras casts weights to the loss dtype: 1e-186 becomes 0 in float32
        extras = {**extras, "sample_weight": round_to(np.asarray(extras["sample_weight"], dtype=np.float64), dtype)}
    values = reference_values(spec, case)
    expected = _model(spec, case, extras, values)
    got, _ = to_numpy(_call_loss("reduction_model", target, case, dtype, extras["reduction"],
                                 extras.get("sample_weight"), extras.get("mask")))
    tol = tolerances.for_values(spec, target.backend, dtype)
    problem = got.shape != np.shape(expected) and f"shape {got.shape}, Keras's pipeline gives {np.shape(expected)}"
    problem = problem or mismatch(expected, got, tol, _size(spec, case, extras, values))
    if problem:
        fail_or_note(PropertyFailure("reduction_model", target, dtype, case,
                                     f"reduction {extras['reduction']!r} with {extras['weight_form']} sample_weight"
                                     f"{' and a mask' if 'mask' in extras else ''}: {problem}", expected, got))


reduction_model.draw_extras = draw_reduction_extras


@applies_when(loss_object, loss_dtype, per_sample_call)
def weight_algebra(target, case, dtype="float32"):
    """Weights of ones equal no weights; sum = sum_over_batch_size × N; for independent samples a sample with
    weight 0 has no influence on the value or the gradient. (That the sum is additive over a split batch follows
    from per_sample's row independence and reduction_model's sum; per_sample's planted batch leak shows it.)"""
    spec = target.spec
    case = round_case(case, dtype)
    tol = tolerances.for_values(spec, target.backend, dtype)
    size = _size(spec, case, {"reduction": "sum"}, reference_values(spec, case))

    def total(c, reduction_name="sum", sample_weight=None, y_pred=None):
        return to_numpy(_call_loss("weight_algebra", target, c, dtype, reduction_name, sample_weight,
                                   y_pred=y_pred))[0]

    def require_equal(expected, got, what):
        problem = mismatch(expected, got, tol, size)
        if problem:
            raise PropertyFailure("weight_algebra", target, dtype, case, f"{what}: {problem}", expected, got)

    plain = total(case)
    out_shape = _output_shape(spec, case)
    ones = np.ones(out_shape)
    require_equal(plain, total(case, sample_weight=ones), "weights of ones differ from no weights")
    out_mask = _combined_mask(spec, case, {})  # a masked output is averaged over its unmasked entries
    count = float(np.sum(out_mask)) if out_mask is not None else float(np.prod(out_shape))
    mean = total(case, "sum_over_batch_size")
    require_equal(plain, mean * count, f"sum ≠ sum_over_batch_size × {count:g}")
    batch = case.y_pred.shape[0]
    if not spec.independent_samples or spec.batch_level(case.params) or batch < 2 or not out_shape:
        return
    weights = np.ones(out_shape)  # full shape: a (B, 1) weight against a masked output hits a torch bug (above)
    weights[0] = 0.0
    moved = case.y_pred.copy()
    moved[0] = case.y_pred[1]  # another in-domain row
    base, changed = total(case, sample_weight=weights), total(case, sample_weight=weights, y_pred=moved)
    require_equal(base, changed, "changing a sample of weight 0 changes the loss")
    loss = target.make_loss(reduction="sum", **case.params)

    def weighted_sum(data, p):  # the weights travel with y_true as data: one compiled gradient per key and shapes
        return loss(data[0], p, sample_weight=data[1])

    data = (to_tensor(case.y_true, dtype), ops.convert_to_tensor(weights, dtype=dtype))
    key = backends.computation_key(target.make_loss, {**case.params, "weight_algebra": "zero-weight gradient"})
    _, grad = backends.gradient(weighted_sum, data, to_tensor(case.y_pred, dtype), np.float64(1.0), key=key)
    if np.any(grad[0] != 0):
        raise PropertyFailure("weight_algebra", target, dtype, case,
                              f"a sample of weight 0 has a non-zero gradient {grad[0].tolist()}", 0.0, grad[0])


@applies_when(subclass, loss_dtype)
def serialization(target, case, dtype="float32"):
    """A user's Loss keeps every parameter through get_config/from_config and through a saved `.keras` model (its
    class given as a custom object, as its user loads it): the loss that comes back gives the same values."""
    case = round_case(case, dtype)
    loss = target.make_loss(**case.params).loss
    how = "get_config/from_config"
    try:
        config = loss.get_config()
        again = type(loss).from_config(config)
        _same_values(target, case, dtype, loss, again, how, config)
        if dtype not in target.saved_to_file:  # a file round trip once per check: saving a model takes ~0.2 s,
            how = "a .keras model saved and loaded"  # and get_config, which it rests on, is checked on every case
            _same_values(target, case, dtype, loss, _through_keras_file(loss), how, config)
            target.saved_to_file.add(dtype)
    except PropertyFailure:
        raise
    except Exception as error:  # noqa: BLE001 - a round trip that raises is the finding
        raise PropertyFailure("serialization", target, dtype, case,
                              f"{how} raised {type(error).__name__}: {error}") from error


def _same_values(target, case, dtype, loss, again, how, config):
    first = call(lambda a, b, **_: loss.call(a, b), case, dtype)[0]
    back = call(lambda a, b, **_: again.call(a, b), case, dtype)[0]
    if first.shape != back.shape or not np.all((first == back) | (np.isnan(first) & np.isnan(back))):
        raise PropertyFailure("serialization", target, dtype, case,
                              f"the loss {how} gives other values: a parameter is lost on the way (get_config() "
                              f"returns {config})", first, back)


def _through_keras_file(loss):
    """The loss of a small model compiled with it, saved as .keras and loaded back."""
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss=loss)
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "model.keras"
        model.save(path)
        return keras.saving.load_model(path, custom_objects={type(loss).__name__: type(loss)}).loss


@applies_when(subclass)
def loss_contract(target, case, dtype="float32"):
    """A Loss subclass implements `call` (per-sample values) and keeps keras.losses.Loss.__call__, which applies
    reductions, sample weights, masks and rank alignment; overriding __call__ bypasses all of them."""
    cls = target.obj if target.kind == "class" else type(target.obj)
    if cls.__call__ is not keras.losses.Loss.__call__ and not getattr(cls.__call__, "delegates_to_keras", False):
        raise PropertyFailure("loss_contract", target, dtype, case,
                              f"{cls.__name__} overrides __call__: keras.losses.Loss.__call__ (reductions, "
                              "sample_weight, masks, (N,)/(N, 1) alignment) is bypassed; implement call(y_true, "
                              "y_pred) returning per-sample values instead")
    if cls.call is keras.losses.Loss.call:
        raise PropertyFailure("loss_contract", target, dtype, case,
                              f"{cls.__name__} does not implement call(y_true, y_pred)")
