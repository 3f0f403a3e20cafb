# optax.losses.cosine_similarity on jax, float64: property value_range (lossref audit; keras 3.15.1, jax 0.10.2)
# value -1.0000000000000002 at index () is outside the documented range [-1, 1] (1 of 1 values)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras
import jax
import optax

y_true = np.array([0.001, 0.001], dtype='float64')
y_pred = np.array([0.001, 0.001], dtype='float64')
for k in range(64):  # k = 0: the counterexample itself
    got = keras.ops.convert_to_numpy(-optax.losses.cosine_similarity(keras.ops.convert_to_tensor(y_pred * y_pred.dtype.type(1 + k * 2.0**-20)), keras.ops.convert_to_tensor(y_true * y_true.dtype.type(1 + k * 2.0**-20)), epsilon=1e-07 ** 2))
    assert np.all((got >= -1.0) & (got <= 1.0)), got  # the documented range
