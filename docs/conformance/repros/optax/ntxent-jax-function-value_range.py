# optax.losses.ntxent on jax, float32: property value_range (lossref audit; keras 3.15.1, jax 0.10.2)
# value nan at index () is outside the documented range [0, inf] (1 of 1 values)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras
import jax
import optax

y_true = np.array([0, 1], dtype='int32')
y_pred = np.array([[0.7071067690849304, 0.7071067690849304], [0.7071067690849304, 0.7071067690849304]], dtype='float32')
got = keras.ops.convert_to_numpy(optax.losses.ntxent(keras.ops.convert_to_tensor(y_pred), keras.ops.convert_to_tensor(y_true), temperature=0.07))
assert np.all((got >= 0.0) & (got <= np.inf)), got  # the documented range
