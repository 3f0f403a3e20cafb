"""Bad input on every loss: a LossInputError naming the loss and the argument (eager), the documented value
(compiled), never a crash from deep inside a backend and never a silent broadcast. Table: docs/bad-inputs.md."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lossref import bad_inputs
from lossref.errors import LossInputError
from lossref.strategies import arrays
from suites._helpers import BACKEND, SPECS

CASES = [(spec, case) for spec in SPECS for case in bad_inputs.cases(spec)]
IDS = [f"{spec.name}:{case.category}:{case.description}" for spec, case in CASES]


@pytest.mark.parametrize("spec,case", CASES, ids=IDS)
def test_bad_input_eager(spec, case):
    result = bad_inputs.outcome(spec.fn, spec.loss_class, case)
    problem = bad_inputs.meets_requirement(spec, case, result)
    assert problem is None, f"{spec.name}, {case.description}, {BACKEND} eager: {problem}"


COMPILED = [(s, c) for s, c in CASES if c.stage == "call" and BACKEND != "torch"]


@pytest.mark.parametrize("spec,case", COMPILED, ids=[f"{s.name}:{c.category}:{c.description}" for s, c in COMPILED])
def test_bad_input_compiled(spec, case):
    result = bad_inputs.outcome(spec.fn, spec.loss_class, case, compiled=True)
    problem = bad_inputs.meets_requirement(spec, case, result, compiled=True)
    assert problem is None, f"{spec.name}, {case.description}, {BACKEND} compiled: {problem}"


FUZZ_VALUES = st.floats(allow_subnormal=False, width=32) | st.sampled_from([0.0, 1.0, 0.5, np.nan, np.inf])
FUZZ_SHAPES = st.lists(st.integers(0, 3), min_size=0, max_size=3).map(tuple)
FUZZ_DTYPES = st.sampled_from(["float32", "float64", "int32", "bool"])


def _arrays(draw):
    shape = draw(FUZZ_SHAPES, label="shape")
    dtype = draw(FUZZ_DTYPES, label="dtype")
    if dtype == "bool":
        return draw(arrays(bool, shape))
    if dtype == "int32":
        return draw(arrays(np.int32, shape, st.integers(-2, 4)))
    return draw(arrays(np.dtype(dtype), shape, FUZZ_VALUES))


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_fuzz_only_listed_errors_or_finite_results(spec):
    """Random shapes, dtypes and values (NaN and inf included): a LossInputError naming the loss, or a result
    that is finite (or empty). Nothing else: no backend crash, no NaN from valid-looking input."""

    @settings(max_examples=30, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def fuzz(data):
        y_true, y_pred = _arrays(data.draw), _arrays(data.draw)
        try:
            values = np.asarray(__import__("keras").ops.convert_to_numpy(spec.fn(y_true, y_pred)), dtype=np.float64)
        except LossInputError as error:
            assert spec.name in str(error)
            return
        assert values.size == 0 or np.all(np.isfinite(values)), \
            f"{spec.name} returned {values} for y_true {y_true!r}, y_pred {y_pred!r}"

    fuzz()
