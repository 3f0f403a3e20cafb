"""Independent NumPy float64 references, written from the documented formulas (no Keras, no framework)."""
