"""What the benchmarks time: inputs of a given size drawn from each loss's domain, the parameters, and the
three implementations of one loss (lossref, the Keras built-in, the framework's native loss) as
`(y_true, y_pred) -> scalar mean`, so every row compares the same mathematics on the same arrays."""

import math
import os

import numpy as np
from keras import ops

from lossref import registry
from lossref.properties import keras_builtin

SIZES = {"smoke": (2**10,), "cpu": (2**10, 2**16, 2**20), "gpu": (2**10, 2**16, 2**20, 2**24, 2**26)}
IMPLEMENTATIONS = ("lossref", "keras", "native")
MODES = ("eager", "compiled")
PASSES = ("forward", "forward_backward")


def natives(adapter, backend):
    """The backend adapter's native losses, keyed by registry name; each must be one its record names for this
    backend, and every record naming one must have it (a misspelt key fails here, when the table is built)."""
    table = registry.keyed_by_name(adapter.native_losses(), f"{backend} native losses")
    recorded = {spec.name for spec in registry.SPECS if backend in spec.bench.natives}
    if set(table) != recorded:
        raise registry.RecordError(f"{backend} native losses {sorted(set(table) ^ recorded)}: the adapter and the "
                                   "records' Bench.natives disagree")
    return table


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
    return spec.domain.bench(size, np.random.default_rng(seed), "from_logits" in spec.defaults)


def loss_callable(spec, implementation, natives):
    """(y_true, y_pred) -> scalar mean for one implementation, or None where there is none."""
    params = bench_params(spec)
    if implementation == "lossref":
        return lambda t, p: ops.mean(spec.fn(t, p, **params))
    if implementation == "keras":
        if not spec.keras:
            return None
        builtin = keras_builtin(spec)
        return lambda t, p: ops.mean(builtin(t, p, **params))
    return natives.get(spec.name)


def bytes_moved(size, backward):
    """The least memory traffic of one call, in bytes: read y_true and y_pred (float32), and for the
    backward pass write the gradient too. The bandwidth bound is this over the device's bandwidth."""
    return 4 * size * (3 if backward else 2)


def threads():
    return int(os.environ.get("LOSSREF_BENCH_THREADS", "1"))
