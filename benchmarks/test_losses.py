"""Every registry loss × implementation (lossref, Keras built-in, native) × size × mode × pass, timed on this
backend. The first call (tracing and compilation) is timed apart, in extra_info["first_call_s"]; the steady
state is what pytest-benchmark measures, each call synchronized with the device. Before timing, each
implementation's value must match lossref's on the same arrays, so every ratio compares the same maths."""

import functools
import time

import keras
import numpy as np
import pytest
from keras import ops

from lossref import backends, benchmarking, registry
from lossref.losses import validation

ADAPTER = backends.current()
BACKEND = keras.backend.backend()
NATIVES = benchmarking.natives(ADAPTER, BACKEND)
FLOAT64 = ops.convert_to_tensor(np.float64(1.0)).dtype == "float64"  # False on JAX without JAX_ENABLE_X64


@pytest.fixture(scope="module", autouse=True)
def no_eager_validation():
    """lossref's eager input checks copy values to the host on every call: off, as in production loops."""
    with validation.disabled():
        yield


@functools.lru_cache(maxsize=1)  # the 12 cases of one (loss, size) run one after another
def arrays_and_value(loss, size):
    """The inputs as tensors, and lossref's forward value on them (what every implementation must match)."""
    spec = registry.get(loss)
    y_true, y_pred = (ops.convert_to_tensor(x) for x in benchmarking.inputs(spec, size))
    expected = float(ops.convert_to_numpy(benchmarking.loss_callable(spec, "lossref", NATIVES)(y_true, y_pred)))
    return y_true, y_pred, expected


@pytest.mark.parametrize("pass_", benchmarking.PASSES)
@pytest.mark.parametrize("mode", benchmarking.MODES)
@pytest.mark.parametrize("implementation", benchmarking.IMPLEMENTATIONS)
@pytest.mark.parametrize("loss", registry.names())
def test_loss(benchmark, device, loss, implementation, mode, size, pass_):
    spec = registry.get(loss)
    fn = benchmarking.loss_callable(spec, implementation, NATIVES)
    if fn is None:
        pytest.skip(f"no {implementation} counterpart of {loss} on {BACKEND}")
    if size > spec.max_size:
        pytest.skip(f"{loss} above {benchmarking.size_label(spec.max_size)} elements (its Bench.max_size: memory "
                    "grows as batch² or more)")
    y_true, y_pred, expected = arrays_and_value(loss, size)
    step = ADAPTER.bench_callable(fn, mode == "compiled", pass_ == "forward_backward")
    wrong = spec.bench.known_wrong(BACKEND, implementation, mode, pass_, FLOAT64)
    start = time.perf_counter()
    try:
        out = ADAPTER.synchronize(step(y_true, y_pred))
    except Exception as error:
        if ADAPTER.compiler_unavailable(error):
            pytest.skip(f"{BACKEND}'s compiler does not work here: {str(error).splitlines()[0]}")
        if wrong:  # a strict xfail: it raises, as recorded
            pytest.xfail(wrong)
        raise
    first_call = time.perf_counter() - start
    value = float(ops.convert_to_numpy(out[0] if pass_ == "forward_backward" else out))
    same = np.isclose(value, expected, rtol=1e-4, atol=1e-5)
    if wrong:  # a strict xfail: a fixed release shows here
        assert not same, f"{implementation} {mode} {pass_} {loss} on {BACKEND} now agrees: remove Bench.wrong ({wrong})"
        pytest.xfail(wrong)
    assert same, f"{implementation} {loss} on {BACKEND} gives {value!r}, lossref {expected!r}: not the same loss"
    benchmark.group = f"{loss} {benchmarking.size_label(size)} {mode} {pass_}"
    benchmark.extra_info.update(loss=loss, implementation=implementation, mode=mode, size=size, pass_=pass_,
                                backend=BACKEND, device=device, first_call_s=first_call,
                                elementwise=spec.bench.elementwise,
                                bytes=benchmarking.bytes_moved(size, pass_ == "forward_backward"))
    benchmark(lambda: ADAPTER.synchronize(step(y_true, y_pred)))
