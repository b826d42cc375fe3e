"""A small schema for the TOML settings files: each section is a dataclass whose
fields say how their key is read.

    @dataclass
    class StageSettings:
        batch_size: int = setting(8, whole(1, 50))

`read_section(StageSettings, table, Where("event.toml", "stage"))` checks every
key once, when the file is read, and answers a mistake with one Vietnamese
sentence naming the file, the section, the key, what it holds and what is
allowed. A key the section does not know is refused too (a typo such as
`bach_size` would otherwise be ignored and the default used in silence), with
the nearest known key offered.

To add a setting: add a field with `setting(default, reader)` to its section's
dataclass (console/ground/settings.py) and a line to the template there. A
section whose keys are free (printer names, award forms) is read whole by a
reader of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, time
from fractions import Fraction
from typing import Any

from console.ground.errors import UserError

Reader = Callable[[Any, "Where"], Any]


@dataclass(frozen=True)
class Where:
    """file, [section], key — the place a sentence about a setting names."""
    file: str
    section: str = ""
    key: str = ""

    def at(self, key: str) -> Where:
        return Where(self.file, self.section, key)

    def __str__(self) -> str:
        out = self.file
        if self.section:
            out += f", mục [{self.section}]"
        if self.key:
            out += f", khóa “{self.key}”"
        return out


def setting(default: Any, read: Reader, *, factory: Callable[[], Any] | None = None, required: bool = False):
    """A dataclass field read by `read`; `factory` for a mutable default; `required`: the key must be there."""
    meta = {"read": read, "required": required}
    if factory is not None:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"“{value}”"
    if isinstance(value, dict):
        return "một bảng"
    if isinstance(value, list):
        return "một danh sách"
    return str(value)


def refuse(where: Where, value: Any, allowed: str) -> UserError:
    return UserError(f"{where} = {_shown(value)} không hợp lệ: {allowed}. Hãy sửa tệp rồi mở lại.")


# --- readers: each takes (value, where) and returns the checked value -------------------

def text(*, required: bool = False, choices: dict[str, str] | None = None) -> Reader:
    """A string (stripped). `choices` maps each allowed value to what it means."""
    def read(value, where: Where):
        if not isinstance(value, str):
            raise refuse(where, value, "phải là chuỗi trong dấu ngoặc kép, ví dụ \"…\"")
        value = value.strip()
        if required and not value:
            raise UserError(f"{where}: đang để trống. Hãy điền giá trị rồi mở lại.")
        if choices is not None and value not in choices:
            allowed = "; ".join(f"\"{k}\" ({v})" if v else f"\"{k}\"" for k, v in choices.items())
            raise refuse(where, value, f"chọn một trong: {allowed}")
        return value
    return read


def whole(lo: int | None = None, hi: int | None = None, *, choices: tuple[int, ...] = ()) -> Reader:
    """A whole number (not a string, not true/false) within [lo, hi] or among `choices`."""
    def read(value, where: Where):
        if choices:
            if isinstance(value, bool) or value not in choices:
                raise refuse(where, value, "chọn một trong: " + ", ".join(map(str, choices)))
            return value
        if isinstance(value, bool) or not isinstance(value, int) or (lo is not None and value < lo) \
                or (hi is not None and value > hi):
            raise refuse(where, value, "phải là số nguyên " + _range(lo, hi) + " (không đặt trong ngoặc kép)")
        return value
    return read


def number(lo: float | None = None, hi: float | None = None, *, unit: str = "") -> Reader:
    """A number (int or float, not a string) within [lo, hi]."""
    def read(value, where: Where):
        if isinstance(value, bool) or not isinstance(value, int | float) or (lo is not None and value < lo) \
                or (hi is not None and value > hi):
            what = f"số {unit}".strip() if unit else "một số"
            raise refuse(where, value, f"phải là {what} {_range(lo, hi)}, viết bằng chữ số (ví dụ 1,5 viết là 1.5)")
        return float(value)
    return read


def ratio(lo: Fraction, hi: Fraction, *, below_hi: bool = False, example: str = "\"1/2\" hoặc \"50%\"") -> Reader:
    """A share written "2/3", "70%" or 0.7, within [lo, hi] (or [lo, hi) with below_hi) → Fraction."""
    def read(value, where: Where):
        try:
            f = as_fraction(value)
        except (ValueError, ZeroDivisionError, TypeError):
            f = None
        if f is None or f < lo or f > hi or (below_hi and f == hi):
            top = "dưới " if below_hi else ""
            raise refuse(where, value, f"phải là tỉ lệ từ {_pct(lo)} đến {top}{_pct(hi)} %, ví dụ {example}")
        return f
    return read


def share_text(lo: Fraction, hi: Fraction, *, below_hi: bool = False, example: str = "\"1/2\"") -> Reader:
    """Like `ratio`, but keeps the text as written ("2/3"): the minutes quote the rule in the unit's words."""
    check = ratio(lo, hi, below_hi=below_hi, example=example)

    def read(value, where: Where):
        check(value, where)
        return str(value).strip()
    return read


def flag() -> Reader:
    def read(value, where: Where):
        if not isinstance(value, bool):
            raise refuse(where, value, "phải là true hoặc false (không đặt trong ngoặc kép)")
        return value
    return read


def text_list(*, example: str = "[\"dòng 1\", \"dòng 2\"]") -> Reader:
    def read(value, where: Where):
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise refuse(where, value, f"phải là danh sách các chuỗi trong dấu ngoặc kép, ví dụ {example}")
        return [x.strip() for x in value if x.strip()]
    return read


def day() -> Reader:
    def read(value, where: Where):
        return parse_date(value, str(where))
    return read


def clock_time() -> Reader:
    def read(value, where: Where):
        return parse_hhmm(value, str(where))
    return read


def string_table(allowed: str) -> Reader:
    """A section of free keys, each a string (printer names → URIs, roles → names)."""
    def read(table, where: Where):
        table = _table(table, where)
        for key, value in table.items():
            if not isinstance(value, str):
                raise refuse(where.at(key), value, allowed)
        return {key: value.strip() for key, value in table.items()}
    return read


def presenter_table() -> Reader:
    """[awards.presenters]: award form → who presents it (a name, an office, an id), or a list of them."""
    def read(table, where: Where):
        table = _table(table, Where(where.file, f"{where.section}.{where.key}"))
        out = {}
        for form, value in table.items():
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, list) or not names or not all(isinstance(x, str) for x in names):
                raise refuse(Where(where.file, f"{where.section}.{where.key}", form), value,
                             "ghi người trao (tên, chức vụ hoặc số thứ tự) hoặc danh sách, "
                             "ví dụ [\"Chủ tịch UBND huyện\", \"0042\"]")
            out[form] = [x.strip() for x in names if x.strip()]
        return out
    return read


# --- sections ---------------------------------------------------------------------------

def _table(table: Any, where: Where) -> dict:
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise UserError(f"{where}: phải là một mục [{where.section}] có các khóa bên dưới, "
                        f"không phải {_shown(table)}. Hãy sửa tệp rồi mở lại.")
    return table


def read_section(cls, table: Any, where: Where):
    """One section: every key checked by its field's reader; unknown keys refused, required ones asked for."""
    table = _table(table, where)
    known = {f.name: f for f in fields(cls) if "read" in f.metadata}
    for key in table:
        if key not in known:
            raise unknown_key(where, key, list(known))
    for name, f in known.items():
        if f.metadata["required"] and name not in table:
            raise UserError(f"{where}: thiếu khóa “{name}”. Hãy điền giá trị (xem tệp mẫu do `hoinghi init` tạo).")
    values = {name: f.metadata["read"](table[name], where.at(name)) for name, f in known.items() if name in table}
    return cls(**values)


def section_reader(cls) -> Reader:
    return lambda table, where: read_section(cls, table, where)


def unknown_key(where: Where, key: str, known: list[str], kind: str = "khóa") -> UserError:
    """A key (or, with kind="mục", a section) the file may not hold: refused, the nearest known one offered."""
    import difflib  # only for a mistyped key

    near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f" Có phải ý bạn là “{near[0]}”?" if near else ""
    allowed = ", ".join(known) if known else "(không có)"
    return UserError(f"{where}: không có {kind} “{key}”.{hint} Các {kind} dùng được: {allowed}.")




# --- values shared with the rest of the core --------------------------------------------

def as_fraction(value) -> Fraction:
    """0.7, "0.70", "70%", "7/10", 70 → 7/10, without float drift (true/false is no share)."""
    if isinstance(value, bool):
        raise ValueError("true/false is not a share")
    if isinstance(value, Fraction):
        return value
    text = str(value).strip().replace(",", ".")
    if text.endswith("%"):
        return Fraction(text[:-1].strip()) / 100
    f = Fraction(text)
    return f / 100 if f > 1 else f


_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_HM = re.compile(r"(\d{1,2}):(\d{1,2})", re.ASCII)


def parse_date(text: str, where: str) -> date:
    try:
        # (as strptime's "%d/%m/%Y", 1/4/2020 too, without loading its locale machinery: 5 ms a start)
        d, m, y = _DMY.fullmatch(str(text).strip()).groups()
        return date(int(y), int(m), int(d))
    except (ValueError, AttributeError):
        raise UserError(f"{where}: ngày “{text}” không đúng dạng dd/mm/yyyy (ví dụ 15/04/2020).") from None


def parse_hhmm(text: str, where: str) -> time:
    try:
        h, m = _HM.fullmatch(str(text).strip()).groups()
        return time(int(h), int(m))
    except (ValueError, AttributeError):
        raise UserError(f"{where}: giờ “{text}” không đúng dạng HH:MM (ví dụ 07:30).") from None


def _range(lo, hi) -> str:
    f = lambda x: f"{x:g}".replace(".", ",")  # noqa: E731
    if lo is not None and hi is not None:
        return f"từ {f(lo)} đến {f(hi)}"
    if lo is not None:
        return "dương" if lo == 1 else f"từ {f(lo)} trở lên"
    if hi is not None:
        return f"không quá {f(hi)}"
    return ""


def _pct(f: Fraction) -> str:
    v = f * 100
    return f"{int(v)}" if v.denominator == 1 else f"{float(v):.1f}".replace(".", ",")
