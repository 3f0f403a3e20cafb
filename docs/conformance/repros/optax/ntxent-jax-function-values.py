# optax.losses.ntxent on jax, float32: property values (lossref audit; keras 3.15.1, jax 0.10.2)
# value mismatch at index (): expected 0.0, got nan (1 of 1 entries off)
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
expected = np.array(0.0, dtype='float64')  # the documented formula, in float64
np.testing.assert_allclose(got, expected, rtol=2e-05, atol=1e-06)
