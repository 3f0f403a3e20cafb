# keras.losses.Tversky on tensorflow, float32: property gradient_analytic (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# gradient (of Σ w·loss, w = 1.137) differs from the analytic gradient (tversky_grad): value mismatch at index (0,): expected -0.5749169143349158, got -0.1894935965538025 (|error| 0.385 > allowed 5.91e-05 = 1·(atol 1e-06·scale 1.57 + rtol 0.0001·|expected|); 3 of 3 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([1.0, 1.0, 1.0], dtype='float32')
y_pred = np.array([1.0, 1.0, 1.0], dtype='float32')
w = np.array(1.1369616873214543, dtype='float32')  # distinct weights per sample: Σ w·loss
import tensorflow as tf
p = tf.Variable(y_pred)
with tf.GradientTape() as tape:
    value = tf.reduce_sum(keras.ops.convert_to_tensor(w) * keras.losses.Tversky(alpha=0.5, beta=1.51698235685735, axis=None).call(keras.ops.convert_to_tensor(y_true), p))
grad = tape.gradient(value, p).numpy()
expected = np.array([-0.5749169143349158, -0.5749169143349158, -0.5749169143349158], dtype='float64')  # the closed-form gradient
np.testing.assert_allclose(grad, expected, rtol=0.0001, atol=1.5749169143349157e-06)
