"""`lossref convergence`: the convergence runs, one child process per backend, then the table and plots."""

import json
import os
import sys
import time

from lossref import index as catalogue
from lossref.cli._children import (
    NOT_INSTALLED,
    PROGRESS_TAG,
    backend_missing,
    missing_extra,
    run_child,
    selected_backends,
)


def cmd_convergence(args):
    """Train the convergence runs, one child process per backend; then the table, the spread and the plots."""
    if args.in_process:
        return convergence_here(args)
    unknown = [name for name in args.loss or [] if name not in catalogue.names()]
    if unknown:
        print(f"lossref convergence: usage error: {catalogue.unknown_loss(unknown[0], catalogue.names())}",
              file=sys.stderr)
        return 2
    missing = missing_extra("convergence", {"sklearn": "scikit-learn", "matplotlib": "matplotlib"}, "convergence")
    if missing:
        return missing
    from lossref.convergence import report

    os.makedirs(args.out, exist_ok=True)
    codes, results = [], {}
    for backend in selected_backends(args.backend):
        command = ["convergence", "--in-process", "--out", args.out] + (["--all"] if args.all else [])
        command += [f"--loss={name}" for name in args.loss or []]
        code, _, _ = run_child(command, backend)
        if code == NOT_INSTALLED:
            continue
        if code == 2:  # a usage error is the same on every backend
            return 2
        codes.append(code)
        path = os.path.join(args.out, f"convergence-{backend}.json")
        if code in (0, 1) and os.path.exists(path):
            with open(path) as handle:
                results[backend] = json.load(handle)
    if not codes:
        print("no backend could run: install at least one of tensorflow, jax, torch", file=sys.stderr)
        return 2
    if results:
        report.plot(results, os.path.join(args.out, "convergence.png"))
    table = report.markdown(results)
    with open(os.path.join(args.out, "convergence.md"), "w") as handle:
        handle.write(table + "\n")
    print("\n" + table)
    spread = report.spread_failures(results)
    for line in spread:
        print("SPREAD " + line)
    written = ["convergence.md"] + (["convergence.png"] if results else []) + \
        [f"convergence-{backend}.json" for backend in results]
    print(f"\nwritten to {args.out}: {', '.join(written)}")
    return 2 if any(c not in (0, 1) for c in codes) else max(codes + [1 if spread else 0])


def convergence_here(args):
    if backend_missing():
        return NOT_INSTALLED
    import platform

    import keras

    from lossref import backends, registry
    from lossref.convergence.report import BARS
    from lossref.convergence.train import describe, run_id, train

    try:
        specs = [registry.get(name) for name in args.loss or registry.names()]
    except ValueError as error:
        print(f"lossref convergence: usage error: {error}", file=sys.stderr)
        return 2
    runs, failed, start = [], 0, time.perf_counter()
    todo = [(spec, index, case) for spec in specs for index, case in enumerate(spec.training)
            if args.all or args.loss or not case.slow]
    for number, (spec, index, case) in enumerate(todo, 1):
        rid = run_id(spec.name, index)
        print(f"{PROGRESS_TAG}{keras.backend.backend()} [{number}/{len(todo)}, {time.perf_counter() - start:.0f} s] "
              f"training {rid}", flush=True)
        run = train(spec, case)
        runs.append({"id": rid, "index": index, **run.as_dict(), **{key: getattr(case, key) for key in BARS}})
        status = "ok" if run.passed else "FAIL"
        print(f"{status:4} {rid:40} {run.metric_name} {run.metric:.4f} "
              f"(bar {case.bar:g}), loss {run.initial:.4g} → {run.final:.4g}, {run.seconds:.1f} s", flush=True)
        if not run.passed:
            failed += 1
            print(describe(run, index), flush=True)
    backend = keras.backend.backend()
    result = {"backend": backend, "versions": {"keras": keras.__version__, backend: backends.current().version()},
              "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
                          "cpus": os.cpu_count()}, "runs": runs}
    with open(os.path.join(args.out, f"convergence-{backend}.json"), "w") as handle:
        json.dump(result, handle, indent=1)
    return 1 if failed else 0
