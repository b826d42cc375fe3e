"""A whole morning on the demo event, through the real modules: the door, the agenda, the vote.

Used by the papers' tests (numbers read back across every paper) and to render
the demo's outputs for `docs/shots/` (`python -m data.demo_day FOLDER`):
most delegates scanned in at two desks, a walk-in, an undo, a delegate leaving
early, every agenda item stepped through with its own minutes (the speeches, the
award batches, the responses), the item-9 vote, the closing.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from console.ground.clock import VN_TZ, FakeClock

DAY_START = datetime(2020, 4, 15, 7, 0, tzinfo=VN_TZ)
LISTS_IMPORTED = datetime(2020, 4, 13, 15, 20, tzinfo=VN_TZ)  # the lists came in two days before


def run_day(event, clock: FakeClock) -> dict:
    from console.agenda import steps
    from console.agenda.run import run_of
    from console.door import checkin
    from console.door.tokens import make_token
    from console.record import vote

    everyone = event.delegates()
    exemplary = sorted(i for i, d in everyone.items() if d.exemplary)
    guests = sorted(i for i, d in everyone.items() if not d.exemplary)
    came = exemplary[:-8] + guests[:-4]
    for n, i in enumerate(came):
        clock.advance(seconds=9)
        if n % 4:
            checkin.scan(event, make_token(event.secret, i, 1), desk="ban-1" if n % 2 else "ban-2")
        else:
            checkin.checkin_delegate(event, i, desk="ban-2")
    clock.advance(minutes=1)
    walk = checkin.register_walk_in(event, name="Triệu Văn Khách", unit="UBND xã Nà Mò", category="khach_moi",
                                    gender="nam", birth_year=1970, position="Phó Chủ tịch", desk="ban-1",
                                    reason="Được mời bổ sung")
    clock.advance(minutes=1)
    checkin.undo_checkin(event, guests[0], "quét nhầm thẻ", desk="ban-2")
    clock.advance(minutes=10)
    steps.start(event)
    left = exemplary[1]
    minutes_for = {"tham_luan": 8, "khen_thuong": 4, "huong_ung": 5}
    step = 0
    while True:
        st = run_of(event)
        if st.closed:
            break
        cur = st.current or ""
        seg = cur.split("/", 1)[0]
        if seg == "thong_qua" and not vote.state(event).ballots:
            proposed = [i for i in exemplary if i in event.day.present][2:8]
            vote.propose(event, proposed, desk="thu-ky")
            clock.advance(minutes=3)
            present = vote.rules_from_settings(event.settings).counts(event)[0]
            vote.record(event, present - 4, 3, 1, desk="thu-ky")
        clock.advance(minutes=minutes_for.get(seg, 9 if "/" not in cur else 6))
        if step == 12:
            checkin.checkout(event, left, desk="ban-1")
        steps.next_(event)
        step += 1
    return {"came": came, "walk_in": walk.delegate.id, "undone": guests[0], "left": left}


ROLES = {"presider": "Nguyễn Hữu Nghĩa", "secretary": "Hoàng Thị Bích Ngọc", "reporter": "Bế Hồng Ấn",
         "launcher": "Nguyễn Hữu Nghĩa"}


def with_roles(folder: Path) -> None:
    """Who presides, keeps the minutes, reports and launches: [roles] in event.toml, as an office writes it."""
    path = Path(folder) / "event.toml"
    lines = ["", "[roles]"] + [f'{k} = "{v}"' for k, v in ROLES.items()]
    path.write_text(path.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    from console.cli.demo import create_demo
    from console.event import Event

    folder = Path(argv[0] if argv else "hoinghi-demo-day")
    create_demo(folder, clock=FakeClock(LISTS_IMPORTED))
    with_roles(folder)
    clock = FakeClock(DAY_START)
    event = Event(folder, desk="ban-1", clock=clock)
    run_day(event, clock)
    print(f"Đã chạy một buổi hội nghị mẫu trong {folder} ({len(event.journal.entries)} dòng nhật ký).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
