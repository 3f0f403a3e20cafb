"""What `lossref check --labels`, `--rank` and `--shape` can ask of each input domain: the option takes effect in
the draws, or the command refuses it with one line naming the domain. Plain data, readable before any backend
starts (the CLI checks a command line with it)."""

from dataclasses import dataclass

HARD_SOFT = ("hard", "soft")  # 0/1 (one-hot) targets only, or soft targets only
SIGNS = ("signed", "binary")  # labels in {−1, +1} only, or in {0, 1} only
LABEL_CHOICES = HARD_SOFT + SIGNS


@dataclass(frozen=True)
class Layout:
    """y_pred's layout in one domain: the `--labels` values its draws honour, the ranks y_pred takes, and the sides
    a fixed shape must have (`sides`: axis → size, e.g. {1: 3} for (B, 3, D) triplets; `square`: (B, B))."""

    labels: tuple = ()
    ranks: tuple = (1, 2, 3, 4)
    sides: tuple = ()  # ((axis, size), ...)
    square: bool = False
    what: str = "values of any shape"
    fixed_shape: bool = True  # --shape can be honoured (False: the sizes are drawn together, as in CTC)

    def problem(self, domain, labels=None, rank=None, shape=None):
        """A sentence saying which option this domain cannot honour, or None."""
        where = f"the {domain} domain (y_pred: {self.what})"
        if labels is not None and labels not in self.labels:
            can = f"only {' or '.join(self.labels)}" if self.labels else "none"
            return f"--labels {labels} does not apply to {where}; it takes {can}"
        rank = len(shape) if shape is not None else rank
        if rank is not None and rank not in self.ranks:
            return f"--rank/--shape of rank {rank} does not fit {where}: rank {' or '.join(map(str, self.ranks))}"
        if shape is None:
            return None
        if not self.fixed_shape:
            return f"--shape cannot be fixed for {where}: its sizes are drawn together"
        wrong = [f"axis {axis} of size {size}" for axis, size in self.sides if shape[axis] != size]
        if self.square and shape[0] != shape[1]:
            wrong.append("a square (B, B) matrix")
        return f"--shape {','.join(map(str, shape))} does not fit {where}: it needs {', '.join(wrong)}" if wrong \
            else None


PAIRED = Layout(ranks=(2, 3, 4), sides=((-1, 2),), what="(…, 2) pairs")
LAYOUTS = {
    "real": Layout(), "nonnegative": Layout(), "real_nonzero_target": Layout(), "rates": Layout(),
    "probabilities": Layout(HARD_SOFT), "binary": Layout(HARD_SOFT), "binary_logits": Layout(HARD_SOFT),
    "hard_binary_logits": Layout(("hard",)), "masks": Layout(HARD_SOFT),
    "categorical": Layout(HARD_SOFT), "categorical_logits": Layout(HARD_SOFT),
    "one_hot_rows": Layout(HARD_SOFT, ranks=(2,), what="(B, C) rows"),
    "signed_labels": Layout(SIGNS), "one_hot_real": Layout(), "relevance_scores": Layout(),
    "log_prob_pairs": Layout(), "nonnegative_and_log": Layout(), "counts_and_rates": Layout(),
    "pair_distances": Layout(what="distances ≥ 0, labels 1 for a similar pair"), "label_lists": Layout(),
    "sparse": Layout(ranks=(2, 3, 4), what="class scores, integer labels"),
    "sparse_2d": Layout(ranks=(2,), what="(B, C) class scores, integer labels"),
    "sparse_scores": Layout(ranks=(2, 3, 4), what="class scores, integer labels"),
    "sparse_log_probs": Layout(ranks=(2, 3, 4), what="class log-probabilities, integer labels"),
    "signed_pairs": Layout(SIGNS, ranks=(2, 3, 4), sides=((-1, 2),), what="(…, 2) score pairs"),
    "mean_variance": Layout(ranks=(2, 3, 4), sides=((-1, 2),), what="(…, 2) (mean, variance) pairs"),
    "embeddings": Layout(ranks=(2,), what="(B, D) embeddings, integer labels"),
    "embedding_pairs": Layout(SIGNS, ranks=(3,), sides=((1, 2),), what="(B, 2, D) pairs of embeddings"),
    "triplets": Layout(ranks=(3,), sides=((1, 3),), what="(B, 3, D) anchor, positive, negative"),
    "similarity_matrices": Layout(ranks=(2,), square=True, what="a (B, B) similarity matrix"),
    "boxes": Layout(ranks=(2, 3), sides=((-1, 4),), what="(B, 4) or (B, N, 4) boxes"),
    "ctc": Layout(ranks=(3,), fixed_shape=False, what="(B, T, C) logits, label sequences"),
}


def problem(domain, labels=None, rank=None, shape=None):
    """The sentence refusing an option the domain cannot honour, or None."""
    return LAYOUTS[domain].problem(domain, labels, rank, shape)
