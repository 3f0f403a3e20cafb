"""The one error type lossref raises for bad input: it names the loss, the argument and the expected form."""


class LossInputError(ValueError):
    """Bad input to a lossref loss. A subclass of ValueError; TypeError-flavoured cases also subclass TypeError."""

    def __new__(cls, loss, argument, expected, kind=ValueError):
        if kind is TypeError and cls is LossInputError:
            cls = LossTypeError
        return super().__new__(cls)

    def __init__(self, loss, argument, expected, kind=ValueError):
        self.loss, self.argument, self.expected = loss, argument, expected
        super().__init__(f"{loss}: argument `{argument}` must be {expected}")


class LossTypeError(LossInputError, TypeError):
    """A LossInputError about a dtype or Python type."""
