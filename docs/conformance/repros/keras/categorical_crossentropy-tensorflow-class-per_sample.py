# keras.losses.CategoricalCrossentropy on tensorflow, float64: property per_sample (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# raised InvalidArgumentError: {{function_node __wrapped__Range_device_/job:localhost/replica:0/task:0/device:CPU:0}} Requires start <= limit when delta > 0: 0/-2 [Op:Range] name: 
# fails with: InvalidArgumentError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[[0.5, 0.5], [0.0, 0.0], [0.5, 0.5]], [[0.3333333333333333, 0.5], [0.3333333333333333, 0.0], [0.3333333333333333, 0.5]]], [[[0.3333333333333333, 0.5], [0.3333333333333333, 0.0], [0.3333333333333333, 0.5]], [[0.3333333333333333, 0.3333333333333333], [0.3333333333333333, 0.3333333333333333], [0.3333333333333333, 0.3333333333333333]]]], dtype='float64')
y_pred = np.array([[[[-17.0, -2.2250738585072014e-308], [-9.3802697545786, 3.454964244879957e-57], [14.0, -2.2250738585072014e-308]], [[-2.2250738585072014e-308, -2.2250738585072014e-308], [-2.2250738585072014e-308, -1.1547452577708235], [69.89246374154786, 100.0]]], [[[86.87783662442067, 0.7724633912739591], [0.2258239426534132, 3.508883191846223e-163], [69.66458981896787, -2.2250738585072014e-308]], [[1.719736215153647, -2.2250738585072014e-308], [-2.2250738585072014e-308, -30.0], [-2.2250738585072014e-308, 0.019166107774032014]]]], dtype='float64')
got = keras.ops.convert_to_numpy(keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=1.0, axis=-2).call(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred)))
