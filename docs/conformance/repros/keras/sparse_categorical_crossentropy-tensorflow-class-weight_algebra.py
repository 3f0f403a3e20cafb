# keras.losses.SparseCategoricalCrossentropy on tensorflow, float32: property weight_algebra (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# Loss(reduction='sum') raised ValueError: Only axis=-1 is currently supported. Received: axis=-2
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[0, 1], [1, 1], [1, 2]], dtype='int32')
y_pred = np.array([[[0.535579264163971, 0.004677406512200832], [0.46442073583602905, 0.5493897795677185], [0.0, 0.4459328055381775]], [[0.0, 0.09179455786943436], [0.0, 0.7753201723098755], [1.0, 0.13288527727127075]], [[0.7586511373519897, 0.7969726920127869], [0.11065120249986649, 0.0009680358925834298], [0.13069766759872437, 0.20205926895141602]]], dtype='float32')
sample_weight = None
keras.losses.SparseCategoricalCrossentropy(reduction=None, from_logits=False, ignore_class=None, axis=-2)(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), sample_weight=sample_weight)
