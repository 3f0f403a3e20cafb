"""`lossref list` (the catalogue) and `lossref gradients` (the gradient oracle and kink table)."""

import json
import textwrap

from lossref import registry
from lossref.registry import BACKENDS


def cmd_list(args):
    """The catalogue: JSON with every fact a tool needs, or a table that fits 100 columns (parameter names
    only; `lossref list --format json` gives their ranges)."""
    if args.format == "json":
        print(json.dumps([{"name": s.name, "family": s.family, "function": f"lossref.losses.{s.name}",
                           "class": f"lossref.losses.{s.class_name}",
                           "reference": f"lossref.reference.{s.family}.{s.name}", "params": s.describe_params(),
                           "built-in": f"keras.losses.{s.keras}" if s.keras else None, "source": s.source}
                          for s in registry.SPECS], indent=2))
        return 0
    headers = ("name", "params", "Keras", "source")
    rows = [(s.name, ", ".join(p.name for p in s.params) or "-", "yes" if s.keras else "-", s.source)
            for s in registry.SPECS]
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
    widths[1] = min(widths[1], 34)  # parameter names wrap onto continuation lines: the table fits 100 columns
    for row in [headers] + rows:
        params = textwrap.wrap(row[1], widths[1], break_long_words=False) or [""]
        for number, part in enumerate(params):
            cells = (row[0], part, row[2], row[3]) if number == 0 else ("", part, "", "")
            print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=False)).rstrip())
    print(f"\n{len(rows)} losses; `lossref list --format json` for parameter ranges, classes and references")
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
