# torch.nn.functional.cosine_embedding_loss on torch, float64: property gradient_analytic (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# gradient (of Σ w·loss, w = [1.137]) differs from the analytic gradient (cosine_embedding_loss_grad): value mismatch at index (0, 1, 0): expected 1136961.687320886, got 1136961.6895924232 (|error| 0.00227 > allowed 0.00114 = 1·(atol 1e-12·scale 2.14e+06 + rtol 1e-09·|expected|); 1 of 2 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras
import torch

y_true = np.array([-1.0], dtype='float64')
y_pred = np.array([[[1.0], [0.0]]], dtype='float64')
w = np.array([1.1369616873214543], dtype='float64')  # distinct weights per sample: Σ w·loss
import torch
p = torch.tensor(y_pred, requires_grad=True)
(keras.ops.convert_to_tensor(w) * torch.nn.functional.cosine_embedding_loss(p[:, 0], p[:, 1], torch.where(keras.ops.convert_to_tensor(y_true) == 0, -1.0, keras.ops.convert_to_tensor(y_true)), margin=-1.0, reduction='none')).sum().backward()
grad = p.grad.numpy()
expected = np.array([[[0.0], [1136961.687320886]]], dtype='float64')  # the closed-form gradient
np.testing.assert_allclose(grad, expected, rtol=1e-09, atol=1.1369626873208859e-06)
