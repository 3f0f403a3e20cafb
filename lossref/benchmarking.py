"""What the benchmarks time: inputs of a given size drawn from each loss's domain, the parameters, and the
three implementations of one loss (lossref, the Keras built-in, the framework's native loss) as
`(y_true, y_pred) -> scalar mean`, so every row compares the same mathematics on the same arrays."""

import math
import os

import numpy as np

SIZES = {"smoke": (2**10,), "cpu": (2**10, 2**16, 2**20), "gpu": (2**10, 2**16, 2**20, 2**24, 2**26)}
IMPLEMENTATIONS = ("lossref", "keras", "native")
MODES = ("eager", "compiled")
PASSES = ("forward", "forward_backward")
CLASSES = 16  # last-axis size: classes, features per sample, pixels per mask
STEPS, LABELS = 32, 8  # CTC: time steps and label length per sample
EMBEDDING = 256  # circle: embedding size; the loss is O(batch²)
MAX_SIZE = {"circle": 2**20}  # 2**24 would need a 65536² similarity matrix
ELEMENTWISE = {"mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
               "mean_squared_logarithmic_error", "huber", "log_cosh", "sum_squared_error", "mean_error",
               "penalized_absolute_error", "hinge", "squared_hinge", "poisson", "binary_crossentropy"}


def bench_params(spec):
    """The defaults, with from_logits=True where the loss has it: the form real training code uses and the
    one the frameworks' native losses take."""
    params = dict(spec.defaults)
    if "from_logits" in params:
        params["from_logits"] = True
    return params


def size_label(size):
    return f"2^{int(math.log2(size))}"


def inputs(spec, size, seed=0):
    """(y_true, y_pred) NumPy float32 arrays (integer labels where the loss takes labels); y_pred has `size`
    elements, drawn from the loss's domain."""
    rng = np.random.default_rng(seed)
    logits = "from_logits" in spec.defaults  # bench_params sets it
    domain = spec.domain
    if domain == "ctc":
        batch = max(1, size // (STEPS * (CLASSES + 1)))
        labels = rng.integers(1, CLASSES + 1, size=(batch, LABELS)).astype("int32")
        return labels, rng.normal(size=(batch, STEPS, CLASSES + 1)).astype("float32")
    if domain == "embeddings":
        batch = max(4, size // EMBEDDING)
        p = rng.normal(size=(batch, EMBEDDING))
        return rng.integers(0, 10, size=batch).astype("int32"), (p / np.linalg.norm(p, axis=1, keepdims=True))\
            .astype("float32")
    shape = (max(1, size // CLASSES), CLASSES)
    normal = rng.normal(size=shape).astype("float32")
    if domain in ("sparse", "sparse_2d"):
        labels = rng.integers(0, CLASSES, size=shape[0]).astype("int32")
        return labels, normal if logits else _softmax(normal)
    if domain == "categorical" or domain == "one_hot_real":
        one_hot = np.eye(CLASSES, dtype="float32")[rng.integers(0, CLASSES, size=shape[0])]
        return one_hot, normal if logits or domain == "one_hot_real" else _softmax(normal)
    if domain == "probabilities":
        return _softmax(rng.normal(size=shape)), _softmax(normal)
    if domain == "binary":
        return rng.integers(0, 2, size=shape).astype("float32"), normal if logits else _sigmoid(normal)
    if domain == "masks":
        return rng.integers(0, 2, size=shape).astype("float32"), rng.random(shape).astype("float32")
    if domain == "signed_labels":
        return rng.choice([-1.0, 1.0], size=shape).astype("float32"), normal
    if domain in ("nonnegative", "rates"):
        return rng.poisson(2.0, size=shape).astype("float32"), rng.uniform(0.1, 3.0, size=shape).astype("float32")
    if domain in ("real", "real_nonzero_target"):
        return rng.normal(size=shape).astype("float32"), normal
    raise ValueError(f"no benchmark inputs for domain {domain!r} ({spec.name}): add them in benchmarking.inputs")


def _softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return (e / e.sum(-1, keepdims=True)).astype("float32")


def _sigmoid(x):
    return (1 / (1 + np.exp(-x))).astype("float32")


def loss_callable(spec, implementation, natives):
    """(y_true, y_pred) -> scalar mean for one implementation, or None where there is none."""
    from keras import ops

    params = bench_params(spec)
    if implementation == "lossref":
        return lambda t, p: ops.mean(spec.fn(t, p, **params))
    if implementation == "keras":
        if spec.keras is None:
            return None
        import keras

        builtin = getattr(keras.losses, spec.keras)
        return lambda t, p: ops.mean(builtin(t, p, **params))
    return natives.get(spec.name)


def bytes_moved(size, backward):
    """The least memory traffic of one call, in bytes: read y_true and y_pred (float32), and for the
    backward pass write the gradient too. The bandwidth bound is this over the device's bandwidth."""
    return 4 * size * (3 if backward else 2)


def threads():
    return int(os.environ.get("LOSSREF_BENCH_THREADS", "1"))
