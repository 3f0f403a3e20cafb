"""Contrastive loss of the keras-io example "Image similarity estimation using a Siamese Network with a
contrastive loss", re-expressed with keras.ops.

Source: github.com/keras-team/keras-io, examples/vision/siamese_contrastive.py, function `loss(margin=1)`
        returning the closure `contrastive_loss`, commit 12bad05fbf95911b2e994cde3c9340c13a5e76d0
        (https://github.com/keras-team/keras-io/blob/12bad05fbf95911b2e994cde3c9340c13a5e76d0/examples/vision/siamese_contrastive.py)
        Published as https://keras.io/examples/vision/siamese_contrastive/
Claims to implement: "Contrastive loss = mean( (1-true_value) * square(prediction) +
        true_value * square( max(margin-prediction, 0) ))" (the comment above the closure); the example's
        `make_pairs` labels a matching pair 1 and a non-matching pair 0, so the loss pulls together the pairs
        labelled 0 — the *non-matching* ones — i.e. the label convention is swapped against its own data.
        (Hadsell et al. 2006 use Y = 0 for similar pairs; TFA's contrastive_loss uses y = 1 for similar.)
Exported attribute: `contrastive_loss` (the closure built with margin=1, as `siamese.compile(loss=loss(margin=1))`)

Adapted (calling convention only): nothing structural — y_pred is what the example's model outputs (one value
        per pair; in the example it is a sigmoid of a batch-normalised distance, here lossref's pair distance).
Kept: (1 - y)·d² + y·max(margin - d, 0)² (label 0 pulled together), and `reduce_mean` over *everything*,
        batch axis included: one scalar per batch.
"""

from keras import ops


def loss(margin=1):
    def contrastive_loss(y_true, y_pred):
        y_pred = ops.convert_to_tensor(y_pred)
        y_true = ops.cast(y_true, y_pred.dtype)
        square_pred = ops.square(y_pred)
        margin_square = ops.square(ops.maximum(margin - (y_pred), 0))
        return ops.mean((1 - y_true) * square_pred + (y_true) * margin_square)

    return contrastive_loss


contrastive_loss = loss(margin=1)
