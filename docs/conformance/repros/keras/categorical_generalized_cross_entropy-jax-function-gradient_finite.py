# keras.losses.categorical_generalized_cross_entropy on jax, float32: property gradient_finite (lossref audit; keras 3.15.1, jax 0.10.2)
# gradient of Σ w·loss (w = [1.137 , 0.7698]) is -inf at index (0, 0) (2 of 4 entries); y_true …, y_pred 0.0
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([0, 0], dtype='int32')
y_pred = np.array([[0.0, 1.0], [0.0, 1.0]], dtype='float32')
w = np.array([1.1369616873214543, 0.7697867137638703], dtype='float32')  # distinct weights per sample: Σ w·loss
import jax
grad = np.asarray(jax.grad(lambda p: (keras.ops.convert_to_tensor(w) * keras.losses.categorical_generalized_cross_entropy(keras.ops.convert_to_tensor(y_true), p, q=0.5)).sum())(keras.ops.convert_to_tensor(y_pred)))
assert np.isfinite(grad).all(), grad
