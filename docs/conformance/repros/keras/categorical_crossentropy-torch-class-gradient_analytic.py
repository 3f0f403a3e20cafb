# keras.losses.CategoricalCrossentropy on torch, float32: property gradient_analytic (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# gradient (of Σ w·loss, w = [[1.137 , 0.7698, 0.541 ],
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([[[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]], [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]], dtype='float32')
y_pred = np.array([[[-14.0, 0.0, 34.781673431396484], [3.4968619346618652, 0.0, -1.100000023841858]], [[10.0, -59.29531478881836, -1.4369360907660736e-28], [8.198502540588379, -17.0, 79.0]]], dtype='float32')
w = np.array([[1.1369616873214543, 0.7697867137638703, 0.5409735239361947], [0.5165276355285291, 1.3132702392002724, 1.4127555772777218]], dtype='float32')  # distinct weights per sample: Σ w·loss
import torch
p = torch.tensor(y_pred, requires_grad=True)
(keras.ops.convert_to_tensor(w) * keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=1.0, axis=-2).call(keras.ops.convert_to_tensor(y_true), p)).sum().backward()
grad = p.grad.numpy()
expected = np.array([[[-0.5684808150218998, 0.0, 0.27048676196809723], [0.5684808150219, 0.0, -0.2704867619680972]], [[0.18508792723583894, -0.6566351196001362, -0.7063777886388609], [-0.1850879272358389, 0.6566351196001362, 0.7063777886388609]]], dtype='float64')  # the closed-form gradient
np.testing.assert_allclose(grad, expected, rtol=0.0001, atol=1.7063777886388608e-06)
