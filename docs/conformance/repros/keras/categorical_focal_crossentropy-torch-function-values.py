# keras.losses.categorical_focal_crossentropy on torch, float32: property values (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# value mismatch at index (0, 0): expected 0.9606677889823914, got 0.735150158405304 (|error| 0.226 > allowed 2.02e-05 = 1·(atol 1e-06·scale 1 + rtol 2e-05·|expected|); 2 of 6 entries off)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([[[0.0, 0.0], [1.0, 1.0]], [[1.0, 1.0], [0.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]]], dtype='float32')
y_pred = np.array([[[0.749998152256012, 0.25891852378845215], [0.2500018775463104, 0.7410814762115479]], [[0.7206282615661621, 0.5562343597412109], [0.2793717682361603, 0.44376564025878906]], [[0.00555914081633091, 0.36846038699150085], [0.9944408535957336, 0.6315396428108215]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.categorical_focal_crossentropy(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), gamma=1.2748527674416312, from_logits=False, label_smoothing=0.0, axis=-2, alpha=[0.7652491727205726, 1.0]))
expected = np.array([[0.9606678099674939, 0.053515056779118546], [0.04933478845955802, 0.1593280769560591], [3.9452738656786988, 0.128702508260896]], dtype='float64')  # the documented formula, in float64
np.testing.assert_allclose(got, expected, rtol=2e-05, atol=4.945273865678698e-06)
