"""Keras's rank alignment of two arrays, on NumPy shapes (Loss.__call__ applies it to values and weights)."""


def squeeze_or_expand(x1, x2):
    """Keras's rank alignment: only when ranks differ by one and the larger's last dim is 1."""
    if x1 is None or x2 is None or abs(x1.ndim - x2.ndim) != 1:
        return x1, x2
    big_is_first = x1.ndim > x2.ndim
    big, small = (x1, x2) if big_is_first else (x2, x1)
    if big.shape[-1] != 1:
        return x1, x2
    if small.ndim == 1:
        small = small[..., None]
    else:
        big = big[..., 0]
    return (big, small) if big_is_first else (small, big)
