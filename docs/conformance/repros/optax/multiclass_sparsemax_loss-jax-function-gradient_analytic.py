# optax.losses.multiclass_sparsemax_loss on jax, float32: property gradient_analytic (lossref audit; keras 3.15.1, jax 0.10.2)
# raised TypeError: Custom JVP rule must produce primal and tangent outputs with corresponding shapes and dtypes. Expected float64[2] (tangent type of float64[2]) but got float32[2].
# fails with: TypeError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras
import jax
import optax

y_true = np.array([0, 0], dtype='int32')
y_pred = np.array([[0.0, 0.0], [0.0, 0.0]], dtype='float32')
w = np.array([1.1369616873214543, 0.7697867137638703], dtype='float32')  # distinct weights per sample: Σ w·loss
import jax
grad = np.asarray(jax.grad(lambda p: (keras.ops.convert_to_tensor(w) * optax.losses.multiclass_sparsemax_loss(p.reshape(-1, p.shape[-1]), keras.ops.convert_to_tensor(y_true).reshape(-1)).reshape(keras.ops.convert_to_tensor(y_true).shape)).sum())(keras.ops.convert_to_tensor(y_pred)))
