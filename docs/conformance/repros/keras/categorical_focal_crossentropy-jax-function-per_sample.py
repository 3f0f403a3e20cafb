# keras.losses.categorical_focal_crossentropy on jax, float32: property per_sample (lossref audit; keras 3.15.1, jax 0.10.2)
# raised ValueError: Incompatible shapes for broadcasting: shapes=[(2, 2, 2, 3), (2,)]
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[[[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]]], [[[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]], [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0]]]], dtype='float32')
y_pred = np.array([[[[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]], [[[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.categorical_focal_crossentropy(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), gamma=2.0, from_logits=False, label_smoothing=1.0, axis=2, alpha=[0.9990329683101726, 0.9703959242289177]))
