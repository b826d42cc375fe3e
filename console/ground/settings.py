"""event.toml: the human-editable settings of one conference.

Read with tomllib and checked once, whole, when read: one dataclass per section
(below) says each key's type, default and allowed values (console/ground/schema.py
reads them), so a typo is a sentence at open, never a crash on the screen that
first reads the key. Written from a template with Vietnamese comments (no TOML
writer library needed: we only ever write the whole file from the template).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from fractions import Fraction
from pathlib import Path
from typing import Any

from console.ground.clock import VN_TZ
from console.ground.errors import UserError
from console.ground.period import Period, cycle_of, parse_period, period_setting
from console.ground.schema import (
    Where,
    clock_time,
    day,
    flag,
    number,
    parse_date,  # noqa: F401  (re-exported for the CLI's --date/--start)
    parse_hhmm,  # noqa: F401
    presenter_table,
    ratio,
    section_reader,
    setting,
    share_text,
    string_table,
    text,
    text_list,
    unknown_key,
    whole,
)

LEVELS = {
    "co-so": ("Công đoàn cơ sở", 100, "HỘI NGHỊ BIỂU DƯƠNG ĐIỂN HÌNH TIÊN TIẾN"),
    "huyen-nganh": ("LĐLĐ huyện, thành phố, Công đoàn ngành", 150, "HỘI NGHỊ ĐIỂN HÌNH TIÊN TIẾN"),
    "tinh": ("LĐLĐ tỉnh", 300, "HỘI NGHỊ ĐIỂN HÌNH TIÊN TIẾN"),
}

# Award forms, highest first (Luật Thi đua, khen thưởng; Nghị định 98/2023; the union's own forms).
# Collectives before individuals within a form is a rule of the ceremony, not of this list.
DEFAULT_AWARD_RANKING = [
    "Danh hiệu Anh hùng Lao động",
    "Huân chương Sao vàng",
    "Huân chương Hồ Chí Minh",
    "Huân chương Độc lập hạng Nhất",
    "Huân chương Độc lập hạng Nhì",
    "Huân chương Độc lập hạng Ba",
    "Huân chương Lao động hạng Nhất",
    "Huân chương Lao động hạng Nhì",
    "Huân chương Lao động hạng Ba",
    "Cờ thi đua của Chính phủ",
    "Danh hiệu Chiến sĩ thi đua toàn quốc",
    "Bằng khen của Thủ tướng Chính phủ",
    "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam",
    "Bằng khen của Tổng Liên đoàn Lao động Việt Nam",
    "Bằng Lao động sáng tạo của Tổng Liên đoàn Lao động Việt Nam",
    "Kỷ niệm chương Vì sự nghiệp xây dựng tổ chức Công đoàn",
    "Cờ thi đua của UBND tỉnh",
    "Danh hiệu Chiến sĩ thi đua cấp tỉnh",
    "Bằng khen của Chủ tịch UBND tỉnh",
    "Cờ thi đua của LĐLĐ tỉnh",
    "Bằng khen của Ban Chấp hành LĐLĐ tỉnh",
    "Giấy khen của Chủ tịch UBND huyện",
    "Giấy khen của Ban Chấp hành LĐLĐ huyện",
    "Giấy khen của Ban Chấp hành Công đoàn ngành",
    "Giấy khen của Ban Chấp hành Công đoàn cơ sở",
]


_THRESHOLDS = {"more_than": "phải hơn tỉ lệ, ví dụ trên 1/2", "at_least": "đạt tỉ lệ là đủ, ví dụ ít nhất 2/3"}


# --- one dataclass per section: what each key holds, its default, how it is read -------
# Add a key: a field here (with `setting(default, reader)`) and a line in the template below.

@dataclass
class EventSection:
    """[event]: who holds the conference, when and where."""
    unit: str = setting("", text(required=True), required=True)
    level: str = setting("", text(required=True, choices={k: v[0] for k, v in LEVELS.items()}), required=True)
    date: date | None = setting(None, day(), required=True)
    start: time = setting(time(7, 30), clock_time())
    name: str = setting("", text())
    parent_unit: str = setting("", text())
    edition: str = setting("", text())
    # The period reviewed and the one launched; "" = from the date (2025 → 2020–2025, 2025–2030).
    period: str = setting("", period_setting())
    next_period: str = setting("", period_setting())
    plan: str = setting("", text())  # the plan the MC cites: "Kế hoạch số 12/KH-LĐLĐ ngày 02/3/2025 của …"
    venue: str = setting("", text())
    place: str = setting("", text())
    banner: list[str] = setting(None, text_list(example="[\"HỘI NGHỊ\", \"ĐIỂN HÌNH TIÊN TIẾN\"]"), factory=list)


@dataclass
class QuotaSection:
    """[quota]: the 70/30 rule and the cap."""
    max_delegates: int | None = setting(None, whole(1))  # None: the level's cap (LEVELS)
    exemplary_min: Fraction = setting(Fraction(7, 10), ratio(Fraction(0), Fraction(1), example="\"70%\""))


@dataclass
class StageSection:
    """[stage]: how many walk up per award batch."""
    batch_size: int = setting(8, whole(1, 50))


@dataclass
class PrintSection:
    """[print]: the thermal paper."""
    width_mm: int = setting(80, whole(choices=(58, 80)))


@dataclass
class AwardsSection:
    """[awards]: the order of award forms, who presents them, how long a batch takes."""
    ranking: list[str] = setting(None, text_list(example="[\"Bằng khen của …\", \"Giấy khen của …\"]"),
                                 factory=lambda: list(DEFAULT_AWARD_RANKING))
    presenters: dict[str, list[str]] = setting(None, presenter_table(), factory=dict)
    batch_overhead_minutes: float = setting(1.0, number(0, 30, unit="phút"))  # walk up, hand over, photo
    # "Bằng khen của Chủ tịch UBND tỉnh" = "Quyết định số 456/QĐ-UBND ngày 01/4/2020": read before its first batch
    decisions: dict[str, str] = setting(None, string_table("“tên hình thức” = \"Quyết định số …, ngày …\""),
                                        factory=dict)
    decision_reader: str = setting("", text())  # who reads the decisions ("" = the form's first presenter)
    decision_minutes: float = setting(2.0, number(0, 30, unit="phút"))
    decision_step: str = setting("auto", text(choices={
        "auto": "bước “Công bố quyết định” trước đợt đầu của mỗi hình thức đã có số quyết định",
        "always": "bước đó trước mọi hình thức, kể cả khi chưa có số quyết định",
        "never": "không có bước riêng (người dẫn tự đọc)"}))
    seconds_per_person: float = setting(20.0, number(0, 600, unit="giây"))


@dataclass
class VoteSection:
    """[vote]: item 9, electing delegates to the higher-level conference (read by record/vote.py).

    Defaults follow the union charter (2020, art. 10.1): valid with at least 2/3 of the delegates
    summoned present; guests are not summoned, do not count for the quorum and do not vote;
    approved by more than 1/2 of the voters present. Units whose rules differ set these keys."""
    higher_level_seats: int = setting(10, whole(1))
    quorum: str = setting("2/3", share_text(Fraction(0), Fraction(1), below_hi=True, example="\"1/2\" hoặc \"2/3\""))
    quorum_threshold: str = setting("at_least", text(choices=_THRESHOLDS))
    majority: str = setting("1/2", share_text(Fraction(0), Fraction(1), below_hi=True, example="\"1/2\" hoặc \"2/3\""))
    majority_threshold: str = setting("more_than", text(choices=_THRESHOLDS))
    # Older files: one threshold for both conditions (set, it overrides the two above).
    threshold: str = setting("", text(choices={"": "theo quorum_threshold và majority_threshold", **_THRESHOLDS}))
    voters: str = setting("exemplary", text(choices={"all": "mọi đại biểu có mặt biểu quyết",
                                                     "exemplary": "chỉ đại biểu điển hình, khách mời không biểu quyết"}))


@dataclass
class DeskSection:
    """[desk]: the check-in desks."""
    bell_on_error: bool = setting(False, flag())
    # `hoinghi serve`: each browser tab is an app process (~40 MB) started before any PIN; this many at most.
    max_browser_desks: int = setting(8, whole(1, 64))


@dataclass
class MinutesSection:
    """[minutes]: who signs the biên bản."""
    presider: str = setting("", text())
    secretary: str = setting("", text())


# Every section event.toml may hold, and how it is read. A section not named here is refused.
SECTION_TYPES = {"event": EventSection, "quota": QuotaSection, "stage": StageSection, "print": PrintSection,
                 "awards": AwardsSection, "vote": VoteSection, "desk": DeskSection, "minutes": MinutesSection}
FREE_SECTIONS = {  # sections of free keys, each a string
    "printers": string_table("mỗi máy in là một chuỗi URI, ví dụ desk = \"tcp://192.168.1.50:9100\""),
    "roles": string_table("mỗi vai là một chuỗi, ví dụ presider = \"Nguyễn Văn A, Chủ tịch LĐLĐ huyện\""),
}
SECTIONS: dict[str, Callable[[Any, Where], Any]] = {
    **{name: section_reader(cls) for name, cls in SECTION_TYPES.items()}, **FREE_SECTIONS}


@dataclass
class EventSettings:
    """event.toml, every section checked when read (`load_settings`)."""
    event: EventSection
    limits: QuotaSection = field(default_factory=QuotaSection)
    stage: StageSection = field(default_factory=StageSection)
    printers: dict[str, str] = field(default_factory=dict)
    paper: PrintSection = field(default_factory=PrintSection)
    awards: AwardsSection = field(default_factory=AwardsSection)
    vote: VoteSection = field(default_factory=VoteSection)
    desk: DeskSection = field(default_factory=DeskSection)
    minutes: MinutesSection = field(default_factory=MinutesSection)
    roles: dict[str, str] = field(default_factory=dict)

    # The [event] and [quota] keys most of the code reads, by their short names.
    unit = property(lambda self: self.event.unit)
    level = property(lambda self: self.event.level)
    date = property(lambda self: self.event.date)
    start = property(lambda self: self.event.start)
    venue = property(lambda self: self.event.venue)
    place = property(lambda self: self.event.place)
    parent_unit = property(lambda self: self.event.parent_unit)
    edition = property(lambda self: self.event.edition)
    banner = property(lambda self: self.event.banner)
    quota = property(lambda self: self.limits.exemplary_min)
    batch_size = property(lambda self: self.stage.batch_size)
    award_ranking = property(lambda self: self.awards.ranking)

    @property
    def name(self) -> str:
        return self.event.name or LEVELS[self.level][2].title()

    @property
    def review_period(self) -> Period:
        """The period the conference reviews: [event] period, else the cycle of its date."""
        if self.event.period:
            return parse_period(self.event.period, "event.toml, mục [event], khóa “period”")
        return cycle_of(self.date.year)

    @property
    def period(self) -> str:
        return str(self.review_period)

    @property
    def next_period(self) -> str:
        """The period it launches: [event] next_period, else the one after the period reviewed."""
        return self.event.next_period or str(self.review_period.following)

    @property
    def max_delegates(self) -> int:
        return self.limits.max_delegates or LEVELS[self.level][1]

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.date, self.start, tzinfo=VN_TZ)

    @property
    def level_label(self) -> str:
        return LEVELS.get(self.level, (self.level,))[0]

    @property
    def place_date_line(self) -> str:
        """"Chợ Mới, ngày 15 tháng 4 năm 2020" — the appendix's form."""
        where = self.place or self.venue
        d = self.date
        return f"{where}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}" if where else \
            f"Ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def read_settings(raw: dict, file: str = "event.toml") -> EventSettings:
    """The parsed TOML → settings, or a UserError naming file, section and key."""
    if not isinstance(raw.get("event"), dict):
        raise UserError(f"{file} thiếu mục [event]. Hãy thêm mục này (xem tệp mẫu do `hoinghi init` tạo).")
    for name in raw:
        if name not in SECTIONS:
            raise unknown_key(Where(file), f"[{name}]", [f"[{k}]" for k in SECTIONS], kind="mục")
    read = {name: reader(raw.get(name), Where(file, name)) for name, reader in SECTIONS.items()}
    return EventSettings(read["event"], read["quota"], read["stage"], read["printers"], read["print"],
                         read["awards"], read["vote"], read["desk"], read["minutes"], read["roles"])


def load_settings(path: Path) -> EventSettings:
    path = Path(path)
    where = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"Không thấy {path}. Thư mục này chưa phải thư mục hội nghị: hãy chạy `hoinghi init`.") from None
    except UnicodeDecodeError:
        raise UserError(f"{where} không phải văn bản UTF-8. Hãy lưu lại tệp với bảng mã UTF-8.") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{where} viết sai cú pháp TOML ({exc}). Hãy sửa dòng đó (chuỗi phải nằm trong dấu \"…\").") from None
    except OSError as exc:
        raise UserError(f"Không đọc được {path}: {exc.strerror}.") from None
    return read_settings(raw, where)


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def default_banner(level: str, unit: str, edition: str, period: str) -> list[str]:
    title = LEVELS[level][2]
    lines = ["HỘI NGHỊ", title.removeprefix("HỘI NGHỊ ")]
    if level != "co-so":
        lines.append("CÔNG NHÂN, VIÊN CHỨC, LAO ĐỘNG")
    lines.append(unit.upper())
    lines.append(f"LẦN THỨ {edition or '…'}, GIAI ĐOẠN {period}".upper())
    return lines


def render_event_toml(*, unit: str, level: str, name: str, event_date: date, start: time,
                      venue: str = "", place: str = "", parent_unit: str = "", edition: str = "",
                      period: str = "", next_period: str = "", plan: str = "",
                      max_delegates: int | None = None, batch_size: int = 8) -> str:
    """event.toml from `init`; the period, when not given, is the cycle of the date (2025 → 2020–2025)."""
    reviewed = parse_period(period, "--period") if period else cycle_of(event_date.year)
    launched = parse_period(next_period, "--next-period") if next_period else reviewed.following
    period, next_period = str(reviewed), str(launched)
    cap = max_delegates or LEVELS[level][1]
    banner = default_banner(level, unit, edition, period)
    ranking = ",\n    ".join(_q(r) for r in DEFAULT_AWARD_RANKING)
    return f"""# Cài đặt hội nghị — sửa bằng trình soạn thảo bất kỳ (lưu UTF-8).
# Giữ nguyên tên khóa bên trái dấu "="; chuỗi đặt trong dấu ngoặc kép.

[event]
unit = {_q(unit)}              # Tên đơn vị tổ chức
parent_unit = {_q(parent_unit)}  # Đơn vị cấp trên (dòng đầu văn bản xuất ra)
level = {_q(level)}            # Cấp: co-so | huyen-nganh | tinh
name = {_q(name)}              # Tên hội nghị
edition = {_q(edition)}        # Lần thứ (ví dụ "IV"); để trống thì thẻ, giấy chứng nhận chỉ in được bản nháp
period = {_q(period)}          # Giai đoạn tổng kết, ví dụ "2020–2025" (để trống: theo năm họp)
next_period = {_q(next_period)}  # Giai đoạn phát động (để trống: giai đoạn kế tiếp)
plan = {_q(plan)}              # Kế hoạch người dẫn trích dẫn, ví dụ "Kế hoạch số 12/KH-LĐLĐ ngày 02/3/2025 của LĐLĐ tỉnh"
date = {_q(event_date.strftime('%d/%m/%Y'))}   # Ngày họp, dd/mm/yyyy
start = {_q(start.strftime('%H:%M'))}          # Giờ khai mạc, HH:MM (giờ Việt Nam)
venue = {_q(venue)}            # Địa điểm (hội trường)
place = {_q(place)}            # Địa danh ghi ở dòng "…, ngày … tháng … năm …"
# Các dòng chữ trên phông/băng rôn, in đầu thẻ đại biểu và phiếu nhận khen thưởng
banner = [
    {(","+chr(10)+"    ").join(_q(b) for b in banner)},
]

[quota]
max_delegates = {cap}          # Số đại biểu tối đa (cơ sở 100, huyện/ngành 150)
exemplary_min = "70%"          # Tỉ lệ đại biểu điển hình tối thiểu; khách mời tối đa phần còn lại

[stage]
batch_size = {batch_size}      # Số người lên sân khấu mỗi đợt khen thưởng

[printers]
# URI máy in: tcp://host:9100, usb://VID:PID, serial:///dev/ttyUSB0?baud=9600,
# cups://tên_hàng_đợi, file:///đường/dẫn, preview://thư_mục (ảnh PNG, mặc định)
desk = "preview://ban-in"
stage = "preview://ban-in"

[print]
width_mm = 80                  # Khổ giấy: 58 hoặc 80

[awards]
# Thứ tự hình thức khen thưởng, cao nhất trước
ranking = [
    {ranking},
]
# Một hình thức không có ở trên được trao sau cùng; khi nhập danh sách, máy báo dòng nào có nó.
# Quyết định khen thưởng của từng hình thức (đọc trước đợt đầu tiên của hình thức đó); danh sách
# khen thưởng cũng có thể ghi ở dòng mục ("I. BẰNG KHEN CỦA … (Quyết định số …, ngày …)").
# decision_reader = "Phó Chủ tịch LĐLĐ huyện"   # người công bố quyết định (bỏ trống: người trao đợt đầu)
# decision_step = "auto"     # "auto": có bước công bố khi đã có số quyết định | "always" | "never"
# [awards.decisions]
# "Bằng khen của Chủ tịch UBND tỉnh" = "Quyết định số 456/QĐ-UBND ngày 01/4/2020 của Chủ tịch UBND tỉnh"

[vote]
# Mặc định theo Điều lệ Công đoàn (2020, điều 10.1): hợp lệ khi có mặt ít nhất 2/3 số đại biểu được
# triệu tập; khách mời không phải đại biểu triệu tập, không tính và không biểu quyết; thông qua khi
# quá 1/2 số đại biểu có mặt tán thành. Đơn vị có quy chế khác thì sửa các dòng dưới.
higher_level_seats = 10        # Số đại biểu đi dự hội nghị cấp trên
quorum = "2/3"                 # Hợp lệ khi số có mặt đạt tỉ lệ này của số đại biểu triệu tập
quorum_threshold = "at_least"  # "at_least": ĐẠT tỉ lệ là đủ (ít nhất 2/3) | "more_than": phải HƠN tỉ lệ
majority = "1/2"               # Thông qua khi số tán thành hơn tỉ lệ này của số có mặt
majority_threshold = "more_than"  # "more_than": phải HƠN tỉ lệ (trên 1/2) | "at_least": ĐẠT tỉ lệ là đủ
voters = "exemplary"           # Ai biểu quyết: "exemplary" đại biểu điển hình (khách mời không) | "all" mọi người có mặt

[desk]
bell_on_error = true           # Kêu "bíp" khi quét lỗi
"""
