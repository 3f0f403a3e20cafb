# keras.losses.LogCosh on tensorflow, float64: property value_range (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# value -1.904654323148236e-09 at index () is outside the documented range [0, inf] (1 of 1 values)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([0.0], dtype='float64')
y_pred = np.array([0.0], dtype='float64')
for k in range(64):  # k = 0: the counterexample itself
    got = keras.ops.convert_to_numpy(keras.losses.LogCosh().call(keras.ops.convert_to_tensor(y_true * y_true.dtype.type(1 + k * 2.0**-20)), keras.ops.convert_to_tensor(y_pred * y_pred.dtype.type(1 + k * 2.0**-20))))
    assert np.all((got >= 0.0) & (got <= np.inf)), got  # the documented range
