# keras.losses.tversky on jax, float32: property gradient_analytic (lossref audit; keras 3.15.1, jax 0.10.2)
# gradient (of Σ w·loss, w = 1.137) differs from the analytic gradient (tversky_grad): value mismatch at index (0,): expected -0.5749169143349158, got -0.1894935965538025 (|error| 0.385 > allowed 5.91e-05 = 1·(atol 1e-06·scale 1.57 + rtol 0.0001·|expected|); 3 of 3 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([1.0, 1.0, 1.0], dtype='float32')
y_pred = np.array([1.0, 1.0, 1.0], dtype='float32')
w = np.array(1.1369616873214543, dtype='float32')  # distinct weights per sample: Σ w·loss
import jax
grad = np.asarray(jax.grad(lambda p: (keras.ops.convert_to_tensor(w) * keras.losses.tversky(keras.ops.convert_to_tensor(y_true), p, alpha=0.5, beta=1.51698235685735, axis=None)).sum())(keras.ops.convert_to_tensor(y_pred)))
expected = np.array([-0.5749169143349158, -0.5749169143349158, -0.5749169143349158], dtype='float64')  # the closed-form gradient
np.testing.assert_allclose(grad, expected, rtol=0.0001, atol=1.5749169143349157e-06)
