"""badges, reprint, print-status, print-queue — thermal printing without a screen."""

from __future__ import annotations

import sys

from console.cli.common import add_dir, add_json, open_event, parse_delegate_id, print_json


def register(sub) -> None:
    p = sub.add_parser("badges", help="in thẻ đại biểu (qua hàng đợi in)")
    add_dir(p)
    p.add_argument("--who", nargs="+", default=["all"], metavar="MÃ_ĐB",
                   help="all (mặc định) hoặc danh sách mã đại biểu, ví dụ --who 12 0042")
    p.add_argument("--printer", default=None, help="tên máy in trong event.toml hoặc URI (tcp://…, preview://…)")
    p.add_argument("--width", type=int, choices=(58, 80), default=None, help="khổ giấy (mm) khi URI không ghi")
    p.add_argument("--again", action="store_true", help="in thêm bản nữa cả những thẻ đã in")
    p.add_argument("--draft", action="store_true", help="in thử dù tiêu đề còn chỗ trống (“LẦN THỨ …”)")
    p.add_argument("--no-wait", action="store_true", help="chỉ xếp vào hàng đợi, để màn hình Máy in in dần")
    add_json(p)
    p.set_defaults(func=cmd_badges)

    p = sub.add_parser("reprint", help="in lại thẻ (mất thẻ: thẻ cũ bị vô hiệu, ghi vào nhật ký)")
    add_dir(p)
    p.add_argument("delegate_id", metavar="MÃ_ĐB")
    p.add_argument("--reason", required=True, help="lý do: mất thẻ, thẻ hỏng …")
    p.add_argument("--draft", action="store_true", help="in dù tiêu đề còn chỗ trống (“LẦN THỨ …”)")
    p.add_argument("--keep-token", action="store_true",
                   help="in lại đúng mã cũ (thẻ in hỏng còn trong tay ban tổ chức); mặc định cấp mã mới")
    p.add_argument("--printer", default=None)
    p.add_argument("--width", type=int, choices=(58, 80), default=None)
    p.add_argument("--no-wait", action="store_true")
    add_json(p)
    p.set_defaults(func=cmd_reprint)

    p = sub.add_parser("certificate", help="in phiếu nhận khen thưởng (phiếu lên sân khấu, không phải bằng khen) cho một người/tập thể")
    add_dir(p)
    p.add_argument("--name", required=True, help="người hoặc tập thể được khen")
    p.add_argument("--form", required=True, help="hình thức khen, ví dụ “Bằng khen của Chủ tịch UBND tỉnh”")
    p.add_argument("--reason", default="", help="thành tích, ví dụ “xuất sắc trong phong trào thi đua …”")
    p.add_argument("--unit", default="", help="đơn vị")
    p.add_argument("--decision", default="", help="số quyết định khen thưởng (nếu muốn in)")
    p.add_argument("--draft", action="store_true", help="in thử dù tiêu đề còn chỗ trống (“LẦN THỨ …”)")
    p.add_argument("--printer", default=None, help="mặc định: máy in “stage” trong event.toml")
    p.add_argument("--width", type=int, choices=(58, 80), default=None)
    p.add_argument("--no-wait", action="store_true")
    add_json(p)
    p.set_defaults(func=cmd_certificate)

    p = sub.add_parser("print-bench", help="đo thời gian dựng và mã hóa một thẻ (mục tiêu < 20 ms)")
    p.add_argument("--n", type=int, default=140, help="số thẻ (mặc định 140)")
    p.add_argument("--previews", metavar="THƯ_MỤC", help="ghi thêm ảnh PNG mẫu (thẻ, phiếu nhận khen thưởng, phiếu gọi) 58/80 mm")
    add_json(p)
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("print-status", help="tình trạng máy in và hàng đợi in")
    add_dir(p)
    add_json(p)
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("print-queue", help="xử lý hàng đợi in: in tiếp, thử lại, chuyển máy, hủy")
    add_dir(p)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--run", action="store_true", help="in ngay mọi lệnh đang chờ")
    g.add_argument("--retry", nargs="?", const="", metavar="LỆNH", help="thử lại ngay (một lệnh, hoặc tất cả)")
    g.add_argument("--move", metavar="LỆNH", help="chuyển một lệnh sang máy in khác (cùng --to)")
    g.add_argument("--move-all", metavar="MÁY_IN", help="chuyển mọi lệnh đang chờ của một máy in (cùng --to)")
    g.add_argument("--cancel", metavar="LỆNH", help="hủy một lệnh chưa in")
    p.add_argument("--to", metavar="MÁY_IN", help="máy in nhận (tên hoặc URI)")
    add_json(p)
    p.set_defaults(func=cmd_queue)


def cmd_bench(args) -> int:
    from console.bench.printing import run

    if args.previews:
        from pathlib import Path

        from console.bench.printing import previews

        for path in previews(Path(args.previews)):
            print(f"Ảnh mẫu: {path}", file=sys.stderr)
    result = run(args.n)
    if args.json:
        print_json(result)
        return 0
    print(f"{result['badges']} thẻ:")
    for mm in ("58mm", "80mm"):
        r = result[mm]
        print(f"  {mm}: dựng {r['render_ms_mean']} ms + mã hóa {r['encode_ms_mean']} ms = {r['total_ms_mean']} ms/thẻ "
              f"(p95 {r['total_ms_p95']} ms), {r['bytes_mean']} byte/thẻ, ~{r['badges_per_minute_cpu']} thẻ/phút (CPU)")
    lb = result["line_breaking"]
    print(f"  ngắt dòng tiếng Việt: {lb['chunks_ms_per_text']} ms tách từ + {lb['layout_ms_per_text']} ms chọn dòng "
          f"mỗi dòng chữ, {lb['per_badge_ms']} ms mỗi thẻ ({lb['texts']} dòng chữ)")
    return 0


def _worker(event, width):
    from console.printing.worker import PrintWorker

    w = PrintWorker.for_event(event)
    if width:
        w.width = width
    return w


class Progress:
    """A text progress bar on a terminal; one line per tenth when piped."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.done, self.unconfirmed, self.stream = total, 0, 0, stream
        self.tty = stream.isatty()
        self._last_tenth = -1

    def step(self, label: str, confirmed: bool = True) -> None:
        """One job sent; only a confirmed one is counted as printed."""
        self.done += 1
        self.unconfirmed += not confirmed
        n, t = self.done, max(1, self.total)
        if self.tty:
            bar = "█" * (30 * n // t) + "·" * (30 - 30 * n // t)
            self.stream.write(f"\r[{bar}] {n}/{self.total} {label[:40]:<40}")
            if n == self.total:
                self.stream.write("\n")
        elif 10 * n // t != self._last_tenth:
            self._last_tenth = 10 * n // t
            sent = f" (thêm {self.unconfirmed} đã gửi, chưa xác nhận)" if self.unconfirmed else ""
            self.stream.write(f"Đã in {n - self.unconfirmed}/{self.total}{sent}\n")
        self.stream.flush()


class Sent:
    """What `_print_jobs` achieved: printed (confirmed), sent but not confirmed, still waiting."""

    def __init__(self, printed: int = 0, unconfirmed: list | None = None, left: list | None = None):
        self.printed, self.unconfirmed, self.left = printed, unconfirmed or [], left or []


def _print_jobs(event, jobs, width, as_json: bool) -> Sent:
    """Send `jobs` now with a progress bar, retrying a failing printer a few times (CLI_ATTEMPTS)."""
    if not jobs:
        return Sent()
    worker = _worker(event, width)
    bar = None if as_json else Progress(len(jobs))
    failure = {}
    unconfirmed = []

    def progress(a):
        if a.ok:
            if not a.confirmed:
                unconfirmed.append(a.job.id)
            if bar:
                bar.step(a.job.title if a.confirmed else f"(chưa xác nhận) {a.job.title}", a.confirmed)
        else:
            failure["msg"] = a.message
            if not as_json:
                print(f"\nMáy in lỗi (lần {a.job.attempts}): {a.message}", file=sys.stderr)

    left = worker.drain({j.id for j in jobs}, deadline_s=max(60.0, 2.0 * len(jobs)), on_progress=progress)
    return Sent(len(jobs) - len(left) - len(unconfirmed), unconfirmed, left)


def _leftover_note(left) -> str:
    return (f"{len(left)} lệnh in còn trong hàng đợi, không mất: sửa máy in rồi chạy "
            "`hoinghi print-queue THƯ_MỤC --run`, hoặc chuyển máy bằng `--move-all … --to …`.")


def _unconfirmed_note(ids) -> str:
    return (f"{len(ids)} lệnh đã gửi nhưng máy in không xác nhận đã nhận hết (đã gửi, chưa xác nhận): "
            "xem máy in có ra đủ thẻ không; thiếu thẻ nào thì chạy `hoinghi print-queue THƯ_MỤC --retry LỆNH` "
            f"({', '.join(ids[:5])}{' …' if len(ids) > 5 else ''}).")


def cmd_badges(args) -> int:
    from console.printing.jobs import queue_badges

    event = open_event(args)
    ids = None
    if not (len(args.who) == 1 and args.who[0].lower() in ("all", "tat-ca", "tất-cả")):
        ids = [parse_delegate_id(x) for part in args.who for x in part.split(",") if x.strip()]
    queued, skipped = queue_badges(event, ids, printer=args.printer, again=args.again, draft=args.draft)
    sent = Sent(left=queued) if args.no_wait else _print_jobs(event, queued, args.width, args.json)
    left = sent.left
    if args.json:
        print_json({"queued": [j.id for j in queued], "already": [j.id for j in skipped],
                    "printed": sent.printed, "unconfirmed": sent.unconfirmed,
                    "waiting": [{"id": j.id, "error": j.error} for j in left]})
    else:
        extra = f", đã gửi chưa xác nhận {len(sent.unconfirmed)}" if sent.unconfirmed else ""
        print(f"Xếp {len(queued)} thẻ vào hàng đợi; đã in {sent.printed}{extra}.")
        if skipped:
            print(f"{len(skipped)} thẻ đã có trong hàng đợi hoặc đã in trước đó (dùng --again để in thêm bản).")
        if sent.unconfirmed:
            print(_unconfirmed_note(sent.unconfirmed))
        if left and not args.no_wait:
            print(_leftover_note(left))
    return 1 if left and not args.no_wait else 0


def cmd_reprint(args) -> int:
    from console.printing.jobs import reprint

    event = open_event(args)
    job = reprint(event, parse_delegate_id(args.delegate_id), args.reason, printer=args.printer,
                  keep_token=args.keep_token, draft=args.draft)
    sent = Sent(left=[job]) if args.no_wait else _print_jobs(event, [job], args.width, args.json)
    printed, left = sent.printed, sent.left
    if args.json:
        print_json({"job": job.id, "version": job.data.get("version"), "printed": bool(printed),
                    "unconfirmed": bool(sent.unconfirmed), "error": left[0].error if left else ""})
    else:
        what = "giữ mã cũ" if args.keep_token else f"mã mới (lần {job.data.get('version')}); thẻ cũ không còn dùng được"
        state = "đã in" if printed else ("đã gửi, chưa xác nhận" if sent.unconfirmed else "đang chờ in")
        print(f"In lại thẻ {job.data.get('delegate_id', 0):04d} {job.data.get('name', '')}: {what}; {state}.")
        if left and not args.no_wait:
            print(_leftover_note(left))
    return 1 if left and not args.no_wait else 0


def cmd_certificate(args) -> int:
    from console.printing.jobs import queue_certificate
    from console.printing.layout_certificate import certificate_data

    event = open_event(args)
    cert = certificate_data(event, recipient=args.name, award_form=args.form, reason=args.reason, unit=args.unit,
                            decision=args.decision)
    job = queue_certificate(event, cert, printer=args.printer, draft=args.draft)
    sent = Sent(left=[job]) if args.no_wait else _print_jobs(event, [job], args.width, args.json)
    printed, left = sent.printed, sent.left
    if args.json:
        print_json({"job": job.id, "printed": bool(printed), "unconfirmed": bool(sent.unconfirmed),
                    "error": left[0].error if left else ""})
    else:
        state = "đã in" if printed else ("đã gửi, chưa xác nhận" if sent.unconfirmed else "đang chờ in")
        print(f"Phiếu nhận khen thưởng cho {cert.recipient}: {state}.")
        if left and not args.no_wait:
            print(_leftover_note(left))
    return 1 if left and not args.no_wait else 0


def cmd_status(args) -> int:
    from console.printing.jobs import status_report

    event = open_event(args)
    report = status_report(event)
    if args.json:
        print_json(report)
        return 0
    c = report["counts"]
    sent = f", {c['sent']} đã gửi chưa xác nhận" if c.get("sent") else ""
    print(f"Hàng đợi in: {c['pending'] + c['printing']} chờ in, {c['done']} đã in{sent}, {c['cancelled']} đã hủy.")
    for p in report["printers"]:
        state = {"ok": "sẵn sàng", "error": "LỖI", "unknown": "chưa dùng",
                 "unconfirmed": "không xác nhận"}.get(p["state"], p["state"])
        print(f"- {p['name']} ({p['uri']}): {state}; chờ {p['waiting']}, đã in {p['done']}")
        if p["state"] == "error" and p["message"]:
            print(f"    {p['message']}")
    for w in report["waiting"][:20]:
        print(f"  · {w['id']}  {w['title']} → {w['printer']} ({w['status']}, thử {w['attempts']} lần)")
    if len(report["waiting"]) > 20:
        print(f"  … và {len(report['waiting']) - 20} lệnh nữa.")
    return 0


def cmd_queue(args) -> int:
    from console.ground.errors import UserError
    from console.printing.jobs import check_printer, reconcile
    from console.printing.queue import PrintQueue

    event = open_event(args)
    q = PrintQueue(event.folder)
    if (args.move or args.move_all) and not args.to:
        raise UserError("Hãy cho biết máy in nhận bằng --to TÊN_MÁY_IN (hoặc URI).")
    if args.move:
        job = q.move(args.move, check_printer(event, args.to))
        msg = f"Đã chuyển {job.id} sang máy in {job.printer}."
    elif args.move_all:
        n = q.move_all(args.move_all, check_printer(event, args.to))
        msg = f"Đã chuyển {n} lệnh đang chờ từ {args.move_all} sang {args.to}."
    elif args.cancel:
        job = q.cancel(args.cancel)
        msg = f"Đã hủy {job.id} (vẫn giữ trong hàng đợi để đối chiếu)."
    elif args.retry is not None:
        n = q.retry(args.retry or None)
        msg = f"Sẽ thử lại {n} lệnh ngay (kể cả lệnh bị bỏ dở khi chương trình in dừng đột ngột)."
    else:
        reconcile(event)
        q.retry()  # first: a job a killed process left "printing" is pending again, and sent now
        waiting = [j for j in q.jobs() if j.status == "pending"]
        sent = _print_jobs(event, waiting, None, args.json)
        left = sent.left
        msg = (f"Đã in {sent.printed}/{len(waiting)} lệnh đang chờ."
               + (" " + _unconfirmed_note(sent.unconfirmed) if sent.unconfirmed else "")
               + (" " + _leftover_note(left) if left else ""))
        if args.json:
            print_json({"printed": sent.printed, "unconfirmed": sent.unconfirmed, "waiting": [j.id for j in left]})
            return 1 if left else 0
        print(msg)
        return 1 if left else 0
    if args.json:
        print_json({"message": msg})
    else:
        print(msg)
    return 0
