# torch.nn.functional.cosine_similarity on torch, float32: property gradient_analytic (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# gradient (of Σ w·loss, w = 1.137) differs from the analytic gradient (cosine_similarity_grad): value mismatch at index (0,): expected -113.69616873214542, got -102.32655334472656 (|error| 11.4 > allowed 0.0116 = 1·(atol 1e-06·scale 215 + rtol 0.0001·|expected|); 1 of 1 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras
import torch

y_true = np.array([1.0], dtype='float32')
y_pred = np.array([0.0010000000474974513], dtype='float32')
w = np.array(1.1369616873214543, dtype='float32')  # distinct weights per sample: Σ w·loss
import torch
p = torch.tensor(y_pred, requires_grad=True)
(keras.ops.convert_to_tensor(w) * -torch.nn.functional.cosine_similarity(p, keras.ops.convert_to_tensor(y_true), dim=-1, eps=0.01)).sum().backward()
grad = p.grad.numpy()
expected = np.array([-113.69616873214542], dtype='float64')  # the closed-form gradient
np.testing.assert_allclose(grad, expected, rtol=0.0001, atol=0.00011469616873214542)
