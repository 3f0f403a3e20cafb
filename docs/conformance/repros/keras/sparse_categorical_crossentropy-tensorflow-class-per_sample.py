# keras.losses.SparseCategoricalCrossentropy on tensorflow, float32: property per_sample (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# raised ValueError: Only axis=-1 is currently supported. Received: axis=2
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[1, 0], [1, 0]], [[1, 1], [0, 1]]], dtype='int32')
y_pred = np.array([[[[-1.1754943508222875e-38, -1.1754943508222875e-38], [-1.1754943508222875e-38, -1.1754943508222875e-38]], [[17.0, -1.1754943508222875e-38], [-1.1754943508222875e-38, -1.1754943508222875e-38]]], [[[51.428382873535156, -1.1754943508222875e-38], [100.0, -7.397554397583008]], [[-1.1754943508222875e-38, -1.1754943508222875e-38], [-1.1754943508222875e-38, -1.1754943508222875e-38]]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=1, axis=2).call(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)))
