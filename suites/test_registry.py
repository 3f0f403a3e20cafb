"""The registry is complete and consistent with the implementations, the classes and Keras."""

import inspect
import subprocess
import sys

import keras
import numpy as np
import pytest

import lossref
from lossref import losses, registry
from suites._helpers import SPECS

KERAS = [  # the 22 losses of Keras 3.15.1's keras.losses
    "mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
    "mean_squared_logarithmic_error", "cosine_similarity", "huber", "log_cosh", "hinge", "squared_hinge",
    "categorical_hinge", "kl_divergence", "poisson", "binary_crossentropy", "binary_focal_crossentropy",
    "categorical_crossentropy", "categorical_focal_crossentropy", "sparse_categorical_crossentropy",
    "categorical_generalized_cross_entropy", "dice", "tversky", "circle", "ctc",
]
TUTORIALS = ["sum_squared_error", "mean_error", "cosine_proximity", "penalized_absolute_error", "relative_rmse"]
BEYOND_KERAS = {  # torch.nn.functional, optax and TensorFlow Addons losses Keras lacks
    "torch": ["smooth_l1_loss", "nll_loss", "poisson_nll_loss", "gaussian_nll_loss", "soft_margin_loss",
              "multilabel_soft_margin_loss", "multilabel_margin_loss", "multi_margin_loss", "hinge_embedding_loss",
              "cosine_embedding_loss", "margin_ranking_loss", "triplet_margin_loss"],
    "optax": ["l2_loss", "convex_kl_divergence", "generalized_kl_divergence", "kl_divergence_with_log_targets",
              "poly_loss_cross_entropy", "sigmoid_focal_loss", "sparsemax_loss", "multiclass_sparsemax_loss",
              "multiclass_hinge_loss", "perceptron_loss", "multiclass_perceptron_loss", "ntxent",
              "ranking_softmax_loss", "safe_softmax_cross_entropy", "multiclass_generalized_dice_loss"],
    "tensorflow-addons": ["pinball_loss", "contrastive_loss", "triplet_semihard_loss", "triplet_hard_loss",
                          "npairs_loss", "lifted_struct_loss", "weighted_kappa_loss", "giou_loss"],
}
NAMES = KERAS + TUTORIALS + [name for names in BEYOND_KERAS.values() for name in names]


def test_every_documented_loss_is_registered():
    assert set(NAMES) <= set(registry.names())
    assert {s.name for s in SPECS if s.source == "keras"} == set(KERAS)
    assert {s.name for s in SPECS if s.source == "seed"} == set(TUTORIALS)
    for source, names in BEYOND_KERAS.items():
        assert {s.name for s in SPECS if s.source == source} == set(names), source
    assert len(SPECS) == len(NAMES) == 62
    assert sorted(losses.FUNCTIONS) == sorted(registry.names()), "every implementation has a record"
    assert lossref.get("huber") is registry.get("huber")
    with pytest.raises(ValueError, match="unknown loss 'hubr'"):
        lossref.get("hubr")


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_spec_params_match_function_and_keras_signatures(spec):
    signature = inspect.signature(spec.fn.__wrapped__)
    defaults = {n: p.default for n, p in signature.parameters.items() if p.default is not inspect.Parameter.empty}
    for param in spec.params:
        assert defaults[param.name] == param.default, param.name
    if spec.keras:
        keras_params = inspect.signature(getattr(keras.losses, spec.keras)).parameters
        for param in spec.params:
            if param.name not in keras_params:  # a documented variant Keras lacks: its default must be Keras's
                continue  # behaviour, which parity checks (it fixes such parameters at their defaults)
            keras_default = keras_params[param.name].default
            if keras_default is not inspect.Parameter.empty:
                assert keras_default == param.default, f"{param.name}: Keras default {keras_default}"


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_loss_class_is_serializable_and_keeps_params(spec):
    cls = spec.loss_class
    assert getattr(losses, spec.name) is spec.fn
    instance = cls()
    config = keras.losses.serialize(instance)
    clone = keras.losses.deserialize(config)
    assert type(clone) is cls and clone.params == instance.params
    if spec.keras and spec.name not in ("categorical_generalized_cross_entropy",):
        assert hasattr(keras.losses, spec.class_name), spec.class_name


def test_huber_closure_equals_huber_with_delta():
    t, p = np.array([[0.0, 2.0, -3.0]]), np.array([[0.5, -1.0, 4.0]])
    closure = losses.huber_fn(2.5)
    as_numpy = keras.ops.convert_to_numpy  # tensors may live on a GPU
    np.testing.assert_allclose(as_numpy(closure(t, p)), as_numpy(losses.huber(t, p, delta=2.5)))


def test_lossref_list_shows_every_name():
    out = subprocess.run([sys.executable, "-m", "lossref", "list"], capture_output=True, text=True, check=True)
    for name in NAMES:
        assert name in out.stdout


def test_index_is_current():
    """lossref/index.json (what `lossref list` and the CLI's usage checks read without a backend) matches the
    registry; `python -m lossref.index` rewrites it."""
    from lossref import index

    assert index.PATH.read_text() == index.dumps(index.build(SPECS)), "run `python -m lossref.index`"
    for entry, spec in zip(index.entries(), SPECS, strict=True):
        assert index.params(entry) == list(spec.params), spec.name


def test_every_recorded_divergence_is_in_the_docs_by_its_id():
    """docs/divergences.md names each divergence by the id `lossref check --allow` takes, with its kind."""
    import pathlib

    text = (pathlib.Path(registry.__file__).resolve().parents[2] / "docs" / "divergences.md").read_text()
    kinds = {"keras-bug": "bug", "keras-precision": "precision", "keras-backend": "backend", "lossref-design": "design"}
    missing = sorted({f"{d.id} ({kinds[d.kind]})" for spec in SPECS for d in spec.known_divergences
                      if f"{d.id} ({kinds[d.kind]})" not in text})
    assert not missing, missing
