"""One function per sheet of the report: the event and its journal → a `Table`.

Pure reads: nothing here writes, and nothing looks at the wall clock — the
"as of" time is the last journal line, so a re-export of the same day gives
the same figures.
"""

from __future__ import annotations

from fractions import Fraction

from console.ground.clock import parse_iso
from console.people.categories import CATEGORY_SHORT
from console.people.quota import ROUNDING_NOTE, format_share
from console.people.quota import verdict as quota_verdict
from console.record import sources
from console.record import vote as vote_mod
from console.record.actions import readable
from console.record.day_words import Names, place_word
from console.record.figures import figures as day_figures
from console.record.sources import as_of
from console.record.workbook import Column, Table

BIRTH = "Năm sinh"

AWARD_STATUS = {"presented": "Đã trao", "proxy": "Nhận thay", "later": "Trao sau", "pending": "Chưa trao"}
SPEECH_STATUS = {"given": "Đã trình bày", "dropped": "Không trình bày", "reserve": "Dự phòng",
                 "pending": "Chưa trình bày"}
TIMING_STATUS = {"done": "Đã xong", "running": "Đang diễn ra", "skipped": "Bỏ qua", "pending": "Chưa diễn ra"}


# --- small formatters ------------------------------------------------------------

def _dt(iso_text: str | None, fmt: str = "%d/%m/%Y %H:%M") -> str:
    if not iso_text:
        return ""
    try:
        return parse_iso(str(iso_text)).strftime(fmt)
    except ValueError:
        return str(iso_text)


def _frac(part: int, total: int) -> Fraction | None:
    return Fraction(part, total) if total else None


def _hm(iso_text: str | None) -> str:
    return _dt(iso_text, "%H:%M")


def _minutes(value) -> str | int:
    """Whole minutes as a number; a fraction as text with the decimal comma ("4,2"), which
    no spreadsheet locale can turn back into "4.2"."""
    if value is None or value == "":
        return ""
    value = round(float(value), 1)
    return int(value) if value.is_integer() else f"{value:.1f}".replace(".", ",")


def _birth(d) -> tuple:
    """The Nam / Nữ birth-year pair of official lists."""
    if d.gender == "nu":
        return ("", d.birth_year or "")
    return (d.birth_year or "", "") if d.gender == "nam" else ("", "")


def _position_unit(d) -> str:
    return ", ".join(x for x in (d.position, d.unit) if x)


def stamp_line(event) -> str:
    return f"Số liệu tính đến {as_of(event):%H:%M} ngày {as_of(event):%d/%m/%Y} (dòng nhật ký cuối cùng)."


# --- Attendance -----------------------------------------------------------------

def attendance(event) -> Table:
    everyone = event.delegates()
    day = event.day
    undone: dict[int, str] = {}
    for e in event.journal.entries:
        if e.kind == "checkin_undo" and isinstance(e.data, dict):
            try:
                undone[int(e.data["delegate_id"])] = str(e.data.get("reason", ""))
            except (KeyError, TypeError, ValueError):
                pass
    cols = [Column("STT", 6, align="center"), Column("Họ và tên", 24), Column("Nam", 7, BIRTH, "center"),
            Column("Nữ", 7, BIRTH, "center"), Column("Dân tộc", 9), Column("Chức vụ, đơn vị", 44),
            Column("Thành phần", 11), Column("Mã", 7, align="center"), Column("Tình trạng", 12),
            Column("Giờ điểm danh", 17, align="center"), Column("Bàn", 9), Column("Ghi chú", 24)]
    rows = []
    for stt, d in enumerate(sorted(everyone.values(), key=lambda x: x.sort_key()), start=1):
        visit = day.first_checkin.get(d.id)
        notes = []
        if d.walk_in:
            kind = "Đại biểu bổ sung" if d.supplementary else "Khách vãng lai"
            notes.append(kind + (f": {d.walk_in_reason}" if d.walk_in_reason else ""))
        if visit is not None and visit.via == "paper":
            notes.append(f"Theo danh sách ký tên (nhập lúc {_hm(visit.at)})")
        if visit is None:
            status = "Vắng"
            if d.id in undone:
                notes.append(f"Đã hủy điểm danh ({undone[d.id]})")
        else:
            if d.id in day.present:
                status = "Có mặt"
            else:
                status = "Đã đến, đã ra về"
                if d.id in day.left:
                    notes.append(f"Ra lúc {_hm(day.left[d.id])}")
        nam, nu = _birth(d)
        rows.append([stt, d.name, nam, nu, d.ethnicity, _position_unit(d), CATEGORY_SHORT.get(d.category, d.category),
                     d.code, status, _dt(visit.at) if visit else "", place_word(visit.desk) if visit else "",
                     "; ".join(notes)])
    fig = day_figures(event)
    footer = [fig.summoned_sentence(), fig.arrived_sentence(), stamp_line(event)]
    s = event.settings
    return Table("diem-danh", "Điểm danh", "DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ VÀ ĐIỂM DANH", cols, rows,
                 [s.name, f"Ngày {s.date:%d/%m/%Y}" + (f" — {s.venue}" if s.venue else "")], footer, landscape=True)


# --- Composition ---------------------------------------------------------------------

def composition(event) -> Table:
    """Three columns of the same rows: the list, who came (đã đến), who is in the hall now."""
    fig = day_figures(event)
    reg, arr, pre = fig.registered_composition, fig.arrived_composition, fig.present_composition
    q = event.settings.quota
    around = (q, 1 - q)
    min_text, max_text = f"≥ {format_share(q)}", f"≤ {format_share(1 - q)}"

    def verdict(ok: bool, total: int) -> str:
        return "" if not total else ("Đạt" if ok else "Chưa đạt")

    now = f"Đang có mặt lúc {fig.at_text}"
    cols = [Column("STT", 6, align="center"), Column("Chỉ tiêu", 34),
            Column("Số lượng", 9, "Danh sách", "right"), Column("Tỉ lệ", 9, "Danh sách", "right"),
            Column("Số lượng", 9, "Đã đến", "right"), Column("Tỉ lệ", 9, "Đã đến", "right"),
            Column("Số lượng", 9, now, "right"), Column("Tỉ lệ", 9, now, "right"),
            Column("Yêu cầu", 12, align="center"), Column("Đánh giá (đã đến)", 12, align="center")]

    def line(stt: str, label: str, field: str, need: str = "", judge: str = "") -> list:
        out = [stt, label]
        for c in (reg, arr, pre):
            n = getattr(c, field)
            out += [n, format_share(Fraction(n, c.total) if c.total else None, *around)]
        return out + [need, judge]

    groups = ([*fig.summoned, *fig.walk_ins], fig.arrived, fig.present)

    def counted(stt: str, label: str, test) -> list:
        """A row counted from the people themselves (nam + nữ + chưa rõ = the total of each column)."""
        out = [stt, label]
        for people in groups:
            n = sum(1 for d in people if test(d))
            out += [n, format_share(Fraction(n, len(people)) if people else None, *around)]
        return out + ["", ""]

    rows = [
        line("1", "Tổng số đại biểu", "total", f"Tối đa {event.settings.max_delegates}",
             verdict(arr.total <= event.settings.max_delegates, arr.total)),
        line("2", "Đại biểu điển hình tiên tiến", "exemplary", min_text, verdict(arr.ok, arr.total)),
        line("a", "– Đại diện tập thể điển hình", "collectives"),
        line("b", "– Cá nhân điển hình", "individuals"),
        line("3", "Khách mời", "guests", max_text, verdict(arr.ok, arr.total)),
        line("4", "Nữ", "women", "Ưu tiên"),
        counted("4a", "– Nam", lambda d: d.gender == "nam"),
        *([counted("4b", "– Chưa rõ giới tính (danh sách không ghi)", lambda d: d.gender not in ("nam", "nu"))]
          if any(d.gender not in ("nam", "nu") for d in groups[0]) else []),
        line("5", "Dân tộc thiểu số", "minorities", "Ưu tiên"),
        line("6", "Trực tiếp sản xuất, công tác", "direct_production", "Ưu tiên"),
        line("7", "Không giữ chức vụ lãnh đạo, quản lý", "non_leadership", "Ưu tiên"),
    ]
    footer = [
        f"Danh sách: {len(fig.summoned)} đại biểu triệu tập"
        + (f" và {len(fig.walk_ins)} khách vãng lai đăng ký tại bàn đón tiếp" if fig.walk_ins else "")
        + f". Đã đến: mọi người đã điểm danh trong ngày, kể cả người đã ra về ({len(fig.left)}). "
        f"Đang có mặt: số trong hội trường lúc {fig.at_text}.",
        "Theo danh sách: " + quota_verdict(reg),
        "Theo số đã đến (cơ cấu của hội nghị): " + quota_verdict(arr),
        ROUNDING_NOTE,
        stamp_line(event),
    ]
    s = event.settings
    return Table("co-cau", "Cơ cấu", "BÁO CÁO CƠ CẤU, THÀNH PHẦN ĐẠI BIỂU", cols, rows,
                 [s.name, f"Ngày {s.date:%d/%m/%Y}; tỉ lệ điển hình tối thiểu {format_share(q)}, "
                          f"khách mời tối đa {format_share(1 - q)}"], footer, landscape=True, doc="BC")


# --- Awards, Speeches, Timings (from the agenda and ceremony modules) ------------------------

def _receiver(a: dict) -> str:
    """Who walked up for an award: the proxy, or a collective's representative."""
    called = str(a.get("called_name") or "")
    if a.get("status") == "proxy":
        return f"{a.get('proxy_name') or called} (nhận thay)"
    if a.get("collective") and called:
        return f"{called} (đại diện)"
    return ""


def awards(event) -> Table:
    records = [a for a in sources.awards(event) if (a.get("status") or "pending") != "later"]
    later = [a for a in sources.awards(event) if a.get("status") == "later"]
    cols = [Column("STT", 6, align="center"), Column("Tập thể, cá nhân được khen", 28), Column("Đơn vị", 26),
            Column("Hình thức khen thưởng", 30), Column("Đợt", 6, align="center"), Column("Tình trạng", 12),
            Column("Người lên nhận", 24), Column("Thời gian trao", 17, align="center")]
    rows = []
    counts = dict.fromkeys(AWARD_STATUS, 0)
    for stt, a in enumerate(records, start=1):
        status = a.get("status") or "pending"
        counts[status] = counts.get(status, 0) + 1
        rows.append([stt, a.get("recipient", ""), a.get("unit", ""), a.get("form", ""), a.get("batch") or "",
                     AWARD_STATUS.get(status, status), _receiver(a), _dt(a.get("presented_at"))])
    footer = [f"Tổng số: {len(records) + len(later)}; đã trao: {counts['presented'] + counts['proxy']} "
              f"(trong đó nhận thay: {counts['proxy']}); trao sau: {len(later)} (danh sách riêng, trang “Trao sau”); "
              f"chưa trao: {counts['pending']}.", stamp_line(event)]
    return Table("khen-thuong", "Khen thưởng", "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC BIỂU DƯƠNG, KHEN THƯỞNG", cols, rows,
                 [event.settings.name], footer, landscape=True)


def awards_later(event) -> Table:
    """The awards not given in the hall: delivered afterwards, each with why."""
    later = [a for a in sources.awards(event) if a.get("status") == "later"]
    cols = [Column("STT", 6, align="center"), Column("Tập thể, cá nhân được khen", 28), Column("Đơn vị", 28),
            Column("Hình thức khen thưởng", 32), Column("Lý do chưa trao", 26), Column("Ngày nhận", 12),
            Column("Ký nhận", 14)]
    rows = [[stt, a.get("recipient", ""), a.get("unit", ""), a.get("form", ""),
             a.get("reason") or "Vắng mặt tại hội nghị", "", ""] for stt, a in enumerate(later, start=1)]
    footer = [f"Số khen thưởng trao sau: {len(later)}. Đơn vị nhận về trao lại và gửi bản ký nhận cho Ban tổ chức.",
              stamp_line(event)]
    return Table("trao-sau", "Trao sau", "DANH SÁCH KHEN THƯỞNG TRAO SAU HỘI NGHỊ", cols, rows,
                 [event.settings.name], footer, landscape=True)


def receipts(event) -> Table:
    from console.record.paper import receipts_table

    return receipts_table(event)


def speeches(event) -> Table:
    records = sources.speeches(event)
    cols = [Column("STT", 6, align="center"), Column("Người trình bày", 24), Column("Đơn vị", 26),
            Column("Tên tham luận", 36), Column("Lĩnh vực", 14), Column("Dự kiến (phút)", 10, align="right"),
            Column("Thực tế (phút)", 10, align="right"), Column("Tình trạng", 15)]
    rows = []
    given = responses = 0
    planned_total = actual_total = 0.0
    for stt, sp in enumerate(records, start=1):
        status = sp.get("status") or "pending"
        if status == "given" and sp.get("response"):
            responses += 1
        elif status == "given":
            given += 1
            planned_total += float(sp.get("planned_minutes") or 0)
            actual_total += float(sp.get("actual_minutes") or 0)
        title = sp.get("title", "") if not sp.get("response") else f"(Phát biểu hưởng ứng) {sp.get('title', '')}"
        rows.append([stt, sp.get("speaker", ""), sp.get("unit", ""), title, sp.get("field", ""),
                     _minutes(sp.get("planned_minutes")), _minutes(sp.get("actual_minutes")),
                     SPEECH_STATUS.get(status, status)])
    n_talks = sum(1 for sp in records if not sp.get("response"))
    footer = [f"Số tham luận đã trình bày: {given}/{n_talks}"
              + (f"; phát biểu hưởng ứng: {responses}" if responses else "")
              + f"; thời lượng dự kiến {_minutes(planned_total)} phút, thực tế {_minutes(actual_total)} phút.",
              stamp_line(event)]
    return Table("tham-luan", "Tham luận", "DANH SÁCH THAM LUẬN TẠI HỘI NGHỊ", cols, rows, [event.settings.name],
                 footer, landscape=True)


def timings(event) -> Table:
    records = sources.timings(event)
    summary = sources.day_summary(event)
    cols = [Column("STT", 6, align="center"), Column("Nội dung", 44), Column("Bắt đầu", 9, "Dự kiến", "center"),
            Column("Số phút", 8, "Dự kiến", "right"), Column("Bắt đầu", 9, "Thực tế", "center"),
            Column("Kết thúc", 9, "Thực tế", "center"), Column("Số phút", 8, "Thực tế", "right"),
            Column("Chênh lệch (phút)", 11, align="right"), Column("Tình trạng", 13)]
    rows = []
    for t in records:
        sub = t.get("kind") == "substep"
        planned, actual = t.get("planned_minutes"), t.get("actual_minutes")
        diff = "" if planned is None or actual is None else _minutes(float(actual) - float(planned))
        status = t.get("status") or "pending"
        rows.append([t.get("position", ""), ("   – " if sub else "") + str(t.get("title", "")),
                     _hm(t.get("planned_start")), _minutes(planned), _hm(t.get("actual_start")),
                     _hm(t.get("actual_end")), _minutes(actual), diff, TIMING_STATUS.get(status, status)])
    footer = []
    if summary.get("opened_at"):
        footer.append(f"Khai mạc lúc {_hm(summary['opened_at'])}"
                      + (f"; bế mạc lúc {_hm(summary['closed_at'])}" if summary.get("closed_at") else "; chưa bế mạc")
                      + (f"; kết thúc dự kiến theo kế hoạch {_hm(summary['planned_end'])}" if summary.get("planned_end") else "")
                      + ".")
    if summary.get("drift_minutes") not in (None, ""):
        footer.append(f"Chênh lệch so với kế hoạch: {_minutes(summary['drift_minutes'])} phút.")
    footer.append(stamp_line(event))
    return Table("thoi-gian", "Thời gian", "THỜI GIAN CÁC NỘI DUNG: KẾ HOẠCH VÀ THỰC TẾ", cols, rows,
                 [event.settings.name], footer, landscape=True)


# --- Journal -----------------------------------------------------------------------

def seal_line(event) -> str:
    """The journal's length and head hash as this paper saw it: a journal later found shorter,
    or with another line at this number, is not the one the paper was made from."""
    chain = event.journal.chain
    head = chain.head_h[:16].upper()
    mark = "-".join(head[i:i + 4] for i in range(0, len(head), 4))  # read aloud and compared by a person
    return (f"Niêm phong nhật ký khi lập văn bản này: dòng cuối số {chain.head_n}, mã {mark}, "
            f"dài {chain.offset} byte. Nhật ký về sau ngắn hơn hoặc khác mã ở dòng này là đã bị sửa.")

def journal(event) -> Table:
    everyone = event.delegates()
    lines = readable(event.journal.entries, everyone, Names(everyone, event))
    cols = [Column("STT", 6, align="center"), Column("Thời gian", 20, align="center"), Column("Bàn", 12),
            Column("Hành động", 60), Column("Đại biểu liên quan", 34), Column("Người thao tác", 14)]
    rows = [[ln.n, ln.when, ln.desk, ln.action, ln.who, ln.actor] for ln in lines]
    footer = [f"Tổng số dòng nhật ký: {len(lines)}. Nhật ký gốc (tệp journal.jsonl trong thư mục hội nghị) "
              "có chữ ký điện tử; kiểm tra bằng lệnh “hoinghi verify”.", seal_line(event)]
    footer += [f"Cảnh báo: {w}" for w in event.journal.warnings]
    return Table("nhat-ky", "Nhật ký", "NHẬT KÝ HOẠT ĐỘNG TRONG NGÀY", cols, rows, [event.settings.name], footer,
                 landscape=True)


# --- Item 9: the list for the higher level ----------------------------------------------------

def higher_level(event) -> Table:
    st = vote_mod.state(event)
    everyone = event.delegates()
    approved = st.approved_list
    ids = approved if approved is not None else st.proposed
    people = sorted((everyone[i] for i in ids if i in everyone), key=lambda d: d.sort_key())
    cols = [Column("STT", 6, align="center"), Column("Họ và tên", 24), Column("Nam", 7, BIRTH, "center"),
            Column("Nữ", 7, BIRTH, "center"), Column("Dân tộc", 9), Column("Chức vụ, đơn vị", 38),
            Column("Danh hiệu thi đua", 24), Column("Thành phần", 12)]
    rows = []
    for stt, d in enumerate(people, start=1):
        nam, nu = _birth(d)
        rows.append([stt, d.name, nam, nu, d.ethnicity, _position_unit(d), d.title,
                     CATEGORY_SHORT.get(d.category, "")])
    last = st.last
    s = event.settings
    subtitles = [f"Hội nghị điển hình tiên tiến {s.parent_unit}".strip() if s.parent_unit else s.name]
    if approved is not None and last is not None:
        title = "DANH SÁCH ĐẠI BIỂU ĐI DỰ HỘI NGHỊ, ĐẠI HỘI CẤP TRÊN"
        subtitles.append(f"(Đã được {s.name} biểu quyết thông qua lúc {_hm(last.at)} ngày {_dt(last.at, '%d/%m/%Y')})")
    else:
        title = "DỰ KIẾN DANH SÁCH ĐẠI BIỂU ĐI DỰ HỘI NGHỊ, ĐẠI HỘI CẤP TRÊN"
        subtitles.append("(Chưa được hội nghị biểu quyết thông qua)" if last is None
                         else f"(Lần biểu quyết gần nhất: {last.result_text.lower()})")
    women = sum(d.woman for d in people)
    footer = [f"Danh sách gồm {len(people)} đại biểu (nữ {women}, dân tộc thiểu số {sum(d.minority for d in people)}); "
              f"số suất được phân bổ: {vote_mod.rules_from_settings(s).seats}."]
    if last is not None:
        footer.append(f"Kết quả biểu quyết: tán thành {last.votes_for}/{last.present} đại biểu có mặt "
                      f"({format_share(last.share_for)}), không tán thành {last.against}, "
                      f"không biểu quyết {last.abstain}; triệu tập {last.registered}. {last.result_text}.")
    return Table("ds-cap-tren", "DS đi dự cấp trên", title, cols, rows, subtitles, footer, landscape=True)


ALL = (attendance, composition, awards, awards_later, receipts, speeches, timings, higher_level, journal)


def all_tables(event) -> list[Table]:
    return [make(event) for make in ALL]
