"""lossref's loss implementations: each as a function (per-sample values) and as a `keras.losses.Loss` class.

Every function decorated with `loss_function` in a family module is exported here under its name, and its Loss
class under the class name it declares: a new loss needs no line in this file.
"""

from lossref.losses import hinge, overlap, probabilistic, regression, structured
from lossref.losses._params import Param, validate_params
from lossref.losses.classes import RegistryLoss, loss_class
from lossref.losses.regression import huber_fn

FAMILIES = (regression, hinge, probabilistic, overlap, structured)
FUNCTIONS = {fn.loss_name: fn for family in FAMILIES for fn in vars(family).values() if hasattr(fn, "loss_name")}
CLASSES = {fn.class_name: loss_class(fn.class_name, fn) for fn in FUNCTIONS.values()}
globals().update(FUNCTIONS)
globals().update(CLASSES)

__all__ = ["CLASSES", "FUNCTIONS", "Param", "RegistryLoss", "huber_fn", "loss_class", "validate_params",
           *FUNCTIONS, *CLASSES]
