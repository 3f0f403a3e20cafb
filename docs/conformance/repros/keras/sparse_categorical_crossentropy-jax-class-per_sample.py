# keras.losses.SparseCategoricalCrossentropy on jax, float32: property per_sample (lossref audit; keras 3.15.1, jax 0.10.2)
# raised ValueError: Arguments `target` and `output` must have the same shape up until the last dimension: target.shape=(2, 3), output.shape=(2, 2, 3)
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[0, 0, 1], [1, 1, 0]], dtype='int32')
y_pred = np.array([[[-4.7062458992004395, 0.0, -14.0], [-30.0, 0.0, 1.6258771419525146]], [[56.30508804321289, -78.88203430175781, 30.0], [14.0, 0.0, 14.0]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=1, axis=1).call(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)))
