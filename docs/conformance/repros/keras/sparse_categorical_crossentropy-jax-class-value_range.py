# keras.losses.SparseCategoricalCrossentropy on jax, float32: property value_range (lossref audit; keras 3.15.1, jax 0.10.2)
# raised ValueError: Arguments `target` and `output` must have the same shape up until the last dimension: target.shape=(2, 2, 2), output.shape=(2, 3, 2, 2)
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[[0, 0], [0, 2]], [[0, 0], [2, 0]]], dtype='int32')
y_pred = np.array([[[[0.3333333432674408, 0.16537977755069733], [1.0, 0.0]], [[0.3333333432674408, 0.8346202373504639], [0.0, 0.3730592131614685]], [[0.3333333432674408, 0.0], [0.0, 0.6269407868385315]]], [[[0.3333333432674408, 0.0], [0.0, 0.3333333432674408]], [[0.3333333432674408, 1.0], [0.5, 0.3333333432674408]], [[0.3333333432674408, 0.0], [0.5, 0.3333333432674408]]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.SparseCategoricalCrossentropy(from_logits=False, ignore_class=0, axis=-3).call(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)))
