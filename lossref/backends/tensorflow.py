"""TensorFlow adapter: tf.GradientTape."""

import tensorflow as tf


def value_and_grad(objective, x, data=(), key=None):
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        value = objective(x, *data)
    grad = tape.gradient(value, x, unconnected_gradients=tf.UnconnectedGradients.ZERO)
    return value, grad


def hvp(objective, x, v, data=(), key=None):
    x = tf.convert_to_tensor(x)
    with tf.GradientTape() as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            value = objective(x, *data)
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


# --- benchmarks ---------------------------------------------------------------------------------------

def bench_callable(loss, compiled, backward):
    """loss(t, p) -> scalar, as the benchmarks time it: forward, or forward and ∂/∂p (GradientTape)."""

    def step(t, p):
        if not backward:
            return loss(t, p)
        with tf.GradientTape() as tape:
            tape.watch(p)
            value = loss(t, p)
        return value, tape.gradient(value, p)

    return jit(step) if compiled else step


def compiler_unavailable(error):
    return False


def synchronize(result):
    """Wait for the device (TF GPU kernels run asynchronously); a no-op cost on CPU."""
    tf.test.experimental.sync_devices()
    return result


def pin_threads(threads):
    """Only before TF's runtime starts (a fresh process); later the TF_NUM_*_THREADS environment has decided."""
    try:
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)
    except RuntimeError:
        pass


def device_name():
    gpus = tf.config.list_physical_devices("GPU")
    return tf.config.experimental.get_device_details(gpus[0]).get("device_name", "GPU") if gpus else "cpu"


def native_losses():
    """tf.nn losses of the same meaning, as a scalar mean over samples (from_logits=True where it applies)."""

    def ctc(t, p):
        lengths = tf.reduce_sum(tf.cast(t != 0, tf.int32), axis=-1)
        steps = tf.fill([tf.shape(p)[0]], tf.shape(p)[1])
        return tf.reduce_mean(tf.nn.ctc_loss(t, p, lengths, steps, logits_time_major=False, blank_index=0))

    return {
        "binary_crossentropy": lambda t, p: tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(t, p)),
        "categorical_crossentropy": lambda t, p: tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(t, p)),
        "sparse_categorical_crossentropy":
            lambda t, p: tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(t, p)),
        "sum_squared_error": lambda t, p: 2 * tf.nn.l2_loss(p - t) / tf.cast(tf.shape(p)[0], p.dtype),
        "ctc": ctc,
    }
