"""The conformance matrix: `lossref audit`'s records merged over backends, written as JSON, Markdown and one repro
script per failure. No framework import: the parent process writes it from its children's records."""

import json
from pathlib import Path

from lossref import index

LIBRARIES = {"keras": ("tensorflow", "jax", "torch"), "torch": ("torch",), "optax": ("jax",)}
FORMS = {"keras": ("function", "class"), "torch": ("function",), "optax": ("function",)}
TITLES = {"keras": "Keras's built-in losses", "torch": "torch.nn.functional's losses", "optax": "optax's losses"}
ORDER = ("fail", "note", "pass", "skip")  # the worst verdict first
RECORD_KEYS = ("loss", "backend", "form", "property", "verdict", "message", "counterexample")


def merge(library, parts):
    """{"library", "versions", "records"} from the children's parts; records sorted by loss order, backend, form."""
    versions, records = {}, []
    for part in parts:
        versions.update(part["versions"])
        records += part["records"]
    order, backends = index.names(), LIBRARIES[library]
    records.sort(key=lambda r: (order.index(r["loss"]), backends.index(r["backend"]), FORMS[library].index(r["form"])))
    return {"library": library, "versions": versions, "records": records}


def repro_name(record):
    return f"{record['loss']}-{record['backend']}-{record['form']}-{record['property']}.py"


def write(result, json_path, out, command):
    """The JSON file (the records, exactly RECORD_KEYS each), the Markdown matrix and the repro scripts."""
    library = result["library"]
    folder = Path(out) / "repros" / library
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.py"):
        stale.unlink()
    for record in result["records"]:
        if (record.get("repro") or {}).get("code"):
            (folder / repro_name(record)).write_text(record["repro"]["code"])
    plain = {**result, "records": [{k: r[k] for k in RECORD_KEYS} for r in result["records"]]}
    Path(json_path).parent.mkdir(parents=True, exist_ok=True)
    Path(json_path).write_text(_one_record_per_line(plain))
    (Path(out) / f"{library}.md").write_text(markdown(result, command))
    write_index(out)


def _one_record_per_line(result):
    """The JSON text with one record per line (readable diffs when a verdict changes)."""
    head = json.dumps({k: v for k, v in result.items() if k != "records"})[:-1]
    records = ",\n".join(json.dumps(r, ensure_ascii=False) for r in result["records"])
    return f'{head}, "records": [\n{records}\n]}}\n'


def write_index(out):
    """OUT/README.md: one summary table over the matrices in OUT (each library's JSON file)."""
    results = [json.loads((Path(out) / f"{lib}.json").read_text()) for lib in LIBRARIES
               if (Path(out) / f"{lib}.json").exists()]
    (Path(out) / "README.md").write_text(
        "# Conformance of the frameworks' own losses\n\nWritten by `lossref audit` (see the project README). "
        "Per library and backend, the losses whose every property holds (pass), those with notes only "
        "(recorded precision or design divergences), and those that fail; the matrices name the properties, "
        "the counterexamples and a repro per failure.\n\n" + summary_table(results) + "\n")


def summary_table(results):
    """One Markdown table: library, backend, counts of pass / note / fail, and the failing losses."""
    lines = ["| library | backend | pass | note | fail | failing losses |", "|---|---|---|---|---|---|"]
    for result in results:
        library, table = result["library"], cells(result)
        version = result["versions"].get(library, "")
        for backend in LIBRARIES[library]:
            verdicts = {loss: v for (loss, b), (v, _) in table.items() if b == backend}
            if not verdicts:
                continue
            failing = ", ".join(f"`{loss}`" for loss, v in verdicts.items() if v == "fail") or "—"
            counts = [sum(v == kind for v in verdicts.values()) for kind in ("pass", "note", "fail")]
            lines.append(f"| [{library} {version}]({library}.md) | {backend} | " + " | ".join(map(str, counts))
                         + f" | {failing} |")
    return "\n".join(lines)


def cells(result):
    """{(loss, backend): (worst verdict, [failing "property (form)" ...])}."""
    table = {}
    for r in result["records"]:
        verdict, failing = table.get((r["loss"], r["backend"]), ("skip", []))
        if ORDER.index(r["verdict"]) < ORDER.index(verdict):
            verdict = r["verdict"]
        if r["verdict"] == "fail":
            failing.append((r["property"], r["form"]))
        table[(r["loss"], r["backend"])] = (verdict, failing)
    return table


def _cell(verdict, failing, library):
    if verdict != "fail":
        return verdict
    names = {}
    for prop, form in failing:
        names.setdefault(prop, []).append(form)
    forms = FORMS[library]
    shown = [prop if len(set(f)) == len(forms) else f"{prop} ({'/'.join(sorted(set(f)))})" for prop, f in names.items()]
    return "**fail**: " + ", ".join(shown)


def _axes(result):
    """The backends and the losses the records cover, in order."""
    backends = [b for b in LIBRARIES[result["library"]] if any(r["backend"] == b for r in result["records"])]
    return backends, list(dict.fromkeys(r["loss"] for r in result["records"]))


def summary(result):
    table = cells(result)
    backends, losses = _axes(result)
    lines = [f"{'loss':<40} " + " ".join(f"{b:<12}" for b in backends)]
    for loss in losses:
        lines.append(f"{loss:<40} " + " ".join(f"{table.get((loss, b), ('-', []))[0]:<12}" for b in backends))
    return "\n".join(lines)


def markdown(result, command):
    library, table = result["library"], cells(result)
    backends, losses = _axes(result)
    versions = ", ".join(f"{k} {v}" for k, v in sorted(result["versions"].items()))
    failures = [r for r in result["records"] if r["verdict"] == "fail"]
    lines = [f"# Conformance: {TITLES[library]} ({versions})", "",
             f"Written by `{command}` (CPU). Every {library} loss with a registry counterpart, as "
             f"{' and '.join(FORMS[library])}, through the `lossref check` battery against lossref's float64 "
             "reference, in float32 and float64. A cell is the worst verdict over the properties and forms: **fail** "
             "names the properties that failed (and the form, where only one did); *note* is a difference inside a "
             "precision or design divergence the registry records, or a property the drawn cases hardly exercised; "
             "*pass* is every applicable property held. The records, one per loss × backend × form × property: "
             f"[{library}.json]({library}.json).", "",
             "| loss | " + " | ".join(backends) + " |", "|---|" + "---|" * len(backends)]
    for loss in losses:
        lines.append(f"| `{loss}` | " + " | ".join(_cell(*table.get((loss, b), ("-", [])), library)
                                                  for b in backends) + " |")
    counts = {v: sum(table[k][0] == v for k in table) for v in ORDER}
    lines += ["", f"{counts['fail']} of {len(table)} loss × backend cells fail, {counts['note']} have notes, "
              f"{counts['pass']} pass.", "", "## Failures", "",
              "Each with its shrunk counterexample, the upstream issue where one exists, and a repro in plain "
              f"framework code (no lossref import) that fails while the defect is there: "
              f"[repros/{library}/](repros/{library}/). The suites run every repro as a strict xfail "
              "(`suites/test_conformance.py`): a release that fixes one fails the suite, and the matrix is "
              "regenerated.", ""]
    for r in failures:
        lines += _failure(r, library)
    notes = [r for r in result["records"] if r["verdict"] == "note"]
    if notes:
        lines += ["## Notes", ""]
        lines += [f"- `{r['loss']}` · {r['backend']} · {r['form']} · {r['property']}: {r['message']}" for r in notes]
    return "\n".join(lines) + "\n"


def _failure(r, library):
    c = r["counterexample"] or {}
    repro = r.get("repro") or {}
    lines = [f"### `{r['loss']}` · {r['backend']} · {r['form']} · {r['property']}", "", r["message"], ""]
    if c:
        lines.append(f"counterexample ({c['dtype']}): `y_true={_short(c['y_true'])}`, `y_pred={_short(c['y_pred'])}`"
                     f", params `{c['params']}`" + (f", drawn besides `{c['extras']}`" if c.get("extras") else ""))
        lines.append("")
    if repro.get("code"):
        alone = "fails when run alone: " + repro["error"] if repro.get("fails_alone") else \
            "**did not fail when run alone**" if repro.get("fails_alone") is False else "not run alone"
        lines += [f"repro: [repros/{library}/{repro_name(r)}](repros/{library}/{repro_name(r)}) ({alone})", ""]
    else:
        lines += ["repro: none in plain code for this property; replay the counterexample with "
                  f"`lossref check {r['form']} ...`", ""]
    return lines


def _short(x, limit=160):
    text = json.dumps(x)
    return text if len(text) <= limit else text[:limit] + "…"


def changes(expected, result):
    """Verdicts that differ from an earlier matrix: "loss backend form property: old → new"."""
    key = ("loss", "backend", "form", "property")
    before = {tuple(r[k] for k in key): r["verdict"] for r in expected["records"]}
    now = {tuple(r[k] for k in key): r["verdict"] for r in result["records"]}
    return [f"{' '.join(k)}: {before.get(k, 'absent')} → {verdict}" for k, verdict in now.items()
            if before.get(k, verdict) != verdict]
