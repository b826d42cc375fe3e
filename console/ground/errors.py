"""The one exception type a user may see: a Vietnamese sentence, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix. `str()` is the Vietnamese message shown as is.

    The message says what is wrong, where (file, row, column), and what to do.
    """

    exit_code = 2

    def __init__(self, message: str, *, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []

    def __str__(self) -> str:
        if not self.details:
            return self.message
        return self.message + "\n" + "\n".join(f"  • {d}" for d in self.details)


class NotAnEventFolder(UserError):
    pass


class LockTimeout(UserError):
    pass
