# keras.losses.cosine_similarity on torch, float32: property gradient_finite (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# gradient of Σ w·loss (w = 1.137) is nan at index (0,) (1 of 1 entries); y_true 0.0, y_pred 0.0
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([0.0], dtype='float32')
y_pred = np.array([0.0], dtype='float32')
w = np.array(1.1369616873214543, dtype='float32')  # distinct weights per sample: Σ w·loss
import torch
p = torch.tensor(y_pred, requires_grad=True)
(keras.ops.convert_to_tensor(w) * keras.losses.cosine_similarity(keras.ops.convert_to_tensor(y_true), p, axis=-1)).sum().backward()
grad = p.grad.numpy()
assert np.isfinite(grad).all(), grad
