"""Execution paths of the Loss form: eager call, compiled call, `model.evaluate` and one `model.fit` step must
agree. The model is one Dense layer initialised to the identity, so its output is exactly the drawn y_pred
and the expected SGD step is known: ΔW = −lr·xᵀ·∂L/∂ŷ, Δb = −lr·Σ ∂L/∂ŷ."""

import dataclasses

import keras
import numpy as np
from keras import ops

from lossref import backends, tolerances
from lossref.applicability import applies_when, draws, loss_object, not_for_this_case, rank_2_predictions
from lossref.assertions import PropertyFailure, expected_in_dtype, mismatch
from lossref.strategies import Limits, round_case
from lossref.target import to_numpy, to_tensor

RANK_2 = Limits(max_side=4, max_rank=2, max_elements=16, max_examples=4, min_rank=2)  # each case fits a model
LEARNING_RATE = 0.1


def _fitting(limits):
    """RANK_2 in the profile's shape menu, one case per ten the profile draws (1 to 4): each builds a model."""
    examples = max(1, min(4, limits.max_examples // 10))
    return dataclasses.replace(RANK_2, shape_menu=limits.shape_menu, max_examples=examples)


def _identity_model(classes, loss):
    model = keras.Sequential([keras.Input((classes,)),
                              keras.layers.Dense(classes, kernel_initializer="identity", bias_initializer="zeros")])
    model.compile(optimizer=keras.optimizers.SGD(LEARNING_RATE), loss=loss)
    return model


@applies_when(loss_object, rank_2_predictions)
@draws(lambda spec, limits: (_fitting(limits), {}))
def execution_paths(target, case, dtype="float32"):
    """eager == compiled == model.evaluate, and model.fit's first SGD step matches the loss's gradient."""
    spec = target.spec
    if case.y_pred.ndim != 2:
        not_for_this_case()
    case = round_case(case, dtype)
    t, p = to_tensor(case.y_true, dtype), to_tensor(case.y_pred, dtype)
    loss = target.make_loss(reduction="sum_over_batch_size", **case.params)
    eager, _ = to_numpy(loss(t, p))
    tol = tolerances.for_values(spec, target.backend, dtype)
    scale = 1.0 if spec.scale is None else 1.0 + float(np.max(np.abs(spec.scale(case.y_true, case.y_pred,
                                                                                  case.params))))

    def compare(path, got):
        problem = mismatch(eager, got, tol, scale, factor=tolerances.PARITY_FACTOR)
        if problem:
            raise PropertyFailure("execution_paths", target, dtype, case, f"{path} differs from the eager call: "
                                  f"{problem}", eager, got)

    compiled = backends.jit(lambda a, b: loss(a, b))
    if compiled is not None:
        compare("the compiled call", to_numpy(compiled(t, p))[0])
    model = _identity_model(case.y_pred.shape[1], loss)
    compare("model.evaluate", np.float64(model.evaluate(case.y_pred.astype(np.float32), case.y_true,
                                                        batch_size=len(case.y_pred), verbose=0)))
    _, grad = backends.gradient(lambda a, b: loss(a, b), t, p, np.float64(1.0))
    x = case.y_pred
    # the model's float32 kernel: a step beyond float32's range is inf there, as the values' expected are
    expected_kernel = expected_in_dtype(np.eye(x.shape[1]) - LEARNING_RATE * x.T @ grad, "float32")
    model.fit(x.astype(np.float32), case.y_true, batch_size=len(x), epochs=1, shuffle=False, verbose=0)
    kernel = np.asarray(ops.convert_to_numpy(model.layers[0].kernel), dtype=np.float64)
    problem = mismatch(expected_kernel, kernel, tol, 1.0 + np.max(np.abs(x)) * np.max(np.abs(grad)) * LEARNING_RATE)
    if problem:
        raise PropertyFailure("execution_paths", target, dtype, case, "model.fit's first SGD step differs from "
                              f"W − lr·xᵀ·∂L/∂ŷ: {problem}", expected_kernel, kernel)
