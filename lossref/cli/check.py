"""`lossref check` (the battery on a user's loss, one child process per backend) and `lossref replay`."""

import ast
import importlib.util
import sys

from lossref import index, layouts
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
    """One child process per backend; a per-backend table at the end."""
    if args.in_process:
        return check_here(args)
    try:
        check_usage(args)
    except ValueError as error:
        print(f"lossref check: usage error: {error}", file=sys.stderr)
        return 2
    rows, codes = [], []
    for backend in selected_backends(args.backend):
        command = ["check", args.target, "--against", args.against, "--in-process", "--profile", args.profile,
                   "--dtype", args.dtype] + [f"--param={p}" for p in args.param or []] + \
            (["--strict"] if args.strict else []) + [f"--allow={a}" for a in args.allow or []] + _domain_options(args)
        if args.seed is not None:
            command += ["--seed", str(args.seed)]
        code, result, seconds = run_child(command, backend)
        if code == NOT_INSTALLED:
            rows.append((backend, "not installed (skipped)", "-", seconds))
            continue
        codes.append(code)
        if result is None:
            rows.append((backend, "usage error" if code == 2 else f"could not check (exit {code})", "-", seconds))
            if code == 2:
                break  # a usage error is the same on every backend: say it once
        else:
            rows.append((backend, result["verdict"], ", ".join(result["failed"]) or "-", seconds))
    print(f"\nlossref check {args.target} --against {args.against} ({args.dtype}, profile {args.profile})")
    print(f"  {'backend':<12} {'verdict':<22} {'failed properties':<48} seconds")
    for backend, verdict, failed, seconds in rows:
        print(f"  {backend:<12} {verdict:<22} {_fit(failed, 48):<48} {seconds:.0f}")
    if not codes:
        print("no backend could run: install at least one of tensorflow, jax, torch", file=sys.stderr)
        return 2
    return combined_exit(codes)


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
        report = check(loss, args.against, params=params, profile=args.profile, seed=args.seed, dtype=args.dtype,
                       progress=lambda line: print(PROGRESS_TAG + line, flush=True), ref=args.target,
                       strict=args.strict, labels=args.labels, rank=args.rank, shape=shape,
                       class_axis=args.class_axis, allow=tuple(args.allow or ()))
    except Exception as error:  # noqa: BLE001 - what fails before the battery runs is a usage error
        print(f"lossref check: usage error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    print(report, flush=True)
    send_result({"backend": report.backend, "verdict": report.verdict,
                 "failed": sorted({f.property for f in report.failures})})
    return report.exit_code


def cmd_replay(args):
    from lossref import counterexample, engine
    from lossref.battery import find_property
    from lossref.target import load_target

    meta, case = counterexample.load(args.npz)
    target = load_target(meta["target"], meta["against"], meta.get("fixed"))
    failure = engine.replay(find_property(meta["property"]), target, meta["dtype"], case)
    if failure is None or isinstance(failure, str):
        holds = "holds on" if failure is None else "does not apply to"
        print(f"property '{meta['property']}' {holds} this case ({target.label}, backend {target.backend})")
        return 0
    print(failure)
    return 1
