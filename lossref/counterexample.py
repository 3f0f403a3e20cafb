"""The saved counterexample: one .npz per failure (no pickle), written and read here only.

    y_true, y_pred        the shrunk case's arrays
    extra_<name>          arrays a property drew besides (sample_weight, mask)
    meta                  JSON: property, target ref, registry loss, target kind, dtype, backend, params,
                          fixed params, and the non-array extras (reduction, weight form)
"""

import json
import os
import re
from pathlib import Path

import numpy as np

from lossref.strategies import Case

DIRECTORY = Path(os.environ.get("LOSSREF_COUNTEREXAMPLES", ".lossref/counterexamples"))


def save(failure, directory=DIRECTORY):
    """Write `failure`'s counterexample; returns the path."""
    directory.mkdir(parents=True, exist_ok=True)
    target = failure.target
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{failure.prop}-{target.label}-{target.backend}-{failure.dtype}")
    path = directory / f"{stem}.npz"
    case = failure.case
    meta = {"property": failure.prop, "target": absolute(target.ref), "against": target.spec.name, "kind": target.kind,
            "dtype": failure.dtype, "backend": target.backend, "params": case.params, "fixed": target.fixed,
            "extras": {k: v for k, v in case.extras.items() if not isinstance(v, np.ndarray)}}
    arrays = {f"extra_{k}": v for k, v in case.extras.items() if isinstance(v, np.ndarray)}
    np.savez(path, y_true=case.y_true, y_pred=case.y_pred, meta=np.array(json.dumps(meta)), **arrays)
    return path


def absolute(ref):
    """A file target's path made absolute, so that the replay works from any directory; other refs as they are."""
    where, sep, attribute = ref.rpartition(":")
    return f"{Path(where).resolve()}:{attribute}" if sep and where.endswith(".py") else ref


def load(path):
    """(meta, Case) from a saved counterexample."""
    data = np.load(path, allow_pickle=False)
    meta = json.loads(str(data["meta"]))
    extras = {**meta.get("extras", {}), **{k[len("extra_"):]: data[k] for k in data.files if k.startswith("extra_")}}
    return meta, Case(data["y_true"], data["y_pred"], meta["params"], extras)
