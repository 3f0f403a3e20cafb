"""Every registry loss, in every dtype, agrees with its float64 NumPy reference: shape, dtype and values."""

from lossref import properties
from suites._helpers import assert_property, dtypes, spec_ids


@spec_ids()
@dtypes()
def test_matches_reference(spec, dtype):
    assert_property(properties.values, spec, dtype)
