"""`lossref audit`: a framework's own losses through the whole `lossref check` battery, as conformance records.

    records = audit("keras")          # on the running Keras backend: every built-in, function and class

One record per loss × backend × form × property, both dtypes folded in (the worst verdict; the message names the
dtype): pass, fail, note (a difference the registry records as a precision or design divergence, or a property
the drawn cases hardly exercised) or skip (the property does not apply). A divergence the registry records as a
bug of the framework is a failure here. Each failure carries a repro in plain framework code
(lossref/repro.py), run alone to confirm that it fails.
"""

import inspect
from dataclasses import dataclass, field

import keras
import numpy as np

from lossref import backends, repro
from lossref.battery import CHECK
from lossref.checker import check
from lossref.conformance import FORMS, LIBRARIES
from lossref.registry import SPECS, get
from lossref.target import accepted

DEFECT_KINDS = ("keras-bug", "keras-backend")  # recorded divergences that are the framework's defects


@dataclass
class Original:
    """A framework's own loss under audit: `obj` is what `lossref check` takes; `templates` write it in plain
    code for repros (lossref/repro.py); `fixed` are the parameters it is checked at (the others are drawn)."""

    name: str  # the registry loss it implements
    form: str
    ref: str
    obj: object
    templates: dict
    fixed: dict = field(default_factory=dict)
    imports: str = ""
    framework_divergences: bool = True  # Keras's recorded divergences apply

    @property
    def accepts(self):
        """The documented parameters it takes (a repro passes only those)."""
        names = [p.name for p in get(self.name).params]
        return accepted(self.obj.__init__ if isinstance(self.obj, type) else self.obj, names)


def keras_originals():
    for spec in SPECS:
        if not spec.keras:
            continue
        cls = spec.fn.class_name
        yield Original(spec.name, "function", f"keras.losses.{spec.keras}", getattr(keras.losses, spec.keras),
                       {"call": f"keras.losses.{spec.keras}({{y_true}}, {{y_pred}}{{sep}}{{params}})"})
        yield Original(spec.name, "class", f"keras.losses.{cls}", getattr(keras.losses, cls),
                       {"call": f"keras.losses.{cls}({{params}}).call({{y_true}}, {{y_pred}})",
                        "object": f"keras.losses.{cls}(reduction={{reduction}}{{sep}}{{params}})"
                                  "({y_true}, {y_pred}{weights})"})


def native_originals(library):
    """torch.nn.functional's or optax's losses, each run from the very code its repro prints."""
    adapter = backends.current()
    namespace, imports = adapter.audit_namespace()
    for name, template, fixed in adapter.audit_losses(library):
        spec = get(name)
        named = [p.name for p in spec.params if "{" + p.name + "}" in template]
        fixed = {**{p.name: p.default for p in spec.params if p.name not in named}, **fixed}
        ref = template.split("(")[0].lstrip("-")
        yield Original(name, "function", ref, _from_template(template, namespace, named), {"call": template}, fixed,
                       imports, framework_divergences=False)


def _from_template(template, namespace, named):
    """A loss (y_true, y_pred, **named params) that evaluates the template: the audited code is the repro's."""

    def loss(y_true, y_pred, **params):
        code = template.format(y_true="y_true", y_pred="y_pred", **{k: repr(params[k]) for k in named})
        return eval(code, {**namespace, "y_true": y_true, "y_pred": y_pred})  # noqa: S307 - our own template

    loss.__signature__ = inspect.Signature(
        [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in ("y_true", "y_pred")]
        + [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=None) for n in named])
    return loss


def originals(library):
    """The library's losses that have a registry counterpart, on the running backend."""
    return list(keras_originals() if library == "keras" else native_originals(library))


def audit(library, names=None, profile="ci", seed=None, progress=None, verify=True, forms=FORMS["keras"], shard=(0, 1)):
    """The records of `library`'s losses (only `names`, if given) on the running backend; shard (i, n): the
    i-th of n interleaved parts of the losses (each loss's forms stay together: they draw the same cases)."""
    backend = keras.backend.backend()
    if backend not in LIBRARIES[library]:
        raise ValueError(f"{library}'s losses run on {', '.join(LIBRARIES[library])}, not {backend}")
    chosen = [o for o in originals(library) if (not names or o.name in names) and o.form in forms]
    losses = list(dict.fromkeys(o.name for o in chosen))
    chosen = [o for o in chosen if losses.index(o.name) % shard[1] == shard[0]]
    records = []
    for number, original in enumerate(chosen, 1):
        report = check(original.obj, original.name, params=original.fixed, profile=profile, seed=seed, dtype="all",
                       ref=original.ref, framework_divergences=original.framework_divergences,
                       # the same cases for every form (compiled once on JAX); recorded bugs are records of their own
                       seed_key=f"audit:{original.name}", allow=True)
        found = list(records_of(report, original, backend, library))
        records += found
        if progress:
            failed = sorted({r["property"] for r in found if r["verdict"] == "fail"})
            progress(f"{backend} [{number}/{len(chosen)}] {original.ref}: {', '.join(failed) or 'no failure'}")
    if verify:
        verify_repros(records, backend)
    return records


def verify_repros(records, backend):
    """Run every repro alone (one fresh interpreter without lossref): it must fail as the property did."""
    pending = [r["repro"] for r in records if r.get("repro")]
    for repro_, error in zip(pending, repro.run_alone([p["code"] for p in pending], backend), strict=True):
        repro_["fails_alone"], repro_["error"] = error.startswith(repro_.pop("expects")), error


def records_of(report, original, backend, library="keras"):
    """One record per property of the battery, float32 and float64 folded in."""
    spec = get(original.name)
    for prop, _ in CHECK:
        name = prop.__name__
        outcomes = [o for o in report.outcomes if o.property == name]
        failures = [f for f in report.failures if f.property == name]
        noted = [(d, f) for d, f in report.noted if f.prop == name]
        defects = [(d, f) for d, f in noted if d.kind in DEFECT_KINDS]
        record = {"loss": original.name, "backend": backend, "form": original.form, "property": name}
        if failures or defects:
            failure = failures[0].error if failures else defects[0][1]
            summary = _first_line(failure.detail) + explanation(spec, library, backend, failure) if failures else \
                f"{defects[0][0].summary} (upstream: {defects[0][0].upstream})"
            yield {**record, "verdict": "fail", "message": f"{failure.dtype}: {summary}",
                   "counterexample": counterexample(failure),
                   "repro": _repro(failure, spec, original, backend)}
        elif noted or any(o.status == "not exercised" for o in outcomes):
            notes = [n for n in report.notes if n.startswith(name + ":") or n.startswith(name + "[")]
            yield {**record, "verdict": "note", "message": " ".join(notes) or "noted", "counterexample": None}
        elif report.crash and not outcomes or any(o.status == "could not check" for o in outcomes):
            yield {**record, "verdict": "skip", "message": f"lossref could not check it: {report.crash}",
                   "counterexample": None}
        elif any(o.status == "passed" for o in outcomes):
            counts = ", ".join(f"{o.dtype} {o.evaluated} cases" for o in outcomes if o.status == "passed")
            yield {**record, "verdict": "pass", "message": counts, "counterexample": None}
        else:
            reasons = sorted({o.status.removeprefix("skipped: ") for o in outcomes})
            yield {**record, "verdict": "skip", "message": "; ".join(reasons) or "not run", "counterexample": None}


NOT_RECORDED = "not recorded in the registry"


def explanation(spec, library, backend, failure):
    """" — what it is [upstream]" from the record's Defect that covers the failure, or that none does."""
    defect = next((d for d in spec.defects if d.covers(library, backend, failure.prop, failure.dtype)), None)
    return f" — {defect.summary} (upstream: {defect.upstream})" if defect else f" ({NOT_RECORDED})"


def _first_line(text):
    return text.splitlines()[0]


def counterexample(failure):
    """The shrunk case as JSON: dtype, params, arrays, and what the property drew besides."""
    case = failure.case

    def plain(x):
        if isinstance(x, np.ndarray):
            return x.tolist()
        if isinstance(x, (tuple, list)):
            return [plain(v) for v in x]
        return x.item() if isinstance(x, np.generic) else x

    return {"dtype": failure.dtype, "params": {k: plain(v) for k, v in case.params.items()},
            "y_true": plain(np.asarray(case.y_true)), "y_pred": plain(np.asarray(case.y_pred)),
            "extras": {k: plain(v) for k, v in case.extras.items()}}


def _repro(failure, spec, original, backend):
    """{"code", "expects", "fails_alone": None} for the failure (verify_repros runs it), or None where it has no
    plain-code form."""
    title = (f"{original.ref} on {backend}, {failure.dtype}: property {failure.prop} "
             f"(lossref audit; {_versions_line()})")
    code = repro.write(failure, spec, backend, original.templates, title, original.imports, original.accepts)
    if code is None:
        return None
    return {"code": code, "expects": repro.expected_error(failure), "fails_alone": None, "error": ""}


def _versions_line():
    return ", ".join(f"{k} {v}" for k, v in versions().items())


def versions(library="keras"):
    """Keras's, the backend's and the audited library's versions."""
    found = {"keras": keras.__version__, keras.backend.backend(): backends.current().version()}
    if library != "keras":
        found[library] = backends.current().audit_namespace()[0][library].__version__
    return found

