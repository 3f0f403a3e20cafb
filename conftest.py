"""pytest setup shared by suites/ and benchmarks/: backend report header and the registry parametrization.

Keras, and with it the framework, is imported where tests run: pytest-xdist's controller process only hands
out tests, and a framework import costs it several CPU-seconds (TensorFlow and torch) for nothing."""

import contextlib
import gc
import importlib.metadata
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import pytest  # noqa: E402

from lossref import engine  # noqa: E402

FRAMEWORK_PACKAGES = {"tensorflow": ("tensorflow", "tensorflow-cpu"), "jax": ("jax",), "torch": ("torch",)}


def _controller(config):
    """pytest-xdist's controller: it runs no test itself."""
    return bool(getattr(config.option, "numprocesses", None)) and not hasattr(config, "workerinput")


def _installed(packages):
    for package in packages:
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "not installed"


def pytest_report_header(config):
    backend = os.environ.get("KERAS_BACKEND")
    if backend is None:  # Keras's own choice (its config file)
        import keras

        backend = keras.backend.backend()
    versions = {"keras": _installed(["keras"]), backend: _installed(FRAMEWORK_PACKAGES.get(backend, (backend,)))}
    profile = engine.default_profile()
    seeds = "derived per test (stable)" if profile in engine.STABLE_PROFILES else "random per test, printed on failure"
    env = {k: v for k, v in os.environ.items() if k.startswith(("KERAS_", "JAX_ENABLE", "LOSSREF_"))}
    return [f"lossref: backend={backend} {versions}", f"lossref: profile={profile}, seeds {seeds}", f"env: {env}"]


def pytest_configure(config):
    """The backend's adapter, imported before any test: it applies the settings its env asks for
    (LOSSREF_JAX_SHARED_IR_CONTEXT), and a test process ends without JAX's cache clean-up."""
    if _controller(config):
        return
    from lossref import backends

    adapter = backends.current()
    getattr(adapter, "skip_exit_cleanup", lambda: None)()


def pytest_collection_finish(session):
    """The imported frameworks and the collected items live to the end: keep them out of the cyclic collector's
    scans, and collect less often (JAX's tracing makes many short-lived cycles; a full collection over a
    multi-GB heap took about 5% of a JAX run)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


def pytest_sessionfinish(session):
    """Everything the tests left is freed with the process: out of the full collections pytest's
    unraisable-exception check runs at exit (seconds each over a JAX worker's heap)."""
    gc.freeze()


@pytest.fixture(autouse=True)
def _failures_expected_unshrunk(request):
    """A test marked xfail (strict throughout lossref: a recorded divergence's witness) fails without shrinking."""
    marker = request.node.get_closest_marker("xfail")
    expected = marker is not None and bool(marker.args[0] if marker.args else marker.kwargs.get("condition", True))
    with engine.without_shrinking() if expected else contextlib.nullcontext():
        yield


def pytest_collection_modifyitems(config, items):
    """Tests marked slow run in the thorough profile, or when selected with `-m slow`."""
    if engine.default_profile() == "thorough" or "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: runs in the thorough profile (LOSSREF_PROFILE=thorough) or with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def pytest_addoption(parser):
    group = parser.getgroup("lossref benchmarks")
    group.addoption("--device", choices=["cpu", "gpu"], default="cpu",
                    help="benchmark on this device: gpu adds sizes 2^24 and 2^26 and fails without a GPU")
    group.addoption("--bench", choices=["smoke", "full"], default="smoke",
                    help="smoke: size 2^10 only, each body run as the benchmark plugin decides (CI); full: all sizes")
