# keras.losses.binary_focal_crossentropy on tensorflow, float64: property gradient_finite (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# gradient of Σ w·loss (w = 1.137) is nan at index (0,) (1 of 1 entries); y_true 0.0, y_pred 0.0
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([0.0], dtype='float64')
y_pred = np.array([0.0], dtype='float64')
w = np.array(1.1369616873214543, dtype='float64')  # distinct weights per sample: Σ w·loss
import tensorflow as tf
p = tf.Variable(y_pred)
with tf.GradientTape() as tape:
    value = tf.reduce_sum(keras.ops.convert_to_tensor(w) * keras.losses.binary_focal_crossentropy(keras.ops.convert_to_tensor(y_true), p, apply_class_balancing=False, alpha=0.25, gamma=0.0, from_logits=False, label_smoothing=0.0, axis=-1))
grad = tape.gradient(value, p).numpy()
assert np.isfinite(grad).all(), grad
