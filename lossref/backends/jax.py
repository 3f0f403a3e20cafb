"""JAX adapter: jax.value_and_grad and jax.jvp (forward-over-reverse for Hessian-vector products).

Both run under jax.jit: eager differentiation compiles every primitive for every new shape (~0.35 s per
shape for MSE on CPU), one jit compile of the whole function takes ~0.05 s. The data are arguments of the
compiled function, so a call that names its computation (`key`) reuses the compiled function of an earlier
call with that key, and jit's own cache reuses its executable for shapes and dtypes seen before. A loss that
cannot be traced (Python control flow on values) falls back to eager differentiation.
"""

import functools
import os
from collections import OrderedDict

import jax

_UNTRACEABLE = (jax.errors.ConcretizationTypeError, jax.errors.TracerBoolConversionError,
                jax.errors.TracerArrayConversionError, jax.errors.TracerIntegerConversionError)
_COMPILED = OrderedDict()  # (transform, key) -> jitted function, least recently used first
_KEEP = 512


def _compiled(kind, transform, key):
    if key is None:
        return jax.jit(transform)
    key = (kind, key)
    if key in _COMPILED:
        _COMPILED.move_to_end(key)
    else:
        _COMPILED[key] = jax.jit(transform)
        if len(_COMPILED) > _KEEP:
            _COMPILED.popitem(last=False)
    return _COMPILED[key]


def _compiled_or_eager(kind, transform, key, *args):
    try:
        return _compiled(kind, transform, key)(*args)
    except _UNTRACEABLE:
        return transform(*args)


def value_and_grad(objective, x, data=(), key=None):
    return _compiled_or_eager("value_and_grad", jax.value_and_grad(objective), key, x, *data)


def hvp(objective, x, v, data=(), key=None):
    def product(x, v, *data):
        return jax.jvp(lambda x: jax.grad(objective)(x, *data), (x,), (v,))[1]

    return _compiled_or_eager("hvp", product, key, x, v, *data)


def share_ir_context():
    """Lower every function of this process in one MLIR context instead of a new one each time.

    JAX makes a fresh MLIR context, with every dialect loaded, for each function it lowers, and eager code
    lowers one for every jax.numpy function at every new shape and dtype: thousands in a test process, at a
    few ms each, and the lowering caches keep each context alive. MLIR's trade-off (llvm/llvm-project#217320):
    a shared context never frees the types and attributes it interns, which the tests' small arrays keep small.
    Not thread-safe: one thread lowers. The JAX test env turns it on (LOSSREF_JAX_SHARED_IR_CONTEXT=1, read at
    import); a JAX without this hook is left as it is.
    """
    from jax._src.interpreters import mlir

    make = getattr(mlir, "make_ir_context", None)
    if callable(make) and not hasattr(make, "cache_info"):
        mlir.make_ir_context = functools.cache(make)


if os.environ.get("LOSSREF_JAX_SHARED_IR_CONTEXT") == "1":
    share_ir_context()


def skip_exit_cleanup():
    """Leave out JAX's exit handler (jax._src.api.clean_up): it clears every cache and backend and runs four full
    garbage collections, several CPU-seconds in a test process that compiled thousands of functions, just before
    the process ends anyway. The test processes call it (conftest.py)."""
    import atexit

    from jax._src import api

    atexit.unregister(api.clean_up)


def version():
    return jax.__version__


def jit(fn):
    return jax.jit(fn)


def is_concrete(x):
    return not isinstance(x, jax.core.Tracer)


# --- benchmarks ---------------------------------------------------------------------------------------

def bench_callable(loss, compiled, backward):
    """loss(t, p) -> scalar, as the benchmarks time it: forward, or jax.value_and_grad with respect to p."""
    step = jax.value_and_grad(loss, argnums=1) if backward else loss
    return jax.jit(step) if compiled else step


def compiler_unavailable(error):
    return False


def synchronize(result):
    """JAX dispatches asynchronously: block until the result is computed."""
    return jax.block_until_ready(result)


def pin_threads(threads):
    """XLA's CPU thread pool is fixed by XLA_FLAGS before import (the bench env sets it); nothing to do here."""


def device_name():
    device = jax.devices()[0]
    return "cpu" if device.platform == "cpu" else device.device_kind


def native_losses():
    """optax losses of the same meaning, as a scalar mean over samples (from_logits=True where it applies)."""
    import jax.numpy as jnp
    import optax

    def ctc(t, p):
        label_pad = (t == 0).astype(p.dtype)
        return jnp.mean(optax.ctc_loss(p, jnp.zeros(p.shape[:2], p.dtype), t, label_pad, blank_id=0))

    losses = optax.losses
    return {
        "l2_loss": lambda t, p: jnp.mean(losses.l2_loss(p, t)),
        "perceptron_loss": lambda t, p: jnp.mean(losses.perceptron_loss(p, jnp.where(t == 0, -1.0, t))),
        "multiclass_hinge_loss": lambda t, p: jnp.mean(losses.multiclass_hinge_loss(p, t)),
        "multiclass_perceptron_loss": lambda t, p: jnp.mean(losses.multiclass_perceptron_loss(p, t)),
        "sigmoid_focal_loss": lambda t, p: jnp.mean(losses.sigmoid_focal_loss(p, t)),
        "poly_loss_cross_entropy": lambda t, p: jnp.mean(losses.poly_loss_cross_entropy(p, t)),
        "safe_softmax_cross_entropy": lambda t, p: jnp.mean(losses.safe_softmax_cross_entropy(p, t)),
        "kl_divergence_with_log_targets": lambda t, p: jnp.mean(losses.kl_divergence_with_log_targets(p, t)),
        "generalized_kl_divergence": lambda t, p: jnp.mean(losses.generalized_kl_divergence(p, t)),
        "convex_kl_divergence": lambda t, p: jnp.mean(losses.generalized_kl_divergence(p, t)),  # its alias
        "triplet_margin_loss": lambda t, p: jnp.mean(losses.triplet_margin_loss(p[:, 0], p[:, 1], p[:, 2])),
        "ntxent": lambda t, p: losses.ntxent(p, t),
        "sparsemax_loss": lambda t, p: jnp.mean(losses.sparsemax_loss(p, t)),
        "multiclass_sparsemax_loss": lambda t, p: jnp.mean(losses.multiclass_sparsemax_loss(p, t)),
        "ranking_softmax_loss": lambda t, p: losses.ranking_softmax_loss(p, t),
        "multiclass_generalized_dice_loss": lambda t, p: losses.multiclass_generalized_dice_loss(p, t),
        "mean_squared_error": lambda t, p: jnp.mean(optax.squared_error(p, t)),
        "huber": lambda t, p: jnp.mean(optax.huber_loss(p, t, delta=1.0)),
        "log_cosh": lambda t, p: jnp.mean(optax.log_cosh(p, t)),
        "cosine_similarity": lambda t, p: -jnp.mean(optax.cosine_similarity(p, t, epsilon=1e-12)),
        "hinge": lambda t, p: jnp.mean(optax.hinge_loss(p, t)),
        "kl_divergence": lambda t, p: jnp.mean(optax.kl_divergence(jnp.log(p), t)),
        "binary_crossentropy": lambda t, p: jnp.mean(optax.sigmoid_binary_cross_entropy(p, t)),
        "binary_focal_crossentropy": lambda t, p: jnp.mean(optax.sigmoid_focal_loss(p, t, alpha=None, gamma=2.0)),
        "categorical_crossentropy": lambda t, p: jnp.mean(optax.softmax_cross_entropy(p, t)),
        "sparse_categorical_crossentropy":
            lambda t, p: jnp.mean(optax.softmax_cross_entropy_with_integer_labels(p, t)),
        "ctc": ctc,
    }


# --- lossref audit optax ------------------------------------------------------------------------------

# optax's losses in the Keras convention (per-sample values over the last axis), written as the code a repro
# prints: {y_true}, {y_pred} and the named parameters are filled in. Parameters not named are fixed.
_O = "optax.losses."
_SIGNED = "jax.numpy.where({y_true} == 0, -1.0, {y_true})"  # Keras's {0, 1} labels as optax's {−1, 1}
AUDITED = [
    ("l2_loss", _O + "l2_loss({y_pred}, {y_true}).mean(-1)", {}),
    ("perceptron_loss", _O + "perceptron_loss({y_pred}, " + _SIGNED + ").mean(-1)", {}),
    ("multiclass_hinge_loss", _O + "multiclass_hinge_loss({y_pred}, {y_true})", {}),
    ("multiclass_perceptron_loss", _O + "multiclass_perceptron_loss({y_pred}, {y_true})", {}),
    ("sigmoid_focal_loss", _O + "sigmoid_focal_loss({y_pred}, {y_true}, alpha={alpha}, gamma={gamma}).mean(-1)", {}),
    ("poly_loss_cross_entropy", _O + "poly_loss_cross_entropy({y_pred}, {y_true}, epsilon={epsilon})", {}),
    ("safe_softmax_cross_entropy", _O + "safe_softmax_cross_entropy({y_pred}, {y_true})", {}),
    ("kl_divergence_with_log_targets", _O + "kl_divergence_with_log_targets({y_pred}, {y_true})", {}),
    ("generalized_kl_divergence", _O + "generalized_kl_divergence({y_pred}, {y_true})", {}),
    ("convex_kl_divergence", _O + "convex_kl_divergence({y_pred}, {y_true})", {}),
    ("triplet_margin_loss", _O + "triplet_margin_loss({y_pred}[:, 0], {y_pred}[:, 1], {y_pred}[:, 2], "
                                 "norm_degree={p}, margin={margin}, eps={eps})", {"swap": False}),
    ("ntxent", _O + "ntxent({y_pred}, {y_true}, temperature={temperature})", {}),
    ("sparsemax_loss", _O + "sparsemax_loss({y_pred}, {y_true}).mean(-1)", {}),
    ("multiclass_sparsemax_loss", _O + "multiclass_sparsemax_loss({y_pred}.reshape(-1, {y_pred}.shape[-1]), "
                                       "{y_true}.reshape(-1)).reshape({y_true}.shape)", {}),
    ("ranking_softmax_loss", _O + "ranking_softmax_loss({y_pred}, {y_true}, reduce_fn=None)", {}),
    ("multiclass_generalized_dice_loss", _O + "multiclass_generalized_dice_loss({y_pred}, {y_true})", {}),
    ("mean_squared_error", _O + "squared_error({y_pred}, {y_true}).mean(-1)", {}),
    ("sum_squared_error", "2 * " + _O + "l2_loss({y_pred}, {y_true}).sum(-1)", {}),  # l2_loss is ½(p − t)²
    ("huber", _O + "huber_loss({y_pred}, {y_true}, delta={delta}).mean(-1)", {}),
    ("log_cosh", _O + "log_cosh({y_pred}, {y_true}).mean(-1)", {}),
    ("hinge", _O + "hinge_loss({y_pred}, " + _SIGNED + ").mean(-1)", {}),
    # optax clips the squared norms at epsilon (optax#1703): ε² is a norm floor of ε, as the registry means
    ("cosine_similarity", "-" + _O + "cosine_similarity({y_pred}, {y_true}, epsilon={epsilon} ** 2)", {"axis": -1}),
    ("kl_divergence", _O + "kl_divergence(jax.numpy.log(jax.numpy.clip({y_pred}, {epsilon}, 1.0)), "
                           "jax.numpy.clip({y_true}, {epsilon}, 1.0))", {}),
    ("binary_crossentropy", _O + "sigmoid_binary_cross_entropy({y_pred}, {y_true}).mean(-1)",
     {"from_logits": True, "label_smoothing": 0.0, "axis": -1}),
    ("binary_focal_crossentropy", _O + "sigmoid_focal_loss({y_pred}, {y_true}, alpha={alpha}, gamma={gamma}).mean(-1)",
     {"from_logits": True, "apply_class_balancing": True, "label_smoothing": 0.0, "axis": -1}),
    ("categorical_crossentropy", _O + "softmax_cross_entropy({y_pred}, {y_true})",
     {"from_logits": True, "label_smoothing": 0.0, "axis": -1}),
    ("sparse_categorical_crossentropy", _O + "softmax_cross_entropy_with_integer_labels({y_pred}, {y_true})",
     {"from_logits": True, "axis": -1, "ignore_class": None}),
]


def audit_losses(library):
    """The optax losses `lossref audit optax` checks: (registry name, call template, fixed params)."""
    return AUDITED if library == "optax" else []


def audit_namespace():
    import optax

    return {"jax": jax, "optax": optax}, "import jax\nimport optax\n"
