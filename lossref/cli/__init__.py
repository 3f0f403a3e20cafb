"""The `lossref` command. One module per subcommand; the per-backend child processes in _children.py."""

import argparse
import importlib.util
import os
import sys

from lossref.cli import audit, bad_inputs, bench, catalogue, check, convergence, identify
from lossref.cli._children import BACKEND_CHOICES, backend_env

# the commands that run Keras in this process (the others start one process per backend, or none)
IN_PROCESS = (catalogue.cmd_gradients, bad_inputs.cmd_bad_inputs)


def build_parser():
    """The `lossref` argument parser (its subcommands run `args.run(args)`)."""
    parser = argparse.ArgumentParser(
        prog="lossref",
        description="Loss functions you can trust across Keras 3 "
        "backends: the catalogue, the property battery on your own loss, "
        "convergence runs and benchmarks.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show the frameworks' own log lines (TensorFlow's absl and oneDNN notices)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_list = sub.add_parser("list", parents=[common], help="print the catalogue of registry losses")
    p_list.add_argument("--format", choices=["table", "json"], default="table")
    p_list.set_defaults(run=catalogue.cmd_list)
    p_grad = sub.add_parser("gradients", parents=[common], help="print the gradient oracle and kink table (Markdown)")
    p_grad.set_defaults(run=catalogue.cmd_gradients)
    p_check = sub.add_parser(
        "check",
        parents=[common],
        help="run the property battery on your loss against a registry loss",
        description="Verdicts and exit codes: conforms (0), conforms with notes (0), differs (1), "
        "usage error (2), could not check: an error inside lossref (3).",
    )
    p_check.add_argument("target", nargs="?", help="package.module:attribute or path/to/file.py:attribute; none: "
                         "every [[tool.lossref.check]] entry of the project's pyproject.toml")
    p_check.add_argument("--against", help="a registry name from `lossref list` (with a TARGET)")
    p_check.add_argument("--json", metavar="FILE", help="write the results as JSON: per check and backend, the "
                         "verdict, the versions, and each property's status, counts, message and counterexample")
    p_check.add_argument("--junitxml", metavar="FILE", help="write a JUnit XML report: a testcase per check and "
                         "backend, a failure carrying the report")
    p_check.add_argument("--param", action="append", metavar="KEY=VALUE", help="fix a parameter (repeatable)")
    p_check.add_argument("--backend", choices=BACKEND_CHOICES + ("all",), default="all")
    p_check.add_argument("--profile", choices=["quick", "gate", "ci", "dev", "thorough"],
                         help="how many cases, and how they are drawn (default ci; with no TARGET, each entry's own)")
    p_check.add_argument("--seed", type=int)
    p_check.add_argument("--dtype", choices=["float32", "float64", "all"], default="float32")
    p_check.add_argument("--labels", choices=["hard", "soft", "signed", "binary"],
                         help="draw only hard (0/1, one-hot) or soft targets; or, for sign labels, only {-1, +1} "
                         "(signed) or only {0, 1} (binary)")
    p_check.add_argument("--rank", type=int, help="draw y_pred of this rank only")
    p_check.add_argument("--shape", help="draw y_pred of this shape only, e.g. 4,3,8,8")
    p_check.add_argument("--class-axis", type=int, help="the class (channel) axis, e.g. 1 for channels-first")
    p_check.add_argument(
        "--strict",
        action="store_true",
        help="notes (differences inside divergences the registry records) count as failures",
    )
    p_check.add_argument("--allow", action="append", metavar="ID",
                         help="accept a recorded Keras bug the loss reproduces (its id, as the failure names it): a "
                         "note instead of a failure (repeatable)")
    p_check.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    p_check.set_defaults(run=check.cmd_check)
    p_identify = sub.add_parser(
        "identify", parents=[common], help="which registry losses and documented variants your loss computes",
        description="Runs your loss on each registry loss's inputs and compares it with the reference at its defaults "
        "and at its documented variants and usual constants; prints the matches, best first, with the `lossref "
        "check` command that pins each. Exit 0 (whether or not anything matches), 2: usage error.")
    p_identify.add_argument("target", help="package.module:attribute or path/to/file.py:attribute")
    p_identify.add_argument("--loss", action="append", metavar="NAME", help="only this registry loss (repeatable)")
    p_identify.add_argument("--backend", choices=BACKEND_CHOICES, default="torch")
    p_identify.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    p_identify.set_defaults(run=identify.cmd_identify)
    p_audit = sub.add_parser(
        "audit",
        parents=[common],
        help="a framework's own losses through the battery: the conformance matrix and a repro per failure",
        description="Exit 0: the audit ran (with --expect: and every verdict is as in that file); 1: a verdict "
        "changed from --expect; 2: usage error; 3: a backend could not be audited.",
    )
    p_audit.add_argument("library", choices=["keras", "torch", "optax"])
    p_audit.add_argument("--backend", choices=BACKEND_CHOICES + ("all",), default="all")
    p_audit.add_argument("--loss", action="append", metavar="NAME", help="only this registry loss (repeatable)")
    p_audit.add_argument("--profile", choices=["quick", "gate", "ci", "dev", "thorough"], default="ci")
    p_audit.add_argument("--seed", type=int)
    p_audit.add_argument("--out", default="conformance", help="folder for LIBRARY.md and the repros")
    p_audit.add_argument("--json", help="the records' JSON file (default OUT/LIBRARY.json)")
    p_audit.add_argument("--expect", help="an earlier JSON file: exit 1 where a verdict changed")
    p_audit.add_argument("--jobs", type=int, default=2, help="child processes side by side (default 2)")
    p_audit.add_argument("--no-verify", action="store_true", help="do not run each repro alone")
    p_audit.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    p_audit.add_argument("--part", help=argparse.SUPPRESS)
    p_audit.add_argument("--shard", default="0/1", help=argparse.SUPPRESS)
    p_audit.set_defaults(run=audit.cmd_audit)
    p_conv = sub.add_parser(
        "convergence",
        parents=[common],
        help="train a small MLP with each loss on each backend",
        description="Exit 0: every run meets its bars and the backends agree; 1: not.",
    )
    p_conv.add_argument("--backend", choices=BACKEND_CHOICES + ("all",), default="all")
    p_conv.add_argument(
        "--loss", action="append", metavar="NAME", help="only this loss (repeatable; slow runs included)"
    )
    p_conv.add_argument("--all", action="store_true", help="include the runs marked slow")
    p_conv.add_argument("--out", default="convergence-results", help="folder for the JSON, Markdown and PNG files")
    p_conv.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    p_conv.set_defaults(run=convergence.cmd_convergence)
    p_report = sub.add_parser(
        "report", parents=[common], help="merge pytest-benchmark JSON files into a Markdown report with charts"
    )
    p_report.add_argument("files", nargs="+", help="JSON files written by benchmarks/ (--benchmark-json)")
    p_report.add_argument("--out", default="bench-report", help="folder for README.md and the PNG charts")
    p_report.set_defaults(run=bench.cmd_report)
    p_bench = sub.add_parser("bench", parents=[common], help="run benchmarks/ on each backend, then the report")
    p_bench.add_argument("--backend", choices=BACKEND_CHOICES + ("all",), default="all")
    p_bench.add_argument("--device", choices=["cpu", "gpu"], default="cpu")
    p_bench.add_argument("--bench", choices=["smoke", "full"], default="full")
    p_bench.add_argument("--out", default="bench-report")
    p_bench.add_argument("pytest_args", nargs="*", help="more pytest arguments, after --")
    p_bench.set_defaults(run=bench.cmd_bench)
    p_bad = sub.add_parser(
        "bad-inputs", parents=[common], help="survey bad inputs on this backend, or merge surveys into Markdown"
    )
    p_bad.add_argument("--json", help="write this backend's survey here")
    p_bad.add_argument("--merge", nargs="+", help="survey JSON files to merge into the Markdown table")
    p_bad.set_defaults(run=bad_inputs.cmd_bad_inputs)
    p_replay = sub.add_parser(
        "replay", parents=[common], help="re-run a saved counterexample (.npz) on the backend it was found on"
    )
    p_replay.add_argument("npz")
    p_replay.add_argument("--backend", choices=BACKEND_CHOICES, help="another backend than the one it was found on")
    p_replay.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    p_replay.set_defaults(run=check.cmd_replay)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.verbose:
        os.environ["LOSSREF_VERBOSE"] = "1"
    if args.run in IN_PROCESS or getattr(args, "in_process", False):
        choose_backend()
    try:
        return args.run(args)
    except BrokenPipeError:  # `lossref list | head`: the reader left; no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def choose_backend():
    """A command that runs Keras in this process: with KERAS_BACKEND unset, the first installed backend (said
    on stderr), not Keras's default TensorFlow when TensorFlow is not installed."""
    if "KERAS_BACKEND" in os.environ:
        return
    installed = [b for b in BACKEND_CHOICES if importlib.util.find_spec(b) is not None]
    if installed:
        os.environ.update(backend_env(installed[0]))  # as the per-backend child processes get it
        print(
            f"lossref: KERAS_BACKEND is not set; using {installed[0]} (installed: {', '.join(installed)})",
            file=sys.stderr,
        )
