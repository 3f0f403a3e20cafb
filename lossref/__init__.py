"""lossref: loss functions you can trust across Keras 3 backends.

    lossref.losses.<name>       the keras.ops implementation (function) and Loss classes
    lossref.get(name)           the registry spec (reference, domain, params, divergences)
    lossref.check(loss, against=name)   the property battery against your own loss
"""

__version__ = "0.1.0"


def get(name):
    from lossref.registry import get as _get

    return _get(name)


def check(loss, against, params=None, profile="ci", seed=None, **kwargs):
    """The property battery on your loss against the registry loss `against`; returns a CheckReport."""
    from lossref.checker import check as _check

    return _check(loss, against, params=params, profile=profile, seed=seed, **kwargs)


def assert_conforms(loss, against, **kwargs):
    from lossref.checker import assert_conforms as _assert

    return _assert(loss, against, **kwargs)
