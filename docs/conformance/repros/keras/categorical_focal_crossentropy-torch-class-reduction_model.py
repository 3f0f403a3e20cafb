# keras.losses.CategoricalFocalCrossentropy on torch, float32: property reduction_model (lossref audit; keras 3.15.1, torch 2.13.0+cpu)
# Loss(reduction='mean') raised RuntimeError: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 2
# fails with: RuntimeError
import os
os.environ["KERAS_BACKEND"] = 'torch'
import numpy as np
import keras

y_true = np.array([[[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]], dtype='float32')
y_pred = np.array([[[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]], [[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]]], dtype='float32')
from keras.src.backend.common.masking import set_keras_mask
y_pred = keras.ops.convert_to_tensor(y_pred)
set_keras_mask(y_pred, keras.ops.convert_to_tensor(np.array([[True, False], [False, False]], dtype='bool')))
sample_weight = np.array([[0.0, 0.0], [0.0, 0.0]], dtype='float32')
keras.losses.CategoricalFocalCrossentropy(reduction='mean', gamma=0.0, from_logits=False, label_smoothing=2.1520304732029438e-198, axis=1, alpha=[0.0014860204152746183, 0.25, 0.8017193539906813])(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), sample_weight=sample_weight)
