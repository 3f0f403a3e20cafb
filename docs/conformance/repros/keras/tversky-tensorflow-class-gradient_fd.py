# keras.losses.Tversky on tensorflow, float32: property gradient_fd (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# directional derivative 0 of Σ w·loss (w = [[1.137 ],
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[0.0], [0.0], [0.0]], [[1.0], [1.0], [1.0]]], dtype='float32')
y_pred = np.array([[[0.0], [1.0], [0.0]], [[0.0], [1.0], [1.0]]], dtype='float32')
w = np.array([[1.1369616873214543], [0.7697867137638703]], dtype='float32')  # distinct weights per sample: Σ w·loss
import tensorflow as tf
p = tf.Variable(y_pred)
with tf.GradientTape() as tape:
    value = tf.reduce_sum(keras.ops.convert_to_tensor(w) * keras.losses.Tversky(alpha=0.0, beta=0.8187209043893675, axis=[1]).call(keras.ops.convert_to_tensor(y_true), p))
grad = tape.gradient(value, p).numpy()
# directions d, the central difference of Σ w·loss along d from the documented formula (float64), and the slack
checks = [
    (np.array([[[0.0], [0.0], [0.0]], [[0.8972988942744876], [-0.376337095977138], [-0.15334710205353966]]], dtype='float64'), -0.08748150468843956, 1.0009673154289787e-06),
    (np.array([[[0.0], [0.0], [0.0]], [[-0.9448817735138633], [0.5070262173445528], [0.07628662643255346]]], dtype='float64'), 0.08604278976346673, 1.0009673154289787e-06),
    (np.array([[[0.0], [0.0], [0.0]], [[-0.09300422103869699], [-0.7319166055082722], [-0.19377402711110805]]], dtype='float64'), 0.24241946672276526, 1.0009673154289787e-06),
]
for d, fd, slack in checks:
    ad = float(np.sum(grad * d))
    assert abs(ad - fd) <= 0.0001 * (np.sum(np.abs(grad * d)) + abs(fd)) + slack, (ad, fd)
