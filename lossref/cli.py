"""The `lossref` command: list the catalogue, replay a saved counterexample."""

import argparse
import json
import sys


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


def cmd_replay(args):
    import numpy as np

    from lossref import engine, properties
    from lossref.strategies import Case
    from lossref.target import load_target

    data = np.load(args.npz, allow_pickle=False)
    meta = json.loads(str(data["meta"]))
    target = load_target(meta["target"], meta["against"], meta.get("kind", "function"))
    case = Case(data["y_true"], data["y_pred"], meta["params"])
    failure = engine.replay(getattr(properties, meta["property"]), target, meta["dtype"], case)
    if failure is None:
        print(f"property '{meta['property']}' holds on this case ({target.label}, backend {target.backend})")
        return 0
    print(failure)
    return 1


def main(argv=None):
    parser = argparse.ArgumentParser(prog="lossref", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_list = sub.add_parser("list", help="print the catalogue of registry losses")
    p_list.add_argument("--format", choices=["table", "json"], default="table")
    p_list.set_defaults(run=cmd_list)
    p_replay = sub.add_parser("replay", help="re-run a saved counterexample (.npz) on the current backend")
    p_replay.add_argument("npz")
    p_replay.set_defaults(run=cmd_replay)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
