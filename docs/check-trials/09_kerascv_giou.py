"""GIoULoss of KerasCV (Keras 3 version), re-expressed with keras.ops.

Source: github.com/keras-team/keras-cv, keras_cv/src/losses/giou_loss.py (GIoULoss._compute_enclosure,
        _compute_giou, call) and keras_cv/src/bounding_box/iou.py (_compute_area, _compute_intersection),
        commit 94b0a551d03ee9de3d81663e2c1a680cb113f7f1
        (https://github.com/keras-team/keras-cv/blob/94b0a551d03ee9de3d81663e2c1a680cb113f7f1/keras_cv/src/losses/giou_loss.py)
Claims to implement: Generalized IoU loss, Rezatofighi et al., CVPR 2019 (https://giou.stanford.edu/), with the
        TFA GIoULoss as its reference ("TFAddons Implementation" in its docstring); `axis`: "the axis along
        which to mean the ious, defaults to -1".
Exported attribute: `giou_loss`

What the Keras 3 port of KerasCV does (kept here):
  * IoU and the enclosure term with keras.backend.epsilon() (1e-7) *added* to the union and to the enclosing
    area (the TF version used divide_no_nan);
  * the full pairwise (N, N) (or (B, N, N)) GIoU matrix, then `ops.diagonal(giou)` with its defaults
    axis1=0, axis2=1 — for rank-3 boxes that is the diagonal over the batch and box axes, not over the two box
    axes (tf.linalg.diag_part, used by the TF version, took the last two);
  * `ops.mean(giou, axis=-1)`: for (B, 4) boxes that is the mean over the batch (one scalar);
  * 1 - giou.
Adapted (calling convention only): bounding_box_format="yxyx" (lossref's layout [y_min, x_min, y_max, x_max]),
        so convert_format is the identity and is skipped; sample_weight is not taken.
"""

from keras import backend, ops


def _compute_area(box):
    y_min, x_min, y_max, x_max = ops.split(box[..., :4], 4, axis=-1)
    return ops.squeeze((y_max - y_min) * (x_max - x_min), axis=-1)


def _compute_intersection(boxes1, boxes2):
    y_min1, x_min1, y_max1, x_max1 = ops.split(boxes1[..., :4], 4, axis=-1)
    y_min2, x_min2, y_max2, x_max2 = ops.split(boxes2[..., :4], 4, axis=-1)
    perm = [1, 0] if len(boxes2.shape) == 2 else [0, 2, 1]
    intersect_ymax = ops.minimum(y_max1, ops.transpose(y_max2, perm))
    intersect_ymin = ops.maximum(y_min1, ops.transpose(y_min2, perm))
    intersect_xmax = ops.minimum(x_max1, ops.transpose(x_max2, perm))
    intersect_xmin = ops.maximum(x_min1, ops.transpose(x_min2, perm))
    intersect_height = intersect_ymax - intersect_ymin
    intersect_width = intersect_xmax - intersect_xmin
    zeros_t = ops.cast(0, intersect_height.dtype)
    intersect_height = ops.maximum(zeros_t, intersect_height)
    intersect_width = ops.maximum(zeros_t, intersect_width)
    return intersect_height * intersect_width


def _compute_enclosure(boxes1, boxes2):
    y_min1, x_min1, y_max1, x_max1 = ops.split(boxes1[..., :4], 4, axis=-1)
    y_min2, x_min2, y_max2, x_max2 = ops.split(boxes2[..., :4], 4, axis=-1)
    perm = [1, 0] if len(boxes2.shape) == 2 else [0, 2, 1]
    zeros_t = ops.cast(0, boxes1.dtype)
    enclose_ymin = ops.minimum(y_min1, ops.transpose(y_min2, perm))
    enclose_xmin = ops.minimum(x_min1, ops.transpose(x_min2, perm))
    enclose_ymax = ops.maximum(y_max1, ops.transpose(y_max2, perm))
    enclose_xmax = ops.maximum(x_max1, ops.transpose(x_max2, perm))
    enclose_width = ops.maximum(zeros_t, enclose_xmax - enclose_xmin)
    enclose_height = ops.maximum(zeros_t, enclose_ymax - enclose_ymin)
    return enclose_width * enclose_height


def _compute_giou(boxes1, boxes2):
    intersect_area = _compute_intersection(boxes1, boxes2)
    boxes1_area = _compute_area(boxes1)
    boxes2_area = _compute_area(boxes2)
    boxes2_axis = 1 if len(boxes2_area.shape) == 2 else 0
    boxes1_area = ops.expand_dims(boxes1_area, axis=-1)
    boxes2_area = ops.expand_dims(boxes2_area, axis=boxes2_axis)
    union_area = boxes1_area + boxes2_area - intersect_area
    iou = ops.divide(intersect_area, union_area + backend.epsilon())
    enclose_area = _compute_enclosure(boxes1, boxes2)
    return iou - ops.divide((enclose_area - union_area), enclose_area + backend.epsilon())


def giou_loss(y_true, y_pred, axis=-1):
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(y_true, y_pred.dtype)
    giou = _compute_giou(y_true, y_pred)
    giou = ops.diagonal(giou)
    giou = ops.mean(giou, axis=axis)
    return 1 - giou
