# keras.losses.BinaryFocalCrossentropy on jax, float32: property gradient_fd (lossref audit; keras 3.15.1, jax 0.10.2)
# directional derivative 0 of Σ w·loss (w = [1.137]; seeded direction d = uniform(−1, 1)·length scale, h = 6e-06): autodiff ⟨g, d⟩ = nan, finite differences 0.5121599642582408, |error| nan > allowed nan
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[0.0, 0.0]], dtype='float32')
y_pred = np.array([[0.0, 0.5]], dtype='float32')
w = np.array([1.1369616873214543], dtype='float32')  # distinct weights per sample: Σ w·loss
import jax
grad = np.asarray(jax.grad(lambda p: (keras.ops.convert_to_tensor(w) * keras.losses.BinaryFocalCrossentropy(apply_class_balancing=False, alpha=0.25, gamma=0.0, from_logits=False, label_smoothing=0.0, axis=-1).call(keras.ops.convert_to_tensor(y_true), p)).sum())(keras.ops.convert_to_tensor(y_pred)))
# directions d, the central difference of Σ w·loss along d from the documented formula (float64), and the slack
checks = [
    (np.array([[0.0, 0.4504636963257683]], dtype='float64'), 0.5121599642582408, 1.0004532678345712e-06),
    (np.array([[0.0, 0.4486494471350744]], dtype='float64'), 0.5100972324441807, 1.0004532678345712e-06),
    (np.array([[0.0, -0.07667355102676983]], dtype='float64'), -0.08717488994558487, 1.0004532678345712e-06),
]
for d, fd, slack in checks:
    ad = float(np.sum(grad * d))
    assert abs(ad - fd) <= 0.0001 * (np.sum(np.abs(grad * d)) + abs(fd)) + slack, (ad, fd)
