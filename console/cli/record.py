"""report, minutes, vote — the record of the day (console/record/)."""

from __future__ import annotations

from pathlib import Path

from console.cli.common import add_desk, add_dir, add_json, open_event, parse_delegate_id, print_json


def register(sub) -> None:
    p = sub.add_parser("report", help="xuất báo cáo ngày hội nghị (.xlsx theo mẫu, và .csv)")
    add_dir(p)
    p.add_argument("--out", default=None, metavar="TỆP.xlsx", help="tệp báo cáo (mặc định trong thư mục hội nghị)")
    p.add_argument("--csv", default=None, metavar="THƯ_MỤC", help="ghi thêm mỗi trang một tệp .csv vào thư mục này")
    p.add_argument("--draft", action="store_true", help="xuất bản nháp dù tiêu đề còn chỗ trống (“LẦN THỨ …”)")
    add_json(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("minutes", help="dự thảo biên bản hội nghị (Markdown hoặc Word .docx) từ nhật ký")
    add_dir(p)
    p.add_argument("--out", default=None, metavar="TỆP.md|.docx", help="tệp biên bản .md hoặc .docx (mặc định .md trong thư mục hội nghị); “-” để in ra màn hình")
    p.add_argument("--presider", default=None, help="họ tên người chủ trì (hoặc [minutes] presider trong event.toml)")
    p.add_argument("--secretary", default=None, help="họ tên thư ký (hoặc [minutes] secretary trong event.toml)")
    p.set_defaults(func=cmd_minutes)

    p = sub.add_parser("paper", help="giấy dự phòng: danh sách ký tên, nhập lại người đã ký, danh sách ký nhận khen thưởng")
    add_dir(p)
    add_desk(p)
    ps = p.add_subparsers(dest="paper_cmd", metavar="VIỆC", required=True)
    q = ps.add_parser("signin", help="in trước hội nghị: danh sách ký tên theo đơn vị (.xlsx)")
    q.add_argument("--out", default=None, metavar="TỆP.xlsx", help="tệp ghi ra (mặc định trong thư mục hội nghị)")
    q = ps.add_parser("enter", help="nhập lại những người đã ký vào danh sách ký tên (điểm danh theo giấy)")
    q.add_argument("codes", nargs="*", metavar="MÃ", help="mã những người đã ký, ví dụ 0012 0037")
    q.add_argument("--from", dest="from_file", default=None, metavar="TỆP.xlsx",
                   help="tệp danh sách ký tên đã đánh dấu cột “Ký tên” (dòng có ghi là đã ký)")
    add_json(q)
    q = ps.add_parser("receipts", help="danh sách ký nhận khen thưởng theo hình thức, kèm số tiền nếu có (.xlsx)")
    q.add_argument("--out", default=None, metavar="TỆP.xlsx", help="tệp ghi ra (mặc định trong thư mục hội nghị)")
    p.set_defaults(func=cmd_paper)

    p = sub.add_parser("vote", help="mục 9: danh sách đi dự cấp trên và biểu quyết thông qua")
    add_dir(p)
    add_desk(p)
    vs = p.add_subparsers(dest="vote_cmd", metavar="VIỆC", required=True)
    q = vs.add_parser("propose", help="đề cử danh sách (thay danh sách trước)")
    q.add_argument("ids", nargs="+", metavar="MÃ", help="mã đại biểu, ví dụ 0012 0037")
    add_json(q)
    q = vs.add_parser("record", help="ghi kết quả biểu quyết giơ tay")
    q.add_argument("--for", dest="votes_for", type=int, required=True, metavar="N", help="số tán thành")
    q.add_argument("--against", type=int, required=True, metavar="N", help="số không tán thành")
    q.add_argument("--abstain", type=int, required=True, metavar="N", help="số không biểu quyết")
    add_json(q)
    q = vs.add_parser("show", help="xem danh sách và kết quả")
    add_json(q)
    q = vs.add_parser("ballot", help="bầu kín: ghi kết quả kiểm phiếu (trúng cử khi quá 1/2 số phiếu hợp lệ)")
    q.add_argument("--candidates", nargs="+", required=True, metavar="MÃ", help="mã các ứng cử viên")
    q.add_argument("--issued", type=int, required=True, metavar="N", help="số phiếu phát ra")
    q.add_argument("--valid", type=int, required=True, metavar="N", help="số phiếu hợp lệ")
    q.add_argument("--votes", nargs="+", required=True, metavar="MÃ=SỐ", help="số phiếu mỗi người, ví dụ 0012=80")
    q.add_argument("--seats", type=int, default=None, help="số suất (mặc định [vote] higher_level_seats)")
    add_json(q)
    q = vs.add_parser("tally", help="biên bản kiểm phiếu (Markdown): mẫu trống trước khi kiểm, kết quả sau")
    q.add_argument("--candidates", nargs="*", default=None, metavar="MÃ", help="ứng cử viên (cho mẫu trống)")
    q.add_argument("--out", default="-", metavar="TỆP.md", help="tệp ra; “-” để in ra màn hình (mặc định)")
    p.set_defaults(func=cmd_vote)


def cmd_report(args) -> int:
    from console.agenda.plan import load_agenda
    from console.ground.titles import require_final
    from console.record.export import write_report

    event = open_event(args)
    titles = [(f"agenda.toml, mục “{seg.key}”, khóa “title”", seg.title) for seg in load_agenda(event).segments]
    require_final(event.settings, "báo cáo", draft=args.draft, extra=titles)
    out, csvs = write_report(event, Path(args.out) if args.out else None, Path(args.csv) if args.csv else None)
    if args.json:
        print_json({"xlsx": str(out), "csv": [str(p) for p in csvs], "journal_lines": len(event.journal.entries),
                    "warnings": event.journal.warnings})
        return 0
    print(f"Đã ghi báo cáo {out} ({len(event.journal.entries)} dòng nhật ký).")
    if csvs:
        print(f"Đã ghi {len(csvs)} tệp .csv vào {csvs[0].parent}.")
    for w in event.journal.warnings:
        print(f"Cảnh báo: {w}")
    return 0


def cmd_minutes(args) -> int:
    from console.record.minutes import draft, to_markdown, write_minutes

    event = open_event(args)
    if args.out == "-":
        print(to_markdown(draft(event, presider=args.presider, secretary=args.secretary)), end="")
        return 0
    out = write_minutes(event, Path(args.out) if args.out else None, presider=args.presider,
                        secretary=args.secretary)
    print(f"Đã ghi dự thảo biên bản {out}. Hãy mở, kiểm tra và bổ sung chỗ “……”.")
    return 0


def _show_text(s: dict) -> str:
    q_word = "ít nhất" if s["quorum_rule"] == "at_least" else "trên"
    m_word = "ít nhất" if s["majority_rule"] == "at_least" else "trên"
    out = [f"Danh sách đi dự cấp trên: {len(s['proposed'])}/{s['seats']} suất; "
           f"có mặt {s['present_now']}/{s['registered']}; điều kiện: có mặt {q_word} {s['quorum']}, "
           f"tán thành {m_word} {s['majority']} số có mặt.", s["quorum_now"]]
    for i, p in enumerate(s["approved_list"] or s["proposed"], start=1):
        out.append(f"  {i:>2}. {p['id']}  {p['name']} — {p['unit']}" + ("" if p["present"] else "  (vắng)"))
    last = s["last_vote"]
    if last is None:
        out.append("Chưa biểu quyết.")
    else:
        out.append(f"Biểu quyết lúc {last['at'][11:16]}: tán thành {last['for']} ({last['share_for']}), "
                   f"không tán thành {last['against']}, không biểu quyết {last['abstain']} / "
                   f"{last['present']} có mặt — {last['result']}.")
    return "\n".join(out)


def _votes(pairs: list[str]) -> dict[int, int]:
    from console.ground.errors import UserError

    out: dict[int, int] = {}
    for pair in pairs:
        who, sep, n = pair.partition("=")
        if not sep or not n.strip().isdigit():
            raise UserError(f"--votes: “{pair}” phải có dạng MÃ=SỐ_PHIẾU, ví dụ 0012=80.")
        out[parse_delegate_id(who)] = int(n)
    return out


def _ballot_text(event, count) -> str:
    everyone = event.delegates()
    if not count.quorum_valid:
        return (f"Cuộc bầu KHÔNG hợp lệ: có mặt {count.present}/{count.registered} đại biểu triệu tập, "
                f"chưa đủ {count.quorum}.")
    names = "; ".join(everyone[c].name for c in count.elected if c in everyone) or "không có ai"
    out = f"Trúng cử {len(count.elected)}/{count.seats} suất ({count.valid}/{count.issued} phiếu hợp lệ): {names}."
    if count.tied:
        out += (" Bằng phiếu cho suất còn lại: " + "; ".join(everyone[c].name for c in count.tied if c in everyone)
                + " — cần bầu lại.")
    return out


def cmd_vote(args) -> int:
    from console.record import vote

    event = open_event(args)
    if args.vote_cmd in ("ballot", "tally"):
        from console.record import ballot

        if args.vote_cmd == "ballot":
            count = ballot.record_count(event, [parse_delegate_id(x) for x in args.candidates], args.issued,
                                        args.valid, _votes(args.votes), seats=args.seats)
            if args.json:
                print_json({"elected": [f"{c:04d}" for c in count.elected], "tied": [f"{c:04d}" for c in count.tied],
                            "valid": count.quorum_valid, "issued": count.issued, "valid_ballots": count.valid,
                            "votes": {f"{c:04d}": v for c, v in count.votes.items()}, "seats": count.seats,
                            "present": count.present, "registered": count.registered})
            else:
                print(_ballot_text(event, count))
            return 0
        ids = [parse_delegate_id(x) for x in args.candidates] if args.candidates else None
        text = ballot.tally_sheet(event, None if ids else ballot.last_count(event), ids)
        if args.out == "-":
            print(text)
        else:
            from console.ground.storage import atomic_write_text

            atomic_write_text(Path(args.out), text)
            print(f"Đã ghi biên bản kiểm phiếu {args.out}.")
        return 0
    if args.vote_cmd == "propose":
        vote.propose(event, [parse_delegate_id(x) for x in args.ids])
    elif args.vote_cmd == "record":
        vote.record(event, args.votes_for, args.against, args.abstain)
    summary = vote.summary(event)
    if args.json:
        print_json(summary)
    else:
        print(_show_text(summary))
    return 0


def cmd_paper(args) -> int:
    from console.record import paper
    from console.record.export import write_paper

    event = open_event(args)
    day = f"{event.settings.date:%Y-%m-%d}"
    if args.paper_cmd == "signin":
        out = write_paper(event, paper.signin_table(event), Path(args.out) if args.out else None,
                          f"danh-sach-ky-ten-{day}.xlsx")
        print(f"Đã ghi danh sách ký tên {out}. In trước hội nghị, để ở bàn đón tiếp phòng khi máy không dùng được.")
        return 0
    if args.paper_cmd == "receipts":
        out = write_paper(event, paper.receipts_table(event), Path(args.out) if args.out else None,
                          f"danh-sach-ky-nhan-{day}.xlsx")
        print(f"Đã ghi danh sách ký nhận khen thưởng {out}.")
        return 0
    refs = [(f"mã thứ {n} (“{c}”)", c) for n, c in enumerate(args.codes, start=1)]
    source = "danh sách ký tên (nhập theo mã)"
    if args.from_file:
        path = Path(args.from_file)
        refs += [(f"{path.name}, dòng {row}", code) for row, code in paper.signed_codes(path)]
        source = f"danh sách ký tên {path.name}"
    result = paper.enter_signed(event, refs, source=source)
    if args.json:
        print_json(result)
        return 0
    print(f"Đã nhập {result['entered']} người đã ký vào danh sách ký tên (điểm danh theo giấy).")
    if result["already"]:
        print(f"Đã điểm danh từ trước, giữ nguyên: {len(result['already'])} người ({', '.join(result['already'][:5])}"
              + ("…" if len(result["already"]) > 5 else "") + ").")
    return 0
