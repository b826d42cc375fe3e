"""What a journal decision returns to `Event.transact` (console/event.py).

A decision runs under the journal lock, after catching up with every other
process, and says which lines to write. It also answers its caller — the
sentence a control step shows, the batch number closed, the check-in's result —
through `Decision`, so nothing is smuggled out of the closure in a holder dict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from console.ground.journal import Entry

T = TypeVar("T")


@dataclass(frozen=True)
class Decision(Generic[T]):
    """The journal lines to write (none is fine) and the caller's answer: `value`, or
    `then(entries written)` when the answer needs the lines' time or desk (a check-in
    says when it was made)."""
    lines: list[tuple[str, dict]] = field(default_factory=list)
    value: T | None = None
    then: Callable[[list[Entry]], T] | None = None

    def answer(self, written: list[Entry]) -> T | None:
        return self.then(written) if self.then is not None else self.value
