"""`hoinghi bench`: every speed figure of the console, measured on this machine."""

from __future__ import annotations

from console.cli.common import add_json, print_json


def register(sub) -> None:
    p = sub.add_parser("bench", help="đo tốc độ trên máy này (quét, tìm, ghi, nhập, khởi động, in)")
    p.add_argument("--sizes", default="150,1000,5000,20000", help="số đại biểu, cách nhau bởi dấu phẩy")
    p.add_argument("--quick", action="store_true", help="ít mẫu hơn (chạy thử)")
    add_json(p)
    p.set_defaults(func=cmd_bench)


def cmd_bench(args) -> int:
    from console.bench.run import format_table, run
    from console.ground.errors import UserError

    try:
        sizes = tuple(int(x) for x in args.sizes.split(",") if x.strip())
        if not sizes or min(sizes) <= 0:
            raise ValueError
    except ValueError:
        raise UserError("--sizes phải là các số nguyên dương cách nhau bởi dấu phẩy, ví dụ 150,1000,5000.") from None
    result = run(sizes, quick=args.quick)
    if args.json:
        print_json(result)
    else:
        print(format_table(result))
    return 0
