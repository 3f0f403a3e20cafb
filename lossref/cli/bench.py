"""`lossref bench` (benchmarks/ once per backend) and `lossref report` (the Markdown report and charts)."""

import argparse
import os
import subprocess
import sys

from lossref.cli._children import BACKEND_CHOICES, backend_env, missing_extra, selected_backends


def cmd_report(args):
    missing = missing_extra("report", {"matplotlib": "matplotlib"}, "bench")
    if missing:
        return missing
    from lossref.bench_report import ReportError, build

    try:
        path = build(args.files, args.out)
    except ReportError as error:
        print(f"lossref report: {error}", file=sys.stderr)
        return 2
    print(f"report written to {path}")
    return 0


BENCH_ENV = {  # one thread per backend on CPU, so the backends compare like for like
    "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1",
    "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1", "LOSSREF_BENCH_THREADS": "1",
}


def cmd_bench(args):
    """pytest benchmarks once per backend (one process each), then `lossref report` on the JSON files."""
    missing = missing_extra("bench", {"pytest": "pytest", "pytest_benchmark": "pytest-benchmark",
                                      "matplotlib": "matplotlib"}, "bench")
    if missing:
        return missing
    from lossref.bench_report import drop_raw_timings

    checkout = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if not os.path.isdir(os.path.join(checkout, "benchmarks")):
        print(f"lossref bench runs the benchmarks/ folder of a lossref checkout; none at {checkout}", file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    files, codes = [], []
    for backend in selected_backends(args.backend):
        path = _json_path(args, backend)
        env = backend_env(backend, **(BENCH_ENV if args.device == "cpu" else {}))
        env.pop("JAX_ENABLE_X64", None)  # float32 throughout
        command = [sys.executable, "-m", "pytest", "benchmarks", "-p", "no:cacheprovider", "-p", "no:xdist",
                   f"--device={args.device}", f"--bench={args.bench}", f"--benchmark-json={path}",
                   "--benchmark-min-rounds=5", "--benchmark-max-time=0.1", "--benchmark-warmup=on",
                   "--benchmark-warmup-iterations=2", "--benchmark-disable-gc", "-q", *args.pytest_args]
        print(f"== {backend}: {' '.join(command[2:])}", flush=True)
        codes.append(subprocess.call(command, env=env, cwd=checkout))
        if os.path.exists(path):
            drop_raw_timings(path)
            files.append(path)
    if not files:
        print("no benchmark JSON was written", file=sys.stderr)
        return 2
    # the report covers every backend measured on this device in this folder, not only the ones run now
    for backend in [b for b in BACKEND_CHOICES if b not in selected_backends(args.backend)]:
        earlier = _json_path(args, backend)
        if os.path.exists(earlier):
            print(f"the report keeps the earlier {backend} measurements: {earlier}", flush=True)
            files.append(earlier)
    code = cmd_report(argparse.Namespace(files=files, out=args.out))
    return max(codes + [code])


def _json_path(args, backend):
    """Where one backend's measurements on this device go (and are found again by a later run)."""
    return os.path.abspath(os.path.join(args.out, f"bench-{args.device}-{backend}.json"))
