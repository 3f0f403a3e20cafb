# keras.losses.categorical_generalized_cross_entropy on torch, float32: property gradient_finite (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# gradient of Σ w·loss (w = [1.137 , 0.7698]) is -inf at index (0, 0) (4 of 4 entries); y_true …, y_pred 0.0
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([0, 0], dtype='int32')
y_pred = np.array([[0.0, 1.0], [0.0, 1.0]], dtype='float32')
w = np.array([1.1369616873214543, 0.7697867137638703], dtype='float32')  # distinct weights per sample: Σ w·loss
import torch
p = torch.tensor(y_pred, requires_grad=True)
(keras.ops.convert_to_tensor(w) * keras.losses.categorical_generalized_cross_entropy(keras.ops.convert_to_tensor(y_true), p, q=0.5)).sum().backward()
grad = p.grad.numpy()
assert np.isfinite(grad).all(), grad
