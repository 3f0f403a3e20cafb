"""`lossref identify`: which registry losses, and which of their documented variants, a user's loss computes (one
child process on one backend)."""

import sys

from lossref import index
from lossref.cli._children import NOT_INSTALLED, backend_missing, run_child, send_result
from lossref.cli.check import check_target


def cmd_identify(args):
    try:
        check_target(args.target)
        for name in args.loss or ():
            if name not in index.names():
                raise ValueError(index.unknown_loss(name, index.names()))
    except ValueError as error:
        print(f"lossref identify: usage error: {error}", file=sys.stderr)
        return 2
    if args.in_process:
        return identify_here(args)
    code, result, _ = run_child(["identify", args.target, "--in-process", *[f"--loss={n}" for n in args.loss or ()]],
                                args.backend)
    if code == NOT_INSTALLED:
        print(f"lossref identify: usage error: backend {args.backend} is not installed", file=sys.stderr)
        return 2
    return code


def identify_here(args):
    if backend_missing():
        return NOT_INSTALLED
    from lossref.identify import identify, pins
    from lossref.target import load_object

    try:
        loss = load_object(args.target)
    except Exception as error:  # noqa: BLE001 - a target that does not import is a usage error
        print(f"lossref identify: usage error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    matches = identify(loss, args.target, names=args.loss)
    if not matches:
        print(f"{args.target} matches no registry loss on its inputs, at any documented setting tried")
    for rank, match in enumerate(matches, 1):
        pinned = f": lossref check {args.target} --against {match.loss} {pins(match.changed)}".rstrip()
        print(f"{rank:>3}. {match}{pinned}")
    send_result({"matches": [{"loss": m.loss, "params": m.changed, "error": m.error} for m in matches]})
    return 0
