"""Per-sample independence and Keras's (N,)/(N,1) rank alignment for the Loss-class form."""

import pytest

from lossref import properties
from suites._helpers import SPECS, applicable, assert_property, dtypes, spec_ids

PER_SAMPLE = applicable(properties.per_sample, "float32")
ALIGNED = applicable(properties.rank_alignment, "float32")


@spec_ids(PER_SAMPLE)
@dtypes(["float32"])
def test_samples_are_independent(spec, dtype):
    assert_property(properties.per_sample, spec, dtype)


@spec_ids(ALIGNED)
@dtypes(["float32"])
def test_rank_alignment_of_loss_class(spec, dtype):
    assert_property(properties.rank_alignment, spec, dtype)


@pytest.mark.parametrize("name", [s.name for s in SPECS if not s.independent_samples])
def test_batch_level_losses_say_so(name):
    spec = next(s for s in SPECS if s.name == name)
    assert spec.notes or spec.name == "circle", "a loss whose samples interact must say why in its spec"
