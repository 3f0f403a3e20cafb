# keras.losses.SparseCategoricalCrossentropy on jax, float32: property reduction_model (lossref audit; keras 3.15.1, jax 0.10.2)
# Loss(reduction='sum_over_batch_size') raised ValueError: Arguments `target` and `output` must have the same shape up until the last dimension: target.shape=(3, 3), output.shape=(3, 2, 3)
# fails with: ValueError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([[0, 0, 0], [0, 0, 0], [0, 0, 0]], dtype='int32')
y_pred = np.array([[[1.1754943508222875e-38, 30.0, 52.68818664550781], [14.0, 0.0, 0.3333333432674408]], [[1.141727089881897, 0.0, 0.0], [0.0, 0.0, 0.0]], [[-10.0, 17.0, 20.3987979888916], [0.0, 0.0, 2.0694572925567627]]], dtype='float32')
sample_weight = np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], dtype='float32')
keras.losses.SparseCategoricalCrossentropy(reduction='sum_over_batch_size', from_logits=True, ignore_class=0, axis=1)(keras.ops.convert_to_tensor(y_true), keras.ops.convert_to_tensor(y_pred), sample_weight=sample_weight)
