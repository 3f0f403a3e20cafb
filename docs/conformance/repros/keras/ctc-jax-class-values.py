# keras.losses.CTC on jax, float64: property values (lossref audit; keras 3.15.1, jax 0.10.2)
# dtype mismatch: expected float64 (the dtype of y_pred), got float32
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[0]], dtype='int32')
y_pred = np.array([[[0.0, 0.0]]], dtype='float64')
got = keras.ops.convert_to_numpy(keras.losses.CTC().call(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)))
assert got.dtype == 'float64', f"{got.dtype} for float64 input"
