# keras.losses.Tversky on tensorflow, float32: property gradient_fd (lossref audit; keras 3.15.1, tensorflow 2.21.0)
# directional derivative 0 of Σ w·loss (w = [1.137 , 0.7698]; seeded direction d = uniform(−1, 1)·length scale, h = 6e-06): autodiff ⟨g, d⟩ = 0.059779393987786575, finite differences 0.06933443064590279, |error| 0.00956 > allowed 5.76e-05
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'tensorflow'
import numpy as np
import keras

y_true = np.array([[[1.0, 0.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]], [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]], dtype='float32')
y_pred = np.array([[[1.0, 1.0, 1.0], [1.0, 1.0, 1.0], [1.0, 0.0, 0.0]], [[1.0, 1.0, 1.0], [0.0, 1.0, 0.0], [1.0, 1.0, 1.0]]], dtype='float32')
w = np.array([1.1369616873214543, 0.7697867137638703], dtype='float32')  # distinct weights per sample: Σ w·loss
import tensorflow as tf
p = tf.Variable(y_pred)
with tf.GradientTape() as tape:
    value = tf.reduce_sum(keras.ops.convert_to_tensor(w) * keras.losses.Tversky(alpha=0.5, beta=6.642324995205787e-246, axis=[1, 2]).call(keras.ops.convert_to_tensor(y_true), p))
grad = tape.gradient(value, p).numpy()
# directions d, the central difference of Σ w·loss along d from the documented formula (float64), and the slack
checks = [
    (np.array([[[0.02364324939533683, 0.9009273926515367, -0.7116807745621845], [0.8972988942701488, -0.376337095977138, -0.15334710205353966], [0.655405187640253, -0.18160172726167745, 0.099187375346119]], [[-0.9448817735180359, 0.5070262173445528, 0.07628662643255346], [-0.34053656700181567, 0.5768574068513536, -0.39361034141671003], [-0.09300422103749224, -0.7319166055082722, -0.19377402711110805]]], dtype='float64'), 0.06933443064590279, 1.0005904038797295e-06),
    (np.array([[[-0.5930895186449329, -0.47537331911614206, 0.5007293452559866], [-0.43918248401886295, -0.029618051132033564, 0.9614743996059586], [0.9233143873262535, 0.4495798815470673, 0.08245371109486843]], [[-0.4462175919132486, -0.6786959824515529, 0.9398508264239306], [0.03213717109575742, -0.7682687750513543, 0.24697951107500085], [0.5533662286912507, 0.22600660209981527, 0.8345954095878572]]], dtype='float64'), -0.06334561080192924, 1.0005904038797295e-06),
    (np.array([[[-0.9208142466669381, 0.05717852651539641, -0.08132823422120812], [-0.8753008416961805, 0.2826563382703669, 0.7052656769701571], [0.18588203620772958, -0.4798051045255536, 0.6797630420628176]], [[0.018991763051090516, 0.021777768930790014, 0.506060415396877], [-0.7041559284300869, 0.6392534382300882, 0.3665738120065143], [0.5741938831071991, -0.6167674819664478, 0.6047283222695062]]], dtype='float64'), 0.011393195745631099, 1.0005904038797295e-06),
]
for d, fd, slack in checks:
    ad = float(np.sum(grad * d))
    assert abs(ad - fd) <= 0.0001 * (np.sum(np.abs(grad * d)) + abs(fd)) + slack, (ad, fd)
