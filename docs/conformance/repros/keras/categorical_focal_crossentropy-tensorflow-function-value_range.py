# keras.losses.categorical_focal_crossentropy on tensorflow, float32: property value_range (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# raised InvalidArgumentError: {{function_node __wrapped__Mul_device_/job:localhost/replica:0/task:0/device:CPU:0}} Incompatible shapes: [3,3,2] vs. [3] [Op:Mul] name: 
# fails with: InvalidArgumentError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]], [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]], [[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]]], dtype='float32')
y_pred = np.array([[[0.46701982617378235, 0.0], [0.53298020362854, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.categorical_focal_crossentropy(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), gamma=0.0, from_logits=False, label_smoothing=0.4393256517752929, axis=-2, alpha=[0.25, 0.9393670168185517, 1.0]))
