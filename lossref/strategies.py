"""Hypothesis strategies for every input domain of the registry, boundaries drawn on purpose.

Every draw is float64 (labels int64) and goes through `Case`; suites round it to the dtype under test.
Sizes come from the profile's `Limits` (JAX eager re-traces per new shape, so the ci profile stays small).
"""

import dataclasses
import functools
import math
from dataclasses import dataclass, field

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

LARGE_ERROR = 1e4
LARGE_LOGIT = 100.0


@dataclass(frozen=True)
class Limits:
    """How large and how many cases a profile draws. A property may narrow them (lossref/engine.py): a least
    rank, or no inputs placed exactly on a kink (`exact_kinks=False`) where a kink leaves it nothing to check."""

    max_side: int
    max_rank: int
    max_elements: int
    max_examples: int
    min_rank: int = 1
    exact_kinks: bool = True  # draw exact ties, margins, saturations and duplicate rows on purpose
    labels: str | None = None  # "hard" (0/1, one-hot) or "soft" targets only; None: both
    shape: tuple | None = None  # every case has this y_pred shape (`lossref check --shape`)
    shape_menu: tuple | None = None  # shapes are drawn from these (those that fit the draw) instead of freely


# The gate profile's shapes: ranks 1 to 4, unit axes first, inside and last, single samples. A fixed menu lets
# JAX reuse each compiled primitive and loss across cases instead of compiling for every new shape.
SHAPE_MENU = ((3,), (2, 3), (3, 1), (1,), (1, 2), (3, 2), (2, 1, 3), (2, 3, 2), (1, 3, 1), (3, 2, 2), (2, 1, 2, 3),
              (1, 2, 1, 2), (2, 2, 2, 3))

PROFILE_LIMITS = {
    "ci": Limits(max_side=3, max_rank=4, max_elements=24, max_examples=25),  # `lossref check` and `audit`
    "gate": Limits(max_side=3, max_rank=4, max_elements=24, max_examples=10, shape_menu=SHAPE_MENU),  # the suites in CI
    "dev": Limits(max_side=3, max_rank=4, max_elements=24, max_examples=25),
    "quick": Limits(max_side=3, max_rank=4, max_elements=24, max_examples=8, shape_menu=SHAPE_MENU),  # plumbing, smoke
    "thorough": Limits(max_side=6, max_rank=4, max_elements=200, max_examples=300),
}


@dataclass
class Case:
    """One drawn input: targets, predictions and the loss parameters."""

    y_true: np.ndarray
    y_pred: np.ndarray
    params: dict = field(default_factory=dict)
    extras: dict = field(default_factory=dict)  # what a property draws besides (reduction, sample_weight, mask)

    def __repr__(self):
        def show(a):
            return np.array2string(np.asarray(a), precision=17, separator=", ", threshold=10_000)

        extras = "".join(f"\n     {key}={show(value) if isinstance(value, np.ndarray) else repr(value)}"
                         for key, value in self.extras.items())
        return (f"Case(params={self.params!r},\n     y_true={show(self.y_true)} {self.y_true.dtype}{self.y_true.shape},"
                f"\n     y_pred={show(self.y_pred)} {self.y_pred.dtype}{self.y_pred.shape}){extras}")


_BUILT = {}


def _key(value):
    """A cache key that keeps apart what equality merges: 0 / 0.0 / False, and 0.0 / −0.0."""
    if isinstance(value, tuple):
        return ("tuple", *map(_key, value))
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value), value)


def built_once(build):
    """A strategy builder that returns one strategy object per arguments. Hypothesis validates a strategy object
    the first time it is drawn from, recursively: strategies built anew at every draw spent about a quarter of
    hypothesis's time there. The draws are the same."""

    @functools.wraps(build)
    def cached(*args):
        key = (build.__qualname__, _key(args))
        if key not in _BUILT:
            _BUILT[key] = build(*args)
        return _BUILT[key]

    return cached


@built_once
def sampled(options):
    """st.sampled_from over a tuple."""
    return st.sampled_from(options)


@built_once
def _floats(low, high):
    return st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False)


@built_once
def _values(low, high, specials):
    """Mostly moderate values, often the listed boundaries, sometimes anything in [low, high]."""
    moderate = _floats(max(low, -10.0), min(high, 10.0))
    return st.one_of(sampled(tuple(s for s in specials if low <= s <= high)), moderate, _floats(low, high))


REAL = _values(-LARGE_ERROR, LARGE_ERROR, (0.0, 1.0, -1.0, 0.5, 1e-3, -1e-3, LARGE_ERROR, -LARGE_ERROR))
PROBABILITY = _values(0.0, 1.0, (0.0, 1.0, 0.5, 1e-7, 1.0 - 1e-7, 1e-3, 0.999))
LOGIT = _values(-LARGE_LOGIT, LARGE_LOGIT,  # ±17: σ saturates to 1 in float32; ±30, ±100: far beyond
                (0.0, 1.0, -1.0, 14.0, -14.0, 17.0, -17.0, 30.0, -30.0, LARGE_LOGIT, -LARGE_LOGIT))
COUNTS = st.one_of(st.integers(0, 10).map(float), _values(0.0, LARGE_ERROR, (0.0, 1.0)))  # whole and real


def shapes(limits, min_rank=1, max_rank=None, min_side=1):
    if limits.shape is not None:
        return st.just(tuple(limits.shape))
    max_rank = min(max_rank or limits.max_rank, limits.max_rank)
    min_rank = min(max(min_rank, limits.min_rank), max_rank)
    menu = [s for s in limits.shape_menu or () if min_rank <= len(s) <= max_rank and min_side <= min(s)
            and max(s) <= limits.max_side and math.prod(s) <= limits.max_elements]
    if menu:
        return sampled(tuple(menu))
    return _free_shapes(min_side, limits.max_side, min_rank, max_rank, limits.max_elements)


@built_once
def _free_shapes(min_side, max_side, min_rank, max_rank, max_elements):
    return (st.lists(st.integers(min_side, max_side), min_size=min_rank, max_size=max_rank)
            .map(tuple).filter(lambda s: math.prod(s) <= max_elements))


@built_once
def arrays(dtype, shape, elements=None):
    """hnp.arrays, one strategy object per (dtype, shape, elements)."""
    return hnp.arrays(dtype, shape, elements=elements)


def _array(draw, shape, elements):
    return draw(arrays(np.float64, shape, elements))


NEAR_TIE_ERRORS = st.sampled_from([2.5e-5, -2.4e-4, 1.1e-4, 7e-5, 1e-3]) | _floats(1e-6, 1e-2) | _floats(-1e-2, -1e-6)


def _with_ties_and_zeros(draw, t, p, limits, near_ties=False):
    """Boundary patterns: exact ties (p == t) everywhere or somewhere, near ties (errors of 1e-6 to 1e-2, where
    float32 formulas that should give a value ≥ 0 round below it), zero vectors in the first sample."""
    patterns = ["free", "free", "tie_all", "tie_some", "zero_true", "zero_pred", "zero_both"]
    if not limits.exact_kinks:
        patterns = ["free", "free", "zero_true", "zero_pred"]
    if near_ties:  # only where y_pred is unbounded: a near tie may leave [0, 1]
        patterns.append("near_tie")
    pattern = draw(sampled(tuple(patterns)))
    if pattern == "tie_all":
        p = t.copy()
    elif pattern == "tie_some":
        p = np.where(draw(arrays(bool, t.shape)), t, p)
    elif pattern == "near_tie":
        p = t + draw(arrays(np.float64, t.shape, NEAR_TIE_ERRORS))
    if pattern in ("zero_true", "zero_both"):
        t = t.copy()
        t[0, ...] = 0.0
    if pattern in ("zero_pred", "zero_both"):
        p = p.copy()
        p[0, ...] = 0.0
    return t, p


# ---- parameters ------------------------------------------------------------------------------------


@built_once
def _float_param(param):
    high = param.draw_high if param.draw_high is not None else param.high
    low = param.low
    edges = [param.default]
    if not param.low_open:
        edges.append(low)
    if not param.high_open and param.high != math.inf:
        edges.append(param.high)
    # the extremes of what is drawn where the range is open or unbounded: a temperature of 0.01, a clip bound of
    # 1e-15, a threshold of 10, and not only values in between
    edges += [edge for edge in (param.log_low, param.draw_high) if edge is not None and edge not in edges]
    if param.log_low is not None:  # a scale spanning decades: log-uniform, every decade as likely
        decades = _floats(math.log10(param.log_low), math.log10(high))
        return st.one_of(sampled(tuple(edges)), decades.map(lambda d: min(10.0**d, high)))
    inner_low = low + 1e-3 if param.low_open else low
    inner_high = high - 1e-3 if param.high_open else high
    return st.one_of(sampled(tuple(edges)), _floats(inner_low, inner_high))


def _class_weights(draw, param, classes):
    """One number for every class, or a list of one per class."""
    if not draw(st.booleans(), label=f"{param.name}_per_class"):
        return draw(_float_param(param), label=param.name)
    weights = st.lists(_float_param(param), min_size=classes, max_size=classes)
    return draw(weights, label=param.name)


@built_once
def _or_none(values):
    return st.none() | values


def draw_params(draw, spec, shape, fixed=None):
    """Every parameter of `spec` drawn from its documented range (boundaries included), unless fixed."""
    fixed = fixed or {}
    rank = len(shape)
    params = {}
    for param in spec.params:
        if param.name in fixed:
            params[param.name] = fixed[param.name]
            continue
        if param.kind == "float":
            values = _float_param(param)
            params[param.name] = draw(_or_none(values) if param.optional else values, label=param.name)
        elif param.kind == "choice":
            params[param.name] = draw(sampled(tuple(param.choices)), label=param.name)
        elif param.kind == "bool":
            params[param.name] = draw(st.booleans(), label=param.name)
        elif param.kind == "axis":
            axes = [-1] + [a for a in range(1, rank)] + [-a for a in range(2, rank)]
            params[param.name] = draw(sampled(tuple(axes)), label=param.name)
        elif param.kind == "axes":
            choices = [None] + ([tuple(range(1, rank))] if rank > 1 else [])
            if rank > 2:
                choices.append(tuple(sorted(draw(st.sets(st.integers(1, rank - 1), min_size=1)))))
            params[param.name] = draw(sampled(tuple(choices)), label=param.name)
        elif param.kind == "class_id":
            params[param.name] = draw(sampled((None, None, 0, 1, -1, 255)), label=param.name)
    for param in spec.params:  # per-class weights once the class axis is known
        if param.kind == "class_weights" and param.name not in fixed:
            params[param.name] = _class_weights(draw, param, shape[params.get("axis", -1)])
    return params


# ---- draws per domain (lossref/domains.py names them) ----------------------------------------


def real(draw, spec, limits, fixed, elements=REAL):
    shape = draw(shapes(limits), label="shape")
    params = draw_params(draw, spec, shape, fixed)
    t, p = _with_ties_and_zeros(draw, _array(draw, shape, elements), _array(draw, shape, elements), limits,
                                near_ties=True)
    return Case(t, _errors_at_param_scale(draw, t, p, params, limits), params)


# the multiples of a threshold `_errors_at_param_scale` draws, by limits.exact_kinks
PARAM_SCALE_FACTORS = {True: st.sampled_from([-2.0, -1.0, -0.5, 0.5, 1.0, 2.0]),
                       False: st.sampled_from([-2.0, -0.5, 0.5, 2.0])}


def _errors_at_param_scale(draw, t, p, params, limits):
    """Often, errors y_pred − y_true at the scale of a drawn threshold (Huber's δ, pinball's τ): ½, 1 and 2 times
    it, either side, where a threshold changes the formula (exactly at it only where kinks are drawn)."""
    scales = [v for v in params.values() if isinstance(v, float) and v > 0]
    if not scales or not draw(st.booleans(), label="errors_at_param_scale"):
        return p
    scale = draw(st.sampled_from(scales))
    k = draw(arrays(np.float64, t.shape, PARAM_SCALE_FACTORS[limits.exact_kinks]))
    return np.where(draw(arrays(bool, t.shape)), t + scale * k, p)


def nonnegative(draw, spec, limits, fixed):
    return real(draw, spec, limits, fixed, _values(-1.0, LARGE_ERROR, (0.0, 1e-7, 1e-3, 1.0, LARGE_ERROR, -1.0)))


def real_nonzero_target(draw, spec, limits, fixed):
    """Real values with mean(y_true²) ≥ 1e-6: relative_rmse divides by it."""
    case = real(draw, spec, limits, fixed)
    if np.mean(case.y_true**2) < 1e-6:
        case.y_true.flat[0] = draw(sampled((1.0, -1.0, LARGE_ERROR)))
    return case


def rates(draw, spec, limits, fixed):
    shape = draw(shapes(limits), label="shape")
    rates = _values(0.0, LARGE_ERROR, (0.0, 1e-7, 1e-3, 1.0, LARGE_ERROR))
    t, p = _with_ties_and_zeros(draw, _array(draw, shape, COUNTS), _array(draw, shape, rates), limits)
    return Case(t, p, draw_params(draw, spec, shape, fixed))


def _targets(draw, limits, soft_elements=PROBABILITY, soft=None):
    """Target entries: hard (0/1) or soft, as `limits.labels` says, else as drawn (or `soft` when given)."""
    if limits.labels is not None:
        soft = limits.labels == "soft"
    elif soft is None:
        soft = not draw(st.booleans(), label="hard_labels")
    return soft_elements if soft else sampled((0.0, 1.0))


def probabilities(draw, spec, limits, fixed):
    shape = draw(shapes(limits), label="shape")
    targets = _targets(draw, limits, soft=True)
    t, p = _with_ties_and_zeros(draw, _array(draw, shape, targets), _array(draw, shape, PROBABILITY), limits)
    return Case(t, p, draw_params(draw, spec, shape, fixed))


def _label_set(draw, limits):
    """Signs in {−1, 1} or {0, 1}: as `limits.labels` says ("signed" or "binary"), else drawn."""
    if limits.labels is not None:
        return (-1.0, 1.0) if limits.labels == "signed" else (0.0, 1.0)
    return draw(sampled(((-1.0, 1.0), (0.0, 1.0))), label="label_set")


def signed_labels(draw, spec, limits, fixed):
    shape = draw(shapes(limits), label="shape")
    label_set = _label_set(draw, limits)
    t = _array(draw, shape, sampled(label_set))
    p = _array(draw, shape, REAL)
    signed = np.where(t == 0, -1.0, t)
    margin = draw(sampled(("free", "on_margin", "some_on_margin", "zero") if limits.exact_kinks else ("free",)))
    if margin == "on_margin":  # t·p == 1 exactly: the hinge kink
        p = signed.copy()
    elif margin == "some_on_margin":
        p = np.where(draw(arrays(bool, shape)), signed, p)
    elif margin == "zero":
        p = np.zeros(shape)
    return Case(t, p, draw_params(draw, spec, shape, fixed))


def binary(draw, spec, limits, fixed, logits=False):
    """Targets in [0, 1] (hard or soft); probabilities, or logits where `logits` or from_logits says so."""
    shape = draw(shapes(limits), label="shape")
    params = draw_params(draw, spec, shape, fixed)
    logits = logits or params.get("from_logits")
    t = _array(draw, shape, _targets(draw, limits))
    p = _array(draw, shape, LOGIT if logits else PROBABILITY)
    saturated = "no"
    if limits.exact_kinks:
        saturated = draw(sampled(("no", "correct", "no", "wrong")), label="saturated")
    if not logits and saturated != "no":  # hard labels: p at the right end (p == t), or at the wrong one (−log 0)
        p = np.where(draw(arrays(bool, shape)), t if saturated == "correct" else 1.0 - t, p)
    if logits and draw(st.booleans(), label="saturated_logits"):
        sign = draw(arrays(bool, shape))  # ±100: exp overflows float32 beyond 88.7 (either sign, either label)
        p = np.where(draw(arrays(bool, shape)), np.where(sign, LARGE_LOGIT, -LARGE_LOGIT), p)
    return Case(t, p, params)


def _distribution(draw, shape, axis):
    """Probability vectors along axis: random, with exact zeros (saturated), one-hot, or uniform."""
    kind = draw(sampled(("random", "with_zeros", "one_hot", "uniform")), label="distribution")
    if kind == "uniform":
        return np.full(shape, 1.0 / shape[axis])
    if kind == "one_hot":
        return _one_hot(draw, shape, axis)
    weights = _array(draw, shape, _floats(1e-3, 1.0))
    if kind == "with_zeros":
        weights = np.where(draw(arrays(bool, shape)), 0.0, weights)
        weights = np.where(np.sum(weights, axis=axis, keepdims=True) == 0, 1.0, weights)
    return weights / np.sum(weights, axis=axis, keepdims=True)


def _one_hot(draw, shape, axis):
    other = tuple(s for i, s in enumerate(shape) if i != axis)
    labels = draw(arrays(np.int64, other, st.integers(0, shape[axis] - 1)))
    return np.moveaxis(np.eye(shape[axis])[labels], -1, axis)


def categorical(draw, spec, limits, fixed, logits=False):
    """Distributions along the class axis (one-hot, or soft where the loss smooths or takes logits); predicted
    distributions, or logits where `logits` or from_logits says so."""
    shape = draw(shapes(limits, min_rank=1, min_side=2), label="shape")
    params = draw_params(draw, spec, shape, fixed)
    axis = params.get("axis", -1) % len(shape)
    weights = next((v for v in params.values() if isinstance(v, (list, tuple))), None)
    if weights is not None and len(weights) != shape[axis]:  # a fixed per-class weight list sets the classes
        shape = shape[:axis] + (len(weights),) + shape[axis + 1:]
    soft = limits.labels == "soft" if limits.labels else \
        ("label_smoothing" in params or logits) and draw(st.booleans(), label="soft_targets")
    t = _distribution(draw, shape, axis) if soft else _one_hot(draw, shape, axis)
    p = _array(draw, shape, LOGIT) if logits or params.get("from_logits") else _distribution(draw, shape, axis)
    return Case(t, p, params)


def one_hot_real(draw, spec, limits, fixed):
    shape = draw(shapes(limits, min_rank=1, min_side=2), label="shape")
    t = _one_hot(draw, shape, len(shape) - 1)
    p = _array(draw, shape, REAL)
    if limits.exact_kinks and draw(st.booleans(), label="margin_tie"):
        p = t.copy()  # pos − neg == 1: the kink of max(·, 0)
    return Case(t, p, draw_params(draw, spec, shape, fixed))


def sparse(draw, spec, limits, fixed, max_rank=None, values="probabilities"):
    """Integer labels against `values` along the class axis: "probabilities" (logits where from_logits says
    so), "scores" (real, ±100 and exact ties included) or "log_probs" (log-softmax of such scores)."""
    shape = draw(shapes(limits, min_rank=2, max_rank=max_rank, min_side=2), label="shape")
    params = draw_params(draw, spec, shape, fixed)
    axis = params.get("axis", -1) % len(shape)
    classes = shape[axis]
    label_shape = tuple(s for i, s in enumerate(shape) if i != axis)
    t = draw(arrays(np.int64, label_shape, st.integers(0, classes - 1)))
    ignore = params.get("ignore_class", params.get("ignore_index"))
    if ignore is not None:
        t = np.where(draw(arrays(bool, label_shape)), ignore, t)
    if values == "probabilities" and not params.get("from_logits"):
        return Case(t, _distribution(draw, shape, axis), params)
    p = _array(draw, shape, LOGIT)
    if not limits.exact_kinks:  # scores drawn from the boundary values tie often: part them by class
        p = p + 0.01 * np.arange(shape[axis]).reshape([-1 if i == axis else 1 for i in range(len(shape))])
    return Case(t, _log_softmax(p) if values == "log_probs" else p, params)


def _log_softmax(x):
    shifted = x - np.max(x, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def binary_logits(draw, spec, limits, fixed):
    return binary(draw, spec, limits, fixed, logits=True)


def categorical_logits(draw, spec, limits, fixed):
    return categorical(draw, spec, limits, fixed, logits=True)


def sparse_scores(draw, spec, limits, fixed):
    return sparse(draw, spec, limits, fixed, values="scores")


def sparse_log_probs(draw, spec, limits, fixed):
    return sparse(draw, spec, limits, fixed, values="log_probs")


def log_prob_pairs(draw, spec, limits, fixed):
    """Log-probability rows for both: log-softmax of logits up to ±100 (entries down to about −200), equal
    rows (a divergence of 0) on purpose."""
    shape = draw(shapes(limits, min_rank=1, min_side=2), label="shape")
    t, p = _log_softmax(_array(draw, shape, LOGIT)), _log_softmax(_array(draw, shape, LOGIT))
    if limits.exact_kinks and draw(st.booleans(), label="tie"):
        p = t.copy()
    params = draw_params(draw, spec, shape, fixed)
    if params.get("from_logits"):  # logits: log-probabilities shifted by any constant per row
        t, p = (x + _array(draw, shape[:-1] + (1,), _values(-30.0, 30.0, (0.0, 30.0))) for x in (t, p))
    return Case(t, p, params)


def nonnegative_and_log(draw, spec, limits, fixed):
    """Targets ≥ 0 (distributions, with exact zeros, or unnormalized weights up to 10); log-predictions: a
    log-softmax of logits up to ±100, shifted by up to ±3 (unnormalized), or log t itself where t > 0 (a tie)."""
    shape = draw(shapes(limits, min_rank=1, min_side=2), label="shape")
    if draw(st.booleans(), label="distribution_targets"):
        t = _distribution(draw, shape, len(shape) - 1)
    else:
        t = _array(draw, shape, _values(0.0, 10.0, (0.0, 1.0, 1e-7, 10.0)))
    p = _log_softmax(_array(draw, shape, LOGIT)) + draw(sampled((0.0, 0.0, 3.0, -3.0)), label="shift")
    if limits.exact_kinks and draw(st.booleans(), label="tie"):
        with np.errstate(divide="ignore"):
            p = np.where(t > 0, np.log(np.where(t > 0, t, 1.0)), p)
    return Case(t, p, draw_params(draw, spec, shape, fixed))


def counts_and_rates(draw, spec, limits, fixed):
    """Counts against rates (log_input=False) or log-rates in [−30, 30] (log_input=True; exp stays finite in
    float32), with the optimum (rate = count) drawn on purpose."""
    shape = draw(shapes(limits), label="shape")
    params = draw_params(draw, spec, shape, fixed)
    t = _array(draw, shape, COUNTS)
    log_input = params.get("log_input", True)
    if log_input:
        p = _array(draw, shape, _values(-30.0, 30.0, (0.0, 1.0, -1.0, 30.0, -30.0)))
    else:
        p = _array(draw, shape, _values(0.0, LARGE_ERROR, (0.0, 1e-7, 1e-3, 1.0, LARGE_ERROR)))
    if draw(st.booleans(), label="at_optimum"):
        with np.errstate(divide="ignore"):
            optimum = np.log(np.where(t > 0, t, 1.0)) if log_input else t
        p = np.where((t > 0) & draw(arrays(bool, shape)), optimum, p)
    return Case(t, p, params)


def sparse_2d(draw, spec, limits, fixed):
    return sparse(draw, spec, limits, fixed, max_rank=2)


def masks(draw, spec, limits, fixed):
    shape = draw(shapes(limits), label="shape")
    params = draw_params(draw, spec, shape, fixed)
    t = _array(draw, shape, _targets(draw, limits, soft=False))
    p = _array(draw, shape, draw(sampled((sampled((0.0, 1.0)), PROBABILITY))))
    t, p = _with_ties_and_zeros(draw, t, p, limits)
    return Case(t, p, params)


def embeddings(draw, spec, limits, fixed):
    if limits.shape is not None:
        batch, dim = limits.shape
    else:
        batch = draw(st.integers(2, max(2, limits.max_side * 2)), label="batch")
        dim = draw(st.integers(2, 3), label="dim")
    labels = draw(arrays(np.int64, (batch,), st.integers(0, 2)))
    if draw(st.booleans(), label="distinct_labels"):  # no positive pair at all: the losses' empty means
        labels = np.arange(batch)
    raw = _array(draw, (batch, dim), _floats(-1.0, 1.0))
    short = np.linalg.norm(raw, axis=1) < 1e-3
    # a vanishing row becomes the all-ones direction (duplicates: cosine similarity exactly 1, a kink), or a
    # distinct direction where the property needs inputs off kinks
    angles = 1.0 + 2.4 * np.arange(batch)
    columns = [np.cos(angles), np.sin(angles), 0.3 * np.cos(3 * angles)]
    columns += [0.2 * np.cos((j + 1) * angles + j) for j in range(3, dim)]  # embeddings wider than 3 (--shape)
    distinct = np.stack(columns, axis=1)[:, :dim]
    raw[short] = 1.0 if limits.exact_kinks else distinct[short]
    if limits.exact_kinks and draw(st.booleans(), label="duplicate_rows"):  # cosine similarity exactly 1
        raw[-1] = raw[0]
    if not limits.exact_kinks:  # off kinks: break the equal rows and equal distances simple values make
        raw = raw + 0.05 * distinct
    params = draw_params(draw, spec, raw.shape, fixed)
    if params.get("layout") == "two_views" and batch % 2:  # two views of each sample: an even batch
        labels, raw = labels[:-1], raw[:-1]
    return Case(labels, raw / np.linalg.norm(raw, axis=1, keepdims=True), params)


# The gate profile's CTC sizes (batch, label slots, classes with the blank), a menu as SHAPE_MENU is for the other
# domains: a single sample and label, the blank and one class (every label repeats), labels as long as the batch.
CTC_MENU = ((1, 1, 2), (2, 2, 3), (3, 3, 4), (3, 2, 2), (2, 3, 4))


def ctc(draw, spec, limits, fixed):
    if limits.shape_menu:
        batch, max_label, classes = draw(sampled(CTC_MENU), label="sizes")
    else:
        batch = draw(st.integers(1, limits.max_side), label="batch")
        max_label = draw(st.integers(1, 3), label="label_slots")
        classes = draw(st.integers(2, 4), label="classes")
    lengths = draw(st.lists(st.integers(0, max_label), min_size=batch, max_size=batch), label="lengths")
    labels = np.zeros((batch, max_label), np.int64)
    for row, length in enumerate(lengths):
        labels[row, :length] = draw(st.lists(st.integers(1, classes - 1), min_size=length, max_size=length))
    repeats = max(int(np.sum(r[1:] == r[:-1]) if len(r) > 1 else 0) for r in (row[row != 0] for row in labels))
    tight = max(1, max_label + repeats)  # the fewest steps that can emit the labels: one alignment is forced
    steps = draw(sampled((tight, 2 * max_label + 1)) if limits.shape_menu else st.integers(tight, tight + 2),
                 label="steps")
    logits = _array(draw, (batch, steps, classes), _values(-10.0, 10.0, (0.0, 10.0, -10.0)))
    return Case(labels, logits, draw_params(draw, spec, logits.shape, fixed))


def cases(spec, limits, fixed=None):
    """A strategy of `Case` for `spec`, over its whole documented domain."""
    return spec.domain.strategy(spec, limits, fixed)


def round_case(case, dtype):
    """The case as the dtype under test sees it: float arrays rounded to `dtype` (then held in float64)."""
    return Case(round_to(case.y_true, dtype), round_to(case.y_pred, dtype), dict(case.params), dict(case.extras))


def round_to(x, dtype):
    """Round to `dtype`; values below its smallest normal become 0 (subnormals are out of scope: XLA and TF
    on CPU may flush them, as array-api-tests also decides)."""
    if not np.issubdtype(x.dtype, np.floating):
        return x
    with np.errstate(over="ignore"):
        rounded = np.asarray(x).astype(numpy_dtype(dtype)).astype(np.float64)
    tiny = float(np.finfo(numpy_dtype(dtype)).tiny) if dtype != "bfloat16" else 1.1754943508222875e-38
    return np.where(np.abs(rounded) < tiny, 0.0, rounded)


def numpy_dtype(dtype):
    if dtype == "bfloat16":
        import ml_dtypes

        return ml_dtypes.bfloat16
    return np.dtype(dtype)


def hard_binary_logits(draw, spec, limits, fixed):
    """Labels 0/1 only, against logits."""
    return binary(draw, spec, dataclasses.replace(limits, labels="hard"), fixed, logits=True)


def relevance_scores(draw, spec, limits, fixed):
    """Relevance labels ≥ 0 (graded 0–3, or real up to 10, all zero included) against scores up to ±100."""
    shape = draw(shapes(limits, min_rank=1, min_side=2), label="shape")
    grades = sampled((sampled((0.0, 1.0, 2.0, 3.0)), _values(0.0, 10.0, (0.0, 1.0, 10.0))))
    t = _array(draw, shape, draw(grades, label="grades"))
    return Case(t, _array(draw, shape, LOGIT), draw_params(draw, spec, shape, fixed))


def signed_pairs(draw, spec, limits, fixed):
    """Signs (…) in {−1, 1} or {0, 1} against score pairs (…, 2): ties x1 = x2 and the margin drawn on purpose."""
    shape = _leading_shape(draw, limits)
    params = draw_params(draw, spec, shape + (2,), fixed)
    t = _array(draw, shape, sampled(_label_set(draw, limits)))
    p = _array(draw, shape + (2,), REAL)
    if limits.exact_kinks and draw(st.booleans(), label="on_margin"):  # −y·(x1 − x2) + margin = 0
        sign = np.where(t == 0, -1.0, t)
        p[..., 0] = np.where(draw(arrays(bool, shape)), p[..., 1] + sign * params.get("margin", 0.0), p[..., 0])
    return Case(t, p, params)


def mean_variance(draw, spec, limits, fixed):
    """Targets (…) against (mean, variance) pairs (…, 2): variances 0, below and at eps, and large; means at the
    target on purpose."""
    shape = _leading_shape(draw, limits)
    params = draw_params(draw, spec, shape + (2,), fixed)
    t = _array(draw, shape, REAL)
    mu = _array(draw, shape, REAL)
    if draw(st.booleans(), label="mean_at_target"):
        mu = np.where(draw(arrays(bool, shape)), t, mu)
    variance = _array(draw, shape, _values(0.0, LARGE_ERROR, (0.0, 1e-8, 1e-6, 1e-3, 1.0, LARGE_ERROR)))
    return Case(t, np.stack([mu, variance], axis=-1), params)


def _leading_shape(draw, limits):
    """The shape of the pairs' leading axes: y_pred is that shape + (2,)."""
    if limits.shape is not None:
        return tuple(limits.shape[:-1])
    return draw(shapes(limits, max_rank=max(1, limits.max_rank - 1)), label="shape")


def _rows(draw, limits, count):
    if limits.shape is not None:  # (B, count, D), as lossref/layouts.py checked
        batch, _, dim = limits.shape
        return _array(draw, (batch, count, dim), _values(-10.0, 10.0, (0.0, 1.0, -1.0, 0.5, 10.0)))
    batch = draw(st.integers(1, limits.max_side), label="batch")
    dim = draw(st.integers(1, max(1, min(3, limits.max_elements // (count * batch)))), label="dim")
    return _array(draw, (batch, count, dim), _values(-10.0, 10.0, (0.0, 1.0, -1.0, 0.5, 10.0)))


def embedding_pairs(draw, spec, limits, fixed):
    """Pairs (B, 2, D) with signs (B,) in {−1, 1} or {0, 1}: equal, parallel, orthogonal and zero vectors."""
    p = _rows(draw, limits, 2)
    pattern = draw(sampled(("free", "equal", "opposite", "zero") if limits.exact_kinks else ("free",)))
    if pattern == "equal":
        p[:, 1] = p[:, 0]
    elif pattern == "opposite":
        p[:, 1] = -2.0 * p[:, 0]
    elif pattern == "zero":
        p[0, 1] = 0.0
    t = _array(draw, (p.shape[0],), sampled(_label_set(draw, limits)))
    return Case(t, p, draw_params(draw, spec, p.shape, fixed))


def triplets(draw, spec, limits, fixed):
    """Triplets (B, 3, D) (anchor, positive, negative) and zeros (B,) for y_true: ties of the positive or the
    negative with the anchor drawn on purpose."""
    p = _rows(draw, limits, 3)
    pattern = draw(sampled(("free", "positive_at_anchor", "negative_at_anchor") if limits.exact_kinks
                           else ("free",)))
    if pattern != "free":
        p[:, 1 if pattern == "positive_at_anchor" else 2] = p[:, 0]
    if not limits.exact_kinks:  # entries drawn from the boundary values coincide often: part the three rows
        p = p + np.array([0.0, 0.0137, 0.0291])[None, :, None] + 0.0053 * np.arange(p.shape[2])
    return Case(np.zeros(p.shape[0], np.int64), p, draw_params(draw, spec, p.shape, fixed))


def pair_distances(draw, spec, limits, fixed):
    """Pair labels in {0, 1} against distances ≥ 0: 0 and the margin drawn on purpose."""
    shape = draw(shapes(limits), label="shape")
    params = draw_params(draw, spec, shape, fixed)
    t = _array(draw, shape, sampled((0.0, 1.0)))
    p = _array(draw, shape, _values(0.0, LARGE_ERROR, (0.0, 0.5, 1.0, 2.0, LARGE_ERROR)))
    if limits.exact_kinks and draw(st.booleans(), label="at_margin"):
        p = np.where(draw(arrays(bool, shape)), params.get("margin", 1.0), p)
    return Case(t, p, params)


@built_once
def _box_sizes(exact_kinks):
    return st.one_of(sampled((0.0, 1.0, 2.0) if exact_kinks else (1.0, 2.0)), _floats(1e-3, 10.0))


def boxes(draw, spec, limits, fixed):
    """Boxes [y_min, x_min, y_max, x_max] (B, 4) or (B, N, 4): equal, nested, touching, disjoint and empty ones."""
    if limits.shape is not None:
        shape = tuple(limits.shape)
    else:
        batch = draw(st.integers(1, limits.max_side), label="batch")
        flat = limits.max_rank < 3 or draw(st.booleans(), label="flat")
        shape = (batch, 4) if flat else (batch, draw(st.integers(1, 2)), 4)
    corners = _values(-10.0, 10.0, (0.0, 1.0, -1.0, 2.0))
    # sizes 0 or from 1e-3: the area ratios' gradients overflow (I/U² with U² below the smallest float) for
    # boxes below about 1e-150 (float64) or 1e-19 (float32), far from any box a model predicts
    sizes = _box_sizes(limits.exact_kinks)

    def draw_boxes():
        low = _array(draw, shape[:-1] + (2,), corners)
        return np.concatenate([low, low + _array(draw, shape[:-1] + (2,), sizes)], axis=-1)

    t, p = draw_boxes(), draw_boxes()
    pattern = draw(sampled(("free", "equal", "shifted", "empty") if limits.exact_kinks else ("free",)))
    if pattern == "equal":
        p = t.copy()
    elif pattern == "shifted":  # touching or overlapping by half: edges on edges
        p = t + draw(sampled((0.0, 0.5, 1.0))) * (t[..., 2:3] - t[..., 0:1])
    elif pattern == "empty":
        p[..., 2:] = p[..., :2]
    if not limits.exact_kinks:  # corners drawn from the boundary values coincide often: part the two sets
        t, p = t + 0.0071, p + 0.0173
    return Case(t, p, draw_params(draw, spec, shape, fixed))



@built_once
def _permutations(n):
    return st.permutations(range(n))


def label_lists(draw, spec, limits, fixed):
    """Target class lists (…, C): distinct indices in a drawn order, then −1 and anything after it; scores up to
    ±100 with ties (the hinge's margin 1 drawn on purpose)."""
    shape = draw(shapes(limits, min_side=2), label="shape")
    classes = shape[-1]
    t = np.full(shape, -1, np.int64)
    for index in np.ndindex(shape[:-1]):
        count = draw(st.integers(0, classes), label="targets")
        t[index][:count] = draw(_permutations(classes))[:count]
        if count < classes - 1:  # entries after the −1 are not read
            t[index][count + 1:] = draw(st.lists(st.integers(-1, classes - 1), min_size=classes - count - 1,
                                                 max_size=classes - count - 1))
    p = _array(draw, shape, LOGIT)
    if limits.exact_kinks and draw(st.booleans(), label="margin_one"):
        p = np.where(draw(arrays(bool, shape)), np.floor(p), p)  # whole scores: gaps of exactly 1
    else:
        p = p + 0.01 * np.arange(classes) if not limits.exact_kinks else p
    return Case(t, p, draw_params(draw, spec, shape, fixed))


def similarity_matrices(draw, spec, limits, fixed):
    """Labels (B,) and a (B, B) similarity matrix of anchors and positives, entries up to ±30."""
    batch = limits.shape[0] if limits.shape is not None else \
        draw(st.integers(1, max(1, min(limits.max_side * 2, int(math.sqrt(limits.max_elements))))), label="batch")
    labels = draw(arrays(np.int64, (batch,), st.integers(0, 2)))
    p = _array(draw, (batch, batch), _values(-30.0, 30.0, (0.0, 1.0, -1.0, 30.0)))
    return Case(labels, p, draw_params(draw, spec, p.shape, fixed))


def one_hot_rows(draw, spec, limits, fixed):
    """One-hot targets against probability rows, both (B, C); a `num_classes` parameter is None or C."""
    case = categorical(draw, spec, dataclasses.replace(limits, min_rank=2, max_rank=2), fixed)
    if "num_classes" in case.params and "num_classes" not in (fixed or {}):
        case.params["num_classes"] = draw(sampled((None, case.y_pred.shape[-1])), label="num_classes")
    return case
