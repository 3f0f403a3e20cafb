"""The error type lossref raises for bad input (defined with the losses: lossref.losses.errors)."""

from lossref.losses.errors import LossInputError, LossTypeError

__all__ = ["LossInputError", "LossTypeError"]
