"""UI figures for `hoinghi bench`: app start to ready-to-scan, a scan through the screen, the
cue's refresh, another desk's scan seen, and the worst UI-thread call of a simulated day.

Measured headless with `App.run_test()` (the same event loop, widgets and compositor
as a terminal; only the final write to the terminal is skipped). Each badge is typed as a
keyboard-wedge scanner types it — one key every 5 ms, each handled as it arrives — and
the clock starts at Enter, once the field holds the payload:
  key   — per key, from sending it to the scan field showing it (below the gap: no backlog);
  held  — from the Enter key event to the desk screen holding the result;
  frame — from the Enter key event to the first frame composed after that (what the
          terminal would be sent: the result on screen).
The first badge is scanned the moment the desk is ready, so `held[0]` is "the first
scan after start" (the name index may still be building in its worker then).

The day (`day_figures`): `hoinghi open` driven through its keyboard while every callback the
asyncio loop runs is timed (LoopCalls); the worst are named by task, messages and action.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from textual import events


async def _wait(cond, timeout: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout
    while not cond():
        if time.perf_counter() > deadline:
            raise TimeoutError("the desk did not show the scan in time")
        await asyncio.sleep(0)


KEY_GAP_S = 0.005  # a keyboard-wedge scanner: one key every 4–8 ms


async def _type_badge(driver, field, token: str, gap: float, keys_ms: list[float]) -> None:
    """Type `token` into `field` as a scanner does: one key every `gap` seconds, each handled as
    it arrives. `keys_ms` gets, per key, the time from sending it to the field showing it."""
    loop = asyncio.get_running_loop()
    start = field.value
    due = loop.time()
    for i, ch in enumerate(token, start=1):
        sent = time.perf_counter()
        driver.send_message(events.Key(ch.lower() if ch.isalpha() else ch, ch))
        want = start + token[:i]
        await _wait(lambda want=want: field.value == want)
        keys_ms.append((time.perf_counter() - sent) * 1000)
        due += gap
        delay = due - loop.time()
        if delay > 0:  # a slower handling than the gap only shifts the next key (seen in keys_ms)
            await asyncio.sleep(delay)


async def _desk_run(folder: Path, tokens: list[tuple[int, str]], gap: float = KEY_GAP_S) -> dict:
    from .app import make_app

    t0 = time.perf_counter()
    app = make_app(folder, mode="desk", role="desk", desk="bench")
    held: list[float] = []
    framed: list[float] = []
    frames: list[float] = []
    keys_ms: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        real_display = app._display

        def display(screen, renderable) -> None:  # every composed frame, as sent to a terminal
            real_display(screen, renderable)
            if renderable is not None:
                frames.append(time.perf_counter())

        app._display = display
        await _wait(lambda: type(app.screen).__name__ == "DeskScreen" and app.screen.focused is not None
                    and app.screen.focused.id == "desk-scan")
        ready_ms = (time.perf_counter() - t0) * 1000
        driver = app._driver
        field = app.screen.focused
        for did, token in tokens:
            # The payload typed key by key, as a keyboard-wedge scanner does (through the
            # driver's queue, as the terminal delivers keys); the clock starts at Enter, once
            # the field holds the whole payload.
            await _type_badge(driver, field, token, gap, keys_ms)
            t1 = time.perf_counter()
            driver.send_message(events.Key("enter", "\r"))

            def shown(did=did) -> bool:
                last = getattr(app.screen, "last", None)
                return last is not None and last.delegate is not None and last.delegate.id == did

            await _wait(shown)
            t_held = time.perf_counter()
            held.append((t_held - t1) * 1000)
            await _wait(lambda t_held=t_held: bool(frames) and frames[-1] >= t_held)
            framed.append((next(f for f in frames if f >= t_held) - t1) * 1000)
            await pilot.pause()
            await asyncio.sleep(0.02)  # the next badge is held to the reader a moment later
        await app.workers.wait_for_complete()
    return {"ready_ms": ready_ms, "scan_to_screen_ms": held, "scan_to_frame_ms": framed, "key_ms": keys_ms,
            "key_gap_ms": gap * 1000}


def desk_figures(folder: Path, tokens: list[tuple[int, str]], gap: float = KEY_GAP_S) -> dict:
    """A desk scanning `tokens` as a scanner types them (a key every `gap` s): Enter → held,
    Enter → frame, and each key's handling (sent → shown in the field)."""
    return asyncio.run(_desk_run(Path(folder), tokens, gap))


def _desk_writer(folder: str, desk: str, ids: list[int], out, go) -> None:
    """One desk process scanning its badges, saying when each was acknowledged (on disk)."""
    import random

    from console.door.checkin import scan
    from console.door.tokens import make_token
    from console.event import Event

    ev = Event(Path(folder), desk=desk)
    rng = random.Random(desk)
    go.wait(120)
    for did in ids:
        time.sleep(rng.uniform(0.02, 0.08))  # a busy door: a badge every 20–80 ms at each desk
        scan(ev, make_token(ev.secret, did), desk=desk)
        out.put((did, time.time()))


async def _watch_run(folder: Path, ids: list[int], desks: int, out, go) -> list[float]:
    from .app import make_app

    app = make_app(folder, mode="desk", role="desk", desk="watcher")
    seen: dict[int, float] = {}
    async with app.run_test(size=(80, 24)):
        await _wait(lambda: type(app.screen).__name__ == "DeskScreen")
        watch = getattr(app, "folder_watch", None)
        await _wait(lambda: watch is None or watch.active or not watch.started, 5)
        await asyncio.sleep(0.2)
        screen = app.screen
        real = screen.refresh_view

        def refresh_view() -> None:  # the watcher's screen redrawn with the new check-ins
            real()
            now = time.time()
            for did in app.event.day.present:
                seen.setdefault(did, now)

        screen.refresh_view = refresh_view
        go.set()
        await _wait(lambda: all(did in seen for did in ids), 60)
    written = [out.get(timeout=10) for _ in ids]
    return [(seen[did] - t) * 1000 for did, t in written]


def visibility_figures(folder: Path, ids: list[int], desks: int = 4) -> list[float]:
    """ms from a check-in acknowledged at one of `desks` desk processes (each scanning a badge
    every 20–80 ms) to a watcher desk's screen redrawn with it. (Near 0 is real: the watcher
    is told when the line is written, often before the writer's own fsync returns.)"""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")  # (the desks start before the app: no fork of a running loop)
    out, go = ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=_desk_writer, args=(str(folder), f"ban-{k + 1}", ids[k::desks], out, go))
             for k in range(desks)]
    for p in procs:
        p.start()
    try:
        return asyncio.run(_watch_run(Path(folder), ids, desks, out, go))
    finally:
        go.set()
        for p in procs:
            p.join(20)
            if p.is_alive():
                p.terminate()


async def _cue_run(folder: Path, ticks: int, rebuilds: int) -> dict:
    from .app import make_app

    app = make_app(folder, mode="cue", role="cue", desk="bench-cue")
    tick_ms: list[float] = []
    rebuild_ms: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        await _wait(lambda: type(app.screen).__name__ == "CueScreen")
        await pilot.pause()
        screen = app.screen
        for _ in range(ticks):  # what the one-second timer runs: nothing changed but the clock
            t0 = time.perf_counter()
            screen.refresh_view()
            tick_ms.append((time.perf_counter() - t0) * 1000)
        for _ in range(rebuilds):  # after a journal line or a roster reload: the items are built again
            app.event._items_cache = None
            t0 = time.perf_counter()
            screen.refresh_view()
            rebuild_ms.append((time.perf_counter() - t0) * 1000)
    return {"tick_ms": tick_ms, "rebuild_ms": rebuild_ms}


def cue_figures(folder: Path, ticks: int = 30, rebuilds: int = 10) -> dict:
    """ms of the cue's refresh on the UI thread: a tick (view cached) and a rebuild (items built again)."""
    return asyncio.run(_cue_run(Path(folder), ticks, rebuilds))


# --- a simulated day: the worst call the UI thread runs -----------------------------------

class LoopCalls:
    """Times every callback the asyncio loop runs (`Handle._run`: a task's step, a timer, a
    call_soon) while installed — bench-only — and names the slow ones: the task (Textual names
    each widget's message pump and each timer) and the messages it handled in that step."""

    SLOW_MS = 4.0  # a call this long or longer is named (naming every call would cost the loop)

    def __init__(self, skip_task: str = "bench-day") -> None:
        self.skip_task = skip_task
        self.ms: list[float] = []
        self.slow: list[tuple[float, str]] = []
        self.phase = "day"  # "first_show": each screen shown for the first time (built, styled, mounted)
        self.by_phase: dict[str, list[float]] = {}
        self._step: list[str] | None = None
        self._saved: tuple | None = None

    @staticmethod
    def _message_name(message) -> str:
        name = type(message).__name__
        if isinstance(message, events.Key):
            return f"Key({message.key})"
        callback = getattr(message, "callback", None)
        if callback is not None:
            return f"{name}({getattr(callback, '__qualname__', type(callback).__name__)})"
        return name

    @staticmethod
    def _task_label(name: str) -> str:
        if name.startswith("run_test "):
            return "App"  # the app's own message pump (its task is named after run_test)
        if name.startswith("message pump "):
            return name[len("message pump "):].split("(", 1)[0]
        return f"timer {name}" if not name.startswith("Task-") else name

    def _label(self, handle) -> tuple[str | None, str]:
        cb = handle._callback
        owner = getattr(cb, "__self__", None)
        if isinstance(owner, asyncio.Task):
            label = self._task_label(owner.get_name())
            if label.startswith("timer "):  # whose timer: the screen or widget it runs for
                try:
                    timer = owner.get_coro().cr_frame.f_locals.get("self")
                    label += f" ({type(timer._target()).__name__})"
                except Exception:
                    pass
            return owner.get_name(), label
        return None, getattr(cb, "__qualname__", None) or type(cb).__name__

    def install(self) -> None:
        from textual.app import App
        from textual.message_pump import MessagePump

        run_handle = asyncio.events.Handle._run
        dispatch = MessagePump._dispatch_message
        dispatch_action = App._dispatch_action
        calls = self

        def _run(handle) -> None:
            calls._step = step = []
            t0 = time.perf_counter()
            try:
                run_handle(handle)
            finally:
                ms = (time.perf_counter() - t0) * 1000
                calls._step = None
                task, label = calls._label(handle)
                if task != calls.skip_task:
                    calls.ms.append(ms)
                    calls.by_phase.setdefault(calls.phase, []).append(ms)
                    if ms >= calls.SLOW_MS:
                        what = ", ".join(dict.fromkeys(step))
                        calls.slow.append((ms, f"{label}: {what}" if what else label, calls.phase))

        async def _dispatch_message(pump, message) -> None:
            step = calls._step
            if step is not None and len(step) < 8:
                step.append(f"{type(pump).__name__}←{calls._message_name(message)}")
            await dispatch(pump, message)

        async def _dispatch_action(app, namespace, action_name, params):
            t0 = time.perf_counter()
            try:
                return await dispatch_action(app, namespace, action_name, params)
            finally:  # a key's binding: which action, and how long it took (its own awaits included)
                step = calls._step
                if step is not None:
                    args = ",".join(map(repr, params)) if params else ""
                    step.append(f"{type(namespace).__name__}.action_{action_name}({args}) "
                                f"{(time.perf_counter() - t0) * 1000:.0f} ms")

        self._saved = (run_handle, dispatch, dispatch_action)
        asyncio.events.Handle._run = _run
        MessagePump._dispatch_message = _dispatch_message
        App._dispatch_action = _dispatch_action

    def remove(self) -> None:
        from textual.app import App
        from textual.message_pump import MessagePump

        if self._saved is not None:
            asyncio.events.Handle._run, MessagePump._dispatch_message, App._dispatch_action = self._saved
            self._saved = None

    def figures(self, worst: int = 8) -> dict:
        s = sorted(self.ms)
        if not s:
            return {"calls": 0, "worst_ms": None, "p99_ms": None, "worst": []}
        slow = sorted(self.slow, reverse=True)

        def q(xs: list[float], f: float) -> float:
            return round(xs[min(len(xs) - 1, round(f * (len(xs) - 1)))], 3)

        phases = {}
        for name, xs in self.by_phase.items():
            xs = sorted(xs)
            top = [x for x in slow if x[2] == name][:worst]
            phases[name] = {"calls": len(xs), "worst_ms": round(xs[-1], 2), "p99_ms": q(xs, 0.99),
                            "over_50ms": sum(x > 50 for x in xs),
                            "worst": [{"ms": round(ms, 2), "what": what} for ms, what, _p in top]}
        return {"calls": len(s), "worst_ms": round(s[-1], 2), "p99_ms": q(s, 0.99), "p999_ms": q(s, 0.999),
                "over_16ms": sum(x > 16 for x in s), "over_50ms": sum(x > 50 for x in s),
                "busy_s": round(sum(s) / 1000, 2), "phases": phases,
                "worst": [{"ms": round(ms, 2), "what": what, "phase": p} for ms, what, p in slow[:worst]]}


def _key(name: str) -> events.Key:
    """A key event as the terminal driver delivers it: a character, or a named key."""
    from textual.keys import _character_to_key

    if len(name) == 1:
        return events.Key("space" if name == " " else _character_to_key(name), name)
    return events.Key(name, {"enter": "\r", "escape": "\x1b", "tab": "\t"}.get(name))


_PACE = [1.0]  # the day's pauses × this (--quick: a shorter day, the same steps)


async def _press(app, *keys: str, gap: float = 0.12) -> None:
    """Keys pressed by a person, `gap` seconds apart (× the pace)."""
    for k in keys:
        app._driver.send_message(_key(k))
        await asyncio.sleep(gap * _PACE[0])


async def _type(app, text: str, gap: float, paced: bool = True) -> None:
    for ch in text:
        app._driver.send_message(_key(ch))
        await asyncio.sleep(gap * _PACE[0] if paced else gap)


async def _first_show(app, calls: LoopCalls) -> None:
    """Every screen shown once, as an operator does at the start of the day (each is built,
    styled and mounted the first time): timed apart from the day."""
    calls.phase = "first_show"
    for key, mode in (("f2", "desk"), ("f3", "cue"), ("f4", "control"), ("f5", "ceremony"), ("f6", "printers"),
                      ("f1", "status")):
        await _press(app, key, gap=0.6)
        await _wait(lambda mode=mode: app.current_mode == mode, 10)
    await asyncio.sleep(0.3 * _PACE[0])  # the last one drawn
    calls.phase = "day"


async def _day(app, scans: list[str], names: list[str], rounds: dict, log: dict) -> None:
    """A compressed day through the keyboard: the desk scanning and searching, a walk-in, the
    control stepping through every segment, the cue ticking, the ceremony, the other screens."""
    scan_gap, type_gap = KEY_GAP_S, rounds["type_gap"]
    mode = lambda: app.current_mode  # noqa: E731
    queue = list(scans)

    async def scan_some(k: int) -> None:
        for _ in range(min(k, len(queue))):
            await _type(app, queue.pop(0), scan_gap, paced=False)  # a scanner: 5 ms a key, always
            await _press(app, "enter", gap=0.03)
            log["scans"] += 1

    async def until(cond, what: str, timeout: float = 10.0) -> None:
        """The next key waits for what a person would see first (a loaded machine is slower)."""
        try:
            await _wait(cond, timeout)
        except TimeoutError:
            log.setdefault("late", []).append(what)

    def hits_shown() -> bool:
        hits = app.screen.query("#desk-hits")
        return bool(hits) and hits.first().display and getattr(hits.first(), "picked_id", None) is not None

    modes = {"f1": "status", "f2": "desk", "f3": "cue", "f4": "control", "f5": "ceremony", "f6": "printers"}

    async def switch(key: str, gap: float = 0.3) -> None:
        await _press(app, key, gap=gap)
        await until(lambda: mode() == modes[key] and type(app.screen).__name__ != "Screen", f"{key} shown")

    async def search(name: str) -> None:  # a name typed, the first hit picked with Enter
        await _type(app, name, type_gap)
        await until(hits_shown, f"hits for {name}")
        await _press(app, "down", "enter", gap=0.15)
        log["searches"] += 1

    await switch("f2")
    log["screens"].append(mode())
    per = max(1, rounds["desk_scans"] // 4)
    for i in range(4):
        await scan_some(per)
        if i < len(names):
            await search(names[i])
        await _press(app, "escape", gap=0.05)
    # a walk-in: the name typed in the desk's field (a search that finds no one), then F7
    await _type(app, "Lò Thị Vãng Lai", type_gap)
    await _press(app, "f7", gap=0.4)
    await until(lambda: type(app.screen).__name__ == "WalkInDialog" and app.screen.focused is not None,
                "the walk-in dialog")
    await _press(app, "enter", gap=0.1)  # the name, as typed at the desk
    for field in ("Bản Khoang", "Công nhân", "Nữ", "1988", "Thái"):
        await _type(app, field, type_gap / 2)
        await _press(app, "enter", gap=0.1)
    await _press(app, "f2", gap=0.4)
    await until(lambda: type(app.screen).__name__ != "WalkInDialog", "the walk-in saved", 3.0)
    if type(app.screen).__name__ == "WalkInDialog":
        try:
            log["walk_in_refused"] = str(app.screen.query_one("#walkin-error").render())[:200]
        except Exception:
            pass
        await _press(app, "escape", gap=0.3)
    else:
        log["walk_ins"] += 1
    await _press(app, "escape", gap=0.05)
    # the programme: the control steps through every segment; the cue shown between steps;
    # the ceremony at its segments; scans arriving on whatever screen is shown
    await switch("f4")

    def at() -> tuple:
        v = getattr(app.screen, "last_view", None)
        if v is None:
            return (None, False)
        return (v.current.id if v.current is not None else None, v.state.closed)

    before = at()
    await _press(app, "s", gap=0.2)
    await until(lambda: at() != before, "the programme started")
    done: set[str] = set()
    for k in range(rounds["max_steps"]):
        v = getattr(app.screen, "last_view", None)
        if v is not None and v.state.closed:
            break
        current = v.current.segment_key if v is not None and v.current is not None else ""
        if current in ("khen_thuong", "tham_luan", "huong_ung") and current not in done:
            done.add(current)
            await switch("f5")
            if current != "khen_thuong":
                await _press(app, "l", gap=0.2)  # the speeches
                if current == "huong_ung":
                    await _press(app, "l", gap=0.2)
            for _ in range(rounds["ceremony_steps"]):
                await _press(app, "s", "x", gap=0.2)
                log["ceremony"] += 1
            await switch("f4")
        if k % rounds["cue_every"] == 0:
            await switch("f3", gap=rounds["cue_seconds"])  # the cue: its ticks run while shown
            await switch("f4", gap=0.2)
        await scan_some(rounds["scans_between"])  # the door is still open: a toast on this screen
        before = at()
        await _press(app, "n", gap=rounds["step_gap"])
        await until(lambda before=before: at() != before, "the next step shown")
        log["steps"] += 1
        log["segments"].add(current)
        log.setdefault("trail", []).append(at()[0])
    log["segments"] = sorted(log["segments"] - {""})
    for key in ("f1", "f6", "f3", "f2"):
        await switch(key, gap=0.4)
        log["screens"].append(mode())
    await scan_some(len(queue))


async def _day_run(folder: Path, scans: list[str], names: list[str], rounds: dict) -> dict:
    from .app import make_app

    app = make_app(folder, mode="status", role="all", desk="bench-day")  # `hoinghi open`
    calls = LoopCalls()
    log = {"scans": 0, "searches": 0, "walk_ins": 0, "steps": 0, "ceremony": 0, "screens": [], "segments": set()}
    async with app.run_test(size=(100, 30)):
        await _wait(lambda: type(app.screen).__name__ == "StatusScreen")
        await asyncio.sleep(0.2)
        t0 = time.perf_counter()
        calls.install()
        try:
            await asyncio.create_task(_first_show(app, calls), name="bench-day")
            await asyncio.create_task(_day(app, scans, names, rounds, log), name="bench-day")
            await asyncio.sleep(0.3)  # the last answers drawn
        finally:
            calls.remove()
        seconds = time.perf_counter() - t0
        present = len(app.event.day.present)
    return {**calls.figures(), "seconds": round(seconds, 1), "present_after": present, **log}


def day_figures(folder: Path, scans: list[str], names: list[str], quick: bool = False) -> dict:
    """The worst UI-thread calls (ms) of a compressed day in `hoinghi open` (all screens, one
    process): `scans` badges typed as a scanner does, `names` searched, a walk-in, every agenda
    segment stepped, the cue shown, the ceremony's batches and speeches started and done."""
    rounds = {"desk_scans": max(4, len(scans) // 2), "max_steps": 150, "scans_between": 0 if quick else 2,
              "ceremony_steps": 1 if quick else 5, "cue_seconds": 2.2, "cue_every": 10 if quick else 3,
              "step_gap": 0.25, "type_gap": 0.12}  # a person types about 8 keys a second
    _PACE[0] = 0.35 if quick else 1.0
    try:
        return asyncio.run(_day_run(Path(folder), scans, names, rounds))
    finally:
        _PACE[0] = 1.0
