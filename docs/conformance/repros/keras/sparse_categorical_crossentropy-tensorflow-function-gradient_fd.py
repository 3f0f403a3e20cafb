# keras.losses.sparse_categorical_crossentropy on tensorflow, float32: property gradient_fd (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# raised ValueError: Only axis=-1 is currently supported. Received: axis=1
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[2, 2], [2, 2]], [[2, 0], [2, 0]]], dtype='int32')
y_pred = np.array([[[[-1.0, -1.3130152225494385], [-7.737608432769775, 0.0]], [[100.01000213623047, 20.97980499267578], [100.01000213623047, 18.012174606323242]], [[0.037300001829862595, 100.0199966430664], [-13.979999542236328, 100.0199966430664]]], [[[100.0, 5.30154275894165], [100.0, -10.0]], [[-29.989999771118164, 100.01000213623047], [100.01000213623047, 100.01000213623047]], [[-0.9800000190734863, 100.0199966430664], [100.0199966430664, 0.019999999552965164]]]], dtype='float32')
w = np.array([[[1.1369616873214543, 0.7697867137638703], [0.5409735239361947, 0.5165276355285291]], [[1.3132702392002724, 1.4127555772777218], [1.1066357757671799, 1.2294965609839985]]], dtype='float32')  # distinct weights per sample: Σ w·loss
import tensorflow as tf
p = tf.Variable(y_pred)
with tf.GradientTape() as tape:
    value = tf.reduce_sum(keras.ops.convert_to_tensor(w) * keras.losses.sparse_categorical_crossentropy(keras.ops.convert_to_tensor(y_true), p, from_logits=True, ignore_class=0, axis=1))
grad = tape.gradient(value, p).numpy()
