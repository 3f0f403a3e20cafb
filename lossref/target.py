"""What is under test: a loss function or Loss object, run on the current Keras backend, compared with a spec."""

import importlib
import importlib.util
import inspect
import sys
from dataclasses import dataclass, field

import keras
import numpy as np
from keras import ops

from lossref.losses._params import check_given
from lossref.refs import no_attribute, split_ref
from lossref.registry import get


@dataclass
class Target:
    """`fn(y_true, y_pred, **params)` returns per-sample values; `make_loss(reduction=None, **params)` a callable
    running the Loss object's own __call__ with that reduction (None when the target is a plain function)."""

    spec: object
    fn: object
    label: str
    ref: str  # how `lossref replay` finds it again: "registry:NAME" or "module:attr" / "file.py:attr"
    kind: str = "function"  # "function", "instance" (a Loss object) or "class" (a Loss subclass)
    make_loss: object = None
    fixed: dict = field(default_factory=dict)  # params every case must use (the target cannot take others)
    notes: list = field(default_factory=list)
    obj: object = None  # the user's loss as given
    noted: list = field(default_factory=list)  # differences inside recorded divergences (properties.fail_or_note)
    elementwise: bool = False  # a Loss whose call() returns one value per element (read through __call__)
    baked: tuple = ()  # documented parameters the target does not take (a closure's constant): fixed, not drawn
    framework_divergences: bool = True  # Keras's recorded divergences apply (False: another library's loss)
    seed_key: str | None = None  # what the stable seeds derive from (default: the label)
    allowed: object = ()  # ids of recorded framework bugs accepted as notes (True: every one, as the audit does)
    saved_to_file: set = field(default_factory=set)  # dtypes whose Loss went through a .keras file (serialization)

    @property
    def backend(self):
        return keras.backend.backend()

    def allows(self, divergence):
        return self.allowed is True or divergence.id in self.allowed

    @property
    def user(self):
        """A user's loss (not lossref's own): recorded divergences of the framework apply to it."""
        return not self.ref.startswith(("registry:", "mutant:"))


def registry_target(spec):
    return Target(spec, spec.fn, f"lossref.losses.{spec.name}", f"registry:{spec.name}", "function",
                  lambda reduction=None, **params: spec.loss_class(reduction=reduction, **params))


def user_target(loss, spec, ref, params=None):
    """A Target for a user's loss: a function (y_true, y_pred, **params), a Loss instance, or a Loss subclass.

    Parameters the spec documents are drawn from their ranges unless fixed by `params`; a function that does
    not accept one (a closure with its threshold baked in) is checked at the fixed value or the default.
    A Loss instance carries its parameters in get_config(): those are fixed.
    """
    params = dict(params or {})
    check_given(spec.name, spec.params, params)
    if isinstance(loss, type) and issubclass(loss, keras.losses.Loss):
        return _class_target(loss, spec, ref, params)
    if isinstance(loss, keras.losses.Loss):
        return _instance_target(loss, spec, ref, params)
    if callable(loss):
        return _function_target(loss, spec, ref, params)
    raise TypeError(f"{ref}: expected a loss function, a keras.losses.Loss instance or subclass, got {type(loss)}")


def accepted(fn, names):
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return set(names)
    if any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values()):
        return set(names)
    return {name for name in names if name in signature.parameters}


def _constructs(cls, name, value):
    """Whether the Loss subclass's constructor takes `name` (a **kwargs that ends in keras.losses.Loss does not)."""
    try:
        cls(**{name: value})
    except TypeError:
        return False
    return True


def _untaken(spec, params, accepted, what):
    """The documented parameters a target does not take: fixed at the given value or the default, each named
    in a note. Returns (fixed params, notes, the names baked in: neither taken nor given)."""
    fixed, notes = dict(params), []
    for param in spec.params:
        if param.name not in accepted:
            fixed.setdefault(param.name, param.default)
            notes.append(f"`{param.name}` is not {what}: checked at {param.name}={fixed[param.name]!r}")
    baked = tuple(p.name for p in spec.params if p.name not in accepted and p.name not in params)
    return fixed, notes, baked


def _function_target(fn, spec, ref, params):
    takes = accepted(fn, [p.name for p in spec.params])
    fixed, notes, baked = _untaken(spec, params, takes, f"a parameter of {ref}")

    def call(y_true, y_pred, **case_params):
        return fn(y_true, y_pred, **{k: v for k, v in case_params.items() if k in takes})

    return Target(spec, call, ref, ref, "function", None, fixed, notes, fn, baked=baked)


class _WithReduction:
    """Calls a Loss object through its own __call__ with another reduction (restored afterwards): exactly the
    code path users call. Not a copy: Keras objects copy through serialization."""

    def __init__(self, loss, reduction):
        self.loss, self.reduction = loss, reduction

    def __call__(self, y_true, y_pred, sample_weight=None):
        saved, self.loss.reduction = self.loss.reduction, self.reduction
        try:
            return self.loss(y_true, y_pred, sample_weight=sample_weight)
        finally:
            self.loss.reduction = saved


def _instance_target(loss, spec, ref, params):
    config = loss.get_config()
    fixed = {p.name: config[p.name] for p in spec.params if p.name in config}
    fixed.update(params)
    notes = [f"a Loss instance: parameters fixed at {fixed}" if fixed else "a Loss instance"]
    notes += [f"`{p.name}` is not in get_config() of {ref}: checked at its default {p.default!r}"
              for p in spec.params if p.name not in fixed]
    fixed = {**spec.defaults, **fixed}

    def call(y_true, y_pred, **_):
        return loss.call(y_true, y_pred)

    return Target(spec, call, ref, ref, "instance", lambda reduction=None, **_: _WithReduction(loss, reduction),
                  fixed, notes, loss)


def through_call(target):
    """The target's per-sample values read through its Loss.__call__ with the default reduction, one sample at a
    time: for a subclass whose call() returns one value per element and leaves the mean to __call__, as Keras
    uses it (sum_over_batch_size over a sample's elements is the sample's mean)."""

    def per_sample(y_true, y_pred, **params):
        loss = target.make_loss(reduction="sum_over_batch_size", **params)
        if len(y_pred.shape) == 1:  # one sample
            return loss(y_true, y_pred)
        rows_true, rows_pred = (ops.reshape(x, (-1, y_pred.shape[-1])) for x in (y_true, y_pred))
        values = [loss(rows_true[i:i + 1], rows_pred[i:i + 1]) for i in range(rows_pred.shape[0])]
        return ops.reshape(ops.stack(values), y_pred.shape[:-1])

    target.fn, target.elementwise = per_sample, True
    target.notes.append("call() returns one value per element: each sample's value is read through "
                        "Loss.__call__ (reduction sum_over_batch_size, as model.fit uses it)")


def through_mean(target):
    """A loss returning one value per sample or pair where its record returns one per batch, read through their
    mean: what Keras's Loss.__call__ and model.fit make of them (a batch-level loss takes no per-sample weights)."""
    fn = target.fn

    def mean_of(y_true, y_pred, **params):
        return ops.mean(fn(y_true, y_pred, **params))

    target.fn = mean_of
    target.notes.append(f"returns one value per sample or pair where '{target.spec.name}' returns one per batch: "
                        "read through their mean, as Loss.__call__ and model.fit reduce them")


def _class_target(cls, spec, ref, params):
    """A Loss subclass: its constructor gets the documented parameters its signature accepts; the others are
    checked at their defaults (or the fixed value), and the report names them."""
    accepted = {p.name for p in spec.params if _constructs(cls, p.name, params.get(p.name, p.default))}
    fixed, notes, baked = _untaken(spec, params, accepted, f"a constructor parameter of {ref}")
    notes.insert(0, "a Loss subclass: " + (f"drawn {sorted(accepted)} go to its constructor" if accepted
                                           else "its constructor takes no documented parameter"))

    def instance(**case_params):
        return cls(**{k: v for k, v in case_params.items() if k in accepted})

    def call(y_true, y_pred, **case_params):
        return instance(**case_params).call(y_true, y_pred)

    return Target(spec, call, ref, ref, "class", lambda reduction=None, **p: _WithReduction(instance(**p), reduction),
                  fixed, notes, cls, baked=baked)


def load_object(ref):
    """Import "package.module:attr" or "path/to/file.py:attr" (attr may be dotted)."""
    module_name, path, attribute = split_ref(ref)
    if path is not None:
        name = f"lossref_user_{abs(hash(str(path.resolve())))}"
        module_spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module
        module_spec.loader.exec_module(module)
    else:
        module = importlib.import_module(module_name)
    obj = module
    for part in attribute.split("."):
        if not hasattr(obj, part):
            raise no_attribute(ref)
        obj = getattr(obj, part)
    return obj


def load_target(ref, against, params=None):
    """The Target a replay or a check names: "registry:NAME" for lossref's own loss, else an importable ref."""
    spec = get(against)
    if ref == f"registry:{spec.name}":
        return registry_target(spec)
    return user_target(load_object(ref), spec, ref, params)


def to_tensor(x, dtype):
    """A backend tensor: float arrays in `dtype` (values already representable), labels as int32."""
    x = np.asarray(x)
    if np.issubdtype(x.dtype, np.floating):
        source = x if dtype == "float64" else x.astype(np.float32)
        return ops.convert_to_tensor(source, dtype=dtype)
    return ops.convert_to_tensor(x.astype(np.int32))


def to_numpy(x):
    """A backend tensor as float64 NumPy, and its dtype name."""
    dtype = keras.backend.standardize_dtype(x.dtype)
    if dtype == "bfloat16":
        x = ops.cast(x, "float32")
    return np.asarray(ops.convert_to_numpy(x), dtype=np.float64), dtype


def call(fn, case, dtype, **overrides):
    """Run `fn` on the case's arrays as `dtype` tensors; returns (values float64, dtype name)."""
    params = {**case.params, **overrides}
    return to_numpy(fn(to_tensor(case.y_true, dtype), to_tensor(case.y_pred, dtype), **params))
