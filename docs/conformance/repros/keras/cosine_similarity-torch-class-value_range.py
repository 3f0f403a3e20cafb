# keras.losses.CosineSimilarity on torch, float32: property value_range (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# value -1.0000001192092896 at index (0,) is outside the documented range [-1, 1] (1 of 1 values)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([[10000.0, 10000.0]], dtype='float32')
y_pred = np.array([[10000.0, 10000.0]], dtype='float32')
for k in range(64):  # k = 0: the counterexample itself
    got = keras.ops.convert_to_numpy(keras.losses.CosineSimilarity(axis=-1).call(keras.ops.convert_to_tensor(y_true * y_true.dtype.type(1 + k * 2.0**-20)), keras.ops.convert_to_tensor(y_pred * y_pred.dtype.type(1 + k * 2.0**-20))))
    assert np.all((got >= -1.0) & (got <= 1.0)), got  # the documented range
