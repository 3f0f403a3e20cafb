"""`lossref report`: pytest-benchmark JSON files of several backend runs → a Markdown report with PNG charts.

It reads only the JSON that benchmarks/test_losses.py writes: a file without `benchmarks`, a benchmark
without the lossref `extra_info` keys or a `stats.median`, is refused with an error naming the file."""

import json
import math
import os
import statistics

REQUIRED_EXTRA = ("loss", "implementation", "mode", "size", "pass_", "backend", "device")
# Peak memory bandwidth (GB/s) by device name, for the bandwidth bound of elementwise losses on GPU.
BANDWIDTH_GBPS = {"H100 80GB HBM3": 3350, "H100 PCIe": 2000, "H100 NVL": 3900, "H200": 4800, "A100-SXM4-80GB": 2039,
                  "A100-SXM4-40GB": 1555}


class ReportError(ValueError):
    pass


def load(path):
    """One pytest-benchmark JSON file, checked: (machine record, [benchmark rows])."""
    try:
        with open(path) as handle:
            data = json.load(handle)
    except (OSError, json.JSONDecodeError) as error:
        raise ReportError(f"{path}: not a readable JSON file ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("benchmarks"), list):
        raise ReportError(f"{path}: not a pytest-benchmark JSON file (no 'benchmarks' list)")
    if not data["benchmarks"]:
        raise ReportError(f"{path}: no benchmarks in it (was the run made with --benchmark-disable or under xdist?)")
    rows = []
    for index, bench in enumerate(data["benchmarks"]):
        extra, stats = bench.get("extra_info") or {}, bench.get("stats") or {}
        missing = [key for key in REQUIRED_EXTRA if key not in extra]
        if missing or not isinstance(stats.get("median"), (int, float)):
            name = bench.get("name", f"benchmark #{index}")
            raise ReportError(f"{path}: {name} is not a lossref benchmark (missing "
                              f"{', '.join(missing + ([] if 'median' in stats else ['stats.median']))})")
        rows.append({**extra, "median": stats["median"], "iqr": stats.get("iqr", math.nan),
                     "rounds": stats.get("rounds")})
    machine = data.get("machine_info", {})
    return {"path": path, "datetime": data.get("datetime", "?"), "cpu": machine.get("cpu", {}).get("brand_raw", "?"),
            "python": machine.get("python_version", "?"), **machine.get("lossref", {})}, rows


def drop_raw_timings(path):
    """--benchmark-json stores every timing of every round (megabytes per run); keep the statistics only."""
    with open(path) as handle:
        data = json.load(handle)
    for bench in data.get("benchmarks", []):
        bench.get("stats", {}).pop("data", None)
    with open(path, "w") as handle:
        json.dump(data, handle, indent=1)


def _key(row):
    return row["backend"], row["device"], row["loss"], row["size"], row["mode"], row["pass_"]


def by_key(rows):
    """{(backend, device, loss, size, mode, pass): {implementation: row}}."""
    grouped = {}
    for row in rows:
        grouped.setdefault(_key(row), {})[row["implementation"]] = row
    return grouped


def ratios(rows):
    """{key: (lossref median, fastest alternative's name, its median)} where an alternative was measured."""
    out = {}
    for key, cell in by_key(rows).items():
        alternatives = {k: row["median"] for k, row in cell.items() if k != "lossref"}
        if "lossref" in cell and alternatives:
            name = min(alternatives, key=alternatives.get)
            out[key] = (cell["lossref"]["median"], name, alternatives[name])
    return out


def format_ratio(ratio):
    """Two decimals where that shows the ratio, else three significant digits (a 400× gap is 0.0025, not 0.00)."""
    return f"{ratio:.2f}" if 0.1 <= ratio < 100 else f"{ratio:.3g}"


def ratio_at(found, backend, loss, config):
    """(lossref median, fastest alternative, its median) of `loss` on `backend` at config (size, mode, pass)."""
    return next((v for k, v in found.items() if k[0] == backend and k[2:] == (loss, *config)), None)


def headline(rows):
    """The configuration the targets speak of: compiled forward+backward at the largest size measured."""
    return max(row["size"] for row in rows), "compiled", "forward_backward"


def _size(size):
    return f"2^{int(math.log2(size))}"


def markdown(machines, rows, found, charts):
    size, mode, pass_ = headline(rows)
    backends = sorted({row["backend"] for row in rows})
    lines = ["# lossref performance report", ""]
    lines += ["| backend | device | framework | keras | threads | CPU | when |", "|---|---|---|---|---|---|---|"]
    for m in machines:
        lines.append(f"| {m.get('backend')} | {m.get('device')} | {m.get('framework')} | {m.get('keras')} | "
                     f"{m.get('threads')} | {m['cpu']} | {m['datetime'][:16]} |")
    lines += ["", f"## lossref ÷ fastest alternative, {mode} {pass_.replace('_', '+')} at {_size(size)} elements", "",
              "Ratio of medians measured in the same run on the same arrays (alternatives: the Keras built-in and "
              "the framework's native loss; < 1 means lossref is faster).", ""]
    lines += ["| loss | " + " | ".join(backends) + " |", "|---" * (len(backends) + 1) + "|"]
    medians = {}
    for loss in sorted({row["loss"] for row in rows}):
        cells = []
        for backend in backends:
            hit = ratio_at(found, backend, loss, (size, mode, pass_))
            if hit:
                ours, name, theirs = hit
                medians.setdefault(backend, []).append(ours / theirs)
                cells.append(f"{format_ratio(ours / theirs)} (vs {name})")
            else:
                cells.append("-")
        lines.append(f"| {loss} | " + " | ".join(cells) + " |")
    lines.append("| **median** | " + " | ".join(
        f"**{statistics.median(medians[b]):.2f}**" if b in medians else "-" for b in backends) + " |")
    lines += ["", *bandwidth_lines(rows), "", "## Charts", ""] + [f"![{title}]({path})" for title, path in charts]
    lines += ["", "## All measurements (median µs per call; first call = trace + compile, s)", "",
              "| backend | loss | size | mode | pass | lossref | keras | native | first call lossref |",
              "|---|---|---|---|---|---|---|---|---|"]
    table = by_key(rows)
    for key in sorted(table, key=lambda k: (k[0], k[2], k[3], k[4], k[5])):
        cell = table[key]
        micro = [f"{cell[i]['median'] * 1e6:.1f}" if i in cell else "-" for i in ("lossref", "keras", "native")]
        first = f"{cell['lossref']['first_call_s']:.2f}" if "lossref" in cell else "-"
        lines.append(f"| {key[0]} | {key[2]} | {_size(key[3])} | {key[4]} | {key[5]} | " + " | ".join(micro)
                     + f" | {first} |")
    return "\n".join(lines) + "\n"


def bandwidth_lines(rows):
    """GPU: elementwise losses' bytes moved ÷ time against the device's peak bandwidth, at the largest size."""
    gpu = [r for r in rows if r["device"] != "cpu" and r.get("elementwise") and r["implementation"] == "lossref"
           and r["mode"] == "compiled"]
    if not gpu:
        return ["(No GPU rows: the bandwidth bound applies to GPU runs.)"]
    size = max(r["size"] for r in gpu)
    lines = [f"## GPU memory bandwidth, elementwise losses, compiled, {_size(size)} elements", "",
             "| backend | loss | pass | GB/s | % of peak |", "|---|---|---|---|---|"]
    for r in sorted((r for r in gpu if r["size"] == size), key=lambda r: (r["backend"], r["loss"], r["pass_"])):
        rate = r["bytes"] / r["median"] / 1e9
        peak = next((v for k, v in BANDWIDTH_GBPS.items() if k in r["device"]), None)
        share = f"{100 * rate / peak:.0f}%" if peak else "peak unknown"
        lines.append(f"| {r['backend']} | {r['loss']} | {r['pass_']} | {rate:.0f} | {share} |")
    return lines


def charts(rows, found, out):
    """Per loss, time per element against size, a line per backend and mode (lossref, forward+backward);
    and the headline ratios as bars. Returns [(title, file name)]."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    losses = sorted({r["loss"] for r in rows})
    cols = 6
    rows_of_panels = math.ceil(len(losses) / cols)
    fig, axes = plt.subplots(rows_of_panels, cols, figsize=(3.2 * cols, 2.4 * rows_of_panels), squeeze=False)
    for ax, loss in zip(axes.flat, losses, strict=False):
        for (backend, mode), style in _series(rows):
            points = sorted((r["size"], r["median"] / r["size"] * 1e9) for r in rows
                            if r["loss"] == loss and r["backend"] == backend and r["mode"] == mode
                            and r["implementation"] == "lossref" and r["pass_"] == "forward_backward")
            if points:
                ax.loglog(*zip(*points, strict=True), style, label=f"{backend} {mode}", base=2)
        ax.set_title(loss, fontsize=8)
        ax.tick_params(labelsize=6)
    for ax in list(axes.flat)[len(losses):]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=6)
    fig.suptitle("lossref forward+backward: ns per element vs elements", fontsize=10)
    fig.tight_layout()
    files = [("time per element", "bench-time-per-element.png")]
    fig.savefig(os.path.join(out, files[0][1]), dpi=80)
    plt.close(fig)

    size, mode, pass_ = headline(rows)
    backends = sorted({r["backend"] for r in rows})
    fig, ax = plt.subplots(figsize=(14, 4))
    width = 0.8 / max(1, len(backends))
    for i, backend in enumerate(backends):
        hits = [ratio_at(found, backend, loss, (size, mode, pass_)) for loss in losses]
        values = [hit[0] / hit[2] if hit else math.nan for hit in hits]
        ax.bar([x + i * width for x in range(len(losses))], values, width, label=backend)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.axhline(1.1, color="red", linewidth=0.8, linestyle="--", label="target 1.10")
    ax.set_xticks([x + width for x in range(len(losses))], losses, rotation=60, ha="right", fontsize=7)
    ax.set_ylabel("lossref ÷ fastest alternative")
    ax.set_title(f"{mode} {pass_.replace('_', '+')} at {_size(size)} elements")
    ax.legend(fontsize=7)
    fig.tight_layout()
    files.append(("ratios", "bench-ratios.png"))
    fig.savefig(os.path.join(out, files[1][1]), dpi=80)
    plt.close(fig)
    return files


def _series(rows):
    styles = {"tensorflow": "C0", "jax": "C1", "torch": "C2"}
    seen = sorted({(r["backend"], r["mode"]) for r in rows})
    return [((b, m), styles.get(b, "C3") + ("-o" if m == "compiled" else "--x")) for b, m in seen]


def build(paths, out):
    """Read every file, then write OUT/README.md and the charts; returns the Markdown path."""
    loaded = [load(path) for path in paths]
    machines = [machine for machine, _ in loaded]
    rows = [row for _, file_rows in loaded for row in file_rows]
    os.makedirs(out, exist_ok=True)
    found = ratios(rows)
    text = markdown(machines, rows, found, charts(rows, found, out))
    path = os.path.join(out, "README.md")
    with open(path, "w") as handle:
        handle.write(text)
    return path
