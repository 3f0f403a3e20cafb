# torch.nn.functional.soft_margin_loss on torch, float32: property gradient_analytic (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# gradient (of Σ w·loss, w = 1.137) differs from the analytic gradient (soft_margin_loss_grad): value mismatch at index (0,): expected 1.1369616873214543, got nan (1 of 1 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras
import torch

y_true = np.array([-1.0], dtype='float32')
y_pred = np.array([89.0], dtype='float32')
w = np.array(1.1369616873214543, dtype='float32')  # distinct weights per sample: Σ w·loss
import torch
p = torch.tensor(y_pred, requires_grad=True)
(keras.ops.convert_to_tensor(w) * torch.nn.functional.soft_margin_loss(p, torch.where(keras.ops.convert_to_tensor(y_true) == 0, -1.0, keras.ops.convert_to_tensor(y_true)), reduction='none').mean(-1)).sum().backward()
grad = p.grad.numpy()
expected = np.array([1.1369616873214543], dtype='float64')  # the closed-form gradient
np.testing.assert_allclose(grad, expected, rtol=0.0001, atol=2.136961687321454e-06)
