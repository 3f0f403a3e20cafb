# keras.losses.BinaryFocalCrossentropy on jax, float32: property values (lossref audit; keras 3.15.1, jax 0.10.2)
# value mismatch at index (0, 0, 0): expected 2.394986152648926, got 0.9379094839096069 (|error| 1.46 > allowed 0.000103 = 1·(atol 1e-06·scale 55.3 + rtol 2e-05·|expected|); 9 of 9 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[[[0.18639007210731506, 0.18639007210731506], [0.18639007210731506, 0.18639007210731506], [0.18639007210731506, 0.18639007210731506]]], [[[0.18639007210731506, 0.18639007210731506], [0.18639007210731506, 0.18639007210731506], [0.18639007210731506, 0.18639007210731506]]], [[[0.18639007210731506, 0.18639007210731506], [0.18639007210731506, 0.18639007210731506], [0.18639007210731506, 0.18639007210731506]]]], dtype='float32')
y_pred = np.array([[[[-100.0, 8.676722526550293], [-100.0, -100.0], [-82.36104583740234, 100.0]]], [[[-43.17240524291992, -82.36104583740234], [-100.0, -82.36104583740234], [-100.0, -100.0]]], [[[-100.0, -82.36104583740234], [14.0, -100.0], [100.0, -100.0]]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=1.0, gamma=2.568400753492057e-254, from_logits=True, label_smoothing=0.0, axis=3).call(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)))
expected = np.array([[[2.3949861747379826, 3.474125898017011, 9.013103868014676]], [[2.1805950673279955, 3.1677261606659335, 3.474125898017011]], [[3.1677261606659335, 2.798604718392837, 9.319503605365753]]], dtype='float64')  # the documented formula, in float64
np.testing.assert_allclose(got, expected, rtol=2e-05, atol=1.0319503605365753e-05)
