# keras.losses.categorical_focal_crossentropy on tensorflow, float32: property gradient_finite (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# raised InvalidArgumentError: {{function_node __wrapped__Mul_device_/job:localhost/replica:0/task:0/device:CPU:0}} Incompatible shapes: [3,3,2] vs. [3] [Op:Mul] name: 
# fails with: InvalidArgumentError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]], [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]]], dtype='float32')
y_pred = np.array([[[-100.0, -1.5], [-1.0, -1.0], [-100.0, 30.0]], [[-100.0, -100.0], [14.0, -5.865085601806641], [-100.0, -8.840415000915527]], [[0.0, -100.0], [-100.0, -20.31793975830078], [-31.65255355834961, -100.0]]], dtype='float32')
w = np.array([[1.1369616873214543, 0.7697867137638703], [0.5409735239361947, 0.5165276355285291], [1.3132702392002724, 1.4127555772777218]], dtype='float32')  # distinct weights per sample: Σ w·loss
import tensorflow as tf
p = tf.Variable(y_pred)
with tf.GradientTape() as tape:
    value = tf.reduce_sum(keras.ops.convert_to_tensor(w) * keras.losses.categorical_focal_crossentropy(keras.ops.convert_to_tensor(y_true), p, gamma=0.674671878989377, from_logits=True, label_smoothing=0.655958228640649, axis=-2, alpha=[0.7604132787951385, 0.4599574871682087, 0.475]))
grad = tape.gradient(value, p).numpy()
