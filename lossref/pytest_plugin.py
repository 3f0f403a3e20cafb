"""`pytest --lossref`: each [[tool.lossref.check]] entry of the project's pyproject.toml on each of its backends,
as one pytest item. An item runs `lossref check` in a child process for its backend (Keras fixes its backend at
import), so one pytest run covers the three; `-k`, `-x`, xdist and pytest's own `--junitxml` work as for any test.
The entry point (`pytest11`) loads this module in every pytest run; without `--lossref` it adds nothing."""

import json
import subprocess
import sys

import pytest

from lossref import config as lossref_config
from lossref.cli._children import FRAMEWORK_NOISE, NOT_INSTALLED, RESULT_TAG, backend_env


def pytest_addoption(parser):
    parser.getgroup("lossref").addoption(
        "--lossref", action="store_true",
        help="check the losses declared in pyproject.toml ([[tool.lossref.check]]) on each of their backends")


class LossrefDiffers(Exception):
    """A check that did not conform: its report is the failure."""


class LossrefChecks(pytest.Collector):
    def __init__(self, *, root, entries, **kwargs):
        super().__init__(**kwargs)
        self.root, self.entries = root, entries

    def collect(self):
        for entry in self.entries:
            for backend in entry.backends:
                yield LossrefItem.from_parent(self, name=f"{entry.name} [{backend}]", entry=entry, backend=backend)


class LossrefItem(pytest.Item):
    def __init__(self, *, entry, backend, **kwargs):
        super().__init__(**kwargs)
        self.entry, self.backend = entry, backend

    def runtest(self):
        arguments = ["check", *self.entry.arguments(self.parent.root), "--in-process"]
        child = subprocess.run([sys.executable, "-m", "lossref", *arguments], env=backend_env(self.backend),
                               capture_output=True, text=True, cwd=self.parent.root)
        lines = child.stdout.splitlines()
        result = next((json.loads(line[len(RESULT_TAG):]) for line in lines if line.startswith(RESULT_TAG)), None)
        if result is None and child.returncode == NOT_INSTALLED:
            pytest.skip(f"backend {self.backend} is not installed")
        if child.returncode != 0:
            text = result["report"] if result else "\n".join(
                line for line in (child.stdout + child.stderr).splitlines() if not FRAMEWORK_NOISE.match(line))
            raise LossrefDiffers(text)

    def repr_failure(self, excinfo):
        return str(excinfo.value) if isinstance(excinfo.value, LossrefDiffers) else super().repr_failure(excinfo)

    def reportinfo(self):
        return self.parent.root / "pyproject.toml", None, f"lossref check {self.name}"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    """The entries' items, added before -k and -m deselect."""
    if not config.getoption("lossref"):
        return
    try:
        # the project pytest runs in: the nearest pyproject.toml above the directory it was started from (pytest's
        # rootdir may be a parent project's, where that one configures pytest and this one does not)
        root, entries = lossref_config.load(lossref_config.find_pyproject(config.invocation_params.dir))
    except ValueError as error:
        raise pytest.UsageError(f"lossref: {error}") from None
    checks = LossrefChecks.from_parent(session, name="lossref", root=root, entries=entries)
    items.extend(checks.collect())
