"""Every manual adjustment and every "it happened" of the ceremony: one journal line each.

Each decision is taken inside `event.transact`, so it sees what other desks
wrote a moment ago (a batch marked done elsewhere is not marked twice).
The screen and the CLI call only these functions.
"""

from __future__ import annotations

from console.ceremony.awards import freeze_line, plan_awards, presenter_choices
from console.ceremony.introductions import GUESTS_LIST, present_guests
from console.ceremony.order import moved
from console.ceremony.speeches import plan_speeches
from console.ceremony.state import state_of
from console.ground.decision import Decision
from console.ground.errors import UserError
from console.ground.text import canonical, fold

LISTS = ("awards", "tham_luan", "huong_ung")


def resolve_key(event, lst: str, ref: str) -> str:
    """An item by its key ("a1b2c3d"), its row number in the list (STT) or, for awards, a name."""
    table = "awards" if lst == "awards" else "speeches"
    docs = event.roster_store.table_docs(table)
    ref = str(ref).strip()
    for d in docs:
        if d["key"] == ref:
            return ref
    if ref.isdigit():
        for d in docs:
            if int(d.get("n", 0)) == int(ref):
                return d["key"]
    hits = [d for d in docs if canonical(d.get("recipient") or d.get("speaker", "")) == canonical(ref)]
    if len(hits) == 1:
        return hits[0]["key"]
    what = "khen thưởng" if table == "awards" else "tham luận"
    raise UserError(f"Không thấy “{ref}” trong danh sách {what}. Dùng số thứ tự (STT) hoặc mã ở cột “key” "
                    f"của `hoinghi order`.")


def resolve_delegate(event, ref: str):
    ref = str(ref).strip()
    everyone = event.delegates()
    if ref.lstrip("#").isdigit() and int(ref.lstrip("#")) in everyone:
        return everyone[int(ref.lstrip("#"))]
    hits = [d for d in everyone.values() if canonical(d.name) == canonical(ref)] or \
        [d for d in everyone.values() if fold(ref) and fold(ref) in fold(d.name)]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise UserError(f"Không có đại biểu “{ref}”. Ghi mã (ví dụ 0042) hoặc họ tên đầy đủ.")
    raise UserError(f"“{ref}” trùng {len(hits)} người ({', '.join(d.code for d in hits[:5])}). Hãy ghi mã đại biểu.")


def move_guest(event, ref: str, delta: int) -> str:
    """Move a guest up (−1) or down (+1) in the introduction; journaled like the other lists' moves."""
    d = resolve_delegate(event, ref)

    def decide(ev):
        order = [str(it.delegate.id) for it in present_guests(ev)]
        if str(d.id) not in order:
            raise UserError(f"{d.name} ({d.code}) không phải khách mời đang có mặt: chỉ đổi chỗ được người sẽ được giới thiệu.")
        i = order.index(str(d.id))
        j = max(0, min(len(order) - 1, i + delta))
        if i == j:
            return []
        order.insert(j, order.pop(i))
        return [("ceremony_order", {"list": GUESTS_LIST, "keys": order, "moved": str(d.id), "delta": delta})]

    event.transact(decide)
    return d.name


def _write(event, kind: str, data: dict) -> None:
    event.transact(lambda ev: [(kind, data)])


def move(event, lst: str, key: str, delta: int) -> None:
    """Move one item up (-1) or down (+1) among the items that will be called."""
    state_of(event)

    def decide(ev):
        if lst == "awards":
            plan = plan_awards(ev)
            keys = plan.order_keys
            visible = [p.item.key for b in plan.pending_batches for p in b.awards]
        else:
            plan = plan_speeches(ev, lst)
            keys = plan.order_keys
            visible = keys
        if key not in visible:
            raise UserError("Chỉ đổi chỗ được mục đang chờ gọi (không phải mục đã xong, vắng mặt hay trao sau).")
        i = visible.index(key)
        j = max(0, min(len(visible) - 1, i + delta))
        if i == j:
            return []
        target = visible[j]
        new = [k for k in keys if k != key]
        at = new.index(target) + (1 if delta > 0 else 0)
        new.insert(at, key)
        return [("ceremony_order", {"list": lst, "keys": new, "moved": key, "delta": delta})]

    event.transact(decide)


def pin(event, lst: str, key: str, pinned: bool = True) -> None:
    _write(event, "ceremony_pin", {"list": lst, "key": key, "pinned": pinned})


def drop(event, lst: str, key: str, dropped: bool = True) -> None:
    _write(event, "ceremony_drop", {"list": lst, "key": key, "dropped": dropped})


def _fixed(plan, number: int):
    return next((b for b in plan.pending_batches if b.number == number and b.fixed), None)


def set_proxy(event, key: str, proxy_id: int | None) -> None:
    """A named proxy; in a batch the MC already has, it is an approved change of that batch too."""
    if proxy_id is not None and event.get(proxy_id) is None:
        raise UserError(f"Không có đại biểu mã {proxy_id:04d}.")

    def decide(ev):
        lines = [("ceremony_proxy", {"key": key, "proxy_id": proxy_id})]
        fixed = next((b for b in plan_awards(ev).pending_batches if b.fixed and key in [a.item.key for a in b.awards]), None)
        if fixed is not None:
            a = next(a for a in fixed.awards if a.item.key == key)
            who = ev.get(proxy_id).name if proxy_id is not None else ""
            lines.append(("ceremony_change", {"batch": fixed.number, "proxies": {key: proxy_id},
                                              "note": f"{who} nhận thay {a.item.recipient}" if who
                                              else f"{a.item.recipient} tự lên nhận"}))
        return lines

    event.transact(decide)


def approve(event, batch: int | None = None) -> int:
    """Approve the changes the hall forced on fixed batches (all, or one batch's); how many."""
    def decide(ev) -> Decision[int]:
        props = [p for p in plan_awards(ev).proposals if batch is None or p.batch == batch]
        return Decision([("ceremony_change", p.change) for p in props], len(props))

    return event.transact(decide)


def cycle_presenter(event, batch_number: int) -> str:
    """Give a batch the next present leader in protocol order; returns the new name."""
    def decide(ev) -> Decision[str]:
        plan = plan_awards(ev)
        b = next((b for b in plan.pending_batches if b.number == batch_number), None)
        if b is None:
            raise UserError(f"Không có đợt {batch_number} đang chờ trao.")
        pool = [d for d in presenter_choices(ev) if d.id not in {a.called_id for a in b.awards}]
        if not pool:
            raise UserError("Chưa có lãnh đạo, khách mời nào có mặt để trao thưởng.")
        ids = [d.id for d in pool]
        nxt = pool[(ids.index(b.presenter_id) + 1) % len(pool)] if b.presenter_id in ids else pool[0]
        return Decision(_presenter_lines(b, nxt.id, nxt.name), nxt.name)

    return event.transact(decide)


def set_presenter(event, batch_number: int, delegate_id: int) -> None:
    def decide(ev):
        b = next((b for b in plan_awards(ev).pending_batches if b.number == batch_number), None)
        if b is None:
            raise UserError(f"Không có đợt {batch_number} đang chờ trao.")
        if delegate_id not in ev.day.present:
            raise UserError("Người trao thưởng phải đang có mặt trong hội trường.")
        return _presenter_lines(b, delegate_id, ev.get(delegate_id).name)

    event.transact(decide)


def _presenter_lines(b, delegate_id: int, name: str) -> list:
    lines = [("ceremony_presenter", {"slot": b.slot, "batch": b.number, "delegate_id": delegate_id})]
    if b.fixed:  # the MC has this batch: the change is marked and the papers reprinted
        lines.append(("ceremony_change", {"batch": b.number, "presenter_id": delegate_id,
                                          "note": f"người trao: {name}" + (f" thay {b.presenter_name}"
                                                                           if b.presenter_name else "")}))
    return lines


def start_batch(event) -> int | None:
    """The next batch is on stage now (its time is measured from here)."""
    def decide(ev) -> Decision[int | None]:
        st = state_of(ev)
        nxt = plan_awards(ev).pending_batches
        if not nxt:
            return Decision()
        b = nxt[0]
        if b.number in st.batch_started:
            return Decision(value=b.number)
        fix = freeze_line(ev, plan_awards(ev), "batch_start")  # the first batch is up: the rest stays as it is
        return Decision(([fix] if fix else []) + [("ceremony_batch_start", {"batch": b.number,
                                                                            "keys": [a.item.key for a in b.awards]})],
                        b.number)

    return event.transact(decide)


def batch_done_line(ev, number: int | None = None) -> tuple[int, tuple[str, dict]] | None:
    """(batch number, journal line) closing the first pending batch, or pending batch `number`.

    Call it under the journal lock (inside a `decide`): another desk may have closed it already.
    """
    nxt = plan_awards(ev).pending_batches
    if number is not None:
        nxt = [b for b in nxt if b.number == number]
    if not nxt:
        return None
    b = nxt[0]
    return b.number, ("ceremony_batch_done", {
        "batch": b.number, "form": b.form, "keys": [a.item.key for a in b.awards],
        "called": {a.item.key: a.called_id for a in b.awards},
        "proxies": {a.item.key: a.proxy_id for a in b.awards if a.proxy_id is not None},
        "presenter_id": b.presenter_id,
    })


def batch_done(event, number: int | None = None) -> int | None:
    """The first pending batch (or pending batch `number`) has been presented, as it stands now."""
    def decide(ev) -> Decision[int | None]:
        found = batch_done_line(ev, number)
        if found is None:
            return Decision()
        n, line = found
        fix = freeze_line(ev, plan_awards(ev), "batch_done")  # marking one done leaves the others as they are
        return Decision(([fix] if fix else []) + [line], n)

    return event.transact(decide)


def undo_batch(event) -> int | None:
    """Take back the last "batch done" (pressed too early or by mistake)."""
    def decide(ev) -> Decision[int | None]:
        st = state_of(ev)
        if not st.done_batches:
            return Decision()
        n = st.done_batches[-1].number
        return Decision([("ceremony_batch_undo", {"batch": n})], n)

    return event.transact(decide)


def undo_speech(event, segment: str = "tham_luan") -> str | None:
    """Take back the latest speech event of a segment: its "done", else its "start"."""
    def decide(ev) -> Decision[str | None]:
        st = state_of(ev)
        plan = plan_speeches(ev, segment)
        current = [p.item.key for p in plan.items if p.status == "current"]
        given = [p.item.key for p in plan.items if p.status == "given"]
        key = current[0] if current else (given[-1] if given else None)
        if key is None:
            return Decision()
        what = "start" if key in current and key not in st.speech_done else "done"
        return Decision([("ceremony_speech_undo", {"list": segment, "key": key, "undoes": what})], key)

    return event.transact(decide)


def start_speech(event, segment: str = "tham_luan", key: str | None = None) -> str | None:
    def decide(ev) -> Decision[str | None]:
        plan = plan_speeches(ev, segment)
        if any(p.status == "current" for p in plan.items):
            raise UserError("Đang có người trình bày. Hãy kết thúc bài đó trước.")
        pending = [p for p in plan.items if p.status == "pending"]
        chosen = next((p for p in pending if p.item.key == key), None) if key else (pending[0] if pending else None)
        if chosen is None:
            return Decision()
        return Decision([("ceremony_speech_start", {"list": segment, "key": chosen.item.key})], chosen.item.key)

    return event.transact(decide)


def speech_done(event, segment: str = "tham_luan", key: str | None = None, minutes: float | None = None) -> str | None:
    def decide(ev) -> Decision[str | None]:
        plan = plan_speeches(ev, segment)
        cur = [p for p in plan.items if p.status == "current" and (key is None or p.item.key == key)]
        if cur:
            data = {"list": segment, "key": cur[0].item.key}
            if minutes is not None:
                data["minutes"] = minutes
            return Decision([("ceremony_speech_done", data)], cur[0].item.key)
        if key is not None and minutes is not None:  # recorded afterwards, from a paper note
            return Decision([("ceremony_speech_done", {"list": segment, "key": key, "minutes": float(minutes)})], key)
        return Decision()

    return event.transact(decide)


__all__ = ["LISTS", "approve", "batch_done", "batch_done_line", "cycle_presenter", "drop", "move", "moved", "pin",
           "resolve_delegate", "resolve_key", "set_presenter", "set_proxy", "speech_done", "start_batch",
           "start_speech", "undo_batch", "undo_speech"]
