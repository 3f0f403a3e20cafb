# keras.losses.BinaryFocalCrossentropy on torch, float32: property reduction_model (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# reduction 'mean_with_sample_weight' with per_sample sample_weight: value mismatch at index (): expected 16.58610670732323, got 4.730715274810791 (|error| 11.9 > allowed 0.000382 = 1·(atol 1e-06·scale 50.2 + rtol 2e-05·|expected|); 1 of 1 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([[[0.9999998807907104], [1.0000000116860974e-07], [0.19891367852687836]], [[0.0], [0.0], [0.9777328372001648]], [[0.9999998807907104], [0.34943023324012756], [0.5]]], dtype='float32')
y_pred = np.array([[[30.0], [1.5041667222976685], [6.0]], [[-17.0], [-0.3333333432674408], [6.986194610595703]], [[12.620504379272461], [81.13358306884766], [3.6019060611724854]]], dtype='float32')
sample_weight = np.array([[1.63234610677858e-154], [0.0291], [0.8326003401784601]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.BinaryFocalCrossentropy(reduction='mean_with_sample_weight', apply_class_balancing=False, alpha=0.1683476620048139, gamma=0.0, from_logits=True, label_smoothing=0.5719288112005735, axis=1)(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), sample_weight=sample_weight))
expected = np.array(16.58610670732323, dtype='float64')  # Keras's documented reduction of the per-sample values
np.testing.assert_allclose(got, expected, rtol=2e-05, atol=1.758610670732323e-05)
