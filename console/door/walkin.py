"""A person registered at the desk, as whole as one on the imported list.

Two kinds, told apart because the record counts them differently:

- a *walk-in guest* (khách vãng lai): not summoned, came anyway;
- a *supplementary delegate* (đại biểu bổ sung): added to the list by a later
  decision — exemplary or guest — and counted with the summoned (registered).

Both carry what an imported row carries — name, unit, position, gender, birth
year, ethnicity, category — so the report's Nam + Nữ adds up and the 70/30 of
the present counts them right. The rules of the fields are here; registration and
check-in, one journal step, are console.door.checkin.register_walk_in.
"""

from __future__ import annotations

from console.ground.errors import UserError
from console.ground.safe_text import check
from console.ground.text import fold, nfc

MIN_YEAR = 1920
MIN_AGE = 14

FIELD_LABELS = {"name": "Họ và tên", "unit": "Đơn vị", "position": "Chức vụ", "ethnicity": "Dân tộc",
                "reason": "Lý do / số quyết định"}


def gender_from_text(text) -> str:
    """"nam" / "nu" from what a form or the CLI gives ("Nữ", "nu", "F" …); "" when not said."""
    key = fold(str(text or ""))
    if key in ("", "-"):
        return ""
    if key in ("nam", "m", "male", "1"):
        return "nam"
    if key in ("nu", "f", "female", "2"):
        return "nu"
    raise UserError(f"Giới tính “{text}” không rõ. Hãy chọn Nam hoặc Nữ.")


def birth_year_from(value, event_year: int) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(str(value).strip())
    except ValueError:
        raise UserError(f"Năm sinh “{value}” không hợp lệ. Hãy ghi năm có 4 chữ số, ví dụ 1985.") from None
    top = event_year - MIN_AGE
    if not MIN_YEAR <= year <= top:
        raise UserError(f"Năm sinh {year} không hợp lệ. Hãy ghi năm từ {MIN_YEAR} đến {top}.")
    return year


def clean_fields(fields: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """NFC, refused on control characters, invisible ones dropped (said in the result)."""
    out, dropped = {}, []
    for key, value in fields.items():
        c = check(nfc(value or ""))
        if c.refused:
            raise UserError(f"{FIELD_LABELS[key]} chứa ký tự điều khiển {c.controls_text()}, có thể làm rối màn hình "
                            "các bàn đón tiếp. Hãy gõ lại (không dán từ tin nhắn hay trang web).")
        if c.invisible:
            dropped.append(f"{FIELD_LABELS[key].lower()}: {c.invisible_text()}")
        out[key] = c.text.strip()
    return out, dropped
