# torch.nn.functional.soft_margin_loss on torch, float32: property gradient_fd (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# directional derivative 0 of Σ w·loss (w = 1.137; seeded direction d = uniform(−1, 1)·length scale, h = 6e-06): autodiff ⟨g, d⟩ = nan, finite differences 0.026881469494810517, |error| nan > allowed nan
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
# directions d, the central difference of Σ w·loss along d from the documented formula (float64), and the slack
checks = [
    (np.array([0.023643250320522686], dtype='float64'), 0.026881469494810517, 1.0302947450411427e-06),
    (np.array([0.9009273919483954], dtype='float64'), 1.0243199272489771, 1.0302947450411427e-06),
    (np.array([-0.7116807741643546], dtype='float64'), -0.8091537739100355, 1.0302947450411427e-06),
]
for d, fd, slack in checks:
    ad = float(np.sum(grad * d))
    assert abs(ad - fd) <= 0.0001 * (np.sum(np.abs(grad * d)) + abs(fd)) + slack, (ad, fd)
