# keras.losses.BinaryFocalCrossentropy on torch, float32: property reduction_model (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# reduction 'mean_with_sample_weight' with per_sample sample_weight: value mismatch at index (): expected 12.353729543018677, got 4.040429592132568 (|error| 8.31 > allowed 0.000286 = 1·(atol 1e-06·scale 38.9 + rtol 2e-05·|expected|); 1 of 1 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([[[0.9999998807907104], [1.0000000116860974e-07], [0.19891367852687836]], [[0.0], [0.0], [0.9777328372001648]], [[0.9999998807907104], [0.34943023324012756], [0.5]]], dtype='float32')
y_pred = np.array([[[30.0], [50.0], [-0.4000000059604645]], [[-17.0], [-0.3333333432674408], [6.986194610595703]], [[12.620504379272461], [81.13358306884766], [3.6019060611724854]]], dtype='float32')
sample_weight = np.array([[1.63234610677858e-154], [0.4], [0.8326003401784601]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.BinaryFocalCrossentropy(reduction='mean_with_sample_weight', apply_class_balancing=False, alpha=0.1683476620048139, gamma=0.0, from_logits=True, label_smoothing=0.5719288112005735, axis=1)(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), sample_weight=sample_weight))
expected = np.array(12.353729543018677, dtype='float64')  # Keras's documented reduction of the per-sample values
np.testing.assert_allclose(got, expected, rtol=2e-05, atol=1.3353729543018675e-05)
