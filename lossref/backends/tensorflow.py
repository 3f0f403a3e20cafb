"""TensorFlow adapter: tf.GradientTape."""

import tensorflow as tf


def value_and_grad(objective, x):
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        value = objective(x)
    grad = tape.gradient(value, x, unconnected_gradients=tf.UnconnectedGradients.ZERO)
    return value, grad


def hvp(objective, x, v):
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            value = objective(x)
        grad = inner.gradient(value, x, unconnected_gradients=tf.UnconnectedGradients.ZERO)
        projected = tf.reduce_sum(grad * v)
    return outer.gradient(projected, x, unconnected_gradients=tf.UnconnectedGradients.ZERO)


def version():
    return tf.__version__


def jit(fn):
    """XLA-compiled, as `tf.function(jit_compile=True)`. AutoGraph off: lossref's code has no tensor-dependent
    Python control flow, and AutoGraph would re-raise a LossInputError from tracing as a StagingError."""
    return tf.function(fn, jit_compile=True, reduce_retracing=True, autograph=False)


def is_concrete(x):
    """True outside tf.function tracing: values can be read."""
    return tf.executing_eagerly()
