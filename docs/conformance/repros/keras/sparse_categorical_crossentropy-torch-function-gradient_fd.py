# keras.losses.sparse_categorical_crossentropy on torch, float64: property gradient_fd (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# raised RuntimeError: grad_input must be contiguous
# fails with: RuntimeError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([[[0, 0], [0, 0]], [[0, 0], [0, 0]]], dtype='int32')
y_pred = np.array([[[[0.5, 0.5], [0.5, 0.5]], [[0.5, 0.5], [0.5, 0.5]]], [[[0.5, 0.5], [0.5, 0.5]], [[0.5, 0.5], [0.5, 0.5]]]], dtype='float64')
w = np.array([[[1.1369616873214543, 0.7697867137638703], [0.5409735239361947, 0.5165276355285291]], [[1.3132702392002724, 1.4127555772777218], [1.1066357757671799, 1.2294965609839985]]], dtype='float64')  # distinct weights per sample: Σ w·loss
import torch
p = torch.tensor(y_pred, requires_grad=True)
(keras.ops.convert_to_tensor(w) * keras.losses.sparse_categorical_crossentropy(keras.ops.convert_to_tensor(y_true), p, from_logits=False, ignore_class=None, axis=-1)).sum().backward()
grad = p.grad.numpy()
