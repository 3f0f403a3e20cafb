"""JAX adapter: jax.value_and_grad and jax.jvp (forward-over-reverse for Hessian-vector products).

Both run under jax.jit: eager differentiation compiles every primitive for every new shape (~0.35 s per
shape for MSE on CPU), one jit compile of the whole function takes ~0.05 s. A loss that cannot be traced
(Python control flow on values) falls back to eager differentiation.
"""

import jax


def _compiled_or_eager(transform, *args):
    try:
        return jax.jit(transform)(*args)
    except (jax.errors.ConcretizationTypeError, jax.errors.TracerBoolConversionError,
            jax.errors.TracerArrayConversionError, jax.errors.TracerIntegerConversionError):
        return transform(*args)


def value_and_grad(objective, x):
    return _compiled_or_eager(jax.value_and_grad(objective), x)


def hvp(objective, x, v):
    return _compiled_or_eager(lambda x, v: jax.jvp(jax.grad(objective), (x,), (v,))[1], x, v)


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


def compile_errors():
    return ()


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

    return {
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
