"""A title still holding a placeholder ("LẦN THỨ …", "(TÊN ĐƠN VỊ…)") is not printed as final.

The appendix's banner is a form with blanks; `init` fills what it knows (the
period from the date) and leaves "…" where only the organisers know (the
edition). A badge, certificate or paper printed with a blank is a reprint of
150 badges on the morning: so they are refused with a sentence naming the key
to fill, unless a draft is asked for (`--draft`).
"""

from __future__ import annotations

from console.ground.errors import UserError
from console.ground.text import fold

# What a blank looks like in the forms the offices copy (compared with diacritics folded).
_MARKS = ("…", "...", "(ten don vi", "ten don vi…", "ten don vi...", "{", "}", "xxx")
FILE = "event.toml"


def placeholder(text: str) -> str | None:
    """The blank found in `text` ("…", "(tên đơn vị"), or None when it reads as final."""
    folded = fold(text or "").lower()
    for mark in _MARKS:
        if mark in folded:
            return mark
    return None


def title_blanks(settings, extra: list[tuple[str, str]] | None = None) -> list[str]:
    """Where each blank is: "event.toml, mục [event], khóa “banner”, dòng 5: “LẦN THỨ …, …”"."""
    where = f"{FILE}, mục [event]"
    found = []
    for i, line in enumerate(settings.banner, start=1):
        if placeholder(line):
            found.append(f"{where}, khóa “banner”, dòng {i}: “{line}”")
    for key in ("unit", "parent_unit", "name"):
        value = getattr(settings, key)
        if placeholder(value):
            found.append(f"{where}, khóa “{key}”: “{value}”")
    for place, value in extra or []:
        if placeholder(value):
            found.append(f"{place}: “{value}”")
    return found


def require_final(settings, what: str, *, draft: bool = False, extra: list[tuple[str, str]] | None = None) -> None:
    """Refuse to print `what` ("thẻ đại biểu", "giấy chứng nhận", "báo cáo") while a title holds a blank."""
    if draft:
        return
    blanks = title_blanks(settings, extra)
    if not blanks:
        return
    more = f" (và {len(blanks) - 1} chỗ khác)" if len(blanks) > 1 else ""
    raise UserError(f"Chưa in {what}: tiêu đề còn chỗ trống ở {blanks[0]}{more}. Hãy điền cho đủ "
                    "(ví dụ edition = \"V\" trong event.toml, hoặc xóa chữ “LẦN THỨ …” nếu hội nghị không đánh số) "
                    "rồi làm lại; muốn in thử thì thêm --draft.")
