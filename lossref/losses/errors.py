"""The one error type lossref raises for bad input: it names the loss, the argument and the expected form."""


class LossInputError(ValueError):
    """Bad input to a lossref loss. A subclass of ValueError; TypeError-flavoured cases also subclass TypeError."""

    def __new__(cls, loss, argument=None, expected=None, kind=ValueError):
        if kind is TypeError and cls is LossInputError:
            cls = LossTypeError
        return super().__new__(cls)

    def __init__(self, loss, argument=None, expected=None, kind=ValueError):
        """(loss, argument, expected), or one finished message: tf.function re-raises an error from traced code
        as type(error)(message), and would otherwise wrap it in a StagingError."""
        self.loss, self.argument, self.expected = loss, argument, expected
        super().__init__(loss if argument is None else f"{loss}: argument `{argument}` must be {expected}")


class LossTypeError(LossInputError, TypeError):
    """A LossInputError about a dtype or Python type."""
