"""Triplet loss of the keras-io example "Image similarity estimation using a Siamese Network with a triplet
loss", re-expressed with keras.ops.

Source: github.com/keras-team/keras-io, examples/vision/siamese_network.py, `DistanceLayer.call` and
        `SiameseModel._compute_loss` (margin=0.5 default of `SiameseModel.__init__`),
        commit 39c1ef25d453788de5f3855a18d16697f4ed0130
        (https://github.com/keras-team/keras-io/blob/39c1ef25d453788de5f3855a18d16697f4ed0130/examples/vision/siamese_network.py)
        Published as https://keras.io/examples/vision/siamese_network/
Claims to implement (its docstring): L(A, P, N) = max(‖f(A) - f(P)‖² - ‖f(A) - f(N)‖² + margin, 0) — the
        FaceNet form (Schroff, Kalenichenko & Philbin, CVPR 2015, eq. 1), with *squared* Euclidean distances.
Exported attribute: `triplet_loss`

Adapted (calling convention only): the three embeddings come stacked in y_pred (B, 3, D) = anchor, positive,
        negative (lossref's triplet layout); y_true is not read. The original returns one value per triplet
        (then `Mean` tracks it), which is what this returns.
Kept: squared distances ops.sum(square(a - b), -1), no epsilon, margin 0.5 default.
"""

from keras import ops


def triplet_loss(y_true, y_pred, margin=0.5):
    y_pred = ops.convert_to_tensor(y_pred)
    anchor, positive, negative = y_pred[:, 0], y_pred[:, 1], y_pred[:, 2]
    ap_distance = ops.sum(ops.square(anchor - positive), -1)
    an_distance = ops.sum(ops.square(anchor - negative), -1)
    loss = ap_distance - an_distance
    return ops.maximum(loss + margin, 0.0)
