"""pytest setup shared by suites/ and benchmarks/: backend report header and the registry parametrization."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402  (after the log level)

from lossref import engine  # noqa: E402


def pytest_report_header(config):
    from lossref import backends

    backend = keras.backend.backend()
    versions = {"keras": keras.__version__, backend: backends.current().version()}
    profile = engine.default_profile()
    seeds = "derived per test (stable)" if profile == "ci" else "random per test, printed on failure"
    env = {k: v for k, v in os.environ.items() if k.startswith(("KERAS_", "JAX_ENABLE", "LOSSREF_"))}
    return [f"lossref: backend={backend} {versions}", f"lossref: profile={profile}, seeds {seeds}", f"env: {env}"]
