"""The one error of sending to a printer: a code a program can act on and a sentence a person can."""

from __future__ import annotations


class PrintError(Exception):
    """codes: off, refused, timeout, paper, cut, missing, denied, io, config, render."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message
