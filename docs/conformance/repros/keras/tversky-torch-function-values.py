# keras.losses.tversky on torch, float32: property values (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# value mismatch at index (0,): expected 0.19995997846126556, got 0.11148160696029663 (|error| 0.0885 > allowed 5e-06 = 1·(atol 1e-06·scale 1 + rtol 2e-05·|expected|); 1 of 1 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([[[[0.0], [0.0], [1.0]], [[1.0], [1.0], [1.0]], [[1.0], [0.0], [0.0]]]], dtype='float32')
y_pred = np.array([[[[0.0], [0.9990000128746033], [0.9990000128746033]], [[1.0], [0.9990000128746033], [1.1754943508222875e-38]], [[0.9990000128746033], [0.9990000128746033], [0.0]]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.tversky(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), alpha=0.5, beta=0.0, axis=[1, 2, 3]))
expected = np.array([0.1999599845037997], dtype='float64')  # the documented formula, in float64
np.testing.assert_allclose(got, expected, rtol=2e-05, atol=1.1999599845037996e-06)
