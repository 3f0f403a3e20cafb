# keras.losses.BinaryFocalCrossentropy on tensorflow, float32: property gradient_fd (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# directional derivative 0 of Σ w·loss (w = 1.137; seeded direction d = uniform(−1, 1)·length scale, h = 6e-06): autodiff ⟨g, d⟩ = nan, finite differences 1.0000110992088795e-45, |error| nan > allowed nan
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([0.0], dtype='float32')
y_pred = np.array([-100.0], dtype='float32')
w = np.array(1.1369616873214543, dtype='float32')  # distinct weights per sample: Σ w·loss
import tensorflow as tf
p = tf.Variable(y_pred)
with tf.GradientTape() as tape:
    value = tf.reduce_sum(keras.ops.convert_to_tensor(w) * keras.losses.BinaryFocalCrossentropy(apply_class_balancing=False, alpha=0.25, gamma=0.0, from_logits=True, label_smoothing=0.0, axis=-1).call(keras.ops.convert_to_tensor(y_true), p))
grad = tape.gradient(value, p).numpy()
# directions d, the central difference of Σ w·loss along d from the documented formula (float64), and the slack
checks = [
    (np.array([0.023643250320522686], dtype='float64'), 1.0000110992088795e-45, 1.0003366082782349e-06),
    (np.array([0.9009273919483954], dtype='float64'), 3.810547954815719e-44, 1.0003366082782349e-06),
    (np.array([-0.7116807741643546], dtype='float64'), -3.0101135149222195e-44, 1.0003366082782349e-06),
]
for d, fd, slack in checks:
    ad = float(np.sum(grad * d))
    assert abs(ad - fd) <= 0.0001 * (np.sum(np.abs(grad * d)) + abs(fd)) + slack, (ad, fd)
