"""The one exception type of the service modules' refusals."""


class RuleError(Exception):
    """An action the rules do not allow; ``message`` is meant for the person.

    A lazy translation stays lazy, so it reads in the language of whoever
    sees it (the request's, or a test's ``translation.override``).

    Each service module has its own subclass (``ProgressError``,
    ``CertificateError`` …) so callers catch only what they expect.
    """

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return str(self.message)
