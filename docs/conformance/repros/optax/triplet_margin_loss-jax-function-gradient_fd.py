# optax.losses.triplet_margin_loss on jax, float32: property gradient_fd (lossref audit; keras 3.15.1, jax 0.10.2)
# directional derivative 0 of Σ w·loss (w = [1.137]; seeded direction d = uniform(−1, 1)·length scale, h = 6e-06): autodiff ⟨g, d⟩ = 1.8303339603960012, finite differences 1.833473702768836, |error| 0.00314 > allowed 0.000367
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras
import jax
import optax

y_true = np.array([0], dtype='int32')
y_pred = np.array([[[0.0], [0.013700000010430813], [0.029100000858306885]]], dtype='float32')
w = np.array([1.1369616873214543], dtype='float32')  # distinct weights per sample: Σ w·loss
import jax
grad = np.asarray(jax.grad(lambda p: (keras.ops.convert_to_tensor(w) * optax.losses.triplet_margin_loss(p[:, 0], p[:, 1], p[:, 2], norm_degree=2.0, margin=1.0, eps=1e-06)).sum())(keras.ops.convert_to_tensor(y_pred)))
# directions d, the central difference of Σ w·loss along d from the documented formula (float64), and the slack
checks = [
    (np.array([[[0.023643249400513433], [0.9009273926518259], [-0.7116807745604498]]], dtype='float64'), 1.833473702768836, 1.0006680327886996e-06),
    (np.array([[[0.8972988942744876], [-0.3763370959791618], [-0.15334710205469615]]], dtype='float64'), -0.2535310797413537, 1.0006680327886996e-06),
    (np.array([[[0.6554051876408836], [-0.1816017272616178], [0.09918737534607425]]], dtype='float64'), -0.3192464518853022, 1.0006680327886996e-06),
]
for d, fd, slack in checks:
    ad = float(np.sum(grad * d))
    assert abs(ad - fd) <= 0.0001 * (np.sum(np.abs(grad * d)) + abs(fd)) + slack, (ad, fd)
