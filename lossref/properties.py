"""The properties: each takes (target, case, dtype) and raises PropertyFailure when it does not hold.

The suites, the sensitivity tests and `lossref check` all call these same functions.
"""

import keras
import numpy as np

from lossref import tolerances
from lossref.applicability import (
    alignable,
    alignment,
    applies_when,
    documented_range,
    documented_symmetry,
    draws,
    has_keras_builtin,
    independent_samples,
    keras_parameters,
    loss_object,
    not_for_this_case,
    outside_divergences,
    several_samples,
)
from lossref.assertions import (
    PropertyFailure,
    expected_in_dtype,
    first_index,
    mismatch,
    smallest_normal,
)
from lossref.strategies import Case, round_case
from lossref.target import call


def _run(name, target, case, dtype, fn=None, **overrides):
    """Call the target (or `fn`); any exception it raises on in-domain input is a failure of `name`."""
    try:
        return call(fn or target.fn, case, dtype, **overrides)
    except Exception as error:  # noqa: BLE001 - the candidate's own error is the finding
        raised(name, target, case, dtype, error)


def raised(name, target, case, dtype, error, context=""):
    """The target raised on in-domain input: a failure of `name`, or, inside a divergence the registry records
    (a framework that raises there), a note, and the case says nothing more. context: what was called."""
    failure = PropertyFailure(name, target, dtype, case, f"{context}raised {type(error).__name__}: {error}")
    failure.__cause__ = error
    fail_or_note(failure)
    not_for_this_case()


def reference_values(spec, case):
    """The float64 reference on the case as float64 NumPy (overflow and NaN warnings silenced: the comparison
    reports them)."""
    with np.errstate(all="ignore"):
        return np.asarray(spec.reference(case.y_true, case.y_pred, **case.params), dtype=np.float64)


def _scale(spec, case):
    return 1.0 if spec.scale is None else spec.scale(case.y_true, case.y_pred, case.params)


@applies_when()
def purity(target, case, dtype):
    """The same inputs give the same values, bit for bit, on a second call and after a call on other inputs: a loss
    that keeps state between calls (a counter, a running statistic, a cache) is reported first, since its failures
    elsewhere would look flaky and vanish on replay."""
    case = round_case(case, dtype)
    first, _ = _run("purity", target, case, dtype)
    again, _ = _run("purity", target, case, dtype)
    if case.y_pred.ndim > 1 and np.ndim(case.y_true) and case.y_true.shape[0] == case.y_pred.shape[0]:  # the batch
        # reversed: still in the domain
        _run("purity", target, Case(np.flip(case.y_true, 0).copy(), np.flip(case.y_pred, 0).copy(), case.params),
             dtype)
    after, _ = _run("purity", target, case, dtype)
    for when, got in (("on a second call", again), ("after a call on other inputs", after)):
        same = (got == first) | (np.isnan(got) & np.isnan(first)) if got.shape == first.shape else np.array(False)
        if not np.all(same):
            raise PropertyFailure("purity", target, dtype, case,
                                  f"the same inputs gave other values {when}: the loss keeps state between calls "
                                  "(its other failures may not replay)", first, got)


@applies_when()
def values(target, case, dtype):
    """Shape, dtype and values equal the float64 reference on the same (dtype-rounded) inputs."""
    spec = target.spec
    case = round_case(case, dtype)
    expected = reference_values(spec, case)
    got, got_dtype = _run("values", target, case, dtype)
    if got.shape != expected.shape:
        raise PropertyFailure("values", target, dtype, case,
                              f"shape mismatch: expected {expected.shape}, got {got.shape}", expected, got)
    if got_dtype != dtype:
        raise PropertyFailure("values", target, dtype, case,
                              f"dtype mismatch: expected {dtype} (the dtype of y_pred), got {got_dtype}")
    tol = tolerances.for_values(spec, target.backend, dtype)
    with np.errstate(all="ignore"):
        problem = mismatch(expected_in_dtype(expected, dtype), got, tol, _scale(spec, case),
                           floor=smallest_normal(dtype) + tolerances.conditioning(spec, case, dtype))
    if problem:
        fail_or_note(PropertyFailure("values", target, dtype, case, problem, expected, got))


@applies_when(documented_range)
def value_range(target, case, dtype):
    """Exact, no tolerance: every value lies in the loss's documented range (one ulp outside fails: a loss that
    must be ≥ 0 and returns −8e-8 turns a downstream log(loss) into NaN); a loss documented as 0 at a perfect
    prediction gives exactly 0 at y_pred = y_true."""
    spec = target.spec
    low, high = spec.value_range
    case = round_case(case, dtype)
    got, _ = _run("value_range", target, case, dtype)
    outside = ~((got >= low) & (got <= high))  # NaN is outside too
    if outside.any():
        index = first_index(outside)
        fail_or_note(PropertyFailure("value_range", target, dtype, case,
                                     f"value {float(got[index])!r} at index {index} is outside the documented range "
                                     f"[{low:g}, {high:g}] ({int(outside.sum())} of {outside.size} values)", got=got))
        return
    if spec.zero_at_tie:
        tie = Case(case.y_true, case.y_true.copy(), case.params)
        at_tie, _ = _run("value_range", target, tie, dtype)
        if np.any(at_tie != 0):
            fail_or_note(PropertyFailure("value_range", target, dtype, tie,
                                         f"not exactly 0 at y_pred = y_true: {at_tie.ravel()[:4].tolist()}",
                                         expected=np.zeros_like(at_tie), got=at_tie))


@applies_when(documented_symmetry)
def symmetry(target, case, dtype):
    """loss(y_true, y_pred) == loss(y_pred, y_true) for a loss documented as symmetric: bit for bit where the
    formula sees the pair only through |e|, e² or a product, within the value tolerance where the record says
    its stable form rounds differently at ±e. Reference-free: it holds whatever the constants."""
    spec = target.spec
    case = round_case(case, dtype)
    swapped = Case(case.y_pred, case.y_true, case.params)
    got, _ = _run("symmetry", target, case, dtype)
    back, _ = _run("symmetry", target, swapped, dtype)
    if spec.symmetric == "exact":
        differs = ~((got == back) | (np.isnan(got) & np.isnan(back)))
        if differs.any():
            index = first_index(differs)
            fail_or_note(PropertyFailure(
                "symmetry", target, dtype, case, f"not symmetric: loss(y_true, y_pred) = {float(got[index])!r} but "
                f"loss(y_pred, y_true) = {float(back[index])!r} at index {index} ({int(differs.sum())} of "
                f"{differs.size} values)", expected=got, got=back))
        return
    tol = tolerances.for_values(spec, target.backend, dtype)
    with np.errstate(all="ignore"):
        problem = mismatch(np.asarray(got, np.float64), back, tol, _scale(spec, case), floor=smallest_normal(dtype))
    if problem:
        fail_or_note(PropertyFailure("symmetry", target, dtype, case,
                                     f"loss(y_pred, y_true) differs from loss(y_true, y_pred): {problem}", got, back))


@applies_when(independent_samples)
@draws(several_samples)
def per_sample(target, case, dtype):
    """Each sample's loss depends only on its own row: loss(batch)[i] == loss(batch[i:i+1])[0]. A loss that is
    batch-level at the drawn `axis` (None, or one holding the batch axis) is checked over the other axes."""
    spec = target.spec
    if spec.batch_level(case.params):
        if "axis" in target.fixed or "axis" not in spec.defaults:
            not_for_this_case()
        case = Case(case.y_true, case.y_pred, {**case.params, "axis": tuple(range(1, case.y_pred.ndim))})
    case = round_case(case, dtype)
    whole, _ = _run("per_sample", target, case, dtype)
    batch = case.y_pred.shape[0]
    if whole.ndim == 0 or whole.shape[0] != batch:
        not_for_this_case()
    tol = tolerances.for_values(spec, target.backend, dtype)
    for i in range(batch):
        row = Case(case.y_true[i:i + 1], case.y_pred[i:i + 1], case.params)
        alone, _ = _run("per_sample", target, row, dtype)
        scale = _scale(spec, row)  # the size of what cancels in sample i: rounding differs batched and alone
        problem = mismatch(whole[i], alone[0], tol, scale[0] if np.ndim(scale) else scale,
                           factor=tolerances.PARITY_FACTOR)
        if problem:
            raise PropertyFailure("per_sample", target, dtype, case,
                                  f"sample {i} differs when computed alone: {problem}", whole[i], alone[0])


@draws(alignable)
@applies_when(loss_object, alignment)
def rank_alignment(target, case, dtype):
    """The Loss form gives the same per-sample values for (N,) and (N, 1) targets as for matching shapes, or
    refuses them with an error: only a silent broadcast fails."""
    spec = target.spec
    params = dict(case.params)
    if "axis" in params:
        params["axis"] = -1
    if spec.alignment == "values":
        t = case.y_true.reshape(case.y_true.shape[0], -1)[:, :1]
        p = case.y_pred.reshape(case.y_pred.shape[0], -1)[:, :1]
        variants = [(t[:, 0], p), (t, p[:, 0])]
    else:
        if case.y_pred.ndim != 2:
            not_for_this_case()
        t, p = case.y_true, case.y_pred
        variants = [(t.reshape(-1, 1), p)]
    base = round_case(Case(t, p, params), dtype)
    try:
        loss = target.make_loss(**params)
    except Exception as error:  # noqa: BLE001 - constructing the candidate's Loss is part of what is checked
        raise PropertyFailure("rank_alignment", target, dtype, base,
                              f"constructing the Loss raised {type(error).__name__}: {error}") from error
    matched, _ = _run("rank_alignment", target, base, dtype, fn=lambda a, b, **_: loss(a, b))
    tol = tolerances.for_values(spec, target.backend, dtype)
    for y_true, y_pred in variants:
        variant = round_case(Case(y_true, y_pred, params), dtype)
        try:
            got, _ = call(lambda a, b, **_: loss(a, b), variant, dtype)
        except Exception:  # noqa: BLE001 - refusing mismatched ranks with an error is safe: only a silent
            continue  # broadcast is the hazard
        if got.shape != matched.shape:
            fail_or_note(PropertyFailure(
                "rank_alignment", target, dtype, variant,
                f"y_true {y_true.shape} with y_pred {y_pred.shape} gives shape {got.shape}, while matching "
                f"shapes give {matched.shape}: the two were broadcast against each other", matched, got))
            continue
        problem = mismatch(matched, got, tol)
        if problem:
            fail_or_note(PropertyFailure(
                "rank_alignment", target, dtype, variant,
                f"y_true {y_true.shape} with y_pred {y_pred.shape} gives other values than matching shapes "
                f"(broadcast to {np.broadcast_shapes(y_true.shape, y_pred.shape)} inside the loss, then reduced?): "
                f"{problem}", matched, got))


def keras_builtin(spec):
    """The Keras built-in of the same name, given only the parameters it takes (parity fixes lossref's other
    documented variants, such as Dice's `smooth`, at their defaults)."""
    builtin = getattr(keras.losses, spec.keras)
    accepted = keras_parameters(spec)

    def call(y_true, y_pred, **params):
        return builtin(y_true, y_pred, **{k: v for k, v in params.items() if k in accepted})

    return call


def recorded_divergence(spec, case, dtype, backend):
    """The first divergence the registry records for this backend whose region holds the case, or None."""
    return next((d for d in spec.known_divergences if backend in d.backends and d.region(case, dtype)), None)


def fail_or_note(failure):
    """Raise `failure`, unless the target is a user's loss and the failure has the region, the kind and the size
    of a divergence the registry records for this backend (a known behaviour of the framework, such as Keras's
    float32 clip bound): then it is noted on the target and the case passes. A recorded framework bug stays a
    failure that says which defect it reproduces, unless the user allows that divergence by its id."""
    target = failure.target
    divergence = recorded_divergence(target.spec, failure.case, failure.dtype, target.backend) \
        if target.user and target.framework_divergences else None
    if divergence is None or not divergence.absorbs(failure):
        raise failure
    if divergence.kind == "keras-bug" and not target.allows(divergence):
        failure.reproduces = divergence
        raise failure
    target.noted.append((divergence, failure))


@applies_when(has_keras_builtin)
@draws(outside_divergences)
def parity(target, case, dtype):
    """The Keras built-in of the same name agrees, outside its documented divergences."""
    spec = target.spec
    case = round_case(case, dtype)
    if recorded_divergence(spec, case, dtype, target.backend) is not None:
        not_for_this_case()
    ours, _ = _run("parity", target, case, dtype)
    theirs, _ = _run("parity", target, case, dtype, fn=keras_builtin(spec))
    tol = tolerances.for_values(spec, target.backend, dtype)
    problem = ours.shape != theirs.shape and f"shape {ours.shape} vs Keras {theirs.shape}"
    problem = problem or mismatch(theirs, ours, tol, _scale(spec, case), factor=tolerances.PARITY_FACTOR)
    if problem:
        raise PropertyFailure("parity", target, dtype, case, f"differs from keras.losses.{spec.keras}: {problem}",
                              theirs, ours)
