# keras.losses.CategoricalFocalCrossentropy on torch, float32: property gradient_finite (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# raised RuntimeError: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 2
# fails with: RuntimeError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([[[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]], [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]]], dtype='float32')
y_pred = np.array([[[-100.0, -1.5], [-1.0, -1.0], [-100.0, 30.0]], [[-100.0, -100.0], [14.0, -5.865085601806641], [-100.0, -8.840415000915527]], [[0.0, -100.0], [-100.0, -20.31793975830078], [-31.65255355834961, -100.0]]], dtype='float32')
w = np.array([[1.1369616873214543, 0.7697867137638703], [0.5409735239361947, 0.5165276355285291], [1.3132702392002724, 1.4127555772777218]], dtype='float32')  # distinct weights per sample: Σ w·loss
import torch
p = torch.tensor(y_pred, requires_grad=True)
(keras.ops.convert_to_tensor(w) * keras.losses.CategoricalFocalCrossentropy(gamma=0.674671878989377, from_logits=True, label_smoothing=0.655958228640649, axis=-2, alpha=[0.7604132787951385, 0.4599574871682087, 0.475]).call(keras.ops.convert_to_tensor(y_true), p)).sum().backward()
grad = p.grad.numpy()
