# keras.losses.categorical_focal_crossentropy on jax, float32: property gradient_finite (lossref audit; keras 3.15.1, jax 0.10.2)
# raised ValueError: Incompatible shapes for broadcasting: shapes=[(3, 3, 2), (3,)]
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[[0.0, 0.0], [1.0, 1.0], [0.0, 0.0]], [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0], [1.0, 1.0]]], dtype='float32')
y_pred = np.array([[[-100.0, -1.5], [-1.0, -1.0], [-100.0, 30.0]], [[-100.0, -100.0], [14.0, -5.865085601806641], [-100.0, -8.840415000915527]], [[0.0, -100.0], [-100.0, -20.31793975830078], [-31.65255355834961, -100.0]]], dtype='float32')
w = np.array([[1.1369616873214543, 0.7697867137638703], [0.5409735239361947, 0.5165276355285291], [1.3132702392002724, 1.4127555772777218]], dtype='float32')  # distinct weights per sample: Σ w·loss
import jax
grad = np.asarray(jax.grad(lambda p: (keras.ops.convert_to_tensor(w) * keras.losses.categorical_focal_crossentropy(keras.ops.convert_to_tensor(y_true), p, gamma=0.674671878989377, from_logits=True, label_smoothing=0.655958228640649, axis=-2, alpha=[0.7604132787951385, 0.4599574871682087, 0.475])).sum())(keras.ops.convert_to_tensor(y_pred)))
