# keras.losses.CategoricalFocalCrossentropy on torch, float32: property value_range (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# raised RuntimeError: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 2
# fails with: RuntimeError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([[[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]], [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]], [[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]]], dtype='float32')
y_pred = np.array([[[0.46701982617378235, 0.0], [0.53298020362854, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.CategoricalFocalCrossentropy(gamma=0.0, from_logits=False, label_smoothing=0.4393256517752929, axis=-2, alpha=[0.25, 0.9393670168185517, 1.0]).call(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)))
