"""Train one `Training` run on the current Keras backend and judge it.

Identical starts on every backend: the weights come from NumPy (Glorot-uniform kernels, zero biases, seeded),
batches keep one fixed order (shuffle=False on data shuffled once by NumPy), and Keras's own seed is set.
What differs between backends is then only their floating-point arithmetic.
"""

import math
import time
from dataclasses import asdict, dataclass, field

import keras
import numpy as np

from lossref.convergence.tasks import TASKS

SEED = 0


@dataclass
class Run:
    """What one training run did; `failures` is empty when it meets its criteria."""

    loss: str
    label: str
    task: str
    backend: str
    params: dict
    metric_name: str
    metric: float
    bar: float
    higher_is_better: bool
    initial: float
    final: float
    epochs: int
    seconds: float
    curve: list  # training loss: the initial value, then one per epoch
    failures: list = field(default_factory=list)

    @property
    def passed(self):
        return not self.failures

    def as_dict(self):
        return asdict(self)


def run_id(loss, index):
    """A stable name for the index-th run of a loss: 'huber', 'huber[1]'."""
    return loss if index == 0 else f"{loss}[{index}]"


def make_loss(spec, case):
    """The Loss class with the run's params, or (form="closure") a plain function closing over them, the
    way the tutorials build a parametric Huber and pass `my_loss`."""
    if case.form == "class":
        return spec.loss_class(**case.params)
    params = dict(case.params)

    def loss(y_true, y_pred):
        return spec.fn(y_true, y_pred, **params)

    loss.__name__ = f"{spec.name}_closure"
    return loss


def build_model(case, task, data):
    layers = [keras.Input(data.x_train.shape[1:])]
    if case.hidden:
        layers.append(keras.layers.Dense(case.hidden, activation="relu"))
    head = "linear" if case.head == "unit_norm" else case.head
    layers.append(keras.layers.Dense(task.units, activation=head))
    if case.head == "unit_norm":
        layers.append(keras.layers.UnitNormalization())
    if task.output_transform:
        layers.append(keras.layers.Lambda(task.output_transform))
    if task.output_shape:
        layers.append(keras.layers.Reshape(task.output_shape))
    model = keras.Sequential(layers)
    rng = np.random.default_rng(SEED)
    weights = []
    for w in model.get_weights():
        if w.ndim == 2:  # Glorot uniform
            limit = math.sqrt(6 / (w.shape[0] + w.shape[1]))
            weights.append(rng.uniform(-limit, limit, size=w.shape).astype(w.dtype))
        else:
            weights.append(np.zeros_like(w))
    model.set_weights(weights)
    return model


def train(spec, case, loss=None):
    """Train `case` (one of spec.training) with `loss` (default: lossref's, in the case's form); a Run."""
    keras.utils.set_random_seed(SEED)
    task = TASKS[case.task]
    data = task.load()
    model = build_model(case, task, data)
    optimizer = {"adam": keras.optimizers.Adam, "sgd": keras.optimizers.SGD}[case.optimizer](case.learning_rate)
    model.compile(optimizer=optimizer, loss=loss if loss is not None else make_loss(spec, case))
    fit_args = {"batch_size": case.batch_size, "verbose": 0}
    initial = float(model.evaluate(data.x_train, data.y_train, **fit_args))
    start = time.perf_counter()
    history = model.fit(data.x_train, data.y_train, epochs=case.epochs, shuffle=False, **fit_args)
    seconds = time.perf_counter() - start
    final = float(model.evaluate(data.x_train, data.y_train, **fit_args))
    predictions = np.asarray(model.predict(data.x_test, batch_size=task.predict_batch or 256, verbose=0),
                             dtype="float64")
    run = Run(spec.name, case.label, case.task, keras.backend.backend(), dict(case.params), task.metric_name,
              task.metric(data, predictions), case.bar, task.higher_is_better, initial, final, case.epochs,
              seconds, [initial] + [float(v) for v in history.history["loss"]])
    run.failures = judge(case, run, model, predictions)
    return run


def judge(case, run, model, predictions):
    """The criteria of a Training case, as readable failure lines."""
    failures = []
    weights_finite = all(np.all(np.isfinite(w)) for w in model.get_weights())
    if not (np.all(np.isfinite(run.curve)) and np.isfinite(run.final) and weights_finite
            and np.all(np.isfinite(predictions))):
        bad = [i for i, v in enumerate(run.curve) if not np.isfinite(v)]
        failures.append(f"non-finite values: loss curve at epochs {bad[:5]}, final loss {run.final}, "
                        f"weights finite: {weights_finite}")
    if case.floor is None:
        if not run.initial - run.final >= case.fall:
            failures.append(f"training loss fell from {run.initial:.4g} to {run.final:.4g}: expected a drop "
                            f"of at least {case.fall:g} (the loss is unbounded below)")
    elif not run.final - case.floor <= case.fall * (run.initial - case.floor):
        failures.append(f"training loss fell from {run.initial:.4g} to {run.final:.4g}: expected final − floor ≤ "
                        f"{case.fall:g}·(initial − floor), floor {case.floor:g}, i.e. ≤ "
                        f"{case.floor + case.fall * (run.initial - case.floor):.4g}")
    reached = run.metric >= case.bar if run.higher_is_better else run.metric <= case.bar
    if not reached:
        failures.append(f"held-out {run.metric_name} {run.metric:.4f}, expected {'≥' if run.higher_is_better else '≤'}"
                        f" {case.bar:g}")
    return failures


def describe(run, index=0):
    """A failure report: the loss, backend, run, params, what was expected and got, and a replay command."""
    lines = [f"convergence run {run_id(run.loss, index)} ({run.label or run.task}) failed on "
             f"{run.backend}: task {run.task}, params {run.params}"]
    lines += [f"  - {failure}" for failure in run.failures]
    lines.append(f"  loss curve: {', '.join(f'{v:.4g}' for v in run.curve[:: max(1, len(run.curve) // 10)])}")
    lines.append(f"  replay: KERAS_BACKEND={run.backend} lossref convergence --backend {run.backend} "
                 f"--loss {run.loss}")
    return "\n".join(lines)
