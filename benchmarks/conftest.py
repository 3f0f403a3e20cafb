"""Benchmark parametrization (sizes by --bench and --device), thread pinning and the machine record."""

import os

import keras
import pytest

from lossref import backends, benchmarking, registry


def pytest_generate_tests(metafunc):
    if "size" in metafunc.fixturenames:
        config = metafunc.config
        sizes = benchmarking.SIZES["smoke" if config.getoption("--bench") == "smoke" else config.getoption("--device")]
        metafunc.parametrize("size", sizes, ids=[benchmarking.size_label(s) for s in sizes])


def pytest_collection_modifyitems(config, items):
    """The smoke run checks each implementation once, forward+backward (the forward value is its first output):
    lossref's compiled, the path the suites do not take on every backend (torch.compile), and the Keras built-in's
    and the native loss's eager, their values and the harness, plus their compiled row where the record says it
    is wrong (a strict xfail must run to stay honest). The full run times every mode and pass."""
    if config.getoption("--bench") != "smoke":
        return
    dropped = {item for item in items if not in_smoke(getattr(getattr(item, "callspec", None), "params", {}))}
    if dropped:
        config.hook.pytest_deselected(items=list(dropped))
        items[:] = [item for item in items if item not in dropped]


def in_smoke(params):
    """Whether a benchmark row runs in the smoke (this hook sees suites/ too: anything else stays)."""
    if "pass_" not in params:
        return True
    implementation, mode = params["implementation"], params["mode"]
    if params["pass_"] != "forward_backward":
        return False
    if implementation == "lossref":
        return mode == "compiled"
    wrong = registry.get(params["loss"]).bench.known_wrong(keras.backend.backend(), implementation, "compiled",
                                                           "forward_backward")
    return mode == "eager" or bool(wrong)


@pytest.fixture(scope="session")
def device(pytestconfig):
    wanted = pytestconfig.getoption("--device")
    found = backends.current().device_name()
    if (found != "cpu") != (wanted == "gpu"):
        pytest.exit(f"--device {wanted} but the {keras.backend.backend()} backend sees {found!r} (hide GPUs with "
                    "CUDA_VISIBLE_DEVICES= for a CPU run)", returncode=2)
    if wanted == "cpu":
        backends.current().pin_threads(benchmarking.threads())
    return found


def pytest_benchmark_update_machine_info(config, machine_info):
    adapter = backends.current()
    machine_info["lossref"] = {
        "backend": keras.backend.backend(), "keras": keras.__version__, "framework": adapter.version(),
        "device": adapter.device_name(), "threads": benchmarking.threads(), "bench": config.getoption("--bench"),
        "env": {k: v for k, v in os.environ.items()
                if k in ("XLA_FLAGS", "OMP_NUM_THREADS", "LOSSREF_VALIDATE", "CUDA_VISIBLE_DEVICES")},
    }
