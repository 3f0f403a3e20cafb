# keras.losses.sparse_categorical_crossentropy on tensorflow, float32: property gradient_finite (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# raised ValueError: Only axis=-1 is currently supported. Received: axis=-2
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[255, 0], [1, 1], [255, 1]], dtype='int32')
y_pred = np.array([[[5.4054155349731445, -39.228816986083984], [100.0, 0.0]], [[30.0, 96.03443145751953], [17.0, 0.8283863663673401]], [[-30.0, -100.0], [1.0, -7.18126916885376]]], dtype='float32')
w = np.array([[1.1369616873214543, 0.7697867137638703], [0.5409735239361947, 0.5165276355285291], [1.3132702392002724, 1.4127555772777218]], dtype='float32')  # distinct weights per sample: Σ w·loss
import tensorflow as tf
p = tf.Variable(y_pred)
with tf.GradientTape() as tape:
    value = tf.reduce_sum(keras.ops.convert_to_tensor(w) * keras.losses.sparse_categorical_crossentropy(keras.ops.convert_to_tensor(y_true), p, from_logits=True, ignore_class=255, axis=-2))
grad = tape.gradient(value, p).numpy()
