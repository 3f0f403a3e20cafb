"""Numeric constants shared by the implementations and the references.

lossref fixes its fuzz factor instead of reading `keras.config.epsilon()`: a loss's definition must not
change with global state, and the NumPy references never call Keras. The value is Keras's default.
"""

EPSILON = 1e-7
