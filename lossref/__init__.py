"""lossref: loss functions you can trust across Keras 3 backends.

    lossref.losses.<name>       the keras.ops implementation (function) and Loss classes
    lossref.get(name)           the registry spec (reference, domain, params, divergences)
    lossref.check(loss, against=name)   the property battery against your own loss
"""

import contextlib
import warnings

__version__ = "0.1.0"


def get(name):
    from lossref.registry import get as _get

    return _get(name)


def check(loss, against: str, params: dict | None = None, profile: str = "ci", seed: int | None = None, **kwargs):
    """The property battery on your loss against the registry loss `against`; returns a CheckReport. The
    frameworks' deprecation and user warnings raised while it runs (thousands of calls) are not shown."""
    from lossref.checker import check as _check

    with _quiet():
        return _check(loss, against, params=params, profile=profile, seed=seed, **kwargs)


def assert_conforms(loss, against: str, **kwargs):
    """In pytest: AssertionError with the full report unless `loss` conforms (notes allowed)."""
    from lossref.checker import assert_conforms as _assert

    with _quiet():
        return _assert(loss, against, **kwargs)


@contextlib.contextmanager
def _quiet():
    with warnings.catch_warnings():
        for category in (DeprecationWarning, PendingDeprecationWarning, FutureWarning, UserWarning):
            warnings.simplefilter("ignore", category)
        yield
