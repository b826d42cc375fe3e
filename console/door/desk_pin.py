"""The desk PIN that guards a console served to browsers (`hoinghi serve`).

textual-serve has no authentication and starts one app process per browser
tab, so the PIN cannot live in memory: `hoinghi serve` writes a salted hash to
`desk-pin.json` in the event folder (mode 600) and every app process checks
guesses against it. Wrong guesses are counted in the same file, under a lock,
so opening many tabs does not buy more tries: after `MAX_TRIES` wrong guesses
from one client (browser address) that client is locked for `LOCK_SECONDS`,
doubling with each further lock; the other clients are not (`check_pin`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from console.ground.errors import UserError
from console.ground.storage import FileLock, atomic_write_text

PIN_FILE = "desk-pin.json"
PIN_DIGITS = 6
MAX_TRIES = 5  # wrong guesses from one client before it is locked out
LOCK_SECONDS = 30.0  # the first lock; each further lock of that client doubles it
GLOBAL_MAX = 30  # wrong guesses from every client together, per GLOBAL_WINDOW
GLOBAL_WINDOW = 600.0
MAX_CLIENTS = 256  # clients remembered in desk-pin.json


@dataclass
class PinCheck:
    ok: bool
    message: str
    wait_seconds: float = 0.0


def _hash(salt: str, pin: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), 50_000).hex()


def _paths(folder: Path) -> tuple[Path, FileLock]:
    path = Path(folder) / PIN_FILE
    return path, FileLock(path.with_suffix(".lock"))


def new_pin(folder: Path, pin: str | None = None) -> str:
    """Make (or set) the desk PIN for this serve session and store its hash."""
    pin = pin if pin is not None else "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise UserError("Mã PIN phải gồm 4–12 chữ số.")
    path, lock = _paths(folder)
    salt = secrets.token_hex(16)
    with lock():
        atomic_write_text(path, json.dumps({"salt": salt, "hash": _hash(salt, pin), "clients": {}, "recent": []}),
                          mode=0o600)
    return pin


def pin_is_set(folder: Path) -> bool:
    return (Path(folder) / PIN_FILE).is_file()


def _client_state(state: dict, client: str) -> dict:
    clients = state.setdefault("clients", {})
    if len(clients) > MAX_CLIENTS and client not in clients:  # bounded file: forget the oldest quiet ones
        for old in sorted(clients, key=lambda c: clients[c].get("last", 0.0))[: len(clients) - MAX_CLIENTS]:
            del clients[old]
    return clients.setdefault(client, {"failures": 0, "locks": 0, "locked_until": 0.0, "last": 0.0})


def check_pin(folder: Path, guess: str, now: float | None = None, client: str = "local") -> PinCheck:
    """Check one guess from `client` (the browser's address, passed by `hoinghi serve`).

    Wrong guesses lock out the client that made them (MAX_TRIES, then LOCK_SECONDS doubling),
    never the others: a flood from one tab must not refuse the right PIN to every desk. Across
    clients, wrong guesses are bounded too — past GLOBAL_MAX in GLOBAL_WINDOW seconds, a client
    that has already failed waits — while a client's first guess is always checked, so the
    right PIN typed at a new desk goes through."""
    now = time.time() if now is None else now
    path, lock = _paths(folder)
    with lock():
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
            salt, digest = state["salt"], state["hash"]
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            return PinCheck(False, "Chưa đặt mã PIN cho bàn đón tiếp. Người quản trị hãy chạy `hoinghi serve` trên máy chủ.")
        me = _client_state(state, client)
        me["last"] = now
        recent = [t for t in state.get("recent", []) if now - t < GLOBAL_WINDOW]
        state["recent"] = recent
        if now < me.get("locked_until", 0.0):
            wait = me["locked_until"] - now
            return PinCheck(False, f"Nhập sai quá nhiều lần. Hãy chờ {wait:.0f} giây rồi thử lại.", wait)
        if me.get("failures", 0) and len(recent) >= GLOBAL_MAX:
            wait = GLOBAL_WINDOW - (now - recent[0])
            atomic_write_text(path, json.dumps(state), mode=0o600)
            return PinCheck(False, f"Có quá nhiều lần nhập sai PIN trong ít phút. Hãy chờ {wait:.0f} giây rồi thử lại.", wait)
        guess = (guess or "").strip()
        if guess.isdigit() and hmac.compare_digest(_hash(salt, guess), digest):
            me.update(failures=0, locks=0, locked_until=0.0)
            atomic_write_text(path, json.dumps(state), mode=0o600)
            return PinCheck(True, "Đúng mã PIN.")
        me["failures"] = me.get("failures", 0) + 1
        recent.append(now)
        left = MAX_TRIES - me["failures"]
        if left <= 0:
            me["locks"] = me.get("locks", 0) + 1
            wait = LOCK_SECONDS * 2 ** min(me["locks"] - 1, 10)
            me["locked_until"] = now + wait
            me["failures"] = 0
            atomic_write_text(path, json.dumps(state), mode=0o600)
            return PinCheck(False, f"Sai mã PIN. Đã khóa {wait:.0f} giây.", wait)
        atomic_write_text(path, json.dumps(state), mode=0o600)
        return PinCheck(False, f"Sai mã PIN (còn {left} lần thử). Mã PIN được in ở máy chủ khi chạy `hoinghi serve`.")
