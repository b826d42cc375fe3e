"""The control's steps: start, next, back, skip, jump, pause, resume, extend, approve.

Each is one journal line written through `event.transact`: the decision is made
under the journal lock after catching up with every other laptop, so two
controls pressing Next at once cannot both move from the same item unknowingly
(`expect` lets a screen say which item it was showing; if the day moved in
between, the step is refused rather than applied to the wrong item).
Every function returns a short Vietnamese sentence saying what happened.
"""

from __future__ import annotations

from console.agenda.run import MOVES, PENDING, agenda_lines, run_of
from console.agenda.substeps import Line, split_item
from console.agenda.timing import Item, items_of, load_agenda, minutes_text, upcoming, view
from console.ground.clock import hhmm
from console.ground.decision import Decision
from console.ground.errors import UserError

NOT_STARTED = "Chương trình chưa bắt đầu. Nhấn “Bắt đầu” (phím s) hoặc chạy `hoinghi step THƯ_MỤC start`."
CLOSED = "Chương trình đã kết thúc (đã qua mục cuối). Nhấn “Lùi” (phím b) nếu chuyển nhầm."


def _label(it: Item | None) -> str:
    return f"{it.position}. {it.title}" if it else "hết chương trình"


def _target_data(it: Item | None) -> dict:
    data = {"to": it.id if it else None, "title": it.title if it else "", "position": it.position if it else "",
            "substep_to": _sub_of(it.id) if it else None}
    if it is not None and it.sub is not None:  # its own minutes, kept as planned whatever happens next
        data["planned"] = round(it.planned_minutes, 2)
    return data


def _sub_of(item_id: str | None) -> str | None:
    """"tham_luan/speech:k3" → "speech:k3": the sub-step's key, as its source knows it."""
    return split_item(item_id)[1]


def _left_lines(ev, left_item: str | None) -> list[Line]:
    """What the sub-step's source writes when the agenda leaves it as done (an award batch:
    who was called). In the same journal transaction as the move, so a laptop killed in
    between cannot leave the agenda past a batch the ceremony still calls."""
    segment, sub = split_item(left_item)
    return list(ev.substeps.left(ev, segment, sub)) if sub else []


def _undone_lines(ev, left_item: str | None) -> list[Line]:
    """What the source writes when a Back undoes leaving a sub-step (an award batch goes back to the plan)."""
    segment, sub = split_item(left_item)
    return list(ev.substeps.undone(ev, segment, sub)) if sub else []


def _check_expect(state, expect: str | None) -> None:
    if expect is not None and state.current != expect:
        raise UserError("Chương trình vừa được chuyển từ một máy khác; màn hình đã cập nhật. "
                        "Hãy xem lại mục hiện tại rồi bấm lại nếu vẫn cần.")


def _items(ev, st) -> list[Item]:
    """The items as the screens have them (built once per journal line: a step pressed at the
    control then builds them once, for its new view, not also inside the journal's lock)."""
    return items_of(ev, load_agenda(ev), st)


def _one(event, decide) -> str:
    """One step: `decide(ev)` gives (lines, the sentence saying what happened)."""
    def run(ev) -> Decision[str]:
        lines, message = decide(ev)
        return Decision(lines, message)

    return event.transact(run)


def start(event) -> str:
    def decide(ev):
        st = run_of(ev)
        if st.started:
            raise UserError(f"Chương trình đã bắt đầu lúc {hhmm(st.opened_at)}. Dùng “Tiếp” để chuyển mục.")
        rest = upcoming(_items(ev, st), st)
        if not rest:
            raise UserError("Không còn mục nào để bắt đầu (mọi mục đã bị bỏ qua). Hãy lùi lại hoặc sửa agenda.toml.")
        return [("agenda_start", _target_data(rest[0]))], f"Bắt đầu: {_label(rest[0])}."
    return _one(event, decide)


def next_(event, expect: str | None = None) -> str:
    def decide(ev):
        st = run_of(ev)
        if not st.started:
            raise UserError(NOT_STARTED)
        if st.closed:
            raise UserError(CLOSED)
        _check_expect(st, expect)
        rest = upcoming(_items(ev, st), st)
        target = rest[0] if rest else None
        msg = f"Chuyển sang {_label(target)}." if target else "Đã qua mục cuối: chương trình kết thúc."
        return [*_left_lines(ev, st.current),
                ("agenda_next", {"from": st.current, "substep_from": _sub_of(st.current), **_target_data(target)})], msg
    return _one(event, decide)


def skip(event, expect: str | None = None) -> str:
    """The current item did not take place (or, before the start, the first one will not)."""
    def decide(ev):
        st = run_of(ev)
        if st.closed:
            raise UserError(CLOSED)
        _check_expect(st, expect)
        items = _items(ev, st)
        rest = upcoming(items, st)
        if not st.started:
            if not rest:
                raise UserError("Không còn mục nào để bỏ qua.")
            return ([("agenda_skip", {"from": None, "skipped": [rest[0].id], "skipped_title": rest[0].title,
                                      "to": None, "title": "", "position": ""})],
                    f"Sẽ bỏ qua {_label(rest[0])}.")
        target = rest[0] if rest else None
        cur = next((it for it in items if it.id == st.current), None)
        # "substep_skipped": the ceremony must not keep a skipped speech or batch running
        return ([("agenda_skip", {"from": None, "skipped": [st.current], "skipped_title": cur.title if cur else "",
                                  "substep_skipped": _sub_of(st.current), **_target_data(target)})],
                f"Bỏ qua {_label(cur)}; " + (f"chuyển sang {_label(target)}." if target else "chương trình kết thúc."))
    return _one(event, decide)


def back(event) -> str:
    def decide(ev):
        st = run_of(ev)
        if not st.can_back:
            if not st.started:
                raise UserError(NOT_STARTED)
            raise UserError("Đang ở mục đầu tiên của chương trình: chưa có bước chuyển nào để lùi lại.")
        undone = last_move_line(ev)
        data = {"undoes": undone.id if undone else None}
        if undone is not None:  # for the ceremony: the sub-step left is running again, the one entered is not
            data["substep_undo_done"] = undone.data.get("substep_from")
            data["substep_undo_start"] = undone.data.get("substep_to")
            data["substep_undo_skip"] = undone.data.get("substep_skipped")
        left = undone.data.get("from") if undone is not None else None  # a skip's is None: nothing was left done
        return ([("agenda_back", data), *_undone_lines(ev, left)],
                "Đã lùi lại bước vừa rồi; mục trước tiếp tục chạy với thời gian cũ.")
    return _one(event, decide)




def last_move_line(event):
    lines = agenda_lines(event)
    undone = {e.data.get("undoes") for e in lines if e.kind == "agenda_back"}
    live = [e for e in lines if e.kind in MOVES and e.id not in undone]
    return live[-1] if live else None


def jump(event, position: str, expect: str | None = None) -> str:
    def decide(ev):
        st = run_of(ev)
        if not st.started:
            raise UserError(NOT_STARTED)
        _check_expect(st, expect)
        items = _items(ev, st)
        target = resolve(items, st, position)
        if target.id == st.current:
            raise UserError(f"Đang ở mục {_label(target)} rồi.")
        # the item left counts as done, as with Next: the ceremony records it
        return ([*_left_lines(ev, st.current),
                 ("agenda_jump", {"from": st.current, "substep_from": _sub_of(st.current), **_target_data(target)})],
                f"Chuyển thẳng tới {_label(target)}.")
    return _one(event, decide)


def resolve(items: list[Item], state, position: str) -> Item:
    """"6" → segment 6 (its first sub-step not yet run), "4.2" → that sub-step."""
    pos = str(position).strip().rstrip(".")
    exact = [it for it in items if it.position == pos]
    if not exact:
        exact = [it for it in items if it.position.split(".")[0] == pos]
    if not exact:
        known = ", ".join(sorted({it.position.split(".")[0] for it in items}, key=lambda p: int(p)))
        raise UserError(f"Không có mục “{position}” trong chương trình. Các mục: {known}.")
    fresh = [it for it in exact if state.status(it.id) == PENDING]
    return (fresh or exact)[0]


def pause(event) -> str:
    def decide(ev):
        st = run_of(ev)
        if not st.started or st.closed:
            raise UserError(NOT_STARTED if not st.started else CLOSED)
        if st.paused:
            raise UserError("Đồng hồ đang tạm dừng rồi. Nhấn “Tiếp tục” (phím p) để chạy lại.")
        return [("agenda_pause", {"item": st.current})], "Tạm dừng đồng hồ."
    return _one(event, decide)


def resume(event) -> str:
    def decide(ev):
        st = run_of(ev)
        if not st.paused:
            raise UserError("Đồng hồ không tạm dừng.")
        return [("agenda_resume", {"item": st.current})], "Đồng hồ chạy tiếp."
    return _one(event, decide)


def extend(event, minutes: float = 1.0) -> str:
    def decide(ev):
        st = run_of(ev)
        if not st.started or st.closed or not st.current:
            raise UserError(NOT_STARTED if not st.started else CLOSED)
        if minutes == 0:
            raise UserError("Số phút thêm/bớt phải khác 0.")
        v = view(ev)
        cur = v.current
        if cur is not None and minutes < 0 and cur.sub is None and cur.segment.protected \
                and cur.minutes + minutes < cur.segment.min_minutes - 1e-9:
            raise UserError(f"Mục {_label(cur)} được giữ nguyên (protected): không bớt dưới "
                            f"{minutes_text(cur.segment.min_minutes)} phút (đang {minutes_text(cur.minutes)} phút).")
        if v.current and v.current.minutes + minutes < 0.5:
            raise UserError(f"Không bớt được {minutes_text(abs(minutes))} phút: mục này chỉ còn {minutes_text(v.current.minutes)} phút.")
        word = "Thêm" if minutes > 0 else "Bớt"
        return ([("agenda_extend", {"item": st.current, "minutes": minutes})],
                f"{word} {minutes_text(abs(minutes))} phút cho {_label(v.current)}.")
    return _one(event, decide)


def approve(event) -> str:
    """Apply the re-timing proposal the control is looking at (recomputed under the lock)."""
    def decide(ev):
        v = view(ev)
        if v.proposal is None:
            raise UserError(f"Không có đề xuất phân bổ lại thời gian (lệch {v.drift_minutes:+.0f} phút, "
                            "hoặc không còn mục co giãn nào chưa diễn ra).")
        p = v.proposal
        parts = "; ".join(f"{c.title}: {minutes_text(c.old)}→{minutes_text(c.new)} phút" for c in p.changes)
        after = round(p.drift_after)
        outcome = f"lệch còn {after:+d} phút" if after else "kết thúc đúng giờ"
        return ([("agenda_retime", {"allot": p.allot, "drift_before": p.drift_before, "drift_after": p.drift_after})],
                # The outcome first: at 80 columns the control shows two lines of this.
                f"Đã duyệt phân bổ lại, {outcome}: {parts}.")
    return _one(event, decide)


# Ready-made messages, on the control's keys 1–4 (the control can also type its own).
READY_MESSAGES = ("Còn 2 phút", "Mời giới thiệu bổ sung", "Đề nghị nói ngắn gọn", "Chuẩn bị đợt khen thưởng tiếp theo")


def send_message(event, text: str) -> str:
    """A short message to the MC's screen, journaled; it stays up until cleared."""
    from console.agenda.run import MESSAGE_MAX, message_text

    clean = message_text(text)
    if not clean:
        raise UserError("Tin nhắn trống: hãy gõ vài chữ cho người dẫn (ví dụ “Còn 2 phút”).")
    if len(" ".join(str(text).split())) > MESSAGE_MAX:
        raise UserError(f"Tin nhắn dài quá {MESSAGE_MAX} ký tự: người dẫn phải đọc được trong một cái liếc. Hãy viết ngắn lại.")

    def decide(ev):
        return [("cue_message", {"text": clean})], f"Đã gửi lên màn hình MC: “{clean}”."
    return _one(event, decide)


def clear_message(event) -> str:
    def decide(ev):
        if run_of(ev).message is None:
            raise UserError("Màn hình MC không có tin nhắn nào để xóa.")
        return [("cue_clear", {})], "Đã xóa tin nhắn trên màn hình MC."
    return _one(event, decide)


STEPS = {"start": start, "next": next_, "back": back, "skip": skip, "pause": pause, "resume": resume,
         "extend": extend, "approve": approve}
