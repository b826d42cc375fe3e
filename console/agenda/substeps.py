"""Sub-steps of an agenda segment: each speech, each award batch, each response.

The agenda (console/agenda*.py) asks `substeps_for(event, segment_key)`; the
ceremony module (console/ceremony/substeps.py, function `provide`) answers for
"tham_luan", "khen_thuong" and "huong_ung" from who is actually in the hall.
This module is the seam between the two, so neither imports the other's insides.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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


def substeps_for(event, segment_key: str) -> list[SubStep]:
    try:
        from console.ceremony.substeps import provide
    except ImportError:
        return []
    return list(provide(event, segment_key) or [])
