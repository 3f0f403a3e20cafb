# keras.losses.CategoricalFocalCrossentropy on tensorflow, float32: property per_sample (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# raised InvalidArgumentError: {{function_node __wrapped__Mul_device_/job:localhost/replica:0/task:0/device:CPU:0}} Incompatible shapes: [2,2,2,3] vs. [2] [Op:Mul] name: 
# fails with: InvalidArgumentError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]], [[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]]], [[[0.0, 0.0, 0.0], [1.0, 1.0, 1.0]], [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0]]]], dtype='float32')
y_pred = np.array([[[[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]], [[[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]], [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.CategoricalFocalCrossentropy(gamma=2.0, from_logits=False, label_smoothing=1.0, axis=2, alpha=[0.9990329683101726, 0.9703959242289177]).call(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)))
