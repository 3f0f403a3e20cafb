"""The convergence results of several backends: the cross-backend spread, a Markdown table, one figure."""

import math
from types import SimpleNamespace

import numpy as np

BARS = ("floor", "fall", "spread")  # the run's bars, from its record, written into each row by the child


def _case(row):
    return SimpleNamespace(**{key: row[key] for key in BARS})


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


# colour and dash per backend: curves that agree to the pixel still show each backend
STYLES = {"tensorflow": ("tab:orange", "-"), "jax": ("tab:blue", (0, (4, 3))), "torch": ("tab:red", (0, (1, 2)))}


def layout(count):
    """(rows, columns) for `count` panels and one legend cell: 4 to 8 columns, the fewest empty cells."""
    return min(((math.ceil((count + 1) / cols), cols) for cols in range(4, 9)),
               key=lambda rc: (rc[0] * rc[1] - count - 1, -rc[1]))


def plot(results, path):
    """One canvas for a run set: a panel per run, the backends' training curves overlaid, the loss bar the run
    must reach drawn in (floor + fall·(initial − floor)), the held-out metric of each backend against its bar in
    the panel title, and the legend in the one cell left over."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows_by_run = {}
    for backend, result in results.items():
        for row in result["runs"]:
            rows_by_run.setdefault(row["id"], {})[backend] = row
    n_rows, n_cols = layout(len(rows_by_run))
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(2.7 * n_cols, 2.2 * n_rows), squeeze=False)
    cells = list(axes.flat)
    for ax, (rid, per_backend) in zip(cells, rows_by_run.items(), strict=False):
        _panel(ax, rid, per_backend)
    legend, *unused = cells[len(rows_by_run):]
    for ax in unused:
        fig.delaxes(ax)
    legend.axis("off")
    handles = [plt.Line2D([], [], color=STYLES.get(b, ("k", "-"))[0], linestyle=STYLES.get(b, ("k", "-"))[1],
                          label=b) for b in results]
    handles.append(plt.Line2D([], [], color="k", linestyle="--", label="loss bar"))
    legend.legend(handles=handles, loc="center", fontsize=8, frameon=False, title="red title: missed a bar",
                  title_fontsize=7)
    first = next(iter(results.values()))
    versions = "; ".join(f"{name} {version}" for name, version in
                         {"keras": first["versions"].get("keras"),
                          **{b: r["versions"].get(b) for b, r in results.items()}}.items())
    fig.suptitle(f"lossref convergence runs ({versions}): training loss per epoch", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return fig


def _panel(ax, rid, per_backend):
    first = next(iter(per_backend.values()))
    case = _case(first)
    floor = case.floor
    log = floor is not None
    for backend, row in per_backend.items():
        curve = np.asarray(row["curve"], dtype=float)
        shown = np.maximum(curve - floor, 1e-12) if log else curve
        color, dash = STYLES.get(backend, ("k", "-"))
        ax.plot(shown, color=color, linestyle=dash, linewidth=1.4, label=backend)
    initial = float(np.mean([row["initial"] for row in per_backend.values()]))
    bar = (floor + case.fall * (initial - floor)) if log else initial - case.fall
    ax.axhline(max(bar - floor, 1e-12) if log else bar, color="k", linestyle="--", linewidth=0.8, label="loss bar")
    if log:
        ax.set_yscale("log")
    sense = "≥" if first["higher_is_better"] else "≤"
    metrics = " / ".join(f"{row['metric']:.2f}" for row in per_backend.values())
    failed = any(row["failures"] for row in per_backend.values())
    ax.set_title(f"{rid}\n{first['metric_name']} {metrics} (bar {sense} {first['bar']:g})", fontsize=7,
                 color="tab:red" if failed else "black")
    ax.set_ylabel("loss − floor" if log and floor else "loss", fontsize=7)
    ax.tick_params(which="both", labelsize=6)
