# optax.losses.multiclass_perceptron_loss on jax, float32: property values (lossref audit; keras 3.15.1, jax 0.10.2)
# dtype mismatch: expected float32 (the dtype of y_pred), got float64
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras
import jax
import optax

y_true = np.array([0, 0], dtype='int32')
y_pred = np.array([[0.0, 0.0], [0.0, 0.0]], dtype='float32')
got = keras.ops.convert_to_numpy(optax.losses.multiclass_perceptron_loss(keras.ops.convert_to_tensor(y_pred), keras.ops.convert_to_tensor(y_true)))
assert got.dtype == 'float32', f"{got.dtype} for float32 input"
