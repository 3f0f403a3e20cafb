# optax.losses.triplet_margin_loss on jax, float32: property value_range (lossref audit; keras 3.15.1, jax 0.10.2)
# value nan at index (0,) is outside the documented range [0, inf] (1 of 1 values)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras
import jax
import optax

y_true = np.array([0], dtype='int32')
y_pred = np.array([[[0.0], [1.0], [1.0]]], dtype='float32')
got = keras.ops.convert_to_numpy(optax.losses.triplet_margin_loss(keras.ops.convert_to_tensor(y_pred)[:, 0], keras.ops.convert_to_tensor(y_pred)[:, 1], keras.ops.convert_to_tensor(y_pred)[:, 2], norm_degree=1.5, margin=1.0, eps=1e-06))
assert np.all((got >= 0.0) & (got <= np.inf)), got  # the documented range
