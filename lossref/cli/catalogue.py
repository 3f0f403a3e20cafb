"""`lossref list` (the catalogue) and `lossref gradients` (the gradient oracle and kink table)."""

import json

from lossref import registry
from lossref.registry import BACKENDS


def cmd_list(args):
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
    lines = ["| loss | oracles | kink | " + " | ".join(BACKENDS) + " |", "|---" * (3 + len(BACKENDS)) + "|"]
    for spec in registry.SPECS:
        oracles = ("analytic + " if spec.gradient else "") + "finite differences"
        if not spec.kink_points:
            where = (spec.kinks.__doc__ or spec.kinks.__name__).split("\n")[0] if spec.kinks else ""
            masked = "not pinned; masked: " + where if spec.kinks else "smooth"
            lines.append(f"| {spec.name} | {oracles} | {masked} |" + " |" * len(BACKENDS))
        for kink in spec.kink_points:
            values = [kink.pinned.get(b, kink.pinned.get("*")) for b in BACKENDS]
            cells = " | ".join("[" + ", ".join(f"{v:.6g}" for v in value) + "]" for value in values)
            lines.append(f"| {spec.name} | {oracles} | {kink.where} | {cells} |")
    return "\n".join(lines).replace("|e|", "\\|e\\|")


def cmd_gradients(args):
    print(gradient_table())
    return 0
