# keras.losses.Tversky on jax, float32: property reduction_model (lossref audit; keras 3.15.1, jax 0.10.2)
# reduction 'sum_over_batch_size' with per_sample_column sample_weight: value mismatch at index (): expected 6.249999850993504e-09, got 0.04999999701976776 (|error| 0.05 > allowed 1.25e-06 = 1·(atol 1e-06·scale 1.25 + rtol 2e-05·|expected|); 1 of 1 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[[[0.0, 0.0, 1.0], [0.0, 0.0, 1.0], [0.0, 1.0, 1.0]]]], dtype='float32')
y_pred = np.array([[[[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [0.0, 1.0, 1.0]]]], dtype='float32')
sample_weight = np.array([[0.25]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.Tversky(reduction='sum_over_batch_size', alpha=0.0, beta=0.5, axis=[1, 2, 3])(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), sample_weight=sample_weight))
expected = np.array(6.249999850993504e-09, dtype='float64')  # Keras's documented reduction of the per-sample values
np.testing.assert_allclose(got, expected, rtol=2e-05, atol=1.0000000062499998e-06)
