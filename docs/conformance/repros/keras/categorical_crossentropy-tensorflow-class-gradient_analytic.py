# keras.losses.CategoricalCrossentropy on tensorflow, float32: property gradient_analytic (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# raised InvalidArgumentError: {{function_node __wrapped__Range_device_/job:localhost/replica:0/task:0/device:CPU:0}} Requires start <= limit when delta > 0: 0/-2 [Op:Range] name: 
# fails with: InvalidArgumentError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[1.0, 0.0, 1.0], [0.0, 1.0, 0.0]], [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]], dtype='float32')
y_pred = np.array([[[-14.0, 0.0, 34.781673431396484], [3.4968619346618652, 0.0, -1.100000023841858]], [[10.0, -59.29531478881836, -1.4369360907660736e-28], [8.198502540588379, -17.0, 79.0]]], dtype='float32')
w = np.array([[1.1369616873214543, 0.7697867137638703, 0.5409735239361947], [0.5165276355285291, 1.3132702392002724, 1.4127555772777218]], dtype='float32')  # distinct weights per sample: Σ w·loss
import tensorflow as tf
p = tf.Variable(y_pred)
with tf.GradientTape() as tape:
    value = tf.reduce_sum(keras.ops.convert_to_tensor(w) * keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=1.0, axis=-2).call(keras.ops.convert_to_tensor(y_true), p))
grad = tape.gradient(value, p).numpy()
