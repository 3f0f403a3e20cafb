# keras.losses.CosineSimilarity on torch, float64: property gradient_analytic (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# gradient (of Σ w·loss, w = 1.137) differs from the analytic gradient (cosine_similarity_grad): value mismatch at index (0,): expected -0.0, got nan (1 of 1 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([0.0], dtype='float64')
y_pred = np.array([0.0], dtype='float64')
w = np.array(1.1369616873214543, dtype='float64')  # distinct weights per sample: Σ w·loss
import torch
p = torch.tensor(y_pred, requires_grad=True)
(keras.ops.convert_to_tensor(w) * keras.losses.CosineSimilarity(axis=-1).call(keras.ops.convert_to_tensor(y_true), p)).sum().backward()
grad = p.grad.numpy()
expected = np.array([-0.0], dtype='float64')  # the closed-form gradient
np.testing.assert_allclose(grad, expected, rtol=1e-09, atol=1e-12)
