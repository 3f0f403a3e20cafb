# keras.losses.categorical_crossentropy on torch, float32: property gradient_analytic (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# gradient (of Σ w·loss, w = [[1.137 , 0.7698, 0.541 ],
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([[[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]], [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]], dtype='float32')
y_pred = np.array([[[1.000000013351432e-10, 1.000000013351432e-10, 1.000000013351432e-10], [1.000000013351432e-10, 1.000000013351432e-10, 0.0]], [[1.000000013351432e-10, -9.506281852722168, 1.000000013351432e-10], [10.0, 1.000000013351432e-10, 1.0]]], dtype='float32')
w = np.array([[1.1369616873214543, 0.7697867137638703, 0.5409735239361947], [0.5165276355285291, 1.3132702392002724, 1.4127555772777218]], dtype='float32')  # distinct weights per sample: Σ w·loss
import torch
p = torch.tensor(y_pred, requires_grad=True)
(keras.ops.convert_to_tensor(w) * keras.losses.categorical_crossentropy(keras.ops.convert_to_tensor(y_true), p, from_logits=True, label_smoothing=1.0, axis=-2)).sum().backward()
grad = p.grad.numpy()
expected = np.array([[[0.0, 0.0, 1.3524339217413618e-11], [0.0, 0.0, -1.3524339217413618e-11]], [[-0.25824036851048326, -0.6565374417600828, -0.326429295609626], [0.2582403685104833, 0.6565374417600828, 0.326429295609626]]], dtype='float64')  # the closed-form gradient
np.testing.assert_allclose(grad, expected, rtol=0.0001, atol=1.6565374417600828e-06)
