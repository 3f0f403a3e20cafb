"""Parity with the original library on its home backend: torch.nn.functional on torch, optax on JAX.

Every loss the registry takes from torch.nn.functional or optax (its record's `source`) is run from the very
code `lossref audit` prints (the call templates in lossref/backends), over the loss's whole documented domain
with every listed parameter drawn from its range. Its values (float32 and float64) and its gradient must match
the float64 reference that lossref's own implementation matches: the closed-form gradient where the loss has
one, else finite differences of the reference. Where the original differs, the registry
records a Defect, and the test is a strict xfail naming it.
"""

import numpy as np
import pytest

from lossref import audit, engine, properties, registry
from lossref import gradient_properties as gp
from lossref.assertions import PropertyFailure
from lossref.strategies import Case
from lossref.target import user_target
from suites._helpers import BACKEND, assert_property

LIBRARY = {"torch": "torch", "jax": "optax"}.get(BACKEND)
ALSO = {"optax": ("triplet_margin_loss",)}  # losses from elsewhere that the home library also ships
DTYPES = ("float32", "float64")  # one verdict over both, as `lossref audit` records it


def _cases():
    if LIBRARY is None:
        return
    for original in audit.originals(LIBRARY):
        spec = registry.get(original.name)
        if spec.source != LIBRARY and original.name not in ALSO.get(LIBRARY, ()):
            continue
        # with a closed form, the original against finite differences follows from gradient_analytic (original =
        # closed form) and closed_form_fd (closed form = finite differences of the reference: test_gradients.py)
        for prop in (properties.values, gp.gradient_analytic if spec.gradient else gp.gradient_fd):
            defect = next((d for d in spec.defects for dtype in DTYPES
                           if d.covers(LIBRARY, BACKEND, prop.__name__, dtype)), None)
            drawn = defect is not None and prop.__name__ not in defect.witnesses  # a fixed witness replays instead
            marks = [pytest.mark.xfail(strict=True, reason=f"{defect.summary} [{defect.upstream}]")] if drawn else []
            yield pytest.param(original, prop, defect, marks=marks, id=f"{original.name}-{prop.__name__}")


CASES = list(_cases())


@pytest.mark.skipif(not CASES, reason=f"no torch.nn.functional or optax losses are at home on {BACKEND}")
@pytest.mark.parametrize("original,prop,defect", CASES)
def test_original_matches_the_reference_lossref_matches(original, prop, defect):
    """The original agrees on drawn cases; where a recorded defect has a fixed witness, the witness shows it
    (deterministic in every profile, where drawn cases may miss the defect's region)."""
    spec = registry.get(original.name)
    target = user_target(original.obj, spec, original.ref, original.fixed)
    target.framework_divergences = False
    target.seed_key = f"audit:{original.name}"  # the audit's cases: its matrix and this test agree
    witness = defect.witnesses.get(prop.__name__) if defect is not None else None
    if witness is not None:
        y_true, y_pred, params = witness()
        case = Case(np.asarray(y_true), np.asarray(y_pred), {**spec.defaults, **original.fixed, **params})
        found = [engine.replay(prop, target, dtype, case) for dtype in defect.dtypes]
        assert any(isinstance(f, PropertyFailure) for f in found), f"no longer shows: {defect.summary}"
    for dtype in DTYPES:
        if witness is None or dtype not in defect.dtypes:
            assert_property(prop, spec, dtype, target=target)


def test_every_loss_from_the_home_library_is_checked():
    """Each record whose source is this backend's library has its original under parity."""
    if LIBRARY is None:
        pytest.skip(f"no torch.nn.functional or optax losses are at home on {BACKEND}")
    checked = {case.values[0].name for case in CASES}
    assert checked == {s.name for s in registry.SPECS if s.source == LIBRARY} | set(ALSO.get(LIBRARY, ()))
