"""agenda, step, timings — the programme without a screen (scripts, tests, a spare laptop)."""

from __future__ import annotations

from console.cli.common import add_desk, add_dir, add_json, open_event, print_json

STEP_NAMES = ("start", "next", "back", "skip", "pause", "resume", "extend", "jump", "approve")


def register(sub) -> None:
    p = sub.add_parser("agenda", help="chương trình dự kiến: các mục, thời lượng, tổng so với nửa ngày")
    add_dir(p)
    add_json(p)
    p.set_defaults(func=cmd_agenda)

    p = sub.add_parser("step", help="điều khiển chương trình (như các phím của máy điều khiển)")
    add_dir(p)
    p.add_argument("action", choices=STEP_NAMES, metavar="VIỆC",
                   help="start | next | back | skip | pause | resume | extend | jump | approve")
    p.add_argument("target", nargs="?", default=None, metavar="MỤC",
                   help="với jump: số mục, ví dụ 6 hoặc 4.2")
    p.add_argument("--minutes", type=float, default=1.0, help="với extend: số phút thêm (âm để bớt)")
    add_desk(p)
    add_json(p)
    p.set_defaults(func=cmd_step)

    p = sub.add_parser("script", help="kịch bản MC của cả chương trình như hiện tại (.md, .docx, hoặc ra màn hình)")
    add_dir(p)
    p.add_argument("--out", default="-", metavar="kich-ban.docx|.md|-",
                   help="tệp ra: .docx (Word) hoặc .md; “-” để in ra màn hình (mặc định)")
    add_json(p)
    p.set_defaults(func=cmd_script)

    p = sub.add_parser("timings", help="dự kiến và thực tế của từng mục; giờ kết thúc dự báo, độ lệch")
    add_dir(p)
    add_json(p)
    p.set_defaults(func=cmd_timings)


def cmd_script(args) -> int:
    from pathlib import Path

    from console.agenda.script import script, to_docx, to_markdown
    from console.ground.errors import UserError
    from console.ground.storage import atomic_write_bytes

    event = open_event(args)
    data = script(event)
    if args.json:
        print_json(data)
        return 0
    if args.out == "-":
        print(to_markdown(data), end="")
        return 0
    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix not in (".md", ".docx"):
        raise UserError(f"--out {args.out}: chọn tệp .docx (Word) hoặc .md (Markdown), hoặc “-” để in ra màn hình.")
    body = to_docx(data) if suffix == ".docx" else to_markdown(data).encode("utf-8")
    try:
        atomic_write_bytes(out, body)
    except OSError as exc:
        raise UserError(f"Không ghi được {out}: {exc.strerror}. Hãy chọn thư mục khác (ổ USB còn chỗ, không chỉ đọc).") from None
    parts = len(data["parts"])
    print(f"Đã ghi kịch bản {out} ({parts} mục; tên người theo "
          f"{'danh sách đang có mặt' if data['names_from'] == 'present' else 'danh sách đăng ký'}).")
    return 0


def _hm(iso_text: str | None) -> str:
    if not iso_text:
        return "  —  "
    from console.ground.clock import hhmm, parse_iso

    return hhmm(parse_iso(iso_text))


def cmd_agenda(args) -> int:
    from console.agenda.report import agenda_json

    event = open_event(args)
    data = agenda_json(event)
    if args.json:
        print_json(data)
        return 0
    for seg in data["segments"]:
        mark = "giữ" if seg["kind"] == "protected" else f"co giãn ≥{seg['min_minutes']:g}"
        print(f"{seg['position']:>3}. {_hm(seg['planned_start'])}  {seg['minutes']:>4g} ph  [{mark}]  {seg['title']}")
        for s in seg["substeps"]:
            who = f" — {s['person']}" if s["person"] else ""
            print(f"      {s['position']:>5} {s['minutes']:>5.1f} ph  {s['title']}{who}")
    total, budget = data["total_minutes"], data["budget_minutes"]
    verdict = (f"vượt {total - budget:g} phút" if total > budget else f"còn dư {budget - total:g} phút")
    print(f"Tổng: {total:g} phút / nửa ngày {budget:g} phút ({verdict}); kết thúc dự kiến {_hm(data['planned_end'])}.")
    return 0


def cmd_step(args) -> int:
    from console.agenda import steps
    from console.agenda.report import day_summary
    from console.ground.errors import UserError

    event = open_event(args, actor="control")
    if args.action == "jump":
        if not args.target:
            raise UserError("Lệnh “jump” cần số mục, ví dụ: hoinghi step THƯ_MỤC jump 6 (hoặc 4.2).")
        message = steps.jump(event, args.target)
    elif args.action == "extend":
        message = steps.extend(event, args.minutes)
    else:
        message = steps.STEPS[args.action](event)
    if args.json:
        print_json({"ok": True, "message": message, **day_summary(event)})
    else:
        s = day_summary(event)
        print(message)
        print(f"Kết thúc dự kiến {_hm(s['planned_end'])}, dự báo {_hm(s['projected_end'])} "
              f"(lệch {s['drift_minutes']:+.0f} phút).")
    return 0


def cmd_timings(args) -> int:
    from console.agenda.report import day_summary, timings_report

    event = open_event(args)
    rows = timings_report(event)
    summary = day_summary(event)
    if args.json:
        print_json({"summary": summary, "rows": rows})
        return 0
    status_vi = {"done": "xong", "running": "đang", "skipped": "bỏ", "pending": "chờ"}
    print(f"{'Mục':>5}  {'DK':>5} {'ph':>5}  {'TT':>5}-{'':<5} {'ph':>5}  {'':5} Tên")
    for r in rows:
        indent = "  " if r["kind"] == "substep" else ""
        actual = f"{r['actual_minutes']:>5.1f}" if r["actual_minutes"] is not None else "    —"
        print(f"{r['position']:>5}  {_hm(r['planned_start'])} {r['planned_minutes']:>5.1f}  "
              f"{_hm(r['actual_start'])}-{_hm(r['actual_end'])} {actual}  {status_vi[r['status']]:5} {indent}{r['title']}")
    print(f"Kết thúc dự kiến {_hm(summary['planned_end'])}, dự báo {_hm(summary['projected_end'])}, "
          f"lệch {summary['drift_minutes']:+.1f} phút." + (f" Đang diễn ra: {summary['current']}." if summary["current"] else ""))
    return 0
