"""`lossref list` (the catalogue, from lossref/index.json: no backend starts) and `lossref gradients` (the
gradient oracle and kink table)."""

import json
import textwrap

from lossref import index, layouts


def cmd_list(args):
    """The catalogue: JSON with every fact a tool needs, or a table that fits 100 columns (parameter names
    only; `lossref list --format json` gives their ranges)."""
    entries = index.entries()
    if args.format == "json":
        print(json.dumps([{**e, "inputs": layouts.LAYOUTS[e["domain"]].what,
                           "params": [_structured(p) for p in e["params"]]} for e in entries],
                         indent=2, ensure_ascii=False))
        return 0
    headers = ("name", "params", "Keras", "source")
    rows = [(e["name"], ", ".join(p["name"] for p in e["params"]) or "-", "yes" if e["built-in"] else "-",
             e["source"]) for e in entries]
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
    widths[1] = min(widths[1], 34)  # parameter names wrap onto continuation lines: the table fits 100 columns
    for row in [headers] + rows:
        params = textwrap.wrap(row[1], widths[1], break_long_words=False) or [""]
        for number, part in enumerate(params):
            cells = (row[0], part, row[2], row[3]) if number == 0 else ("", part, "", "")
            print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=False)).rstrip())
    print(f"\n{len(rows)} losses; `lossref list --format json` for parameter ranges, classes and references")
    return 0


def _structured(param):
    """A parameter as fields: name, type, default, range (or choices), and the source of a documented variant."""
    fields = {"name": param["name"], "type": param["kind"], "default": param["default"]}
    if param["kind"] in ("float", "class_weights"):
        fields["range"] = {"low": param["low"], "high": param["high"], "low_open": param["low_open"],
                           "high_open": param["high_open"]}
        fields["optional"] = param["optional"]
    if param["choices"]:
        fields["choices"] = param["choices"]
    if param.get("source"):
        fields["source"] = param["source"]
    return {**fields, "describe": param["describe"]}


def gradient_table():
    """Markdown: per loss, the gradient oracles, its kinks and what each backend returns there."""
    from lossref import registry
    from lossref.registry import BACKENDS

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
