"""init, import, status, verify, demo — the foundation's commands."""

from __future__ import annotations

from pathlib import Path

from console.cli.common import add_desk, add_dir, add_json, open_event, print_json


def register(sub) -> None:
    p = sub.add_parser("init", help="tạo thư mục hội nghị mới")
    add_dir(p)
    p.add_argument("--level", required=True, choices=["co-so", "huyen-nganh", "tinh"], help="cấp tổ chức")
    p.add_argument("--name", required=True, help="tên đơn vị tổ chức, ví dụ “LĐLĐ huyện Chợ Mới”")
    p.add_argument("--title", default="", help="tên hội nghị (mặc định theo cấp)")
    p.add_argument("--date", default=None, help="ngày họp dd/mm/yyyy (mặc định hôm nay)")
    p.add_argument("--start", default="07:30", help="giờ khai mạc HH:MM")
    p.add_argument("--venue", default="", help="địa điểm")
    p.add_argument("--place", default="", help="địa danh (cho dòng “…, ngày … tháng … năm …”)")
    p.add_argument("--max-delegates", type=int, default=None, help="số đại biểu tối đa (cấp tỉnh)")
    p.add_argument("--period", default="", help="giai đoạn tổng kết, ví dụ 2020-2025 (mặc định theo năm họp)")
    p.add_argument("--next-period", default="", help="giai đoạn phát động (mặc định giai đoạn kế tiếp)")
    p.add_argument("--edition", default="", help="lần thứ, ví dụ V")
    p.add_argument("--parent", default=None, help="đơn vị cấp trên, ví dụ “LĐLĐ tỉnh Bắc Kạn” (dòng đầu mọi văn bản)")
    p.add_argument("--plan", default="", help="kế hoạch người dẫn trích dẫn, ví dụ “Kế hoạch số 12/KH-LĐLĐ ngày 02/3/2025”")
    p.add_argument("--parts", default=None, metavar="PHẦN,…",
                   help="các phần thêm theo kịch bản thực tế: " + ", ".join(_extra_parts())
                   + "; “all” tất cả; “none” không phần nào")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("import", help="nhập danh sách đại biểu / khen thưởng / tham luận (.xlsx, .csv)")
    add_dir(p)
    p.add_argument("file", metavar="TỆP")
    p.add_argument("--kind", choices=["roster", "awards", "speeches"], default=None, help="ép loại danh sách")
    p.add_argument("--sheet", default=None, help="tên trang tính")
    p.add_argument("--dry-run", action="store_true", help="kiểm tra, không ghi")
    add_json(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("status", help="cơ cấu 70/30: đăng ký và có mặt")
    add_dir(p)
    add_json(p)
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("verify", help="kiểm tra chuỗi chữ ký của nhật ký")
    add_dir(p)
    add_json(p)
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("accept-journal",
                       help="chấp nhận nhật ký như hiện có sau khi bị cắt/thay (ghi vào nhật ký, ai và vì sao)")
    add_dir(p)
    add_desk(p)
    p.add_argument("--reason", required=True, help="lý do, ví dụ “đã kiểm với biên bản giấy”")
    p.add_argument("--actor", default="", help="người quyết định")
    p.set_defaults(func=cmd_accept_journal)

    p = sub.add_parser("demo", help="tạo hội nghị mẫu (người hư cấu) và mở")
    p.add_argument("dir", nargs="?", default="hoinghi-demo", metavar="THƯ_MỤC")
    p.add_argument("--no-open", action="store_true", help="chỉ tạo, không mở giao diện")
    add_desk(p)
    p.set_defaults(func=cmd_demo)


def _extra_parts() -> list[str]:
    from console.agenda.defaults import EXTRA_PARTS

    return list(EXTRA_PARTS)


def _ask(question: str) -> str:
    """A question at the terminal; none when init runs from a script (stdin not a terminal)."""
    import sys

    if not sys.stdin.isatty():
        return ""
    try:
        return input(question).strip()
    except EOFError:
        return ""


def _parts(text: str | None) -> frozenset[str]:
    from console.agenda.defaults import EXTRA_PARTS
    from console.ground.errors import UserError

    if text is None:  # not given: offered at the terminal, one question
        listed = "; ".join(f"{k} ({v})" for k, v in EXTRA_PARTS.items())
        text = _ask(f"Các phần thêm theo kịch bản thực tế: {listed}.\n"
                    "Gõ tên các phần muốn bật, cách nhau dấu phẩy, “all” cho tất cả, hoặc ⏎ để bỏ qua: ")
    words = [w.strip() for w in (text or "").replace(";", ",").split(",") if w.strip()]
    if words in (["all"], ["tat-ca"]):
        return frozenset(EXTRA_PARTS)
    if words in ([], ["none"]):
        return frozenset()
    unknown = [w for w in words if w not in EXTRA_PARTS]
    if unknown:
        raise UserError(f"--parts: không có phần “{', '.join(unknown)}”. Chọn trong: {', '.join(EXTRA_PARTS)} "
                        "(hoặc “all”).")
    return frozenset(words)


def cmd_init(args) -> int:
    from datetime import date

    from console.event import create_event
    from console.ground.settings import parse_date, parse_hhmm

    when = parse_date(args.date, "--date") if args.date else date.today()
    start = parse_hhmm(args.start, "--start")
    parent = args.parent if args.parent is not None else _ask(
        "Đơn vị cấp trên (dòng đầu mọi văn bản, ví dụ “LĐLĐ tỉnh Bắc Kạn”; ⏎ để trống): ")
    folder = create_event(Path(args.dir), unit=args.name, level=args.level, name=args.title,
                          event_date=when, start=start, venue=args.venue, place=args.place,
                          parent_unit=parent, edition=args.edition, period=args.period,
                          next_period=args.next_period, plan=args.plan, parts=_parts(args.parts),
                          max_delegates=args.max_delegates)
    print(f"Đã tạo thư mục hội nghị {folder}. Sửa {folder / 'event.toml'} nếu cần, "
          f"rồi nhập danh sách: hoinghi import {folder} DANH_SACH.xlsx")
    return 0


def cmd_import(args) -> int:
    from console.importer import import_file

    event = open_event(args, reimport=True)  # importing the list again is how a swapped roster is mended
    report = import_file(event, Path(args.file), kind=args.kind, dry_run=args.dry_run, sheet=args.sheet)
    if args.json:
        print_json(report.as_json())
    else:
        print(report.summary())
    return 0


def status_json(event) -> dict:
    from console.people.quota import share_float

    reg = event.composition_registered()
    pre = event.composition_present()
    return {
        "event": event.settings.unit, "date": event.settings.date.strftime("%d/%m/%Y"),
        "quota": share_float(event.settings.quota),
        "max_delegates": event.settings.max_delegates,
        "registered": reg.total, "present": pre.total,
        "exemplary_registered": reg.exemplary, "exemplary_present": pre.exemplary,
        "guests_registered": reg.guests, "guests_present": pre.guests,
        "exemplary_share_registered": share_float(reg.exemplary_share),
        "exemplary_share_present": share_float(pre.exemplary_share),
        "quota_ok_registered": reg.ok, "quota_ok_present": pre.ok,
        "guest_headroom": pre.guest_headroom, "exemplary_missing_present": pre.exemplary_missing,
        "guest_headroom_registered": reg.guest_headroom,
        "women_registered": reg.women, "women_present": pre.women,
        "minorities_registered": reg.minorities, "minorities_present": pre.minorities,
        "direct_production_registered": reg.direct_production, "direct_production_present": pre.direct_production,
        "non_leadership_registered": reg.non_leadership, "non_leadership_present": pre.non_leadership,
        "walk_ins": len(event.day.walk_ins),
        "journal_warnings": event.journal.warnings,
    }


def status_text(event) -> str:
    from console.people.quota import format_share, verdict

    reg = event.composition_registered()
    pre = event.composition_present()
    s = event.settings
    rows = [
        ("", "Đăng ký", "Có mặt"),
        ("Tổng số", reg.total, pre.total),
        ("Điển hình (tập thể + cá nhân)", reg.exemplary, pre.exemplary),
        ("  tỉ lệ (tối thiểu " + format_share(s.quota) + ")", format_share(reg.exemplary_share), format_share(pre.exemplary_share)),
        ("Khách mời", reg.guests, pre.guests),
        ("Nữ", reg.women, pre.women),
        ("Dân tộc thiểu số", reg.minorities, pre.minorities),
        ("Trực tiếp SX, CT", reg.direct_production, pre.direct_production),
        ("Không giữ chức vụ lãnh đạo", reg.non_leadership, pre.non_leadership),
    ]
    out = [f"{s.name} — {s.unit} — {s.date:%d/%m/%Y}", ""]
    out += [f"{a:<36}{b!s:>10}{c!s:>10}" for a, b, c in rows]
    out += ["", "Danh sách: " + verdict(reg), "Có mặt:    " + verdict(pre)]
    if reg.total > s.max_delegates:
        out.append(f"Cảnh báo: {reg.total} đại biểu, vượt mức tối đa {s.max_delegates}.")
    out += [f"Cảnh báo: {w}" for w in event.journal.warnings]
    return "\n".join(out)


def journal_health(event) -> dict:
    """The seal's verdict and the lines set aside, for `status` (said before any figure)."""
    j = event.journal
    return {"journal_lines": j.lines, "journal_alarm": list(event.alarms), "journal_rejected": j.rejected,
            "journal_problems": len(j.problems), "roster_alarm": list(event.roster_alarms)}


def health_lines(event) -> list[str]:
    h = journal_health(event)
    out = [f"CẢNH BÁO NHẬT KÝ: {a}" for a in h["journal_alarm"]]
    out += [f"CẢNH BÁO DANH SÁCH: {a}" for a in h["roster_alarm"]]
    if h["journal_rejected"]:
        out.append(f"Cảnh báo: {h['journal_rejected']} dòng nhật ký sai chữ ký (bị sửa hoặc thêm bằng tay) "
                   "không được tính vào số liệu dưới đây. Xem `hoinghi verify`.")
    return out


def cmd_status(args) -> int:
    event = open_event(args, inspect=True)
    if args.json:
        print_json({**status_json(event), **journal_health(event)})
    else:
        lines = health_lines(event)
        if event.alarms or event.roster_alarms:
            lines.append("Số liệu dưới đây tính theo các tệp như hiện có, chưa được chấp nhận:")
        print("\n".join([*lines, status_text(event)]) if lines else status_text(event))
    return 3 if event.alarms or event.roster_alarms else 0


def cmd_accept_journal(args) -> int:
    event = open_event(args, inspect=True)
    if not event.alarms:
        print(f"Nhật ký {event.journal.path.name} khớp niêm phong ({event.journal.head_n} dòng); không có gì phải chấp nhận.")
        return 0
    alarm = event.alarms[0]
    event.journal.actor = args.actor or event.journal.actor
    e = event.accept_journal(args.reason)
    print(f"Đã chấp nhận nhật ký như hiện có ({e.n - 1} dòng) và ghi việc này vào dòng {e.n}. Trước đó: {alarm}")
    return 0


def cmd_verify(args) -> int:
    from console.ground.journal_check import verify

    event = open_event(args, inspect=True)
    checked, problems = verify(event.journal.path, event.secret)
    if args.json:
        print_json({"lines": checked, "ok": not problems and not event.alarms, "alarm": list(event.alarms),
                    "rejected": event.journal.rejected,
                    "problems": [{"line": p.line, "message": p.message} for p in problems]})
    else:
        for a in event.alarms:
            print(f"CẢNH BÁO: {a}")
        if problems:
            print(f"Nhật ký {event.journal.path.name}: {checked} dòng, {len(problems)} vấn đề:")
            for p in problems:
                print(f"  • Dòng {p.line}: {p.message}")
        elif not event.alarms:
            print(f"Nhật ký {event.journal.path.name}: {checked} dòng, chuỗi chữ ký nguyên vẹn, khớp niêm phong.")
        else:
            print(f"Nhật ký {event.journal.path.name}: {checked} dòng, chuỗi chữ ký của các dòng còn lại nguyên vẹn.")
    return 0 if not problems and not event.alarms else 3


def cmd_demo(args) -> int:
    from console.cli.demo import create_demo
    from console.event import is_event_folder

    folder = Path(args.dir)
    if is_event_folder(folder):
        print(f"Mở lại hội nghị mẫu có sẵn ở {folder}.")
    else:
        create_demo(folder)
        print(f"Đã tạo hội nghị mẫu (người hư cấu) ở {folder}.")
    if args.no_open:
        return 0
    from console.cli.app import launch

    return launch(folder, mode="status", desk=args.desk)
