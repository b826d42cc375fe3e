"""The programme of the day (agenda.toml): the plan's ten segments.

This module holds the plan: the default ten segments written by `hoinghi init`,
and `load_agenda`, which reads and checks agenda.toml (every mistake named by
file, segment and key, in Vietnamese). The day's running state is a fold of the
journal (run.py); times, drift and the re-timing proposal are in timing.py;
planned vs actual for the record (`timings_report`, `day_summary`) in report.py;
the MC's words in mc_lines.py.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from console.agenda.defaults import PARTS
from console.ground.errors import UserError
from console.ground.schema import Where, unknown_key
from console.ground.text import nfc

HALF_DAY_MINUTES = {"co-so": 210, "huyen-nganh": 210, "tinh": 240}


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_default_agenda(level: str, parts: set[str] | frozenset[str] = frozenset()) -> str:
    """agenda.toml for a level; `parts`: the optional parts around the plan's ten to switch on
    (the others are written too, switched off, so a unit can turn them on later)."""
    budget = HALF_DAY_MINUTES.get(level, 210)
    out = [
        "# Chương trình hội nghị (mục II.1.1 của kế hoạch). Sửa tên, thứ tự, thời lượng tùy ý;",
        "# bỏ mục \"optional = true\" nếu không dùng (xóa cả khối, hoặc đặt enabled = false).",
        "# kind: protected (giữ nguyên) | elastic (co giãn, không dưới min_minutes).",
        "# Tên mục và lời dẫn có thể dùng {period} (giai đoạn tổng kết), {next_period} (giai đoạn phát động),",
        "# {years}, {unit}, {name}, {edition}, {plan}; lời dẫn thêm {presider}, {reporter}, {launcher}, {guide},",
        "# {summoned}, {present_summoned}, {absent}, {guests_present}, {quorum_report}, {present}, {introductions},",
        "# {programme}, {proposed}.",
        f"budget_minutes = {budget}   # nửa ngày",
        "warning_minutes = 2   # đồng hồ chuyển màu vàng khi còn chừng này phút",
        "retime_threshold_minutes = 2   # lệch quá chừng này phút thì đề xuất phân bổ lại thời gian",
        "",
        "[roles]",
        "# Ai lên sân khấu ở các mục chính, đúng như người dẫn đọc (sau chữ “đồng chí”).",
        "presider = \"\"   # chủ trì: tuyên bố lý do, khai mạc, bế mạc (để trống: “Chủ tịch <đơn vị>”)",
        "reporter = \"\"   # trình bày báo cáo tổng kết (để trống: “Phó Chủ tịch <đơn vị>”)",
        "launcher = \"\"   # phát động phong trào thi đua (để trống: như người chủ trì)",
        "guide = \"\"      # phát biểu chỉ đạo (để trống: khách mời cao nhất đang có mặt)",
        "presidium = \"\"  # Đoàn Chủ tịch, ví dụ “Nguyễn Văn A, Chủ tịch LĐLĐ huyện; …”",
        "secretariat = \"\"  # Đoàn Thư ký",
        "",
    ]
    for p in PARTS:
        minutes = p.minutes_base if level == "co-so" else p.minutes
        out += ["[[segment]]", f"key = {_q(p.key)}", f"title = {_q(p.title)}"]
        if p.extra:
            out.append(f"enabled = {'true' if p.key in parts else 'false'}   # phần thêm theo kịch bản thực tế")
        out += [
            f"minutes = {minutes}",
            f"kind = {_q(p.kind)}",
            f"min_minutes = {min(p.minimum, minutes)}",
            f"optional = {'true' if p.optional else 'false'}",
            f"mc = {_q(p.mc)}",
            f"notes = {_q(p.notes)}",
            "",
        ]
    return "\n".join(out)


# --- the plan as read from agenda.toml ------------------------------------------------

KINDS = ("protected", "elastic")
# Every key agenda.toml may hold (a typo is refused by name, never ignored); add here when adding one.
TOP_KEYS = ("budget_minutes", "warning_minutes", "retime_threshold_minutes", "roles", "segment")
SEGMENT_KEYS = ("key", "title", "minutes", "kind", "min_minutes", "optional", "enabled", "mc", "notes")
AGENDA_FILE = "agenda.toml"


@dataclass
class Segment:
    key: str
    title: str
    minutes: float
    kind: str = "elastic"
    min_minutes: float = 0.0
    optional: bool = False
    mc: str = ""
    notes: str = ""
    position: int = 0  # 1-based, in the order of the file (after disabled ones are dropped)

    @property
    def protected(self) -> bool:
        return self.kind == "protected"


@dataclass
class Agenda:
    segments: list[Segment]
    budget_minutes: float = 210
    warning_minutes: float = 2
    retime_threshold_minutes: float = 2
    roles: dict[str, str] = field(default_factory=dict)
    source: str = AGENDA_FILE

    @property
    def total_minutes(self) -> float:
        return sum(s.minutes for s in self.segments)

    def segment(self, key: str) -> Segment | None:
        return next((s for s in self.segments if s.key == key), None)


def _num(value, where: str, *, allow_zero: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UserError(f"{where}: phải là một số phút (ví dụ 15), không phải “{value}”.")
    if value < 0 or (value == 0 and not allow_zero):
        raise UserError(f"{where}: số phút phải lớn hơn 0 (đang là {value}).")
    return float(value)


def parse_agenda(text: str, source: str = AGENDA_FILE) -> Agenda:
    """Read and check agenda.toml. Every mistake names the file, the segment and the key."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{source} viết sai cú pháp TOML ({exc}). Hãy sửa dòng đó (chuỗi phải nằm trong dấu \"…\").") from None
    for name in raw:
        if name not in TOP_KEYS:
            raise unknown_key(Where(source), name, list(TOP_KEYS))
    segs = raw.get("segment")
    if not isinstance(segs, list) or not segs:
        raise UserError(f"{source} không có mục nào ([[segment]]). Hãy thêm các mục của chương trình, "
                        "hoặc xóa tệp để dùng chương trình mặc định.")
    budget = _num(raw.get("budget_minutes", 210), f"{source}, khóa “budget_minutes”")
    warning = _num(raw.get("warning_minutes", 2), f"{source}, khóa “warning_minutes”", allow_zero=True)
    threshold = _num(raw.get("retime_threshold_minutes", 2), f"{source}, khóa “retime_threshold_minutes”", allow_zero=True)
    roles_raw = raw.get("roles", {})
    if not isinstance(roles_raw, dict) or not all(isinstance(v, str) for v in roles_raw.values()):
        raise UserError(f"{source}, mục [roles]: mỗi vai là một chuỗi trong dấu ngoặc kép, ví dụ presider = \"Nguyễn Văn A, Chủ tịch LĐLĐ huyện\".")
    out: list[Segment] = []
    seen: set[str] = set()
    for i, seg in enumerate(segs, start=1):
        if not isinstance(seg, dict):
            raise UserError(f"{source}, mục thứ {i}: phải là một khối [[segment]].")
        label = f"{source}, mục thứ {i}" + (f" (“{seg.get('key')}”)" if isinstance(seg.get("key"), str) else "")
        for name in seg:
            if name not in SEGMENT_KEYS:
                raise unknown_key(Where(label), name, list(SEGMENT_KEYS))

        def text(key: str, required: bool = False, seg=seg, label=label) -> str:
            value = seg.get(key, "")
            if not isinstance(value, str):
                raise UserError(f"{label}, khóa “{key}”: phải là chuỗi trong dấu ngoặc kép.")
            if required and not value.strip():
                raise UserError(f"{label}: thiếu khóa “{key}”. Hãy điền giá trị (xem tệp mẫu do `hoinghi init` tạo).")
            return nfc(value)

        enabled = seg.get("enabled", True)
        if not isinstance(enabled, bool):
            raise UserError(f"{label}, khóa “enabled”: phải là true hoặc false.")
        key = text("key", True)
        if key in seen:
            raise UserError(f"{label}: khóa “key” = “{key}” bị trùng với một mục trước. Mỗi mục cần một key riêng.")
        seen.add(key)
        if not enabled:
            continue
        minutes = _num(seg.get("minutes"), f"{label}, khóa “minutes”")
        kind = text("kind") or "elastic"
        if kind not in KINDS:
            raise UserError(f"{label}, khóa “kind” = “{kind}”: chọn protected (giữ nguyên) hoặc elastic (co giãn).")
        minimum = _num(seg.get("min_minutes", minutes if kind == "protected" else 0),
                       f"{label}, khóa “min_minutes”", allow_zero=True)
        if minimum > minutes:
            raise UserError(f"{label}, khóa “min_minutes” = {minimum:g} lớn hơn “minutes” = {minutes:g}. "
                            "Thời lượng tối thiểu không được vượt thời lượng dự kiến.")
        optional = seg.get("optional", False)
        if not isinstance(optional, bool):
            raise UserError(f"{label}, khóa “optional”: phải là true hoặc false.")
        out.append(Segment(key=key, title=text("title", True), minutes=minutes, kind=kind,
                           min_minutes=minutes if kind == "protected" else minimum, optional=optional,
                           mc=text("mc"), notes=text("notes"), position=len(out) + 1))
    if not out:
        raise UserError(f"{source}: mọi mục đều đang tắt (enabled = false). Hãy bật ít nhất một mục.")
    return Agenda(out, budget, warning, threshold, {k: nfc(v) for k, v in roles_raw.items() if v.strip()}, source)


_CACHE: dict[str, tuple[tuple, Agenda]] = {}


def load_agenda(event) -> Agenda:
    """The event's agenda.toml (the default plan for its level if the file is missing), its
    titles filled from the event ({period} → 2020–2025, {next_period} → 2025–2030 …).

    Cached on the file's stamp and the values filled in: the cue redraws every second and
    must not re-parse.
    """
    from console.agenda.mc_lines import fill, title_values

    path = Path(event.folder) / AGENDA_FILE
    filled = title_values(event.settings)
    try:
        st = os.stat(path)
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size, tuple(filled.items()))
    except FileNotFoundError:
        stamp = ("default", event.settings.level, tuple(filled.items()))
    hit = _CACHE.get(str(path))
    if hit and hit[0] == stamp:
        return hit[1]
    if stamp[0] == "default":
        agenda = parse_agenda(render_default_agenda(event.settings.level), "(chương trình mặc định)")
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UserError(f"{path.name} không phải văn bản UTF-8. Hãy lưu lại tệp với bảng mã UTF-8.") from None
        agenda = parse_agenda(text, path.name)
    for seg in agenda.segments:
        seg.title = fill(seg.title, filled)
    _CACHE[str(path)] = (stamp, agenda)
    return agenda


def roles(event, agenda: Agenda | None = None) -> dict[str, str]:
    """{presider}, {reporter}, {launcher}: agenda.toml [roles], then event.toml [roles], then defaults."""
    agenda = agenda or load_agenda(event)
    unit = event.settings.unit
    out = {"presider": f"Chủ tịch {unit}", "reporter": f"Phó Chủ tịch {unit}"}
    out.update({k: nfc(v) for k, v in event.settings.roles.items() if v})
    out.update(agenda.roles)
    out.setdefault("launcher", out["presider"])
    return out
