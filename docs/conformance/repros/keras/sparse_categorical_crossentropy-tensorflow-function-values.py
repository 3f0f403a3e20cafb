# keras.losses.sparse_categorical_crossentropy on tensorflow, float32: property values (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# raised ValueError: Only axis=-1 is currently supported. Received: axis=1
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[0, 0], [0, 0]], [[1, 0], [1, 0]]], dtype='int32')
y_pred = np.array([[[[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]]], [[[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.sparse_categorical_crossentropy(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), from_logits=True, ignore_class=None, axis=1))
