"""The demo's kịch bản with every optional part switched on, for `docs/kich-ban-demo.md`.

`python -m data.demo_script [OUT.md]`: a fresh demo folder in a temporary
directory, agenda.toml rewritten with the parts real scripts add (Ổn định tổ
chức, Chào cờ, Bầu Đoàn Chủ tịch/Đoàn Thư ký, Thông qua chương trình, Phát biểu
chỉ đạo), the roles named, the guests and most delegates checked in at the door,
the item-9 list proposed — then `hoinghi script` as the MC would print it.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path

from console.ground.clock import VN_TZ, FakeClock

ROLES = {
    "presider": "Nguyễn Hữu Nghĩa, Chủ tịch LĐLĐ huyện Nà Lương",
    "reporter": "Bế Hồng Ẩn, Phó Chủ tịch LĐLĐ huyện Nà Lương",
    "presidium": "Nguyễn Hữu Nghĩa, Chủ tịch LĐLĐ huyện; Bế Hồng Ẩn, Phó Chủ tịch LĐLĐ huyện; "
                 "Hoàng Hữu Hòa, Trưởng phòng Giáo dục và Đào tạo huyện",
    "secretariat": "Lý Thị Thu Hà, cán bộ LĐLĐ huyện; Ma Văn Tú, Chủ tịch CĐCS Trường THCS Thôm Mò",
}


def demo_script(folder: Path) -> str:
    from console.agenda.defaults import EXTRA_PARTS
    from console.agenda.plan import render_default_agenda
    from console.agenda.script import script, to_markdown
    from console.cli.demo import create_demo
    from console.door import checkin
    from console.record import vote

    clock = FakeClock(datetime(2020, 4, 15, 7, 0, tzinfo=VN_TZ))
    event = create_demo(folder, clock=clock)
    text = render_default_agenda(event.settings.level, frozenset(EXTRA_PARTS))
    for key, value in ROLES.items():
        text = text.replace(f'{key} = ""', f'{key} = "{value}"', 1)
    (Path(folder) / "agenda.toml").write_text(text, encoding="utf-8")
    everyone = event.delegates()
    exemplary = sorted(i for i, d in everyone.items() if d.exemplary)
    guests = sorted(i for i, d in everyone.items() if not d.exemplary)
    for i in guests[:-3] + exemplary[:-9]:  # a few guests and nine delegates do not come
        clock.advance(seconds=4)
        checkin.checkin_delegate(event, i, desk="ban-1")
    vote.propose(event, [i for i in exemplary if i in event.day.present][2:10], desk="thu-ky")
    return to_markdown(script(event))


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("docs/kich-ban-demo.md")
    with tempfile.TemporaryDirectory() as tmp:
        out.write_text(demo_script(Path(tmp) / "demo"), encoding="utf-8")
    print(f"Đã ghi {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
