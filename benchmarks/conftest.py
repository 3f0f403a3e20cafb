"""Benchmark parametrization (sizes by --bench and --device), thread pinning and the machine record."""

import os

import pytest

# keras and lossref.backends/benchmarking (which import the framework) are imported inside the hooks and
# fixtures: pytest-xdist's controller loads this file too, and runs no test


def pytest_generate_tests(metafunc):
    if "size" in metafunc.fixturenames:
        from lossref import benchmarking

        config = metafunc.config
        sizes = benchmarking.SIZES["smoke" if config.getoption("--bench") == "smoke" else config.getoption("--device")]
        metafunc.parametrize("size", sizes, ids=[benchmarking.size_label(s) for s in sizes])


def pytest_collection_modifyitems(config, items):
    """The smoke run checks each implementation once, forward+backward: it computes and checks the forward value
    too (its first output). lossref's and the native losses run compiled (the eager bodies are the functions the
    suites call eagerly); Keras's built-ins run eager: compiling them took a third of the smoke on TensorFlow and
    torch to test Keras's code, not lossref's, and the full run times every mode and pass."""
    if config.getoption("--bench") != "smoke":
        return

    def timed_alone(params):  # a benchmark row the smoke leaves to the full run (this hook sees suites/ too)
        mode = "eager" if params.get("implementation") == "keras" else "compiled"
        return "pass_" in params and (params["pass_"], params["mode"]) != ("forward_backward", mode)

    dropped = {item for item in items if timed_alone(getattr(getattr(item, "callspec", None), "params", {}))}
    if dropped:
        config.hook.pytest_deselected(items=list(dropped))
        items[:] = [item for item in items if item not in dropped]


@pytest.fixture(scope="session")
def device(pytestconfig):
    import keras

    from lossref import backends, benchmarking

    wanted = pytestconfig.getoption("--device")
    found = backends.current().device_name()
    if (found != "cpu") != (wanted == "gpu"):
        pytest.exit(f"--device {wanted} but the {keras.backend.backend()} backend sees {found!r} (hide GPUs with "
                    "CUDA_VISIBLE_DEVICES= for a CPU run)", returncode=2)
    if wanted == "cpu":
        backends.current().pin_threads(benchmarking.threads())
    return found


def pytest_benchmark_update_machine_info(config, machine_info):
    import keras

    from lossref import backends, benchmarking

    adapter = backends.current()
    machine_info["lossref"] = {
        "backend": keras.backend.backend(), "keras": keras.__version__, "framework": adapter.version(),
        "device": adapter.device_name(), "threads": benchmarking.threads(), "bench": config.getoption("--bench"),
        "env": {k: v for k, v in os.environ.items()
                if k in ("XLA_FLAGS", "OMP_NUM_THREADS", "LOSSREF_VALIDATE", "LOSSREF_TORCH_COMPILE_BACKEND",
                         "CUDA_VISIBLE_DEVICES")},
    }
