# keras.losses.CategoricalFocalCrossentropy on tensorflow, float32: property reduction_model (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# Loss(reduction='mean') raised InvalidArgumentError: {{function_node __wrapped__Mul_device_/job:localhost/replica:0/task:0/device:CPU:0}} Incompatible shapes: [2,3,2] vs. [3] [Op:Mul] name: 
# fails with: InvalidArgumentError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]], dtype='float32')
y_pred = np.array([[[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]], [[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]]], dtype='float32')
from keras.src.backend.common.masking import set_keras_mask
y_pred = keras.ops.convert_to_tensor(y_pred)
set_keras_mask(y_pred, keras.ops.convert_to_tensor(np.array([[True, False], [False, False]], dtype='bool')))
sample_weight = np.array([[0.0, 0.0], [0.0, 0.0]], dtype='float32')
keras.losses.CategoricalFocalCrossentropy(reduction='mean', gamma=0.0, from_logits=False, label_smoothing=2.1520304732029438e-198, axis=1, alpha=[0.0014860204152746183, 0.25, 0.8017193539906813])(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), sample_weight=sample_weight)
