"""The sub-steps and read-outs of the day: the ceremony's, plus item 9's names.

The agenda reads the names proposed for the higher level (and the quorum as it
stands) at "Thông qua danh sách" through the same `read_out` seam as the guests at
the opening; the vote lives in the record, above the ceremony, so the event
composes the two here.
"""

from __future__ import annotations

from console.ceremony.substeps import CeremonySubsteps

VOTE_SEGMENT = "thong_qua"


class DaySubsteps(CeremonySubsteps):
    def read_out(self, event, segment: str) -> list[str]:
        if segment != VOTE_SEGMENT:
            return super().read_out(event, segment)
        from console.record.vote import mc_script

        names, quorum = mc_script(event)
        if not names:
            return ["(Chưa có danh sách đề cử: hoinghi vote THƯ_MỤC propose MÃ …)", f"({quorum})"]
        return [*names, f"({quorum})"]
