"""PyTorch adapter: torch.autograd on a fresh leaf tensor (on whatever device Keras placed y_pred)."""

import torch


def value_and_grad(objective, x):
    x = x.detach().clone().requires_grad_(True)
    value = objective(x)
    if not value.requires_grad:  # the output does not depend on x at all: the gradient is zero
        return value.detach(), torch.zeros_like(x)
    (grad,) = torch.autograd.grad(value, x, allow_unused=True)
    return value.detach(), torch.zeros_like(x) if grad is None else grad


def hvp(objective, x, v):
    x = x.detach().clone().requires_grad_(True)
    value = objective(x)
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
