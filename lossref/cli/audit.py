"""`lossref audit`: a framework's losses through the battery, one child process per backend (and form), merged
into one JSON file, the conformance matrix in Markdown and one repro script per failure."""

import json
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lossref import conformance, index
from lossref.cli._children import (
    NOT_INSTALLED,
    PROGRESS_TAG,
    backend_missing,
    missing_extra,
    run_child,
    selected_backends,
)
from lossref.conformance import LIBRARIES

# the losses split over this many child processes per backend, the longest first: eager JAX compiles every
# primitive for every new shape (~30 ms each on CPU), about ten times TensorFlow's or torch's time per loss
SHARDS = {"jax": 2}


def cmd_audit(args):
    if args.in_process:
        return audit_here(args)
    unknown = [name for name in args.loss or [] if name not in index.names()]
    if unknown:
        print(f"lossref audit: usage error: {index.unknown_loss(unknown[0], index.names())}", file=sys.stderr)
        return 2
    chosen = [b for b in selected_backends(args.backend) if b in LIBRARIES[args.library]]
    if not chosen:
        print(f"lossref audit: usage error: {args.library}'s losses run on {', '.join(LIBRARIES[args.library])}",
              file=sys.stderr)
        return 2
    if args.library == "optax" and (code := missing_extra("audit", {"optax": "optax"}, "audit")):
        return code
    if args.expect and not Path(args.expect).is_file():  # found now, not after minutes of auditing
        print(f"lossref audit: usage error: --expect {args.expect}: no such file", file=sys.stderr)
        return 2
    out = Path(args.out)
    with tempfile.TemporaryDirectory() as parts:
        jobs = [(backend, shard, Path(parts) / f"{backend}-{shard}.json")
                for backend in chosen for shard in range(SHARDS.get(backend, 1))]
        jobs.sort(key=lambda job: -SHARDS.get(job[0], 1))  # the longest first
        with ThreadPoolExecutor(max(1, args.jobs)) as pool:
            codes = list(pool.map(lambda job: _child(args, *job, updating=args.jobs == 1), jobs))
        found = [json.loads(path.read_text()) for _, _, path in jobs if path.exists()]
    if any(code not in (0, NOT_INSTALLED) for code in codes) or not found:
        print("lossref audit: a backend could not be audited (see above)", file=sys.stderr)
        return 3 if found or any(code != NOT_INSTALLED for code in codes) else 2
    result = conformance.merge(args.library, found)
    json_path = Path(args.json) if args.json else out / f"{args.library}.json"
    conformance.write(result, json_path, out, command=_command(args))
    print(conformance.summary(result))
    print(f"wrote {json_path}, {out / (args.library + '.md')} and the repros in {out / 'repros' / args.library}")
    if args.expect:
        changes = conformance.changes(json.loads(Path(args.expect).read_text()), result)
        for line in changes:
            print(f"changed: {line}")
        return 1 if changes else 0
    return 0


def _child(args, backend, shard, part, updating):
    command = ["audit", args.library, "--in-process", "--part", str(part), "--shard",
               f"{shard}/{SHARDS.get(backend, 1)}", "--profile",
               args.profile] + [f"--loss={name}" for name in args.loss or []]
    command += (["--seed", str(args.seed)] if args.seed is not None else []) + (["--no-verify"] if args.no_verify
                                                                                 else [])
    code, _, _ = run_child(command, backend, updating=updating)
    return code


def _command(args):
    words = ["lossref audit", args.library, f"--profile {args.profile}"]
    if args.backend != "all":
        words.append(f"--backend {args.backend}")
    return " ".join(words + [f"--loss {name}" for name in args.loss or []])


def audit_here(args):
    if backend_missing():
        return NOT_INSTALLED
    from lossref.audit import audit, versions

    index_, count = (int(x) for x in args.shard.split("/"))
    records = audit(args.library, names=args.loss, profile=args.profile, seed=args.seed, verify=not args.no_verify,
                    shard=(index_, count), progress=lambda line: print(PROGRESS_TAG + line, flush=True))
    Path(args.part).write_text(json.dumps({"versions": versions(args.library), "records": records}))
    return 0
