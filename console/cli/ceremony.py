"""order, award-proxy, award-presenter, batch-done, speech-* — speeches and awards from the shell."""

from __future__ import annotations

from console.cli.common import add_desk, add_dir, add_json, open_event, parse_delegate_id, print_json

LIST_CHOICES = {"speeches": "tham_luan", "responses": "huong_ung", "awards": "awards", "guests": "guests"}


def register(sub) -> None:
    _register_printouts(sub)
    p = sub.add_parser("order", help="đề xuất thứ tự tham luận / khen thưởng theo người đang có mặt")
    add_dir(p)
    p.add_argument("which", choices=list(LIST_CHOICES),
                   help="speeches (tham luận), responses (hưởng ứng), awards, guests (giới thiệu đại biểu)")
    p.add_argument("--all-present", action="store_true", help="xem trước như thể mọi người đều có mặt")
    add_json(p)
    add_desk(p)
    p.set_defaults(func=cmd_order)

    p = sub.add_parser("order-move", help="đổi chỗ một mục (lên/xuống)")
    add_dir(p)
    p.add_argument("which", choices=list(LIST_CHOICES))
    p.add_argument("item", help="STT trong danh sách, mã key, hoặc họ tên")
    p.add_argument("direction", choices=["up", "down"])
    add_desk(p)
    p.set_defaults(func=cmd_move)

    p = sub.add_parser("order-pin", help="ghim (luôn giữ) hoặc bỏ ghim một tham luận")
    add_dir(p)
    p.add_argument("which", choices=["speeches", "responses"])
    p.add_argument("item")
    p.add_argument("--off", action="store_true", help="bỏ ghim")
    add_desk(p)
    p.set_defaults(func=cmd_pin)

    p = sub.add_parser("order-drop", help="bỏ (hoặc lấy lại) một tham luận")
    add_dir(p)
    p.add_argument("which", choices=["speeches", "responses"])
    p.add_argument("item")
    p.add_argument("--undo", action="store_true", help="lấy lại bài đã bỏ")
    add_desk(p)
    p.set_defaults(func=cmd_drop)

    p = sub.add_parser("award-proxy", help="ghi người nhận thay cho một khen thưởng")
    add_dir(p)
    p.add_argument("item", help="STT trong danh sách khen thưởng, mã key, hoặc tên người/tập thể")
    p.add_argument("proxy", nargs="?", default=None, help="mã đại biểu nhận thay (bỏ trống cùng --clear để xóa)")
    p.add_argument("--clear", action="store_true")
    add_desk(p)
    p.set_defaults(func=cmd_proxy)

    p = sub.add_parser("award-presenter", help="chọn người trao cho một đợt")
    add_dir(p)
    p.add_argument("batch", type=int, help="số đợt")
    p.add_argument("delegate", help="mã đại biểu người trao")
    add_desk(p)
    p.set_defaults(func=cmd_presenter)

    p = sub.add_parser("award-approve", help="duyệt thay đổi của các đợt đã chốt (người trao vắng, người nhận rời hội trường)")
    add_dir(p)
    p.add_argument("batch", type=int, nargs="?", default=None, help="số đợt (bỏ trống: duyệt mọi đề xuất)")
    add_desk(p)
    p.set_defaults(func=cmd_approve)

    p = sub.add_parser("batch-done", help="đợt khen thưởng đầu tiên đang chờ đã trao xong")
    add_dir(p)
    p.add_argument("--start", action="store_true", help="chỉ ghi giờ bắt đầu đợt (để đo nhịp)")
    p.add_argument("--undo", action="store_true", help="hoàn tác lần ghi “xong” gần nhất")
    add_desk(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("speech-start", help="bắt đầu bài tham luận tiếp theo (hoặc bài chỉ định)")
    add_dir(p)
    p.add_argument("which", choices=["speeches", "responses"], nargs="?", default="speeches")
    p.add_argument("--item", default=None)
    add_desk(p)
    p.set_defaults(func=cmd_speech_start)

    p = sub.add_parser("speech-done", help="kết thúc bài đang trình bày (hoặc ghi số phút của một bài)")
    add_dir(p)
    p.add_argument("which", choices=["speeches", "responses"], nargs="?", default="speeches")
    p.add_argument("--item", default=None)
    p.add_argument("--minutes", type=float, default=None)
    add_desk(p)
    p.set_defaults(func=cmd_speech_done)


def order_json(event, which: str, all_present: bool = False) -> dict:
    from console.ceremony import plan_awards, plan_speeches

    present = set(event.delegates()) if all_present else None
    if which == "awards":
        plan = plan_awards(event, present)
        items = []
        for pos, p in enumerate(plan.items, start=1):
            items.append({
                "position": pos, "batch": p.batch, "key": p.item.key, "stt": p.item.n,
                "delegate_id": f"{p.item.delegate_id:04d}" if p.item.delegate_id else None,
                "recipient": p.item.recipient, "unit": p.item.unit, "collective": p.item.collective,
                "form": p.item.form, "present": p.present, "status": p.status,
                "called": p.called_name or None, "proxy": p.proxy_name, "reason": p.reason,
            })
        batches = [{"batch": b.number, "form": b.form, "size": len(b.awards), "presenter": b.presenter_name or None,
                    "presenter_reason": b.presenter_reason, "minutes": b.minutes, "done": b.done,
                    "names": b.names, "fixed": b.fixed, "added": b.added, "decision": b.decision,
                    "changes": [what for _at, what in b.changes]} for b in plan.batches]
        return {"list": "awards", "batch_size": event.settings.batch_size, "items": items, "batches": batches,
                "deliver_later": len(plan.later), "minutes_left": plan.minutes_left,
                "proposals": [{"batch": p.batch, "text": p.text} for p in plan.proposals],
                "pace_seconds_per_person": round(plan.seconds_per_person, 1), "pace_measured": plan.measured}
    segment = LIST_CHOICES[which]
    plan = plan_speeches(event, segment, present)
    items = [{
        "position": p.position, "batch": None, "key": p.item.key, "stt": p.item.n,
        "delegate_id": f"{p.item.delegate_id:04d}", "speaker": p.item.speaker, "unit": p.item.unit,
        "title": p.item.title, "field": p.item.field, "minutes": p.item.minutes, "reserve": p.item.reserve,
        "present": p.present, "status": p.status, "actual_minutes": p.actual_minutes, "proxy": None,
        "replaces": p.replaces or None, "reason": p.reason,
    } for p in plan.items]
    return {"list": which, "segment": segment, "budget_minutes": plan.budget, "used_minutes": plan.used,
            "planned_minutes": plan.planned_minutes, "items": items}


def order_text(data: dict) -> str:
    out: list[str] = []
    if data["list"] == "awards":
        out.append(f"Khen thưởng — đợt tối đa {data['batch_size']} người; còn khoảng {data['minutes_left']:g} phút "
                   f"({'nhịp đo được' if data['pace_measured'] else 'ước tính'}: {data['pace_seconds_per_person']:g} giây/người)")
        by_batch: dict = {}
        for it in data["items"]:
            by_batch.setdefault(it["batch"], []).append(it)
        for b in data["batches"]:
            state = "đã trao" if b["done"] else f"~{b['minutes']:g} phút" + (", đã chốt" if b.get("fixed") else "")
            extra = " (bổ sung)" if b.get("added") else ""
            out.append(f"\nĐợt {b['batch']}{extra}: {b['form']} — {b['size']} người — trao: {b['presenter'] or '(chưa có)'} "
                       f"[{b['presenter_reason']}] — {state}")
            if b.get("decision"):
                out.append(f"  {b['decision']}")
            out += [f"  ĐÃ ĐỔI: {what}" for what in b.get("changes", [])]
            for it in by_batch.get(b["batch"], []):
                who = f" (nhận: {it['called']})" if it["collective"] or it["proxy"] else ""
                out.append(f"  {it['position']:>3}. {it['recipient']}{who} — {it['reason']}")
        if data.get("proposals"):
            out.append("\nĐề xuất thay đổi các đợt đã chốt (duyệt: hoinghi award-approve [SỐ ĐỢT]):")
            out += [f"  - {p['text']}" for p in data["proposals"]]
        later = by_batch.get(None, [])
        if later:
            out.append(f"\nTrao sau ({len(later)}):")
            for it in later:
                out.append(f"   - {it['recipient']} — {it['form']} — {it['reason']}")
        return "\n".join(out)
    label = "Tham luận" if data["list"] == "speeches" else "Phát biểu hưởng ứng"
    out.append(f"{label} — thời lượng {data['budget_minutes']:g} phút; đã dùng {data['used_minutes']:g}; "
               f"đề xuất tổng {data['planned_minutes']:g} phút")
    names = {"given": "đã trình bày", "current": "đang trình bày", "pending": "đề xuất",
             "dropped": "không xếp", "reserve": "dự phòng"}
    for it in data["items"]:
        pos = f"{it['position']:>2}." if it["position"] else "  -"
        out.append(f"{pos} [{names[it['status']]}] {it['speaker']} — “{it['title']}” ({it['field']}, {it['minutes']:g} phút)"
                   f"\n      {it['reason']}")
    return "\n".join(out)


def cmd_order(args) -> int:
    event = open_event(args)
    if args.which == "guests":
        from console.ceremony import introductions as intro

        if args.json:
            items = intro.present_guests(event, set(event.delegates()) if args.all_present else None)
            print_json({"list": "guests", "items": [
                {"position": n, "delegate_id": it.delegate.code, "name": it.delegate.name, "group": it.group,
                 "line": it.label, "known": it.standing.known, "override": it.override}
                for n, it in enumerate(items, 1)], "warnings": intro.unranked(event)})
        else:
            print(intro.order_text(event))
        return 0
    data = order_json(event, args.which, args.all_present)
    print_json(data) if args.json else print(order_text(data))
    return 0


def cmd_approve(args) -> int:
    from console.ceremony import actions

    event = open_event(args)
    n = actions.approve(event, args.batch)
    print(f"Đã duyệt {n} thay đổi. In lại phiếu gọi các đợt đó và danh sách MC (hoinghi print-batch, print-mc-list)."
          if n else "Không có đề xuất thay đổi nào để duyệt.")
    return 0


def cmd_move(args) -> int:
    from console.ceremony import actions

    event = open_event(args)
    lst = LIST_CHOICES[args.which]
    if lst == "guests":
        from console.ceremony.actions import move_guest

        name = move_guest(event, args.item, -1 if args.direction == "up" else 1)
        print(f"Đã chuyển {name} {'lên' if args.direction == 'up' else 'xuống'} trong phần giới thiệu đại biểu.")
        return 0
    key = actions.resolve_key(event, lst, args.item)
    actions.move(event, lst, key, -1 if args.direction == "up" else 1)
    print(f"Đã chuyển {args.item} {'lên' if args.direction == 'up' else 'xuống'}.")
    return 0


def cmd_pin(args) -> int:
    from console.ceremony import actions

    event = open_event(args)
    lst = LIST_CHOICES[args.which]
    actions.pin(event, lst, actions.resolve_key(event, lst, args.item), not args.off)
    print("Đã bỏ ghim." if args.off else "Đã ghim: bài này luôn được giữ.")
    return 0


def cmd_drop(args) -> int:
    from console.ceremony import actions

    event = open_event(args)
    lst = LIST_CHOICES[args.which]
    actions.drop(event, lst, actions.resolve_key(event, lst, args.item), not args.undo)
    print("Đã lấy lại bài." if args.undo else "Đã bỏ bài này khỏi đề xuất.")
    return 0


def cmd_proxy(args) -> int:
    from console.ceremony import actions
    from console.ground.errors import UserError

    event = open_event(args)
    key = actions.resolve_key(event, "awards", args.item)
    if args.clear:
        actions.set_proxy(event, key, None)
        print("Đã xóa người nhận thay.")
        return 0
    if not args.proxy:
        raise UserError("Hãy ghi mã đại biểu nhận thay (ví dụ 0042), hoặc dùng --clear để xóa.")
    d = actions.resolve_delegate(event, args.proxy)
    actions.set_proxy(event, key, d.id)
    print(f"Đã ghi {d.name} ({d.code}) nhận thay." + ("" if d.id in event.day.present else
                                                       " Người này chưa có mặt: chỉ được gọi khi đã điểm danh."))
    return 0


def cmd_presenter(args) -> int:
    from console.ceremony import actions

    event = open_event(args)
    actions.set_presenter(event, args.batch, parse_delegate_id(args.delegate))
    print(f"Đã chọn người trao cho đợt {args.batch}.")
    return 0


def cmd_batch(args) -> int:
    from console.ceremony import actions

    event = open_event(args)
    if args.undo:
        n = actions.undo_batch(event)
        print(f"Đã hoàn tác đợt {n}." if n else "Chưa có đợt nào đã trao.")
        return 0
    n = actions.start_batch(event) if args.start else actions.batch_done(event)
    if n is None:
        print("Không còn đợt nào chờ trao.")
        return 0
    print(f"Đợt {n}: " + ("đã ghi giờ bắt đầu." if args.start else "đã trao xong."))
    return 0


def cmd_speech_start(args) -> int:
    from console.ceremony import actions

    event = open_event(args)
    lst = LIST_CHOICES[args.which]
    key = actions.resolve_key(event, lst, args.item) if args.item else None
    got = actions.start_speech(event, lst, key)
    print("Không còn bài nào trong đề xuất." if got is None else f"Bắt đầu bài {got}.")
    return 0


def cmd_speech_done(args) -> int:
    from console.ceremony import actions

    event = open_event(args)
    lst = LIST_CHOICES[args.which]
    key = actions.resolve_key(event, lst, args.item) if args.item else None
    got = actions.speech_done(event, lst, key, args.minutes)
    print("Không có bài nào đang trình bày." if got is None else f"Đã kết thúc bài {got}.")
    return 0


def _register_printouts(sub) -> None:
    p = sub.add_parser("print-batch", help="in giấy gọi lên sân khấu (và phiếu nhận khen thưởng của từng người) của một đợt trao thưởng")
    add_dir(p)
    p.add_argument("batch", nargs="?", type=int, default=None, help="số đợt (mặc định: đợt kế tiếp)")
    p.add_argument("--no-certificates", action="store_true", help="chỉ in giấy gọi, không in phiếu nhận khen thưởng")
    p.add_argument("--printer", default=None, help="tên máy in trong event.toml hoặc URI")
    add_desk(p)
    p.set_defaults(func=cmd_print_batch)

    p = sub.add_parser("print-mc-list", help="in danh sách các đợt còn lại cho người dẫn chương trình")
    add_dir(p)
    p.add_argument("--printer", default=None)
    add_desk(p)
    p.set_defaults(func=cmd_print_mc_list)


def cmd_print_batch(args) -> int:
    from console.ceremony.printouts import print_batch

    event = open_event(args)
    jobs = print_batch(event, args.batch, certificates=not args.no_certificates, printer=args.printer)
    print(f"Đã đưa {len(jobs)} tờ vào hàng in ({jobs[0].printer}). Chạy `hoinghi print-queue {args.dir} --run` "
          "nếu chưa có màn hình nào đang in.")
    return 0


def cmd_print_mc_list(args) -> int:
    from console.ceremony.printouts import print_mc_list

    event = open_event(args)
    jobs = print_mc_list(event, printer=args.printer)
    print(f"Đã đưa danh sách cho người dẫn chương trình vào hàng in ({jobs[0].printer}): {len(jobs)} tờ.")
    return 0
