"""PyTorch adapter: torch.autograd on a fresh leaf tensor (on whatever device Keras placed y_pred)."""

import os

import torch


def value_and_grad(objective, x, data=(), key=None):
    x = x.detach().clone().requires_grad_(True)
    value = objective(x, *data)
    if not value.requires_grad:  # the output does not depend on x at all: the gradient is zero
        return value.detach(), torch.zeros_like(x)
    (grad,) = torch.autograd.grad(value, x, allow_unused=True)
    return value.detach(), torch.zeros_like(x) if grad is None else grad


def hvp(objective, x, v, data=(), key=None):
    x = x.detach().clone().requires_grad_(True)
    value = objective(x, *data)
    if not value.requires_grad:
        return torch.zeros_like(x)
    (grad,) = torch.autograd.grad(value, x, create_graph=True)
    if not grad.requires_grad:  # linear in x: the Hessian is zero
        return torch.zeros_like(x)
    (product,) = torch.autograd.grad(grad, x, grad_outputs=v, allow_unused=True)
    return torch.zeros_like(x) if product is None else torch.zeros_like(x) + product  # never a ZeroTensor


def version():
    return torch.__version__


def jit(fn):
    """None: torch.compile (inductor) needs a C++ toolchain and ~10 s per new shape on CPU, too slow for a
    property run; the benchmarks time it where it works."""
    return None


def is_concrete(x):
    return not torch.compiler.is_compiling()


# --- benchmarks ---------------------------------------------------------------------------------------

def bench_callable(loss, compiled, backward):
    """loss(t, p) -> scalar, as the benchmarks time it: forward, or forward and torch.autograd.grad with
    respect to p. Compiled: torch.compile of the loss; AOTAutograd compiles its backward too. Dynamo's
    caches are reset first: they are keyed by code object, and after 8 recompilations of one (every lossref
    loss goes through the same wrapper lambda) dynamo silently runs it eagerly. LOSSREF_TORCH_COMPILE_BACKEND
    picks torch.compile's backend (inductor unless set): the test env's smoke sets aot_eager_decomp_partition,
    inductor's decompositions without its C++ code generation."""
    if compiled:
        torch._dynamo.reset()
    fn = torch.compile(loss, backend=os.environ.get("LOSSREF_TORCH_COMPILE_BACKEND", "inductor")) if compiled else loss
    if not backward:
        return lambda t, p: fn(t, p)

    def step(t, p):
        p = p.detach().requires_grad_(True)
        value = fn(t, p)
        return value, torch.autograd.grad(value, p)[0]

    return step


def compiler_unavailable(error):
    """Whether torch.compile failed for want of a toolchain here (no working C++ compiler for inductor on CPU, no
    Triton on a GPU), not because of the loss: dynamo's and AOTAutograd's own errors are failures."""
    from torch._inductor import exc

    cause = getattr(error, "inner_exception", error)
    return isinstance(cause, (exc.InvalidCxxCompiler, exc.CppCompileError, exc.TritonMissing, exc.GPUTooOldForTriton))


def synchronize(result):
    if torch.cuda.is_available():
        torch.cuda.synchronize()
    return result


def pin_threads(threads):
    torch.set_num_threads(threads)
    try:  # only before any parallel work in this process; later OMP_NUM_THREADS has decided
        torch.set_num_interop_threads(threads)
    except RuntimeError:
        pass


def device_name():
    return torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu"


def native_losses():
    """torch.nn.functional losses of the same meaning, as a scalar mean over samples (from_logits=True)."""
    import torch.nn.functional as F

    def ctc(t, p):
        lengths = (t != 0).sum(-1)
        steps = torch.full((p.shape[0],), p.shape[1], dtype=torch.long, device=p.device)
        log_probs = torch.log_softmax(p, -1).transpose(0, 1)
        return F.ctc_loss(log_probs, t.long(), steps, lengths, blank=0, reduction="none").mean()

    def signed(t):
        return torch.where(t == 0, -1.0, t)

    return {
        "smooth_l1_loss": lambda t, p: F.smooth_l1_loss(p, t, beta=1.0),
        "soft_margin_loss": lambda t, p: F.soft_margin_loss(p, signed(t)),
        "hinge_embedding_loss": lambda t, p: F.hinge_embedding_loss(p, signed(t), margin=1.0),
        "multi_margin_loss": lambda t, p: F.multi_margin_loss(p, t.long()),
        "poisson_nll_loss": lambda t, p: F.poisson_nll_loss(p, t, log_input=True),
        "nll_loss": lambda t, p: F.nll_loss(p, t.long()),
        "multilabel_soft_margin_loss": lambda t, p: F.multilabel_soft_margin_loss(p, t),
        "margin_ranking_loss": lambda t, p: F.margin_ranking_loss(p[..., 0], p[..., 1], t),
        "cosine_embedding_loss": lambda t, p: F.cosine_embedding_loss(p[:, 0], p[:, 1], signed(t)),
        "triplet_margin_loss": lambda t, p: F.triplet_margin_loss(p[:, 0], p[:, 1], p[:, 2]),
        "gaussian_nll_loss": lambda t, p: F.gaussian_nll_loss(p[..., 0], t, p[..., 1]),
        "multilabel_margin_loss": lambda t, p: F.multilabel_margin_loss(p, t.long()),
        "mean_squared_error": lambda t, p: F.mse_loss(p, t),
        "mean_absolute_error": lambda t, p: F.l1_loss(p, t),
        "huber": lambda t, p: F.huber_loss(p, t, delta=1.0),
        "sum_squared_error": lambda t, p: F.mse_loss(p, t, reduction="sum") / p.shape[0],
        "cosine_similarity": lambda t, p: -F.cosine_similarity(p, t, dim=-1, eps=1e-12).mean(),
        "poisson": lambda t, p: F.poisson_nll_loss(p, t, log_input=False, eps=1e-7),
        "kl_divergence": lambda t, p: F.kl_div(torch.log(p), t, reduction="sum") / p.shape[0],
        "binary_crossentropy": lambda t, p: F.binary_cross_entropy_with_logits(p, t),
        "categorical_crossentropy": lambda t, p: F.cross_entropy(p, t),
        "sparse_categorical_crossentropy": lambda t, p: F.cross_entropy(p, t.long()),
        "ctc": ctc,
    }


# --- lossref audit torch ------------------------------------------------------------------------------

# torch.nn.functional's losses in the Keras convention (per-sample values over the last axis), written as the
# code a repro prints: {y_true}, {y_pred} and the named parameters are filled in. Parameters not named are fixed. One
# function per registry loss (the records are keyed by loss and form): binary_crossentropy is the logits one.
_F = "torch.nn.functional."
_LAST_TO_CHANNELS = "{y_pred}.movedim(-1, 1) if {y_pred}.dim() > 1 else {y_pred}"  # torch wants the classes on axis 1
_SIGNED = "torch.where({y_true} == 0, -1.0, {y_true})"  # Keras's {0, 1} labels as torch's {−1, 1}
_ROWS = "{y_pred}.reshape(-1, {y_pred}.shape[-1])"  # (N, C) only: the classes last, the rest as samples
_CLASS_WEIGHTS = "torch.as_tensor({weight}, dtype={y_pred}.dtype).expand({y_pred}.shape[-1])"
AUDITED = [
    ("smooth_l1_loss", _F + "smooth_l1_loss({y_pred}, {y_true}, reduction='none', beta={beta}).mean(-1)", {}),
    ("soft_margin_loss", _F + "soft_margin_loss({y_pred}, " + _SIGNED + ", reduction='none').mean(-1)", {}),
    ("hinge_embedding_loss",
     _F + "hinge_embedding_loss({y_pred}, " + _SIGNED + ", margin={margin}, reduction='none').mean(-1)", {}),
    ("multi_margin_loss", _F + "multi_margin_loss(" + _ROWS + ", {y_true}.reshape(-1).long(), p={p}, margin={margin}, "
                               "weight=" + _CLASS_WEIGHTS + ", reduction='none').reshape({y_true}.shape)", {}),
    ("poisson_nll_loss", _F + "poisson_nll_loss({y_pred}, {y_true}, log_input={log_input}, full={full}, eps={eps}, "
                              "reduction='none').mean(-1)", {}),
    ("nll_loss", _F + "nll_loss(" + _LAST_TO_CHANNELS + ", {y_true}.long(), weight=" + _CLASS_WEIGHTS + ", "
                      "ignore_index=-100 if {ignore_index} == None else {ignore_index}, reduction='none')", {}),
    ("multilabel_soft_margin_loss", _F + "multilabel_soft_margin_loss(" + _ROWS + ", {y_true}.reshape(-1, "
                                         "{y_true}.shape[-1]), reduction='none').reshape({y_true}.shape[:-1])", {}),
    ("margin_ranking_loss", _F + "margin_ranking_loss({y_pred}[..., 0], {y_pred}[..., 1], " + _SIGNED + ", "
                                 "margin={margin}, reduction='none').mean(-1)", {}),
    ("cosine_embedding_loss", _F + "cosine_embedding_loss({y_pred}[:, 0], {y_pred}[:, 1], " + _SIGNED + ", "
                                   "margin={margin}, reduction='none')", {}),
    ("triplet_margin_loss", _F + "triplet_margin_loss({y_pred}[:, 0], {y_pred}[:, 1], {y_pred}[:, 2], "
                                 "margin={margin}, p={p}, eps={eps}, swap={swap}, reduction='none')", {}),
    ("gaussian_nll_loss", _F + "gaussian_nll_loss({y_pred}[..., 0], {y_true}, {y_pred}[..., 1], full={full}, "
                               "eps={eps}, reduction='none').mean(-1)", {}),
    ("multilabel_margin_loss", _F + "multilabel_margin_loss(" + _ROWS + ", {y_true}.reshape(-1, {y_true}.shape[-1])"
                                    ".long(), reduction='none').reshape({y_true}.shape[:-1])", {}),
    ("mean_squared_error", _F + "mse_loss({y_pred}, {y_true}, reduction='none').mean(-1)", {}),
    ("mean_absolute_error", _F + "l1_loss({y_pred}, {y_true}, reduction='none').mean(-1)", {}),
    ("sum_squared_error", _F + "mse_loss({y_pred}, {y_true}, reduction='none').sum(-1)", {}),
    ("huber", _F + "huber_loss({y_pred}, {y_true}, reduction='none', delta={delta}).mean(-1)", {}),
    ("poisson", _F + "poisson_nll_loss({y_pred}, {y_true}, log_input=False, eps={epsilon}, reduction='none')"
                     ".mean(-1)", {}),
    ("cosine_similarity", "-" + _F + "cosine_similarity({y_pred}, {y_true}, dim=-1, eps={epsilon})", {"axis": -1}),
    ("kl_divergence", _F + "kl_div(torch.log(torch.clamp({y_pred}, {epsilon}, 1.0)), "
                           "torch.clamp({y_true}, {epsilon}, 1.0), reduction='none').sum(-1)", {}),
    ("binary_crossentropy", _F + "binary_cross_entropy_with_logits({y_pred}, {y_true}, reduction='none').mean(-1)",
     {"from_logits": True, "label_smoothing": 0.0, "axis": -1}),
    ("categorical_crossentropy",
     _F + "cross_entropy(" + _LAST_TO_CHANNELS + ", " + _LAST_TO_CHANNELS.replace("{y_pred}", "{y_true}")
     + ", reduction='none', label_smoothing={label_smoothing})", {"from_logits": True, "axis": -1}),
    ("sparse_categorical_crossentropy",
     _F + "cross_entropy(" + _LAST_TO_CHANNELS + ", {y_true}.long(), reduction='none')",
     {"from_logits": True, "axis": -1, "ignore_class": None}),
]


def audit_losses(library):
    """The torch.nn.functional losses `lossref audit torch` checks: (registry name, call template, fixed params)."""
    return AUDITED if library == "torch" else []


def audit_namespace():
    return {"torch": torch}, "import torch\n"
