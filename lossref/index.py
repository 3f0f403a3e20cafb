"""The registry's names and parameters as a JSON file that reads without Keras or a backend.

`lossref list` and the CLI's usage checks read it, so they answer in well under a second and before any backend
starts. It is derived from the registry (`build`); `suites/test_registry.py` fails when it is out of date, and
`python -m lossref.index` rewrites it.
"""

import dataclasses
import difflib
import functools
import json
import math
import pathlib

from lossref.losses._params import Param

PATH = pathlib.Path(__file__).with_name("index.json")


def build(specs):
    """The index entries of the registry records `specs`."""
    return [{"name": s.name, "family": s.family, "formula": s.formula, "source": s.source, "domain": s.domain.name,
             "function": f"lossref.losses.{s.name}", "class": f"lossref.losses.{s.class_name}",
             "reference": f"lossref.reference.{s.family}.{s.name}",
             "built-in": f"keras.losses.{s.keras}" if s.keras else None,
             "params": [{**_plain(dataclasses.asdict(p)), "describe": p.describe()} for p in s.params],
             "divergences": [{"id": d.id, "kind": d.kind, "upstream": d.upstream} for d in s.known_divergences]}
            for s in specs]


def _plain(fields):
    """JSON-safe: infinite bounds as null, tuples as lists."""
    return {k: (None if isinstance(v, float) and math.isinf(v) else list(v) if isinstance(v, tuple) else v)
            for k, v in fields.items()}


def dumps(entries):
    return json.dumps(entries, indent=1, ensure_ascii=False) + "\n"


@functools.cache
def entries():
    """Read once per process (callers do not modify it)."""
    return json.loads(PATH.read_text())


def names():
    return [entry["name"] for entry in entries()]


def did_you_mean(given, known):
    """"; did you mean 'x'?" for the closest names to `given` among `known`, or ""."""
    close = difflib.get_close_matches(given, list(known), n=2, cutoff=0.6)
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?" if close else ""


def unknown_loss(name, known):
    return (f"unknown loss {name!r}" + did_you_mean(name, known)
            + f"; `lossref list` shows the {len(known)} names")


def params(entry):
    """The Param records of an index entry (what validation needs, without importing the loss)."""
    out = []
    for fields in entry["params"]:
        fields = {k: v for k, v in fields.items() if k != "describe"}
        fields["low"] = -math.inf if fields["low"] is None else fields["low"]
        fields["high"] = math.inf if fields["high"] is None else fields["high"]
        fields["choices"] = tuple(fields.get("choices", ()))
        out.append(Param(**fields))
    return out


if __name__ == "__main__":
    from lossref.registry import SPECS  # the registry needs Keras: only when rewriting the file

    PATH.write_text(dumps(build(SPECS)))
    print(f"wrote {PATH} ({len(SPECS)} losses)")
