# keras.losses.CategoricalGeneralizedCrossEntropy on tensorflow, float32: property rank_alignment (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# y_true (2, 1) with y_pred (2, 2) gives shape (2, 2), while matching shapes give (2,): the two were broadcast against each other
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[0], [0]], dtype='int32')
y_pred = np.array([[0.5, 0.5], [0.5, 0.5]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.CategoricalGeneralizedCrossEntropy(reduction=None, q=0.5)(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)))
expected = np.array([0.5857864618301392, 0.5857864618301392], dtype='float64')  # the same inputs with matching shapes
assert got.shape == expected.shape, got.shape
np.testing.assert_allclose(got, expected, rtol=2e-05, atol=1.5857864618301391e-06)
