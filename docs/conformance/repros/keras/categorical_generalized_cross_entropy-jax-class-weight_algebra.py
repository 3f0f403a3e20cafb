# keras.losses.CategoricalGeneralizedCrossEntropy on jax, float32: property weight_algebra (lossref audit; keras 3.15.1, jax 0.10.2)
# a sample of weight 0 has a non-zero gradient [nan, 0.0]
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras

y_true = np.array([0, 0], dtype='int32')
y_pred = np.array([[0.0, 1.0], [0.0, 1.0]], dtype='float32')
sample_weight = np.array([0.0, 1.0], dtype='float32')
import jax
grad = np.asarray(jax.grad(lambda p: (keras.losses.CategoricalGeneralizedCrossEntropy(reduction='sum', q=0.5)(keras.ops.convert_to_tensor(y_true), p, sample_weight=sample_weight)).sum())(keras.ops.convert_to_tensor(y_pred)))
assert np.all(grad[0] == 0), grad[0]  # a sample of weight 0 has no influence
