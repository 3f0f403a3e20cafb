# keras.losses.CTC on jax, float32: property value_range (lossref audit; keras 3.15.1, jax 0.10.2)
# value -5.960464477539063e-08 at index (0,) is outside the documented range [0, inf] (1 of 1 values)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[1]], dtype='int32')
y_pred = np.array([[[-10.0, 7.0], [7.0, 7.0]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.CTC().call(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)))
assert np.all((got >= 0.0) & (got <= np.inf)), got  # the documented range
