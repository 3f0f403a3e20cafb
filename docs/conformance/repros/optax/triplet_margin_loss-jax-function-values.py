# optax.losses.triplet_margin_loss on jax, float32: property values (lossref audit; keras 3.15.1, jax 0.10.2)
# value mismatch at index (0,): expected 2.0, got 1.9990005493164062 (|error| 0.000999 > allowed 4.3e-05 = 1·(atol 1e-06·scale 3 + rtol 2e-05·|expected|); 1 of 1 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras
import jax
import optax

y_true = np.array([0], dtype='int32')
y_pred = np.array([[[1.0], [0.0], [1.0]]], dtype='float32')
got = keras.ops.convert_to_numpy(optax.losses.triplet_margin_loss(keras.ops.convert_to_tensor(y_pred)[:, 0], keras.ops.convert_to_tensor(y_pred)[:, 1], keras.ops.convert_to_tensor(y_pred)[:, 2], norm_degree=2.0, margin=1.0, eps=1e-06))
expected = np.array([2.0], dtype='float64')  # the documented formula, in float64
np.testing.assert_allclose(got, expected, rtol=2e-05, atol=3e-06)
