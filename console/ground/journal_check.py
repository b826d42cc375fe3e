"""Is this the journal that was written? The sentences that stop the day, and `verify`.

Held apart from the reading and writing of lines (console/ground/journal.py): the alarms
compare a journal as read with its seal (console/ground/seal.py) or with a checkpoint's last
line, and say what to do when it was cut or replaced; `verify` (`hoinghi verify`) checks
every line and the chain with the journal's own reader and names the lines.
"""

from __future__ import annotations

import os
from pathlib import Path

from console.ground import seal
from console.ground.clock import parse_iso
from console.ground.errors import UserError
from console.ground.journal import Journal, Problem


class JournalAlarm(UserError):
    """The journal is not the one that was sealed: nothing is folded on or written until someone decides."""

    exit_code = 3


_DECIDE = ("Mọi máy dừng ghi cho tới khi người phụ trách quyết định: tìm lại tệp nhật ký đầy đủ (bản trên USB, "
           "máy khác, bản sao lưu mới nhất) và chép vào chỗ cũ; hoặc nếu chắc chắn, chấp nhận nhật ký như hiện có bằng "
           "`hoinghi accept-journal THƯ_MỤC --reason \"…\"` (việc chấp nhận được ghi vào nhật ký).")


def seal_alarm_bad(path: Path) -> str:
    return (f"Tệp niêm phong {seal.seal_path(path).name} bị sửa hoặc hỏng (chữ ký không khớp khóa của hội nghị): "
            f"không kiểm được nhật ký {Path(path).name} có bị cắt bớt hay không. " + _DECIDE)


def seal_alarms(journal: Journal, sealed: seal.Seal | None) -> list[str]:
    """What the seal says about the journal as read. Empty when they agree."""
    name = journal.path.name
    if sealed is None:
        if journal.chain.line_no:
            return [f"Thiếu tệp niêm phong {seal.seal_path(journal.path).name} bên cạnh nhật ký {name} "
                    f"({journal.chain.line_no} dòng): không kiểm được nhật ký có bị cắt bớt hay không. " + _DECIDE]
        return []
    if journal.head_n < sealed.n:
        missing = sealed.n - journal.head_n
        return [f"Nhật ký {name} ngắn hơn lúc {sealed.hhmm()} (thiếu {missing} dòng): dòng cuối đã bị cắt, tệp bị "
                "làm rỗng hoặc xóa, hay một bản sao lưu cũ đã được chép đè. " + _DECIDE]
    if journal.watched_h != sealed.head:
        return [f"Nhật ký {name} không còn là nhật ký đã niêm phong lúc {sealed.hhmm()} (dòng số {sealed.n} đã khác): "
                "có thể đã chép một nhật ký khác hoặc bản sao lưu đè lên. " + _DECIDE]
    return []


def checkpoint_alarm(journal: Journal, mark) -> str:
    """A signed checkpoint names a line the journal no longer has (the seal gone with it)."""
    try:
        when = parse_iso(mark.at).strftime("%H:%M %d/%m/%Y")
    except ValueError:
        when = "lần lưu trước"
    return (f"Nhật ký {journal.path.name} ngắn hơn lúc {when} (thiếu {mark.head_n - journal.head_n} dòng): "
            "dòng cuối đã bị cắt, tệp bị làm rỗng hoặc xóa, hay một bản sao lưu cũ đã được chép đè. " + _DECIDE)


def verify(path: Path, secret: bytes) -> tuple[int, list[Problem]]:
    """Check every line and the chain. Returns (lines checked, problems naming the line).

    The same reader as the folds' (one pass at start does both)."""
    j = Journal(Path(path), secret)
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        return 0, []
    j._read_until(size, [])
    problems = list(j.problems)
    lines = j.chain.line_no
    if j.chain.offset < size:  # bytes after the last newline: a torn tail
        lines += 1
        problems.append(Problem(lines, "dòng cuối bị ghi dở (máy tắt đột ngột khi đang ghi); dòng này chưa từng được xác nhận"))
    return lines, problems
