# keras.losses.sparse_categorical_crossentropy on tensorflow, float32: property gradient_analytic (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# raised ValueError: Only axis=-1 is currently supported. Received: axis=1
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[0, 0, 0], [0, 0, 0], [0, 1, 0]], dtype='int32')
y_pred = np.array([[[0.29206687211990356, 0.21755705773830414, 0.5], [0.7079331278800964, 0.7824429273605347, 0.5]], [[0.5, 0.15310721099376678, 0.5], [0.5, 0.846892774105072, 0.5]], [[0.1405082643032074, 0.9366909265518188, 0.9702816605567932], [0.8594917058944702, 0.06330908834934235, 0.02971835434436798]]], dtype='float32')
w = np.array([[1.1369616873214543, 0.7697867137638703, 0.5409735239361947], [0.5165276355285291, 1.3132702392002724, 1.4127555772777218], [1.1066357757671799, 1.2294965609839985, 1.043624991465423]], dtype='float32')  # distinct weights per sample: Σ w·loss
import tensorflow as tf
p = tf.Variable(y_pred)
with tf.GradientTape() as tape:
    value = tf.reduce_sum(keras.ops.convert_to_tensor(w) * keras.losses.sparse_categorical_crossentropy(keras.ops.convert_to_tensor(y_true), p, from_logits=False, ignore_class=0, axis=1))
grad = tape.gradient(value, p).numpy()
