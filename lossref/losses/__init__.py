"""lossref's loss implementations: each as a function (per-sample values) and as a `keras.losses.Loss` class.

Every function decorated with `loss_function` in a family module is exported here under its name, and its Loss
class under the class name it declares: a new loss needs no line in this file. The family modules (and Keras)
load on the first access, so the parameter declarations (`Param`, `validate_params`) and the errors import
without a backend: the CLI checks a command line with them before any backend starts.
"""

import functools
import importlib

from lossref.losses._params import Param, validate_params

__all__ = ["Param", "validate_params"]  # and, on first access, every loss function and class

_FAMILIES = ("regression", "hinge", "probabilistic", "overlap", "structured", "embedding")


@functools.cache
def _exports():
    # import_module, not `from lossref.losses import ...`: that would ask this module's __getattr__ first
    families = tuple(importlib.import_module(f"lossref.losses.{name}") for name in _FAMILIES)
    regression = families[0]
    from lossref.losses.classes import RegistryLoss, loss_class

    functions = {fn.loss_name: fn for family in families for fn in vars(family).values() if hasattr(fn, "loss_name")}
    classes = {fn.class_name: loss_class(fn.class_name, fn) for fn in functions.values()}
    exported = {**functions, **classes, "FAMILIES": families, "FUNCTIONS": functions, "CLASSES": classes,
                "RegistryLoss": RegistryLoss, "loss_class": loss_class, "huber_fn": regression.huber_fn}
    globals().update(exported)  # over the submodule attributes the imports set (the module `hinge`, say)
    return exported


def __getattr__(name):
    try:
        return _exports()[name]
    except KeyError:
        raise AttributeError(f"module 'lossref.losses' has no attribute {name!r}") from None


def __dir__():
    return sorted({*globals(), *_exports()})
