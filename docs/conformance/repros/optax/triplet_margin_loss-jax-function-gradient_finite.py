# optax.losses.triplet_margin_loss on jax, float32: property gradient_finite (lossref audit; keras 3.15.1, jax 0.10.2)
# gradient of Σ w·loss (w = [1.137]) is nan at index (0, 0, 0) (3 of 3 entries); y_true …, y_pred 0.0
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras
import jax
import optax

y_true = np.array([0], dtype='int32')
y_pred = np.array([[[0.0], [0.0], [0.0]]], dtype='float32')
w = np.array([1.1369616873214543], dtype='float32')  # distinct weights per sample: Σ w·loss
import jax
grad = np.asarray(jax.grad(lambda p: (keras.ops.convert_to_tensor(w) * optax.losses.triplet_margin_loss(p[:, 0], p[:, 1], p[:, 2], norm_degree=2.0, margin=1.0, eps=0.0)).sum())(keras.ops.convert_to_tensor(y_pred)))
assert np.isfinite(grad).all(), grad
