"""The `lossref` command: list the catalogue, print the gradient table, replay a saved counterexample."""

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


def cmd_replay(args):
    import numpy as np

    from lossref import engine
    from lossref.battery import find_property
    from lossref.strategies import Case
    from lossref.target import load_target

    data = np.load(args.npz, allow_pickle=False)
    meta = json.loads(str(data["meta"]))
    target = load_target(meta["target"], meta["against"], meta.get("kind", "function"))
    case = Case(data["y_true"], data["y_pred"], meta["params"])
    failure = engine.replay(find_property(meta["property"]), target, meta["dtype"], case)
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
    p_grad = sub.add_parser("gradients", help="print the gradient oracle and kink table (Markdown)")
    p_grad.set_defaults(run=cmd_gradients)
    p_replay = sub.add_parser("replay", help="re-run a saved counterexample (.npz) on the current backend")
    p_replay.add_argument("npz")
    p_replay.set_defaults(run=cmd_replay)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
