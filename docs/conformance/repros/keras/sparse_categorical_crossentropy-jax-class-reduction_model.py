# keras.losses.SparseCategoricalCrossentropy on jax, float32: property reduction_model (lossref audit; keras 3.15.1, jax 0.10.2)
# Loss(reduction='none') raised ValueError: Arguments `target` and `output` must have the same shape up until the last dimension: target.shape=(2, 2), output.shape=(2, 3, 2)
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[255, 2], [2, 255]], dtype='int32')
y_pred = np.array([[[0.3333333432674408, 0.3333333432674408], [0.3333333432674408, 0.3333333432674408], [0.3333333432674408, 0.3333333432674408]], [[0.3333333432674408, 0.3333333432674408], [0.3333333432674408, 0.3333333432674408], [0.3333333432674408, 0.3333333432674408]]], dtype='float32')
from keras.src.backend.common.masking import set_keras_mask
y_pred = keras.ops.convert_to_tensor(y_pred)
set_keras_mask(y_pred, keras.ops.convert_to_tensor(np.array([[False, True], [False, True]], dtype='bool')))
sample_weight = np.array([[0.0869430670541096, 0.0], [4.0, 1.3741283371848783]], dtype='float32')
keras.losses.SparseCategoricalCrossentropy(reduction='none', from_logits=False, ignore_class=255, axis=1)(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), sample_weight=sample_weight)
