"""Training data for the convergence runs: scikit-learn's bundled sets (shipped inside the package, never
downloaded) and small synthetic sets, each deterministic (fixed NumPy seeds), split 75/25 into train and
held-out, features standardized with the training statistics. Every loader returns a `Data`."""

import functools
from dataclasses import dataclass

import numpy as np

SEED = 0


@dataclass(frozen=True)
class Data:
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    description: str


def _split(x, y, description, seed=SEED, standardize=True):
    order = np.random.default_rng(seed).permutation(len(x))
    cut = len(x) * 3 // 4
    train, test = order[:cut], order[cut:]
    x = x.astype("float32")
    if standardize:
        mu, sd = x[train].mean(axis=0), x[train].std(axis=0) + 1e-8
        x = (x - mu) / sd
    return Data(x[train], y[train], x[test], y[test], description)


def _sklearn(name):
    import sklearn.datasets

    return getattr(sklearn.datasets, f"load_{name}")(return_X_y=True)


@functools.cache
def diabetes(scale="standard"):
    """scikit-learn diabetes (442 × 10), disease progression. scale="standard": standardized with the
    training statistics; "positive": divided by 100 (0.25 to 3.46), for losses of positive targets."""
    x, y = _sklearn("diabetes")
    y = y.astype("float32").reshape(-1, 1)
    data = _split(x, y, "")
    if scale == "standard":
        mu, sd = data.y_train.mean(), data.y_train.std()
        return Data(data.x_train, (data.y_train - mu) / sd, data.x_test, (data.y_test - mu) / sd,
                    "diabetes (sklearn, 442 × 10), standardized target")
    return Data(data.x_train, data.y_train / 100, data.x_test, data.y_test / 100,
                "diabetes (sklearn, 442 × 10), target / 100")


@functools.cache
def breast_cancer(labels="binary"):
    """scikit-learn breast cancer (569 × 30), malignant vs benign: (N, 1) labels in {0, 1} or {−1, 1}."""
    x, y = _sklearn("breast_cancer")
    y = y.astype("float32").reshape(-1, 1)
    if labels == "signed":
        y = 2 * y - 1
    return _split(x, y, f"breast cancer (sklearn, 569 × 30), labels {'{−1, 1}' if labels == 'signed' else '{0, 1}'}")


@functools.cache
def iris(labels="one_hot"):
    """scikit-learn iris (150 × 4), 3 classes: one-hot rows, their log after smoothing by 0.1 ("log_smoothed"), or
    (N, 1) integer labels."""
    x, y = _sklearn("iris")
    return _split(x, _labels(y, 3, labels), f"iris (sklearn, 150 × 4), {labels.replace('_', '-')} labels")


@functools.cache
def digits(labels="one_hot"):
    """scikit-learn digits (1797 × 64), 10 classes: one-hot rows, (N, 1) integer labels, (N,) integer labels
    ("ids", for circle), or 3 binary attributes ("attributes": even, ≥ 5, prime) for multi-label."""
    x, y = _sklearn("digits")
    if labels in ("attributes", "attribute_lists"):
        target = np.stack([y % 2 == 0, y >= 5, np.isin(y, (2, 3, 5, 7))], axis=1).astype("float32")
        if labels == "attribute_lists":  # the indices of the attributes held, then −1 (torch's target lists)
            order = np.argsort(-target, axis=1, kind="stable")
            target = np.where(np.take_along_axis(target, order, axis=1) > 0, order, -1).astype("int32")
        return _split(x, target, "digits (sklearn, 1797 × 64), 3 binary attributes: even, ≥ 5, prime")
    return _split(x, _labels(y, 10, labels), f"digits (sklearn, 1797 × 64), {labels.replace('_', '-')} labels")


def _labels(y, classes, kind):
    if kind == "one_hot":
        return np.eye(classes, dtype="float32")[y]
    if kind == "log_smoothed":  # log-probabilities: one-hot smoothed by 0.1 (finite logs)
        return np.log(0.9 * np.eye(classes) + 0.1 / classes)[y].astype("float32")
    if kind == "ids":
        return y.astype("int32")
    return y.astype("int32").reshape(-1, 1)


@functools.cache
def directions():
    """Synthetic: 4-d targets y = A·x for 8-d Gaussian features (1000 samples); only the direction matters."""
    rng = np.random.default_rng(1)
    x = rng.normal(size=(1000, 8))
    y = (x @ rng.normal(size=(8, 4))).astype("float32")
    return _split(x, y, "synthetic directions: y = A·x, x ∈ R⁸, y ∈ R⁴ (1000)")


@functools.cache
def counts():
    """Synthetic counts: y ~ Poisson(exp(0.5 + x·w)), x ∈ R⁵ Gaussian, w ~ N(0, 0.6²) (1000 samples)."""
    rng = np.random.default_rng(2)
    x = rng.normal(size=(1000, 5))
    rate = np.exp(0.5 + x @ rng.normal(scale=0.6, size=(5, 1)))
    return _split(x, rng.poisson(rate).astype("float32"), "synthetic Poisson counts, log-rate linear in x ∈ R⁵ (1000)")


@functools.cache
def masks():
    """Synthetic 1-d segmentation: 16 pixels, the foreground a random interval; x = mask + N(0, 0.5²) (1000)."""
    rng = np.random.default_rng(3)
    start = rng.integers(0, 12, size=1000)
    width = rng.integers(2, 8, size=1000)
    pixel = np.arange(16)
    mask = ((pixel >= start[:, None]) & (pixel < (start + width)[:, None])).astype("float32")
    x = mask + rng.normal(scale=0.5, size=mask.shape)
    return _split(x, mask, "synthetic 1-d masks: 16 pixels, foreground interval plus N(0, 0.5²) noise (1000)",
                  standardize=False)


STEPS, SYMBOLS = 8, 4  # CTC: 8 time steps, symbols 1..4, 0 is the blank


@functools.cache
def sequences():
    """Synthetic CTC: a label sequence of 1–3 symbols (no symbol repeated twice in a row) is written into 8
    time steps, each symbol held for 1–2 steps with blanks around; x is its one-hot (5 channels) plus
    N(0, 0.3²) noise; y_true is (N, 3), zero-padded (2000 samples)."""
    rng = np.random.default_rng(4)
    n = 2000
    x = np.zeros((n, STEPS, SYMBOLS + 1), dtype="float32")
    y = np.zeros((n, 3), dtype="int32")
    for i in range(n):
        length = rng.integers(1, 4)
        labels = [int(rng.integers(1, SYMBOLS + 1))]
        while len(labels) < length:
            labels.append(int(rng.choice([s for s in range(1, SYMBOLS + 1) if s != labels[-1]])))
        frames = [0] * STEPS * 2
        while len(frames) > STEPS:  # redraw the timing until the whole sequence fits
            frames = [0] * rng.integers(0, 2)
            for symbol in labels:
                frames += [symbol] * rng.integers(1, 3) + [0] * rng.integers(0, 2)
        frames += [0] * (STEPS - len(frames))
        x[i, np.arange(STEPS), frames] = 1.0
        y[i, :length] = labels
    x += rng.normal(scale=0.3, size=x.shape).astype("float32")
    return _split(x, y, "synthetic CTC: 1–3 symbols of 4 written into 8 noisy one-hot steps (2000)",
                  standardize=False)


@functools.cache
def line():
    """A custom-loss tutorial's data: X = rand(100, 1), y = 2X + N(0, 1); 100 more samples drawn alike are held out."""
    rng = np.random.default_rng(5)
    x = rng.random((200, 1)).astype("float32")
    y = (2 * x + rng.normal(size=(200, 1))).astype("float32")
    return Data(x[:100], y[:100], x[100:], y[100:], "a tutorial's line: X = rand(100, 1), y = 2X + N(0, 1)")


@functools.cache
def pair_signs():
    """Synthetic pairs: x = (u, v), u, v ~ N(0, I₄); y = sign(u·v) in {−1, 1} (1000 samples)."""
    rng = np.random.default_rng(6)
    u, v = rng.normal(size=(2, 1000, 4))
    y = np.where(np.sum(u * v, axis=1) > 0, 1.0, -1.0).astype("float32")
    return _split(np.concatenate([u, v], axis=1), y, "synthetic pairs (u, v) in R⁴ × R⁴, y = sign(u·v) (1000)")


@functools.cache
def triplet_points():
    """Synthetic triplets: x = (a, a + 0.5·N(0, I₄), n), a, n ~ N(0, I₄); y zeros (unused) (1000 samples)."""
    rng = np.random.default_rng(7)
    a, noise, n = rng.normal(size=(3, 1000, 4))
    x = np.concatenate([a, a + 0.5 * noise, n], axis=1)
    return _split(x, np.zeros(1000, "int32"), "synthetic triplets (a, a + ½·noise, n) in R⁴ (1000)",
                  standardize=False)


@functools.cache
def boxes():
    """Synthetic boxes [y_min, x_min, y_max, x_max]: centres and sizes linear in x ∈ R⁶ (1000 samples)."""
    rng = np.random.default_rng(8)
    x = rng.normal(size=(1000, 6))
    centre = 5.0 + x[:, :2] @ rng.normal(size=(2, 2))
    size = 2.0 + 0.5 * np.abs(x[:, 2:4] @ rng.normal(size=(2, 2)))
    y = np.concatenate([centre - size / 2, centre + size / 2], axis=1).astype("float32")
    return _split(x, y, "synthetic boxes: centres and sizes linear in x ∈ R⁶ (1000)")

