"""lossref's loss implementations: each as a function (per-sample values) and as a `keras.losses.Loss` class."""

from lossref.losses.classes import RegistryLoss, loss_class  # noqa: F401  (public)
from lossref.losses.hinge import categorical_hinge, hinge, squared_hinge
from lossref.losses.overlap import dice, tversky
from lossref.losses.probabilistic import (
    binary_crossentropy,
    binary_focal_crossentropy,
    categorical_crossentropy,
    categorical_focal_crossentropy,
    categorical_generalized_cross_entropy,
    kl_divergence,
    poisson,
    sparse_categorical_crossentropy,
)
from lossref.losses.regression import (
    cosine_proximity,
    cosine_similarity,
    huber,
    huber_fn,  # noqa: F401  (public)
    log_cosh,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_error,
    mean_squared_error,
    mean_squared_logarithmic_error,
    penalized_absolute_error,
    relative_rmse,
    sum_squared_error,
)
from lossref.losses.structured import circle, ctc

MeanSquaredError = loss_class("MeanSquaredError", mean_squared_error)
MeanAbsoluteError = loss_class("MeanAbsoluteError", mean_absolute_error)
MeanAbsolutePercentageError = loss_class("MeanAbsolutePercentageError", mean_absolute_percentage_error)
MeanSquaredLogarithmicError = loss_class("MeanSquaredLogarithmicError", mean_squared_logarithmic_error)
CosineSimilarity = loss_class("CosineSimilarity", cosine_similarity)
Huber = loss_class("Huber", huber)
LogCosh = loss_class("LogCosh", log_cosh)
Hinge = loss_class("Hinge", hinge)
SquaredHinge = loss_class("SquaredHinge", squared_hinge)
CategoricalHinge = loss_class("CategoricalHinge", categorical_hinge)
KLDivergence = loss_class("KLDivergence", kl_divergence)
Poisson = loss_class("Poisson", poisson)
BinaryCrossentropy = loss_class("BinaryCrossentropy", binary_crossentropy)
BinaryFocalCrossentropy = loss_class("BinaryFocalCrossentropy", binary_focal_crossentropy)
CategoricalCrossentropy = loss_class("CategoricalCrossentropy", categorical_crossentropy)
CategoricalFocalCrossentropy = loss_class("CategoricalFocalCrossentropy", categorical_focal_crossentropy)
SparseCategoricalCrossentropy = loss_class("SparseCategoricalCrossentropy", sparse_categorical_crossentropy)
CategoricalGeneralizedCrossEntropy = loss_class(
    "CategoricalGeneralizedCrossEntropy", categorical_generalized_cross_entropy
)
Dice = loss_class("Dice", dice)
Tversky = loss_class("Tversky", tversky)
Circle = loss_class("Circle", circle)
CTC = loss_class("CTC", ctc)
SumSquaredError = loss_class("SumSquaredError", sum_squared_error)
MeanError = loss_class("MeanError", mean_error)
CosineProximity = loss_class("CosineProximity", cosine_proximity)
PenalizedAbsoluteError = loss_class("PenalizedAbsoluteError", penalized_absolute_error)
RelativeRMSE = loss_class("RelativeRMSE", relative_rmse)
