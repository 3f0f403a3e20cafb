# keras.losses.cosine_similarity on jax, float32: property gradient_fd (lossref audit; keras 3.15.1, jax 0.10.2)
# directional derivative 0 of Σ w·loss (w = [1.137 , 0.7698]; seeded direction d = uniform(−1, 1)·length scale, h = 6e-06): autodiff ⟨g, d⟩ = nan, finite differences 0.0, |error| nan > allowed nan
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[0.0], [0.0]], dtype='float32')
y_pred = np.array([[0.0], [1.0]], dtype='float32')
w = np.array([1.1369616873214543, 0.7697867137638703], dtype='float32')  # distinct weights per sample: Σ w·loss
import jax
grad = np.asarray(jax.grad(lambda p: (keras.ops.convert_to_tensor(w) * keras.losses.cosine_similarity(keras.ops.convert_to_tensor(y_true), p, axis=-1)).sum())(keras.ops.convert_to_tensor(y_pred)))
# directions d, the central difference of Σ w·loss along d from the documented formula (float64), and the slack
checks = [
    (np.array([[0.0], [0.9009273926515367]], dtype='float64'), 0.0, 0.00010343255736124816),
    (np.array([[0.0], [0.8972988942701488]], dtype='float64'), 0.0, 0.00010302001099703356),
    (np.array([[0.0], [-0.15334710205353966]], dtype='float64'), 0.0, 1.8435542500591987e-05),
]
for d, fd, slack in checks:
    ad = float(np.sum(grad * d))
    assert abs(ad - fd) <= 0.0001 * (np.sum(np.abs(grad * d)) + abs(fd)) + slack, (ad, fd)
