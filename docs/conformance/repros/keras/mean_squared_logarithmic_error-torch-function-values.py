# keras.losses.mean_squared_logarithmic_error on torch, float64: property values (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# dtype mismatch: expected float64 (the dtype of y_pred), got float32
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([0.0], dtype='float64')
y_pred = np.array([0.0], dtype='float64')
got = keras.ops.convert_to_numpy(keras.losses.mean_squared_logarithmic_error(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)))
assert got.dtype == 'float64', f"{got.dtype} for float64 input"
