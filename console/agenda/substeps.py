"""Sub-steps of an agenda segment (each speech, each award batch, each response): the protocol
through which another module fills a segment, so the agenda never imports it.

The agenda knows only `SubstepSource`. The event declares which source it uses
(`Event.substeps`, console/event.py: the ceremony's, console/ceremony/substeps.py).
The agenda passes the segment's allotted minutes when it asks for the sub-steps,
and asks what to write, in the same journal transaction as its own move, when a
sub-step is left (done) or when a Back undoes that; and what the MC reads out
within a segment run whole (the guests at the opening).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

Line = tuple[str, dict]  # (journal kind, data), as `Event.transact` decisions return them


@dataclass
class SubStep:
    key: str  # stable id within the segment, e.g. "speech:12", "batch:3"
    title: str  # "Tham luận: Đổi mới phương pháp dạy học …", "Đợt 2: Bằng khen của Chủ tịch UBND tỉnh"
    person: str = ""  # who is on stage, as the MC says it
    minutes: float = 0.0  # planned
    mc_line: str = ""  # the exact words to read
    names: list[str] = field(default_factory=list)  # an award batch's names in calling order
    presenter: str = ""  # the leader presenting an award batch
    delegate_ids: list[int] = field(default_factory=list)


class SubstepSource(Protocol):
    """What fills the segments listed in `segments` with sub-steps."""

    segments: tuple[str, ...]

    def substeps(self, event, segment: str, minutes: float) -> list[SubStep]:
        """The segment's sub-steps now, fitted into `minutes` (the allotment, re-timing included)."""
        ...

    def left(self, event, segment: str, substep: str) -> list[Line]:
        """Lines to write when the agenda leaves `substep` as done (Next, Jump)."""
        ...

    def undone(self, event, segment: str, substep: str) -> list[Line]:
        """Lines to write when a Back undoes leaving `substep`: it runs again."""
        ...

    def read_out(self, event, segment: str) -> list[str]:
        """Lines the MC reads out within a segment run whole (the guests introduced at the opening)."""
        ...

    def opening_words(self, event, state, item_id: str) -> str:
        """Words the MC says first as item `item_id` opens (a late guest's "giới thiệu bổ sung"), or ""."""
        ...


def split_item(item_id: str | None) -> tuple[str, str | None]:
    """"tham_luan/speech:k3" → ("tham_luan", "speech:k3"); "khai_mac" → ("khai_mac", None)."""
    if not item_id:
        return "", None
    segment, _, sub = item_id.partition("/")
    return segment, sub or None
