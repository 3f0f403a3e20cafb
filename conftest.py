"""pytest setup shared by suites/ and benchmarks/: backend report header and the registry parametrization."""

import gc
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402  (after the log level)
import pytest  # noqa: E402

from lossref import engine  # noqa: E402


def pytest_report_header(config):
    from lossref import backends

    backend = keras.backend.backend()
    versions = {"keras": keras.__version__, backend: backends.current().version()}
    profile = engine.default_profile()
    seeds = "derived per test (stable)" if profile in engine.STABLE_PROFILES else "random per test, printed on failure"
    env = {k: v for k, v in os.environ.items() if k.startswith(("KERAS_", "JAX_ENABLE", "LOSSREF_"))}
    return [f"lossref: backend={backend} {versions}", f"lossref: profile={profile}, seeds {seeds}", f"env: {env}"]


def pytest_configure(config):
    """The backend's adapter, imported before any test: it applies the settings its env asks for
    (LOSSREF_JAX_SHARED_IR_CONTEXT)."""
    from lossref import backends

    backends.current()


def pytest_collection_finish(session):
    """The imported frameworks and the collected items live to the end: keep them out of the cyclic collector's
    scans, and collect less often (JAX's tracing makes many short-lived cycles; a full collection over a
    multi-GB heap took about 5% of a JAX run)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


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
