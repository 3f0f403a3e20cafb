"""NumPy float64 references for the regression losses, from the documented formulas."""

import numpy as np

from lossref.constants import EPSILON
from lossref.reference._grad import spread, step


def mean_squared_error(t, p):
    return np.mean((p - t) ** 2, axis=-1)


def mean_absolute_error(t, p):
    return np.mean(np.abs(p - t), axis=-1)


def mean_absolute_percentage_error(t, p, epsilon=EPSILON):
    return 100.0 * np.mean(np.abs(t - p) / np.maximum(np.abs(t), epsilon), axis=-1)


def mean_squared_logarithmic_error(t, p, epsilon=EPSILON):
    return np.mean((np.log1p(np.maximum(p, epsilon)) - np.log1p(np.maximum(t, epsilon))) ** 2, axis=-1)


def l2_normalize(x, axis, epsilon=EPSILON):
    """x / max(‖x‖, ε)."""
    return x / np.maximum(np.sqrt(np.sum(x * x, axis=axis, keepdims=True)), epsilon)


def cosine_similarity(t, p, axis=-1, epsilon=EPSILON):
    return -np.sum(l2_normalize(t, axis, epsilon) * l2_normalize(p, axis, epsilon), axis=axis)


def huber(t, p, delta=1.0):
    e = np.abs(p - t)
    return np.mean(np.where(e <= delta, 0.5 * e**2, delta * e - 0.5 * delta**2), axis=-1)


def log_cosh(t, p):
    # log cosh e = log(1 + 2 sinh²(e/2)) (accurate near 0) = |e| + log(1 + e^(−2|e|)) − log 2 (no overflow)
    e = np.abs(p - t)
    with np.errstate(over="ignore"):
        near = np.log1p(2.0 * np.sinh(e / 2.0) ** 2)
    far = e + np.log1p(np.exp(-2.0 * e)) - np.log(2.0)
    return np.mean(np.where(e < 1.0, near, far), axis=-1)


def sum_squared_error(t, p):
    return np.sum((p - t) ** 2, axis=-1)


def mean_error(t, p):
    return np.mean(p - t, axis=-1)


def cosine_proximity(t, p):
    return -np.mean(l2_normalize(t, -1) * l2_normalize(p, -1), axis=-1)


def penalized_absolute_error(t, p):
    e = np.abs(t - p)
    return np.mean(e * 0.5 * (1.0 + e), axis=-1)


def relative_rmse(t, p):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.sqrt(np.mean((p - t) ** 2)) / np.mean(t**2) - 1.0


# ---- analytic gradients: ∂/∂p of Σ w · loss(t, p) ------------------------------------------------

def pinball_loss(t, p, tau=0.5):
    e = t - p
    return np.mean(np.maximum(tau * e, (tau - 1.0) * e), axis=-1)


def mean_squared_error_grad(t, p, w):
    return spread(w, 2.0 * (p - t))


def mean_absolute_error_grad(t, p, w):
    return spread(w, np.sign(p - t))


def mean_absolute_percentage_error_grad(t, p, w, epsilon=EPSILON):
    return spread(w, 100.0 * np.sign(p - t) / np.maximum(np.abs(t), epsilon))


def mean_squared_logarithmic_error_grad(t, p, w, epsilon=EPSILON):
    diff = np.log1p(np.maximum(p, epsilon)) - np.log1p(np.maximum(t, epsilon))
    return spread(w, 2.0 * diff * step(p - epsilon) / (1.0 + np.maximum(p, epsilon)))


def _normalized_dot_grad(t, p, axis, epsilon=EPSILON):
    """∂/∂p of n(t)·n(p) summed over axis: t̂/‖p‖ − (t̂·p) p/‖p‖³ where ‖p‖ > ε, else t̂/ε."""
    t_hat = l2_normalize(t, axis, epsilon)
    norm = np.sqrt(np.sum(p * p, axis=axis, keepdims=True))
    dot = np.sum(t_hat * p, axis=axis, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        far = t_hat / norm - dot * p / norm**3
    return np.where(norm > epsilon, far, t_hat / epsilon)


def cosine_similarity_grad(t, p, w, axis=-1, epsilon=EPSILON):
    return -spread(w, _normalized_dot_grad(t, p, axis, epsilon), axis, mean=False)


def huber_grad(t, p, w, delta=1.0):
    e = p - t
    return spread(w, np.where(np.abs(e) <= delta, e, delta * np.sign(e)))


def log_cosh_grad(t, p, w):
    return spread(w, np.tanh(p - t))


def sum_squared_error_grad(t, p, w):
    return spread(w, 2.0 * (p - t), mean=False)


def mean_error_grad(t, p, w):
    return spread(w, np.ones_like(p))


def cosine_proximity_grad(t, p, w):
    return -spread(w, _normalized_dot_grad(t, p, -1))


def penalized_absolute_error_grad(t, p, w):
    e = p - t  # |e|·½·(1 + |e|) = ½|e| + ½e²
    return spread(w, 0.5 * np.sign(e) + e)


def relative_rmse_grad(t, p, w):
    rmse = np.sqrt(np.mean((p - t) ** 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(w) * np.where(rmse > 0, (p - t) / (p.size * rmse), 0.0) / np.mean(t**2)


def pinball_loss_grad(t, p, w, tau=0.5):
    e = t - p
    return spread(w, (1.0 - tau) * step(-e) - tau * step(e))


def smooth_l1_loss(t, p, beta=1.0):
    e = np.abs(p - t)
    if beta == 0:
        return np.mean(e, axis=-1)
    return np.mean(np.where(e < beta, 0.5 * e**2 / beta, e - 0.5 * beta), axis=-1)


def smooth_l1_loss_grad(t, p, w, beta=1.0):
    e = p - t
    return spread(w, np.sign(e) if beta == 0 else np.clip(e / beta, -1.0, 1.0))


def l2_loss(t, p):
    return np.mean(0.5 * (p - t) ** 2, axis=-1)


def l2_loss_grad(t, p, w):
    return spread(w, p - t)
