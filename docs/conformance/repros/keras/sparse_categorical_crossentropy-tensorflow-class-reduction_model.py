# keras.losses.SparseCategoricalCrossentropy on tensorflow, float32: property reduction_model (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# Loss(reduction='none') raised ValueError: Only axis=-1 is currently supported. Received: axis=-2
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[-1, 0], [1, 1]], dtype='int32')
y_pred = np.array([[[1.0, 1.0], [0.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]]], dtype='float32')
from keras.src.backend.common.masking import set_keras_mask
y_pred = keras.ops.convert_to_tensor(y_pred)
set_keras_mask(y_pred, keras.ops.convert_to_tensor(np.array([[False, False], [False, False]], dtype='bool')))
sample_weight = np.array([[2.0168401112669856], [0.25]], dtype='float32')
keras.losses.SparseCategoricalCrossentropy(reduction='none', from_logits=False, ignore_class=-1, axis=-2)(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), sample_weight=sample_weight)
