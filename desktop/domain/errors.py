"""Errors as a code plus parameters; the words are chosen by desktop.wording.messages or the ui."""


class DomainError(Exception):
    """A rule refused an action; ``code`` names the rule, ``params`` fill its sentence."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"DomainError({self.code!r}, {self.params!r})"


class NotAllowed(DomainError):
    """The action is not open in the proposal's state or to the user's role."""


class InvalidInput(DomainError):
    """A value the user typed or a file supplied does not fit."""


class NotFound(DomainError):
    """A named record does not exist."""


class Cancelled(Exception):
    """The clerk stopped a long job; what it had finished stays, what it was doing is undone."""
