"""DistillKL of HobbitLong/RepDistiller, re-expressed with keras.ops.

Source: github.com/HobbitLong/RepDistiller, distiller_zoo/KD.py, class DistillKL,
        commit 1e2f81692647991a80a1e97ffa14e2af915eaa6f
        (https://github.com/HobbitLong/RepDistiller/blob/1e2f81692647991a80a1e97ffa14e2af915eaa6f/distiller_zoo/KD.py)
        loss = F.kl_div(log_softmax(y_s/T), softmax(y_t/T), size_average=False) * T**2 / y_s.shape[0]
Claims to implement: "KL divergence for KD" (Hinton, Vinyals & Dean 2015): T²·KL(p_t^T ‖ p_s^T), summed over
        classes and averaged over the batch ('batchmean' in today's torch terms).
Exported attribute: `distill_kl`

Kept: log_softmax(student/T) as input, softmax(teacher/T) as target, torch's pointwise
        target·(log target - input) with 0·log 0 = 0, the *sum* over classes, the factor T².
Adapted (calling convention only): y_true = the teacher's outputs, y_pred = the student's (lossref's
        kl_divergence_with_log_targets hands log-probabilities; log_softmax / softmax of log-probabilities give
        them back); class axis last (dim=1 in the original, the same for (N, C)); the division by the batch size
        is Keras's averaging of the per-sample sums. T has no default in the original (train_student.py passes
        --kd_T, default 4); T = 1 here, where T² = 1 and the softening is the identity.
"""

from keras import ops


def _xlogy_self(p):
    safe = ops.where(p > 0, p, ops.ones_like(p))
    return ops.where(p > 0, p * ops.log(safe), ops.zeros_like(p))


def distill_kl(y_true, y_pred, T=1.0):
    y_s = ops.convert_to_tensor(y_pred)
    y_t = ops.cast(y_true, y_s.dtype)
    p_s = ops.log_softmax(y_s / T, axis=-1)
    p_t = ops.softmax(y_t / T, axis=-1)
    return ops.sum(_xlogy_self(p_t) - p_t * p_s, axis=-1) * (T**2)
