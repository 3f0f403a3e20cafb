"""One child process per backend: Keras fixes its backend at import, so `--backend all` runs each in turn."""

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time

from lossref.config import BACKEND_CHOICES

RESULT_TAG = "LOSSREF-RESULT "  # a child's one-line JSON result on stdout
PROGRESS_TAG = "LOSSREF-PROGRESS "  # a child's progress line: one updating line in a terminal, plain in a log
NOT_INSTALLED = 3  # a child's exit code when its backend cannot be imported
# what TensorFlow's C++ runtime (absl) and XLA print at import, whatever TF_CPP_MIN_LOG_LEVEL says; `-v` shows it
FRAMEWORK_NOISE = re.compile(r"^(WARNING: All log messages before absl::InitializeLog\(\)|[IWE]\d{4} \d\d:\d\d:"
                             r"|To enable the following instructions: |WARNING: Logging before InitGoogleLogging"
                             r"|WARNING:tensorflow:\d+ out of the last \d+ calls to )")  # a new model per run retraces


def missing_extra(command, needs, extra):
    """A usage error (one line, exit 2) naming the extra to install when an optional dependency is missing.
    needs: {importable module: pip package}."""
    missing = [package for module, package in needs.items() if importlib.util.find_spec(module) is None]
    if not missing:
        return None
    print(f"lossref {command}: usage error: it needs {' and '.join(missing)}: pip install -e '.[{extra}]' "
          f"(or pip install {' '.join(missing)})", file=sys.stderr)
    return 2


def selected_backends(choice):
    return BACKEND_CHOICES if choice == "all" else (choice,)


def backend_env(backend, **extra):
    """This process's environment for a child that runs Keras on `backend` (float64 on JAX)."""
    env = {"TF_CPP_MIN_LOG_LEVEL": "2", **os.environ, "KERAS_BACKEND": backend, **extra}
    if backend == "jax":
        env.setdefault("JAX_ENABLE_X64", "1")
    return env


def run_child(arguments, backend, updating=True):
    """`python -m lossref ARGUMENTS` on `backend`, its output echoed: (exit code, the JSON it printed after
    RESULT_TAG or None, seconds). updating=False: progress as plain lines (children running side by side)."""
    print(f"== {backend}", flush=True)
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "lossref", *arguments], env=backend_env(backend),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    result, verbose, midline = None, os.environ.get("LOSSREF_VERBOSE") == "1", False
    terminal = sys.stdout.isatty() and updating
    for line in child.stdout:
        if line.startswith(RESULT_TAG):
            result = json.loads(line[len(RESULT_TAG):])
            continue
        if line.startswith(PROGRESS_TAG) and terminal:
            width = shutil.get_terminal_size().columns - 1
            print("\r" + line[len(PROGRESS_TAG):].rstrip()[:width].ljust(width), end="", flush=True)
            midline = True
            continue
        if midline:  # the next plain line starts below the progress line
            print(flush=True)
            midline = False
        if verbose or not FRAMEWORK_NOISE.match(line):
            print(line.removeprefix(PROGRESS_TAG), end="", flush=True)
    return child.wait(), result, time.perf_counter() - start


def send_result(result):
    """From a child: the JSON line its parent reads."""
    print(RESULT_TAG + json.dumps(result), flush=True)


def backend_missing():
    """In a child: NOT_INSTALLED (after saying so) when Keras or its backend cannot be imported here, else None."""
    try:
        import keras

        keras.ops.convert_to_tensor(0.0)
    except ImportError as error:
        print(f"backend {os.environ.get('KERAS_BACKEND', 'tensorflow')} is not installed: {error}", file=sys.stderr)
        return NOT_INSTALLED
    return None
