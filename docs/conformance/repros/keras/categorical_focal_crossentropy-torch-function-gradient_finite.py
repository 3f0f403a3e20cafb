# keras.losses.categorical_focal_crossentropy on torch, float32: property gradient_finite (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# raised RuntimeError: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 3
# fails with: RuntimeError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([[[[1.0, 0.0], [1.0, 0.0]], [[0.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [0.0, 0.0]]], [[[0.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 0.0]], [[0.0, 1.0], [1.0, 0.0]]]], dtype='float32')
y_pred = np.array([[[[0.22286906838417053, 0.3333333432674408], [0.3333333432674408, 0.3333333432674408]], [[0.36097994446754456, 0.3333333432674408], [0.3333333432674408, 0.3333333432674408]], [[0.4161509871482849, 0.3333333432674408], [0.3333333432674408, 0.3333333432674408]]], [[[0.3003541827201843, 0.2130870819091797], [0.3854334354400635, 0.401842325925827]], [[0.39929163455963135, 0.39345645904541016], [0.3854334354400635, 0.17652179300785065]], [[0.3003541827201843, 0.39345645904541016], [0.22913311421871185, 0.42163586616516113]]]], dtype='float32')
w = np.array([[[1.1369616873214543, 0.7697867137638703], [0.5409735239361947, 0.5165276355285291]], [[1.3132702392002724, 1.4127555772777218], [1.1066357757671799, 1.2294965609839985]]], dtype='float32')  # distinct weights per sample: Σ w·loss
import torch
p = torch.tensor(y_pred, requires_grad=True)
(keras.ops.convert_to_tensor(w) * keras.losses.categorical_focal_crossentropy(keras.ops.convert_to_tensor(y_true), p, gamma=2.0, from_logits=False, label_smoothing=0.7692332554747754, axis=-3, alpha=[0.5109963076794176, 0.25, 0.25])).sum().backward()
grad = p.grad.numpy()
