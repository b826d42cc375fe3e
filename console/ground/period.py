"""The emulation period a conference reviews, and the one it launches.

Vietnamese emulation cycles are five years ending in a year divisible by five
(2015–2020, 2020–2025): a conference held in 2025 reviews 2020–2025 and
launches 2025–2030; one held in 2023 still belongs to the 2020–2025 cycle.
`hoinghi init --period` overrides the derivation for a unit whose cycle differs.
Pure functions: the date in, the years out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from console.ground.errors import UserError

CYCLE_YEARS = 5
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-–—‐‑]\s*(\d{4})\s*$")


@dataclass(frozen=True)
class Period:
    start: int
    end: int

    def __str__(self) -> str:  # the en dash, as official papers write it
        return f"{self.start}–{self.end}"

    @property
    def years(self) -> int:
        return self.end - self.start

    @property
    def following(self) -> Period:
        """The period the conference launches: as long as this one, from its last year."""
        return Period(self.end, self.end + self.years)


def cycle_of(year: int) -> Period:
    """The five-year cycle a conference in `year` reviews: 2025 → 2020–2025, 2023 → 2020–2025."""
    end = year if year % CYCLE_YEARS == 0 else year + CYCLE_YEARS - year % CYCLE_YEARS
    return Period(end - CYCLE_YEARS, end)


def parse_period(text: str, where: str) -> Period:
    """"2020-2025", "2020–2025", "2020 - 2025" → Period(2020, 2025); anything else is a sentence."""
    m = _PERIOD.match(str(text))
    if not m:
        raise UserError(f"{where}: “{text}” không phải một giai đoạn. Hãy viết năm đầu, gạch ngang, năm cuối, "
                        "ví dụ 2020-2025.")
    start, end = int(m.group(1)), int(m.group(2))
    if not 1945 <= start < end <= start + 10 or end > 2200:
        raise UserError(f"{where}: giai đoạn “{text}” không hợp lý (năm cuối phải sau năm đầu, "
                        "cách nhau không quá 10 năm), ví dụ 2020-2025.")
    return Period(start, end)


def period_setting():
    """An event.toml reader: "" (derive it from the date) or a period, written back as 2020–2025."""
    from console.ground.schema import refuse

    def read(value, where):
        if not isinstance(value, str):
            raise refuse(where, value, "phải là chuỗi trong dấu ngoặc kép, ví dụ \"2020–2025\"")
        if not value.strip():
            return ""
        return str(parse_period(value, str(where)))
    return read
