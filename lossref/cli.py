"""The `lossref` command: list the catalogue, print the gradient table, replay a saved counterexample."""

import argparse
import ast
import json
import os
import subprocess
import sys
import time

BACKEND_CHOICES = ("tensorflow", "jax", "torch")
RESULT_TAG = "LOSSREF-CHECK-RESULT "
NOT_INSTALLED = 3


def cmd_list(args):
    from lossref import registry

    rows = [(s.name, s.family, s.describe_params(), f"lossref.reference.{s.family}.{s.name}",
             f"keras.losses.{s.keras}" if s.keras else "-", s.source) for s in registry.SPECS]
    headers = ("name", "family", "params", "reference", "built-in", "source")
    if args.format == "json":
        print(json.dumps([dict(zip(headers, row, strict=False)) for row in rows], indent=2))
        return 0
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
    for row in [headers] + rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip())
    print(f"\n{len(rows)} losses")
    return 0


def gradient_table():
    """Markdown: per loss, the gradient oracles, its kinks and what each backend returns there."""
    from lossref import registry
    from lossref.registry.spec import BACKENDS

    lines = ["| loss | oracles | kink | " + " | ".join(BACKENDS) + " |", "|---" * (3 + len(BACKENDS)) + "|"]
    for spec in registry.SPECS:
        oracles = ("analytic + " if spec.gradient else "") + "finite differences"
        if not spec.kink_points:
            masked = "smooth" if spec.kinks is None else "not pinned; masked: " + spec.kinks.__doc__.split("\n")[0]
            lines.append(f"| {spec.name} | {oracles} | {masked} |" + " |" * len(BACKENDS))
        for kink in spec.kink_points:
            values = [kink.pinned.get(b, kink.pinned.get("*")) for b in BACKENDS]
            cells = " | ".join("[" + ", ".join(f"{v:.6g}" for v in value) + "]" for value in values)
            lines.append(f"| {spec.name} | {oracles} | {kink.where} | {cells} |")
    return "\n".join(lines).replace("|e|", "\\|e\\|")


def cmd_gradients(args):
    print(gradient_table())
    return 0


def cmd_bad_inputs(args):
    """--json FILE: survey this backend; --merge FILES: the Markdown table from several backends' surveys."""
    from lossref import bad_inputs

    if args.merge:
        surveys = {}
        for path in args.merge:
            with open(path) as handle:
                data = json.load(handle)
            surveys[data["backend"]] = data["rows"]
        print(bad_inputs.markdown(surveys))
        return 0
    import keras

    rows = bad_inputs.survey()
    text = json.dumps({"backend": keras.backend.backend(), "rows": rows}, indent=1)
    if args.json:
        with open(args.json, "w") as handle:
            handle.write(text)
    else:
        print(text)
    return 0


def cmd_replay(args):
    import numpy as np

    from lossref import engine
    from lossref.battery import find_property
    from lossref.strategies import Case
    from lossref.target import load_target

    data = np.load(args.npz, allow_pickle=False)
    meta = json.loads(str(data["meta"]))
    target = load_target(meta["target"], meta["against"], meta.get("fixed"))
    extras = {**meta.get("extras", {}), **{k[len("extra_"):]: data[k] for k in data.files if k.startswith("extra_")}}
    case = Case(data["y_true"], data["y_pred"], meta["params"], extras)
    failure = engine.replay(find_property(meta["property"]), target, meta["dtype"], case)
    if failure is None:
        print(f"property '{meta['property']}' holds on this case ({target.label}, backend {target.backend})")
        return 0
    print(failure)
    return 1


def parse_params(pairs):
    """["delta=2", "from_logits=true", "axis=(1, 2)"] -> {"delta": 2, "from_logits": True, "axis": (1, 2)}."""
    params = {}
    for pair in pairs or []:
        key, sep, text = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"--param expects KEY=VALUE, got {pair!r}")
        lowered = {"true": "True", "false": "False", "none": "None", "null": "None"}.get(text.lower(), text)
        try:
            value = ast.literal_eval(lowered)
        except (ValueError, SyntaxError):
            value = text
        params[key] = tuple(value) if isinstance(value, list) else value
    return params


def selected_backends(choice):
    return BACKEND_CHOICES if choice == "all" else (choice,)


def backend_env(backend, **extra):
    """This process's environment for a child that runs Keras on `backend`."""
    return {"TF_CPP_MIN_LOG_LEVEL": "2", **os.environ, "KERAS_BACKEND": backend, **extra}


def run_child(arguments, backend):
    """`python -m lossref ARGUMENTS` in a child process on `backend` (Keras fixes its backend at import), its
    output echoed: (exit code, the JSON it printed after RESULT_TAG or None, seconds)."""
    env = backend_env(backend)
    if backend == "jax":
        env["JAX_ENABLE_X64"] = "1"
    print(f"== {backend}", flush=True)
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "lossref", *arguments], env=env, stdout=subprocess.PIPE, text=True)
    result = None
    for line in child.stdout:
        if line.startswith(RESULT_TAG):
            result = json.loads(line[len(RESULT_TAG):])
        else:
            print(line, end="", flush=True)
    return child.wait(), result, time.perf_counter() - start


def backend_missing():
    """An error line when Keras or its backend cannot be imported here, else None."""
    try:
        import keras

        keras.ops.convert_to_tensor(0.0)
    except ImportError as error:
        return f"backend {os.environ.get('KERAS_BACKEND', 'tensorflow')} is not installed: {error}"
    return None


def cmd_check(args):
    """One child process per backend (Keras fixes its backend at import); a per-backend table at the end."""
    if args.in_process:
        return check_here(args)
    rows, codes = [], []
    for backend in selected_backends(args.backend):
        command = ["check", args.target, "--against", args.against, "--in-process", "--profile", args.profile,
                   "--dtype", args.dtype] + [f"--param={p}" for p in args.param or []]
        if args.seed is not None:
            command += ["--seed", str(args.seed)]
        code, result, seconds = run_child(command, backend)
        if code == NOT_INSTALLED:
            rows.append((backend, "not installed (skipped)", "-", seconds))
            continue
        codes.append(code)
        if result is None:
            rows.append((backend, "usage error" if code == 2 else f"crashed (exit {code})", "-", seconds))
        else:
            rows.append((backend, "conforms" if result["passed"] else "FAILS", ", ".join(result["failed"]) or "-",
                         seconds))
    print(f"\nlossref check {args.target} --against {args.against} ({args.dtype}, profile {args.profile})")
    print(f"  {'backend':<12} {'result':<24} {'failed properties':<40} seconds")
    for backend, verdict, failed, seconds in rows:
        print(f"  {backend:<12} {verdict:<24} {failed:<40} {seconds:.0f}")
    if not codes:
        print("no backend could run: install at least one of tensorflow, jax, torch", file=sys.stderr)
        return 2
    if 2 in codes or any(c not in (0, 1) for c in codes):
        return 2
    return max(codes)


def check_here(args):
    missing = backend_missing()
    if missing:
        print(missing, file=sys.stderr)
        return NOT_INSTALLED
    from lossref.checker import check
    from lossref.registry import get
    from lossref.target import load_object, user_target

    try:
        params = parse_params(args.param)
        loss = load_object(args.target)
        user_target(loss, get(args.against), args.target, params)  # validates the target, name and params
    except Exception as error:  # noqa: BLE001 - any import or validation error is a usage error
        print(f"lossref check: usage error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    report = check(loss, args.against, params=params, profile=args.profile, seed=args.seed, dtype=args.dtype,
                   progress=lambda line: print(line, file=sys.stderr, flush=True), ref=args.target)
    print(report, flush=True)
    failed = sorted({f.property for f in report.failures})
    print(RESULT_TAG + json.dumps({"backend": report.backend, "passed": report.passed, "failed": failed}), flush=True)
    return 0 if report.passed else 1


def cmd_convergence(args):
    """Train the convergence runs, one child process per backend; then the table, the spread and the plots."""
    if args.in_process:
        return convergence_here(args)
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
            report.plot(results[backend], os.path.join(args.out, f"convergence-{backend}.png"))
    if not codes:
        print("no backend could run: install at least one of tensorflow, jax, torch", file=sys.stderr)
        return 2
    table = report.markdown(results)
    with open(os.path.join(args.out, "convergence.md"), "w") as handle:
        handle.write(table + "\n")
    print("\n" + table)
    spread = report.spread_failures(results)
    for line in spread:
        print("SPREAD " + line)
    print(f"\nwritten to {args.out}: convergence.md, convergence-<backend>.json and .png")
    return 2 if any(c not in (0, 1) for c in codes) else max(codes + [1 if spread else 0])


def convergence_here(args):
    missing = backend_missing()
    if missing:
        print(missing, file=sys.stderr)
        return NOT_INSTALLED
    import platform

    import keras

    from lossref import backends, registry
    from lossref.convergence.train import describe, run_id, train

    try:
        specs = [registry.get(name) for name in args.loss or registry.names()]
    except ValueError as error:
        print(f"lossref convergence: usage error: {error}", file=sys.stderr)
        return 2
    runs, failed = [], 0
    for spec in specs:
        for index, case in enumerate(spec.training):
            if case.slow and not (args.all or args.loss):
                continue
            run = train(spec, case)
            rid = run_id(spec.name, index)
            runs.append({"id": rid, "index": index, **run.as_dict()})
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


def cmd_report(args):
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
    from lossref.bench_report import drop_raw_timings

    checkout = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not os.path.isdir(os.path.join(checkout, "benchmarks")):
        print(f"lossref bench runs the benchmarks/ folder of a lossref checkout; none at {checkout}", file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    files, codes = [], []
    for backend in selected_backends(args.backend):
        path = os.path.abspath(os.path.join(args.out, f"bench-{args.device}-{backend}.json"))
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
    code = cmd_report(argparse.Namespace(files=files, out=args.out))
    return max(codes + [code])


def main(argv=None):
    parser = argparse.ArgumentParser(prog="lossref", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_list = sub.add_parser("list", help="print the catalogue of registry losses")
    p_list.add_argument("--format", choices=["table", "json"], default="table")
    p_list.set_defaults(run=cmd_list)
    p_grad = sub.add_parser("gradients", help="print the gradient oracle and kink table (Markdown)")
    p_grad.set_defaults(run=cmd_gradients)
    p_check = sub.add_parser("check", help="run the property battery on your loss against a registry loss",
                             description="Exit 0: conforms; 1: a property fails; 2: usage error.")
    p_check.add_argument("target", help="package.module:attribute or path/to/file.py:attribute")
    p_check.add_argument("--against", required=True, help="a registry name from `lossref list`")
    p_check.add_argument("--param", action="append", metavar="KEY=VALUE", help="fix a parameter (repeatable)")
    p_check.add_argument("--backend", choices=BACKEND_CHOICES + ("all",), default="all")
    p_check.add_argument("--profile", choices=["quick", "ci", "dev", "thorough"], default="ci")
    p_check.add_argument("--seed", type=int)
    p_check.add_argument("--dtype", choices=["float32", "float64", "all"], default="float32")
    p_check.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    p_check.set_defaults(run=cmd_check)
    p_conv = sub.add_parser("convergence", help="train a small MLP with each loss on each backend",
                            description="Exit 0: every run meets its bars and the backends agree; 1: not.")
    p_conv.add_argument("--backend", choices=BACKEND_CHOICES + ("all",), default="all")
    p_conv.add_argument("--loss", action="append", metavar="NAME",
                        help="only this loss (repeatable; slow runs included)")
    p_conv.add_argument("--all", action="store_true", help="include the runs marked slow")
    p_conv.add_argument("--out", default="convergence-results", help="folder for the JSON, Markdown and PNG files")
    p_conv.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    p_conv.set_defaults(run=cmd_convergence)
    p_report = sub.add_parser("report", help="merge pytest-benchmark JSON files into a Markdown report with charts")
    p_report.add_argument("files", nargs="+", help="JSON files written by benchmarks/ (--benchmark-json)")
    p_report.add_argument("--out", default="bench-report", help="folder for README.md and the PNG charts")
    p_report.set_defaults(run=cmd_report)
    p_bench = sub.add_parser("bench", help="run benchmarks/ on each backend, then the report")
    p_bench.add_argument("--backend", choices=BACKEND_CHOICES + ("all",), default="all")
    p_bench.add_argument("--device", choices=["cpu", "gpu"], default="cpu")
    p_bench.add_argument("--bench", choices=["smoke", "full"], default="full")
    p_bench.add_argument("--out", default="bench-report")
    p_bench.add_argument("pytest_args", nargs="*", help="more pytest arguments, after --")
    p_bench.set_defaults(run=cmd_bench)
    p_bad = sub.add_parser("bad-inputs", help="survey bad inputs on this backend, or merge surveys into Markdown")
    p_bad.add_argument("--json", help="write this backend's survey here")
    p_bad.add_argument("--merge", nargs="+", help="survey JSON files to merge into the Markdown table")
    p_bad.set_defaults(run=cmd_bad_inputs)
    p_replay = sub.add_parser("replay", help="re-run a saved counterexample (.npz) on the current backend")
    p_replay.add_argument("npz")
    p_replay.set_defaults(run=cmd_replay)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
