"""Lines among or below the data that are not people: a count, a total, a remark.

Offices send lists as they print them: "(Danh sách có 30 đại biểu)", "Tổng cộng: 30", "Trong đó:
nữ 12, dân tộc thiểu số 20", "Ghi chú: …", "* Đại biểu dự phòng …", or just "30" under the STT.
Such a line is never a person and never a reason to refuse the list: it is skipped with a notice.
Openings are compared with their diacritics where the text has them (Lưu ý is a remark, Lưu Thị
Êm a person; Chú ý / Chu Văn An), folded only for text typed without marks, and then only with
a colon or a digit after them.
"""

from __future__ import annotations

import re

from console.ground.text import canonical, fold, has_vietnamese_marks, nfc

_OPENINGS = ("tổng cộng", "tổng số", "tổng", "cộng", "số lượng", "trong đó", "danh sách", "ấn định", "gồm",
             "ghi chú", "lưu ý", "chú ý", "chú thích", "nguồn", "kèm theo", "tất cả", "toàn bộ", "số đại biểu",
             "số người", "lập biểu", "người lập", "đã có", "hết danh sách", "chấm dứt", "kết thúc danh sách")
_MARKED = re.compile(r"^(?:" + "|".join(re.escape(canonical(w)) for w in sorted(_OPENINGS, key=len, reverse=True))
                     + r")(?!\w)")
_BARE = re.compile(r"^(?:" + "|".join(re.escape(fold(w)) for w in sorted(_OPENINGS, key=len, reverse=True))
                   + r")(?!\w)")
_COUNT = re.compile(r"\d+\s*(?:người|đại\s*biểu|đồng\s*chí|đ/c|đc|tập\s*thể|cá\s*nhân|thành\s*viên|lượt|"
                    r"nguoi|dai\s*bieu|dong\s*chi|tap\s*the|ca\s*nhan|thanh\s*vien|luot)\b", re.IGNORECASE)


def is_remark(text: str) -> bool:
    """A count, total or remark wherever it stands: "(Có 30 người)", "Tổng cộng: 30", "Ghi chú: …"."""
    t = nfc(text)
    if not t:
        return False
    if t[0] in "(*[•" or re.match(r"[-–]\s", t) or t.endswith(":") or _COUNT.search(t):  # "- Hết danh sách -"
        return True
    if has_vietnamese_marks(t):
        return bool(_MARKED.match(canonical(t)))
    return bool(_BARE.match(fold(t))) and bool(re.search(r"[:\d]", t))


def is_trailer(text: str) -> bool:
    """Below the last person, any line with a digit is a count ("30", "Cộng 30 đ/c"): a name has none."""
    t = nfc(text)
    return is_remark(t) or bool(re.search(r"\d", t))
