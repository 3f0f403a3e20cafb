# torch.nn.functional.soft_margin_loss on torch, float32: property values (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# value mismatch at index (): expected 10000.0, got inf (1 of 1 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras
import torch

y_true = np.array([-1.0], dtype='float32')
y_pred = np.array([10000.0], dtype='float32')
got = keras.ops.convert_to_numpy(torch.nn.functional.soft_margin_loss(keras.ops.convert_to_tensor(y_pred), torch.where(keras.ops.convert_to_tensor(y_true) == 0, -1.0, keras.ops.convert_to_tensor(y_true)), reduction='none').mean(-1))
expected = np.array(10000.0, dtype='float64')  # the documented formula, in float64
np.testing.assert_allclose(got, expected, rtol=2e-05, atol=0.010001)
