"""What a name, a unit or a position may be, checked the same at import, at the walk-in form and on the CLI.

Lengths: the longest real entries on official lists are far inside these —
a Vietnamese full name is 2–6 syllables (≈ 10–35 characters; a foreign guest
with several given names ≈ 50), a unit like "Công đoàn cơ sở Công ty Cổ phần
Xây dựng và Phát triển Hạ tầng Khu công nghiệp Nà Lương" ≈ 90, a position
with two offices ≈ 110. The limits leave room (80 / 200 / 200 / 500) and
stop what no badge can hold: a 1,993-character "name" pasted from a
document, which also made every later badge wait for its layout.

Text that a spreadsheet would run as a formula is not a name; bytes that are
not UTF-8 (argv from a terminal in another code page arrives as surrogate
escapes) get a sentence instead of failing deep in the journal write.
"""

from __future__ import annotations

import re

from console.ground.formula import looks_like_formula

MAX_NAME = 80
MAX_UNIT = 200
MAX_POSITION = 200
MAX_NOTE = 500

LIMITS = {"name": MAX_NAME, "unit": MAX_UNIT, "position": MAX_POSITION, "notes": MAX_NOTE, "reason": MAX_NOTE}
LABELS = {"name": "Họ và tên", "unit": "Đơn vị", "position": "Chức vụ", "notes": "Ghi chú", "reason": "Lý do"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def shown(value: str, n: int = 60) -> str:
    """A value quoted in a sentence: a pasted page is cut, not repeated."""
    value = _SURROGATE.sub("\ufffd", value)
    return value if len(value) <= n else value[: n - 1] + "…"


def undecodable(value: str) -> bool:
    """Holds bytes that were not UTF-8 (decoded with surrogate escapes)."""
    return bool(_SURROGATE.search(value))


def text_problem(field: str, value: str) -> str | None:
    """Why this value cannot be the `field` of a person (a sentence fragment), or None."""
    if undecodable(value):
        return ("có ký tự không đọc được (không phải mã UTF-8 — máy gõ hoặc tệp dùng bảng mã khác). "
                "Hãy gõ lại bằng bộ gõ Unicode (Unikey, EVKey).")
    limit = LIMITS.get(field)
    if limit and len(value) > limit:
        return (f"dài {len(value)} ký tự, quá giới hạn {limit} ký tự. Hãy kiểm tra có dán nhầm cả đoạn văn "
                "không, và rút gọn lại.")
    if field == "name" and looks_like_formula(value):
        return ("bắt đầu bằng “" + value[:1].replace("\t", "Tab").replace("\r", "CR")
                + "” như một công thức Excel, không phải họ tên. Hãy dán giá trị (Paste Values) hoặc bỏ ký tự đầu.")
    return None
