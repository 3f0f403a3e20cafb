# keras.losses.CategoricalGeneralizedCrossEntropy on tensorflow, float32: property weight_algebra (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# a sample of weight 0 has a non-zero gradient [nan, nan]
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([0, 0], dtype='int32')
y_pred = np.array([[0.0, 1.0], [0.0, 1.0]], dtype='float32')
sample_weight = np.array([0.0, 1.0], dtype='float32')
import tensorflow as tf
p = tf.Variable(y_pred)
with tf.GradientTape() as tape:
    value = tf.reduce_sum(keras.losses.CategoricalGeneralizedCrossEntropy(reduction='sum', q=0.5)(keras.ops.convert_to_tensor(y_true), p, sample_weight=sample_weight))
grad = tape.gradient(value, p).numpy()
assert np.all(grad[0] == 0), grad[0]  # a sample of weight 0 has no influence
