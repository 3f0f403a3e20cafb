# optax.losses.multiclass_hinge_loss on jax, float64: property value_range (lossref audit; keras 3.15.1, jax 0.10.2)
# value -5.551115123125783e-17 at index (0,) is outside the documented range [0, inf] (1 of 2 values)
# fails with: AssertionError
import os
os.environ["KERAS_BACKEND"] = 'jax'
os.environ["JAX_ENABLE_X64"] = "1"  # float64 on JAX
import numpy as np
import keras
import jax
import optax

y_true = np.array([0, 0], dtype='int32')
y_pred = np.array([[0.2, -1.0], [0.2, 0.2]], dtype='float64')
got = keras.ops.convert_to_numpy(optax.losses.multiclass_hinge_loss(keras.ops.convert_to_tensor(y_pred), keras.ops.convert_to_tensor(y_true)))
assert np.all((got >= 0.0) & (got <= np.inf)), got  # the documented range
