# keras.losses.BinaryFocalCrossentropy on tensorflow, float32: property gradient_fd (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# directional derivative 0 of Σ w·loss (w = 1.137; seeded direction d = uniform(−1, 1)·length scale, h = 6e-06): autodiff ⟨g, d⟩ = nan, finite differences 4.094042134786283e-10, |error| nan > allowed nan
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([0.0], dtype='float32')
y_pred = np.array([-18.0], dtype='float32')
w = np.array(1.1369616873214543, dtype='float32')  # distinct weights per sample: Σ w·loss
import tensorflow as tf
p = tf.Variable(y_pred)
with tf.GradientTape() as tape:
    value = tf.reduce_sum(keras.ops.convert_to_tensor(w) * keras.losses.BinaryFocalCrossentropy(apply_class_balancing=False, alpha=0.25, gamma=0.0, from_logits=True, label_smoothing=0.0, axis=-1).call(keras.ops.convert_to_tensor(y_true), p))
grad = tape.gradient(value, p).numpy()
# directions d, the central difference of Σ w·loss along d from the documented formula (float64), and the slack
checks = [
    (np.array([0.023643249136284794], dtype='float64'), 4.094042134786283e-10, 1.0003366082833613e-06),
    (np.array([0.9009273925405143], dtype='float64'), 1.560037152349452e-08, 1.0003366082833613e-06),
    (np.array([-0.7116807747564735], dtype='float64'), -1.2323395408233078e-08, 1.0003366082833613e-06),
]
for d, fd, slack in checks:
    ad = float(np.sum(grad * d))
    assert abs(ad - fd) <= 0.0001 * (np.sum(np.abs(grad * d)) + abs(fd)) + slack, (ad, fd)
