# keras.losses.binary_focal_crossentropy on jax, float32: property values (lossref audit; keras 3.15.1, jax 0.10.2)
# value mismatch at index (0, 0, 0): expected 1.946938157081604, got 1.866749882698059 (|error| 0.0802 > allowed 5.28e-05 = 1·(atol 1e-06·scale 13.8 + rtol 2e-05·|expected|); 9 of 9 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[[[0.18639007210731506, 0.18639007210731506], [0.18639007210731506, 0.18639007210731506], [0.18639007210731506, 0.18639007210731506]]], [[[0.18639007210731506, 0.18639007210731506], [0.18639007210731506, 0.18639007210731506], [0.18639007210731506, 0.18639007210731506]]], [[[0.18639007210731506, 0.18639007210731506], [0.18639007210731506, 0.18639007210731506], [0.18639007210731506, 0.18639007210731506]]]], dtype='float32')
y_pred = np.array([[[[17.0, 8.676722526550293], [-82.36104583740234, -82.36104583740234], [-82.36104583740234, -31.208589553833008]]], [[[-43.17240524291992, -82.36104583740234], [-100.0, -82.36104583740234], [-82.36104583740234, -17.0]]], [[[-82.36104583740234, -82.36104583740234], [14.0, -82.36104583740234], [-53.33974838256836, -82.36104583740234]]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.binary_focal_crossentropy(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), apply_class_balancing=True, alpha=1.0, gamma=2.568400753492057e-254, from_logits=True, label_smoothing=0.0, axis=3))
expected = np.array([[[1.9469381411684257, 2.861326423314856, 1.9727760577052027]], [[2.1805950673279955, 3.1677261606659335, 1.7259639168470904]], [[2.861326423314856, 2.4922049810417595, 2.3572082179053866]]], dtype='float64')  # the documented formula, in float64
np.testing.assert_allclose(got, expected, rtol=2e-05, atol=4.167726160665934e-06)
