"""`lossref check --labels/--rank/--shape` act on every domain or are refused: no option is silently ignored.

For each input domain, one registry loss drawing from it: a fixed shape the domain can honour is the shape of every
drawn y_pred, each label set it honours is the only one drawn, and every other option is a ValueError naming the
domain (the CLI's usage error). NumPy and hypothesis only: no loss is run."""

import numpy as np
import pytest
from hypothesis import find, settings

import lossref
from lossref import checker, engine, layouts, registry
from lossref.registry import SPECS
from lossref.strategies import _float_param
from lossref.target import registry_target
from suites._helpers import BACKEND

# NumPy and hypothesis only, the same on every backend: the torch env runs them
pytestmark = pytest.mark.skipif(BACKEND != "torch", reason="backend-independent: runs in the torch env")
DOMAINS = {}
for _spec in SPECS:
    DOMAINS.setdefault(_spec.domain.name, _spec)
LABEL_VALUES = {"hard": {0.0, 1.0}, "signed": {-1.0, 1.0}, "binary": {0.0, 1.0}}


def test_every_domain_has_a_layout():
    assert set(DOMAINS) == set(layouts.LAYOUTS)


def honoured_shape(layout):
    """A y_pred shape the layout can draw: its first rank above 1, sides (2, 3, 2, 2) with its fixed sides."""
    rank = next((r for r in layout.ranks if r > 1), layout.ranks[0])
    shape = [2, 3, 2, 2][:rank]
    for axis, size in layout.sides:
        shape[axis] = size
    if layout.square:
        shape[1] = shape[0]
    return tuple(shape)


def draws(spec, **options):
    """The cases `lossref check` draws with the options (ci profile, 5 of them)."""
    limits = checker._limits("ci", options.get("labels"), options.get("rank"), options.get("shape"), spec.domain.name)
    found = []

    def values(target, case, dtype):
        found.append(case)

    engine.execute(values, registry_target(spec), "float32", profile="ci", max_examples=5, limits=limits)
    return found


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_shape_and_rank_take_effect_or_are_refused(domain):
    spec, layout = DOMAINS[domain], layouts.LAYOUTS[domain]
    shape = honoured_shape(layout)
    if layout.fixed_shape:
        assert {case.y_pred.shape for case in draws(spec, shape=shape)} == {shape}
    else:
        with pytest.raises(ValueError, match=f"the {domain} domain"):
            draws(spec, shape=shape)
    refused = next(r for r in range(1, 6) if r not in layout.ranks)
    with pytest.raises(ValueError, match=f"rank {refused} does not fit the {domain} domain"):
        draws(spec, rank=refused)


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_labels_take_effect_or_are_refused(domain):
    spec, layout = DOMAINS[domain], layouts.LAYOUTS[domain]
    for labels in layouts.LABEL_CHOICES:
        if labels not in layout.labels:
            with pytest.raises(ValueError, match=f"--labels {labels} does not apply to the {domain} domain"):
                draws(spec, labels=labels)
            continue
        drawn = draws(spec, labels=labels)
        values = set(np.unique(np.concatenate([case.y_true.ravel() for case in drawn])).tolist())
        if labels == "soft":  # soft targets (some may happen to be one-hot)
            assert not values <= {0.0, 1.0} and all(0 <= v <= 1 for v in values), (domain, values)
        else:
            assert values <= LABEL_VALUES[labels], (domain, labels, values)


def test_the_api_refuses_an_option_the_domain_cannot_honour():
    with pytest.raises(ValueError, match="--labels hard does not apply to the triplets domain"):
        lossref.check(lambda t, p: p[:, 0, 0], "triplet_margin_loss", labels="hard")


@pytest.mark.parametrize("loss, name, extreme", [("ntxent", "temperature", 0.01), ("huber", "delta", 10.0),
                                                 ("kl_divergence", "epsilon", 1e-15)])
def test_parameters_are_drawn_at_the_extremes_of_their_ranges(loss, name, extreme):
    """An open or unbounded range is drawn at its extremes too (a temperature of 0.01), not only in between."""
    param = next(p for p in registry.get(loss).params if p.name == name)
    assert find(_float_param(param), lambda value: value == extreme, settings=settings(database=None)) == extreme
