# keras.losses.SparseCategoricalCrossentropy on jax, float32: property gradient_finite (lossref audit; keras 3.15.1, jax 0.10.2)
# raised ValueError: Arguments `target` and `output` must have the same shape up until the last dimension: target.shape=(2, 2), output.shape=(2, 3, 2)
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[0, 0], [0, 2]], dtype='int32')
y_pred = np.array([[[34.570316314697266, 100.0], [100.0, -1.899999976158142], [100.0, -14.0]], [[-4.080478668212891, -17.0], [-1.0, 4.501425743103027], [-44.82177734375, 100.0]]], dtype='float32')
w = np.array([[1.1369616873214543, 0.7697867137638703], [0.5409735239361947, 0.5165276355285291]], dtype='float32')  # distinct weights per sample: Σ w·loss
import jax
grad = np.asarray(jax.grad(lambda p: (keras.ops.convert_to_tensor(w) * keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=0, axis=-2).call(keras.ops.convert_to_tensor(y_true), p)).sum())(keras.ops.convert_to_tensor(y_pred)))
