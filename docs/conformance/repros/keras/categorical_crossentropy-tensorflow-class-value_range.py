# keras.losses.CategoricalCrossentropy on tensorflow, float32: property value_range (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# raised InvalidArgumentError: {{function_node __wrapped__Range_device_/job:localhost/replica:0/task:0/device:CPU:0}} Requires start <= limit when delta > 0: 0/-3 [Op:Range] name: 
# fails with: InvalidArgumentError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[[0.5, 0.2559238076210022], [0.05746734142303467, 0.7744504809379578]], [[0.5, 0.7440761923789978], [0.9425326585769653, 0.22554954886436462]]], [[[0.0, 0.6719028353691101], [0.16955538094043732, 0.7720480561256409]], [[1.0, 0.3280971646308899], [0.8304446339607239, 0.22795192897319794]]], [[[0.6407107710838318, 0.0], [1.0, 0.9928465485572815]], [[0.3592892587184906, 1.0], [0.0, 0.007153477985411882]]]], dtype='float32')
y_pred = np.array([[[[0.0, -92.02769470214844], [3.980814218521118, 30.0]], [[1.1920928955078125e-07, 0.0], [0.0, -14.0]]], [[[30.0, -76.36290740966797], [0.0, 0.0]], [[-68.85395812988281, 0.0], [0.0, 0.0]]], [[[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 1.0000000116860974e-07]]]], dtype='float32')
got = keras.ops.convert_to_numpy(keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=1.0, axis=-3).call(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)))
