"""`lossref check` (the battery on a user's loss, one child process per backend) and `lossref replay`."""

import ast
import importlib.util
import sys

from lossref import config, index, layouts
from lossref import results as results_io
from lossref.cli._children import (
    NOT_INSTALLED,
    PROGRESS_TAG,
    backend_missing,
    run_child,
    selected_backends,
    send_result,
)
from lossref.losses._params import check_given
from lossref.refs import no_attribute, split_ref


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


def cmd_check(args):
    """One child process per check and backend (the TARGET given, or every entry of the project's config); a table
    at the end, and the results as JSON and JUnit XML where asked."""
    if args.in_process:
        return check_here(args)
    if args.target is not None:
        args.profile = args.profile or "ci"
    try:
        checks = planned_checks(args)
    except ValueError as error:
        print(f"lossref check: usage error: {error}", file=sys.stderr)
        return 2
    rows, codes, results = [], [], []
    for name, arguments, backends in checks:
        for backend in backends:
            code, result, seconds = run_child(["check", *arguments, "--in-process"], backend)
            results.append(outcome_record(name, backend, code, result, seconds))
            if code == NOT_INSTALLED and result is None:  # "could not check" exits 3 too, with a result
                rows.append((name, backend, "not installed (skipped)", "-", seconds))
                continue
            codes.append(code)
            if result is None:
                rows.append((name, backend, "usage error" if code == 2 else f"could not check (exit {code})", "-",
                             seconds))
                if code == 2:
                    break  # a usage error is the same on every backend: say it once
            else:
                rows.append((name, backend, result["verdict"], ", ".join(result["failed"]) or "-", seconds))
    what = f"{args.dtype}, profile {args.profile}" if args.target else "the project's checks in pyproject.toml"
    print(f"\nlossref check ({what})")
    print(f"  {'check':<40} {'backend':<12} {'verdict':<22} {'failed properties':<36} seconds")
    for name, backend, verdict, failed, seconds in rows:
        print(f"  {_fit(name, 40):<40} {backend:<12} {verdict:<22} {_fit(failed, 36):<36} {seconds:.0f}")
    if args.json:
        results_io.write_json(args.json, results)
    if args.junitxml:
        results_io.write_junit(args.junitxml, results)
    if not codes:
        print("no backend could run: install at least one of tensorflow, jax, torch", file=sys.stderr)
        return 2
    return combined_exit(codes)


def planned_checks(args):
    """[(name, check arguments, backends)]: the TARGET of the command line, or the project's entries; every one
    checked for usage errors before any backend starts (ValueError)."""
    if args.target is not None:
        if args.against is None:
            raise ValueError("--against NAME is needed with a TARGET (`lossref list` shows the names)")
        check_usage(args)
        return [(f"{args.target} against {args.against}", child_arguments(args), selected_backends(args.backend))]
    root, entries = config.load()
    checks = []
    for entry in entries:
        if args.profile:  # the command line's profile wins over the entries'
            entry.profile = args.profile
        arguments = entry.arguments(root)
        try:
            from lossref.cli import build_parser  # the package imports this module: a cycle at import time

            check_usage(build_parser().parse_args(["check", *arguments]))
        except ValueError as error:
            raise ValueError(f"{entry.name}: {error}") from None
        backends = entry.backends if args.backend == "all" else tuple(b for b in entry.backends if b == args.backend)
        checks.append((entry.name, arguments, backends))
    return checks


def child_arguments(args):
    """The check's own arguments, as a child process takes them."""
    arguments = [args.target, "--against", args.against, "--profile", args.profile, "--dtype", args.dtype]
    arguments += [f"--param={p}" for p in args.param or []] + (["--strict"] if args.strict else [])
    arguments += [f"--allow={a}" for a in args.allow or []] + _domain_options(args)
    return arguments + (["--seed", str(args.seed)] if args.seed is not None else [])


def outcome_record(name, backend, code, result, seconds):
    """What the machine-readable results say of one check on one backend."""
    verdict = {NOT_INSTALLED: "not installed", 2: "usage error"}.get(code, "could not check") if result is None \
        else result["verdict"]  # no result: the child stopped before a report
    return {"check": name, "backend": backend, "verdict": verdict, "exit_code": code, "seconds": round(seconds, 2),
            **({k: v for k, v in result.items() if k not in ("backend", "verdict")} if result else {})}


def check_usage(args):
    """What can be wrong with the command line, found before any backend starts (ValueError): the loss name,
    the parameters and their ranges, the shape, the class axis, and a target that cannot exist."""
    entry = next((e for e in index.entries() if e["name"] == args.against), None)
    if entry is None:
        raise ValueError(index.unknown_loss(args.against, index.names()))
    declared = index.params(entry)
    check_given(args.against, declared, parse_params(args.param))
    refused = layouts.problem(entry["domain"], args.labels, args.rank, parse_shape(args.shape))
    if refused:
        raise ValueError(refused)
    if args.class_axis is not None and "axis" not in {p.name for p in declared}:
        raise ValueError(f"{args.against} has no class axis parameter")
    known = [d["id"] for d in entry["divergences"]]
    for given in args.allow or []:
        if given not in known:
            raise ValueError(f"--allow {given}: {args.against} records no divergence of that id"
                             + index.did_you_mean(given, known) + f"; its divergences: {', '.join(known) or 'none'}")
    check_target(args.target)


def check_target(ref):
    """A target that cannot load: no ':', a missing file, a file without that name, a package not installed.
    (A module's attributes are looked up by the backend process, which imports it.)"""
    module_name, path, attribute = split_ref(ref)
    if path is not None:
        defined = _top_level_names(path)
        if defined is not None and attribute.split(".")[0] not in defined:
            raise no_attribute(ref)
    elif importlib.util.find_spec(module_name.split(".")[0]) is None:
        raise ValueError(f"no module named {module_name.split('.')[0]!r} (target {ref!r})")


def _top_level_names(path):
    """The names a Python file binds at its top level; None where it cannot tell (a syntax error is reported by
    the import, `import *` and a module __getattr__ bind names it cannot see)."""
    try:
        tree = ast.parse(path.read_text())
    except (SyntaxError, UnicodeDecodeError):
        return None
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if any(alias.name == "*" for alias in node.names):
                return None
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        else:
            names.update(n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
    return None if "__getattr__" in names else names


def _domain_options(args):
    options = []
    for flag, value in (("--labels", args.labels), ("--rank", args.rank), ("--shape", args.shape),
                        ("--class-axis", args.class_axis)):
        if value is not None:
            options += [flag, str(value)]
    return options


def parse_shape(text):
    if text is None:
        return None
    try:
        shape = tuple(int(side) for side in text.replace("(", "").replace(")", "").split(",") if side.strip())
    except ValueError:
        raise ValueError(f"--shape expects sides separated by commas (4,3,8), got {text!r}") from None
    if not shape or min(shape) < 1:
        raise ValueError(f"--shape expects positive sides, got {text!r}")
    return shape


def combined_exit(codes):
    """Over backends: a usage error (2) first, then a difference found (1), then lossref's own error (3)."""
    for code in (2, 1, 3):
        if code in codes:
            return code
    return 0 if all(c == 0 for c in codes) else 3


def _fit(text, width):
    return text if len(text) <= width else text[:width - 1] + "…"


def check_here(args):
    if backend_missing():
        return NOT_INSTALLED
    from lossref.checker import check
    from lossref.registry import get
    from lossref.target import load_object, user_target

    try:
        params = parse_params(args.param)
        shape = parse_shape(args.shape)
        loss = load_object(args.target)
        user_target(loss, get(args.against), args.target, params)  # validates the target, name and params
        report = check(loss, args.against, params=params, profile=args.profile or "ci", seed=args.seed,
                       dtype=args.dtype,
                       progress=lambda line: print(PROGRESS_TAG + line, flush=True), ref=args.target,
                       strict=args.strict, labels=args.labels, rank=args.rank, shape=shape,
                       class_axis=args.class_axis, allow=tuple(args.allow or ()))
    except Exception as error:  # noqa: BLE001 - what fails before the battery runs is a usage error
        print(f"lossref check: usage error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    print(report, flush=True)
    send_result({"backend": report.backend, "verdict": report.verdict,
                 "failed": sorted({f.property for f in report.failures}), **results_io.report_record(report)})
    return report.exit_code


def cmd_replay(args):
    """Re-run a saved counterexample on the backend it was found on (or --backend), in a child process: the file is
    read here first, so a missing or broken one is a one-line usage error before any backend starts."""
    try:
        meta = read_meta(args.npz)
        if ":" not in meta["target"]:
            raise ValueError(f"the loss {meta['target']!r} was defined inside a function, so it cannot be imported "
                             "again: define it at module level, or replay from the test that found it")
        if not meta["target"].startswith("registry:"):
            split_ref(meta["target"])  # a file target that is gone
    except ValueError as error:
        print(f"lossref replay: usage error: {error}", file=sys.stderr)
        return 2
    if args.in_process:
        return replay_here(args)
    code, _, _ = run_child(["replay", str(args.npz), "--in-process"], args.backend or meta["backend"])
    return 2 if code == NOT_INSTALLED else code


def read_meta(npz):
    """The counterexample's metadata, or a ValueError saying why the file cannot be replayed."""
    from lossref import counterexample

    try:
        return counterexample.load(npz)[0]
    except FileNotFoundError:
        raise ValueError(f"no such file: {npz}") from None
    except Exception as error:  # noqa: BLE001 - anything else that is not a counterexample file
        raise ValueError(f"{npz} is not a lossref counterexample (.npz): {type(error).__name__}: {error}") from None


def replay_here(args):
    if backend_missing():
        return NOT_INSTALLED
    from lossref import counterexample, engine
    from lossref.battery import find_property
    from lossref.target import load_target

    meta, case = counterexample.load(args.npz)
    try:
        target = load_target(meta["target"], meta["against"], meta.get("fixed"))
    except Exception as error:  # noqa: BLE001 - a target that no longer imports is a usage error
        print(f"lossref replay: usage error: {meta['target']}: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    failure = engine.replay(find_property(meta["property"]), target, meta["dtype"], case)
    if failure is None or isinstance(failure, str):
        holds = "holds on" if failure is None else "does not apply to"
        print(f"property '{meta['property']}' {holds} this case ({target.label}, backend {target.backend})")
        return 0
    print(failure)
    return 1
