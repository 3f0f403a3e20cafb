# keras.losses.CategoricalCrossentropy on tensorflow, float32: property reduction_model (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# reduction 'sum' with per_element sample_weight: value mismatch at index (): expected 2.945875517379768, got 2.564591646194458 (|error| 0.381 > allowed 6.71e-05 = 1·(atol 1e-06·scale 8.2 + rtol 2e-05·|expected|); 1 of 1 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]], [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]], dtype='float32')
y_pred = np.array([[[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]], dtype='float32')
sample_weight = np.array([[3.0, 0.25, 0.25], [0.25, 0.25, 0.25]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.CategoricalCrossentropy(reduction='sum', from_logits=False, label_smoothing=0.3882894135643552, axis=-2)(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), sample_weight=sample_weight))
expected = np.array(2.945875517379768, dtype='float64')  # Keras's documented reduction of the per-sample values
np.testing.assert_allclose(got, expected, rtol=2e-05, atol=3.945875517379768e-06)
