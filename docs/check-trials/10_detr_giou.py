"""GIoU loss of DETR (facebookresearch/detr), re-expressed with keras.ops.

Source: github.com/facebookresearch/detr, util/box_ops.py (box_iou, generalized_box_iou) and models/detr.py
        (SetCriterion.loss_boxes: loss_giou = 1 - torch.diag(generalized_box_iou(src_xyxy, target_xyxy))),
        commit 29901c51d7fe8712168b8d0d64351170bc0f83e0
        (https://github.com/facebookresearch/detr/blob/29901c51d7fe8712168b8d0d64351170bc0f83e0/util/box_ops.py)
Claims to implement: "Generalized IoU from https://giou.stanford.edu/" (Rezatofighi et al., CVPR 2019).
        Its own comment: "degenerate boxes gives inf / nan results so do an early check" — but the check is
        `assert (boxes[:, 2:] >= boxes[:, :2]).all()`, which lets zero-width / zero-height boxes through.
Exported attribute: `giou_loss`

Kept: iou = inter / union and (area - union) / area with no epsilon and no divide_no_nan (0/0 = NaN when both
        boxes are degenerate: union 0, and enclosing area 0 when they are also collinear); clamp(min=0) of the
        widths and heights; 1 - GIoU.
Adapted (calling convention only): DETR's boxes are [x0, y0, x1, y1] (converted from cxcywh); lossref hands
        [y_min, x_min, y_max, x_max] corners — GIoU is unchanged by swapping the two coordinate axes
        consistently, so no conversion is done. boxes1 = y_pred (DETR's src boxes), boxes2 = y_true. DETR
        builds the (N, M) pairwise matrix and takes its diagonal; this computes the diagonal entries directly
        (the same operations on the same pairs), over any leading axes. The assert is dropped (lossref's boxes
        satisfy it). `loss_giou.sum() / num_boxes` is left to Keras.
"""

from keras import ops


def _box_area(boxes):
    return (boxes[..., 2] - boxes[..., 0]) * (boxes[..., 3] - boxes[..., 1])


def _box_iou(boxes1, boxes2):
    area1 = _box_area(boxes1)
    area2 = _box_area(boxes2)
    lt = ops.maximum(boxes1[..., :2], boxes2[..., :2])
    rb = ops.minimum(boxes1[..., 2:], boxes2[..., 2:])
    wh = ops.maximum(rb - lt, 0.0)  # clamp(min=0)
    inter = wh[..., 0] * wh[..., 1]
    union = area1 + area2 - inter
    iou = inter / union
    return iou, union


def _generalized_box_iou(boxes1, boxes2):
    iou, union = _box_iou(boxes1, boxes2)
    lt = ops.minimum(boxes1[..., :2], boxes2[..., :2])
    rb = ops.maximum(boxes1[..., 2:], boxes2[..., 2:])
    wh = ops.maximum(rb - lt, 0.0)
    area = wh[..., 0] * wh[..., 1]
    return iou - (area - union) / area


def giou_loss(y_true, y_pred):
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(y_true, y_pred.dtype)
    return 1 - _generalized_box_iou(y_pred, y_true)
