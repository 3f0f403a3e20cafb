"""Knowledge-distillation KL term of haitongli/knowledge-distillation-pytorch, re-expressed with keras.ops.

Source: github.com/haitongli/knowledge-distillation-pytorch, model/net.py, function `loss_fn_kd`,
        commit 9937528f0be0efa979c745174fbcbe9621cea8b7
        (https://github.com/haitongli/knowledge-distillation-pytorch/blob/9937528f0be0efa979c745174fbcbe9621cea8b7/model/net.py)
        KD_loss = nn.KLDivLoss()(F.log_softmax(outputs/T, dim=1), F.softmax(teacher_outputs/T, dim=1)) * (alpha*T*T)
                  + F.cross_entropy(outputs, labels) * (1. - alpha)
Claims to implement: Hinton, Vinyals & Dean, "Distilling the Knowledge in a Neural Network" (2015): T² times
        the KL divergence KL(p_teacher^T ‖ p_student^T) = Σ_c p_t·(log p_t - log p_s).
        nn.KLDivLoss() defaults to reduction='mean', the mean over *all elements* (batch × classes), which
        torch's own docs say "doesn't return the true KL divergence value, please use reduction='batchmean'":
        the KL per sample comes out divided by the number of classes C.
Exported attribute: `kd_kl_loss`

Kept: log_softmax(student/T) as the input, softmax(teacher/T) as the target, torch's pointwise
        target·(log target - input) with 0·log 0 = 0 (xlogy), the element *mean* over the class axis,
        the factor alpha·T².
Adapted (calling convention only): y_true = the teacher's outputs, y_pred = the student's outputs (lossref's
        kl_divergence_with_log_targets hands both as log-probabilities; log_softmax / softmax of
        log-probabilities give them back); the class axis is the last one (dim=1 in the original, the same for
        (N, C)); the hard-label term F.cross_entropy(outputs, labels)·(1 - alpha) needs labels lossref does not
        give, so the port is the pure-distillation setting alpha = 1 (default here); temperature default 1
        (the repo's experiments/*/params.json set alpha and temperature per run). The batch part of the
        element mean is left to Keras's averaging (the same total).
"""

from keras import ops


def _xlogy_self(p):
    safe = ops.where(p > 0, p, ops.ones_like(p))
    return ops.where(p > 0, p * ops.log(safe), ops.zeros_like(p))


def kd_kl_loss(y_true, y_pred, temperature=1.0, alpha=1.0):
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(y_true, y_pred.dtype)
    T = temperature
    log_p_student = ops.log_softmax(y_pred / T, axis=-1)
    p_teacher = ops.softmax(y_true / T, axis=-1)
    pointwise = _xlogy_self(p_teacher) - p_teacher * log_p_student
    return ops.mean(pointwise, axis=-1) * (alpha * T * T)
