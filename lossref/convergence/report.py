"""The convergence results of several backends: the cross-backend spread, a Markdown table, a PNG per backend."""

import math

import numpy as np

from lossref import registry


def _case(row):
    spec = registry.get(row["loss"])
    return spec.training[row["index"]]


def spreads(results):
    """{run id: (spread of the held-out metric across backends, allowed spread)} for runs seen on ≥ 2 backends."""
    by_run = {}
    for result in results.values():
        for row in result["runs"]:
            by_run.setdefault(row["id"], []).append(row)
    return {rid: (max(r["metric"] for r in rows) - min(r["metric"] for r in rows), _case(rows[0]).spread)
            for rid, rows in by_run.items() if len(rows) > 1}


def spread_failures(results):
    return [f"{rid}: held-out metric differs by {got:.4f} across backends, allowed {allowed:g}"
            for rid, (got, allowed) in spreads(results).items() if got > allowed]


def markdown(results):
    """One row per run: the bar, and per backend the final/initial loss, the metric, epochs and seconds."""
    backends = list(results)
    spread = spreads(results)
    header = ["run", "task (metric, bar)"] + [f"{b}: loss initial → final, metric, s" for b in backends] + ["spread"]
    lines = ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    rows = {}
    for backend in backends:
        for row in results[backend]["runs"]:
            rows.setdefault(row["id"], {})[backend] = row
    for rid, per_backend in rows.items():
        first = next(iter(per_backend.values()))
        sense = "≥" if first["higher_is_better"] else "≤"
        label = f" ({first['label']})" if first["label"] else ""
        cells = [f"{rid}{label}", f"{first['task']} ({first['metric_name']} {sense} {first['bar']:g}, "
                 f"{first['epochs']} epochs)"]
        for backend in backends:
            row = per_backend.get(backend)
            cells.append("-" if row is None else
                         f"{row['initial']:.3g} → {row['final']:.3g}, {row['metric']:.3f}, {row['seconds']:.1f}"
                         + ("" if not row["failures"] else " **FAIL**"))
        got = spread.get(rid)
        cells.append("-" if got is None else f"{got[0]:.4f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plot(result, path):
    """Training curves of one backend, one panel per run: the gap to the loss's floor, log scale."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = result["runs"]
    cols = 6
    rows = math.ceil(len(runs) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.0 * cols, 2.3 * rows), squeeze=False)
    for ax, row in zip(axes.flat, runs, strict=False):
        floor = _case(row).floor
        curve = np.asarray(row["curve"])
        color = "tab:red" if row["failures"] else "tab:blue"
        if floor is None:  # no known infimum: the loss itself, linear scale
            ax.plot(curve, color=color)
            ax.set_ylabel("loss")
        else:
            ax.semilogy(np.maximum(curve - floor, 1e-12), color=color)
            ax.set_ylabel("loss − floor" if floor else "loss")
        ax.set_title(f"{row['id']}\n{row['metric_name']} {row['metric']:.3f}", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.set_xlabel("epoch", fontsize=7)
    for ax in list(axes.flat)[len(runs):]:
        ax.axis("off")
    fig.suptitle(f"lossref convergence, {result['backend']} ({result['versions']})", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)
