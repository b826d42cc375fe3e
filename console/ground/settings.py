"""event.toml: the human-editable settings of one conference.

Read with tomllib; written from a template with Vietnamese comments (no TOML
writer library needed: we only ever write the whole file from the template).
Other modules read their own sections from `EventSettings.raw`.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from fractions import Fraction
from pathlib import Path

from console.ground.clock import VN_TZ
from console.ground.errors import UserError
from console.people.quota import as_fraction

LEVELS = {
    "co-so": ("Công đoàn cơ sở", 100, "HỘI NGHỊ BIỂU DƯƠNG ĐIỂN HÌNH TIÊN TIẾN"),
    "huyen-nganh": ("LĐLĐ huyện, thành phố, Công đoàn ngành", 150, "HỘI NGHỊ ĐIỂN HÌNH TIÊN TIẾN"),
    "tinh": ("LĐLĐ tỉnh", 300, "HỘI NGHỊ ĐIỂN HÌNH TIÊN TIẾN"),
}

DEFAULT_AWARD_RANKING = [
    "Bằng khen của Tổng Liên đoàn Lao động Việt Nam",
    "Bằng khen của Chủ tịch UBND tỉnh",
    "Bằng khen của Ban Chấp hành LĐLĐ tỉnh",
    "Giấy khen của LĐLĐ huyện",
]


def parse_date(text: str, where: str) -> date:
    try:
        return datetime.strptime(str(text).strip(), "%d/%m/%Y").date()
    except ValueError:
        raise UserError(f"{where}: ngày “{text}” không đúng dạng dd/mm/yyyy (ví dụ 15/04/2020).") from None


def parse_hhmm(text: str, where: str) -> time:
    try:
        return datetime.strptime(str(text).strip(), "%H:%M").time()
    except ValueError:
        raise UserError(f"{where}: giờ “{text}” không đúng dạng HH:MM (ví dụ 07:30).") from None


@dataclass
class EventSettings:
    unit: str
    level: str
    name: str
    date: date
    start: time
    venue: str = ""
    place: str = ""
    parent_unit: str = ""
    edition: str = ""
    period: str = "2015–2020"
    banner: list[str] = field(default_factory=list)
    max_delegates: int = 150
    quota: Fraction = Fraction(7, 10)
    batch_size: int = 8
    printers: dict[str, str] = field(default_factory=dict)
    award_ranking: list[str] = field(default_factory=lambda: list(DEFAULT_AWARD_RANKING))
    raw: dict = field(default_factory=dict)

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

    def section(self, name: str) -> dict:
        value = self.raw.get(name, {})
        return value if isinstance(value, dict) else {}


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

    ev = raw.get("event")
    if not isinstance(ev, dict):
        raise UserError(f"{where} thiếu mục [event]. Hãy thêm mục này (xem tệp mẫu do `hoinghi init` tạo).")

    def text(key: str, required: bool = False, section: dict = ev, sec: str = "event") -> str:
        value = section.get(key, "")
        if not isinstance(value, str):
            raise UserError(f"{where}, mục [{sec}], khóa “{key}”: phải là chuỗi trong dấu ngoặc kép.")
        if required and not value.strip():
            raise UserError(f"{where}, mục [{sec}]: thiếu “{key}”. Hãy điền giá trị rồi mở lại.")
        return value.strip()

    level = text("level", True)
    if level not in LEVELS:
        raise UserError(f"{where}, mục [event], “level” = “{level}” không hợp lệ. Chọn một trong: {', '.join(LEVELS)}.")
    quota_sec = raw.get("quota", {}) if isinstance(raw.get("quota", {}), dict) else {}
    try:
        quota = as_fraction(quota_sec.get("exemplary_min", "70%"))
        if not 0 <= quota <= 1:
            raise ValueError
    except (ValueError, ZeroDivisionError):
        raise UserError(f"{where}, mục [quota], “exemplary_min” phải là tỉ lệ từ 0 đến 100 % (ví dụ \"70%\").") from None
    max_delegates = quota_sec.get("max_delegates", LEVELS[level][1])
    if not isinstance(max_delegates, int) or max_delegates <= 0:
        raise UserError(f"{where}, mục [quota], “max_delegates” phải là số nguyên dương.")
    stage = raw.get("stage", {}) if isinstance(raw.get("stage", {}), dict) else {}
    batch = stage.get("batch_size", 8)
    if not isinstance(batch, int) or not 1 <= batch <= 50:
        raise UserError(f"{where}, mục [stage], “batch_size” phải là số nguyên từ 1 đến 50.")
    printers = raw.get("printers", {})
    if not isinstance(printers, dict) or not all(isinstance(v, str) for v in printers.values()):
        raise UserError(f"{where}, mục [printers]: mỗi máy in là một chuỗi URI, ví dụ desk = \"tcp://192.168.1.50:9100\".")
    awards = raw.get("awards", {}) if isinstance(raw.get("awards", {}), dict) else {}
    ranking = awards.get("ranking", DEFAULT_AWARD_RANKING)
    if not isinstance(ranking, list) or not all(isinstance(x, str) for x in ranking):
        raise UserError(f"{where}, mục [awards], “ranking” phải là danh sách chuỗi, hình thức cao nhất trước.")
    banner = ev.get("banner", [])
    if not isinstance(banner, list) or not all(isinstance(x, str) for x in banner):
        raise UserError(f"{where}, mục [event], “banner” phải là danh sách các dòng chữ trong dấu ngoặc kép.")

    return EventSettings(
        unit=text("unit", True), level=level, name=text("name") or LEVELS[level][2].title(),
        date=parse_date(text("date", True), f"{where}, mục [event], “date”"),
        start=parse_hhmm(text("start") or "07:30", f"{where}, mục [event], “start”"),
        venue=text("venue"), place=text("place"), parent_unit=text("parent_unit"),
        edition=text("edition"), period=text("period") or "2015–2020",
        banner=[b.strip() for b in banner if b.strip()], max_delegates=max_delegates, quota=quota,
        batch_size=batch, printers=dict(printers), award_ranking=ranking, raw=raw,
    )


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
                      period: str = "2015–2020", max_delegates: int | None = None, batch_size: int = 8) -> str:
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
edition = {_q(edition)}        # Lần thứ (ví dụ "IV")
period = {_q(period)}          # Giai đoạn
date = {_q(event_date.strftime('%d/%m/%Y'))}   # Ngày họp, dd/mm/yyyy
start = {_q(start.strftime('%H:%M'))}          # Giờ khai mạc, HH:MM (giờ Việt Nam)
venue = {_q(venue)}            # Địa điểm (hội trường)
place = {_q(place)}            # Địa danh ghi ở dòng "…, ngày … tháng … năm …"
# Các dòng chữ trên phông/băng rôn, in đầu thẻ đại biểu và giấy chứng nhận
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

[vote]
higher_level_seats = 10        # Số đại biểu đi dự hội nghị cấp trên
quorum = "1/2"                 # Hợp lệ khi số có mặt hơn tỉ lệ này của tổng số triệu tập
majority = "1/2"               # Thông qua khi số tán thành hơn tỉ lệ này của số có mặt
threshold = "more_than"        # "more_than": phải HƠN tỉ lệ (trên 1/2) | "at_least": ĐẠT tỉ lệ là đủ (ít nhất 2/3)
voters = "all"                 # Ai biểu quyết: "all" mọi đại biểu có mặt | "exemplary" khách mời không biểu quyết

[desk]
bell_on_error = true           # Kêu "bíp" khi quét lỗi
"""
