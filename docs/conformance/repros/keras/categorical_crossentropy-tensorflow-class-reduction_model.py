# keras.losses.CategoricalCrossentropy on tensorflow, float32: property reduction_model (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# Loss(reduction=None) raised InvalidArgumentError: {{function_node __wrapped__Range_device_/job:localhost/replica:0/task:0/device:CPU:0}} Requires start <= limit when delta > 0: 0/-3 [Op:Range] name: 
# fails with: InvalidArgumentError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]]], [[[0.0, 0.0], [1.0, 1.0]], [[1.0, 1.0], [0.0, 0.0]]]], dtype='float32')
y_pred = np.array([[[[-99.0, 0.0], [-80.61298370361328, -98.61063385009766]], [[17.0, 5.960464477539063e-08], [17.0, 55.59256362915039]]], [[[-2.8470072746276855, -0.4000000059604645], [-99.0, 17.0]], [[1.0, 0.0], [17.0, 0.0]]]], dtype='float32')
sample_weight = np.array(0.5, dtype='float32')
keras.losses.CategoricalCrossentropy(reduction=None, from_logits=True, label_smoothing=0.8404838771016874, axis=-3)(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), sample_weight=sample_weight)
