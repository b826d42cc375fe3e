"""checkin, undo, checkout, walkin, tokens — the registration desk without a screen."""

from __future__ import annotations

from console.cli.common import add_desk, add_dir, add_json, open_event, parse_delegate_id, print_json


def register(sub) -> None:
    p = sub.add_parser("checkin", help="điểm danh bằng mã quét (đúng đường đi của máy quét)")
    add_dir(p)
    p.add_argument("payload", metavar="MÃ")
    add_desk(p)
    add_json(p)
    p.set_defaults(func=cmd_checkin)

    p = sub.add_parser("undo", help="hủy một lượt điểm danh (nhật ký giữ cả hai dòng)")
    add_dir(p)
    p.add_argument("delegate_id", metavar="MÃ_ĐB")
    p.add_argument("--reason", required=True, help="lý do (quét nhầm, nhầm người …)")
    add_desk(p)
    p.set_defaults(func=cmd_undo)

    p = sub.add_parser("checkout", help="đánh dấu đại biểu rời hội trường")
    add_dir(p)
    p.add_argument("delegate_id", metavar="MÃ_ĐB")
    add_desk(p)
    p.set_defaults(func=cmd_checkout)

    p = sub.add_parser("walkin", help="đăng ký và điểm danh khách vãng lai hoặc đại biểu bổ sung")
    add_dir(p)
    p.add_argument("--name", required=True)
    p.add_argument("--unit", required=True)
    p.add_argument("--category", required=True, help="tap_the | ca_nhan | khach_moi (hoặc “Khách mời” …)")
    p.add_argument("--reason", default="", help="lý do; với đại biểu bổ sung: số quyết định")
    p.add_argument("--position", default="")
    p.add_argument("--gender", default="", help="Nam | Nữ")
    p.add_argument("--birth-year", default=None, metavar="NĂM")
    p.add_argument("--ethnicity", default="", metavar="DÂN_TỘC")
    p.add_argument("--supplementary", action="store_true",
                   help="đại biểu bổ sung theo quyết định (tính vào danh sách triệu tập, không phải khách vãng lai)")
    add_desk(p)
    add_json(p)
    p.set_defaults(func=cmd_walkin)

    p = sub.add_parser("tokens", help="mã thẻ (QR) của từng đại biểu")
    add_dir(p)
    add_json(p)
    p.set_defaults(func=cmd_tokens)


def cmd_checkin(args) -> int:
    from console.door.checkin import CHECKED_IN, NOT_A_CODE, UNKNOWN, scan

    event = open_event(args)
    result = scan(event, args.payload)
    if result.result == NOT_A_CODE:  # the CLI has no name search: an unknown code
        result.result, result.message = UNKNOWN, "Không phải mã thẻ của hội nghị này. Hãy tìm theo tên ở màn hình bàn đón tiếp."
    if args.json:
        print_json(result.as_json())
    else:
        print(result.message)
    return 0 if result.result in (CHECKED_IN, "already_checked_in") else 1


def cmd_undo(args) -> int:
    from console.door.checkin import undo_checkin

    event = open_event(args)
    print(undo_checkin(event, parse_delegate_id(args.delegate_id), args.reason))
    return 0


def cmd_checkout(args) -> int:
    from console.door.checkin import checkout

    event = open_event(args)
    print(checkout(event, parse_delegate_id(args.delegate_id)))
    return 0


def cmd_walkin(args) -> int:
    from console.door.checkin import register_walk_in

    event = open_event(args)
    result = register_walk_in(event, name=args.name, unit=args.unit, category=args.category,
                              reason=args.reason, position=args.position, gender=args.gender,
                              birth_year=args.birth_year, ethnicity=args.ethnicity, supplementary=args.supplementary)
    if args.json:
        print_json(result.as_json())
    else:
        print(result.message)
    return 0


def token_rows(event) -> list[dict]:
    from console.door.tokens import human_code, make_token

    rows = []
    for d in sorted(event.delegates().values(), key=lambda d: d.id):
        v = event.day.version_of(d.id)
        rows.append({"delegate_id": d.code, "name": d.name, "unit": d.unit, "category": d.category,
                     "version": v, "token": make_token(event.secret, d.id, v),
                     "code": human_code(event.secret, d.id, v)})
    return rows


def cmd_tokens(args) -> int:
    event = open_event(args)
    rows = token_rows(event)
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['delegate_id']}  {r['token']}  {r['code']}  {r['name']} — {r['unit']}")
    return 0
