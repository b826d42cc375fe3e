"""The journal's seal: how long the journal was, and its head hash, signed.

Cutting the last lines off `journal.jsonl`, emptying it, deleting it or putting
an older copy back leaves a shorter journal whose chain is still intact, so the
chain alone cannot tell. Every writer, right after its append is fsync'd and
still under the journal lock, rewrites `journal.seal` beside the journal (and
the roster): the sequence number and keyed hash of the last line, the byte
length and the time, signed with the event secret. Opening the event compares:
a journal shorter than its seal, or whose line at the sealed number is another
line, stops every process with the sentence until someone accepts the journal
as it is (`hoinghi accept-journal`, which is itself journaled).

The seal is one fixed-size record written in place (one small write, no
rename, no fsync: it must not double the cost of a check-in). After a power cut
it can only be older than the journal — the journal was fsync'd first — and an
older seal is a lower bound, never a false alarm.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from console.ground.clock import parse_iso

SEAL_SIZE = 512  # one sector: a write this small is not torn by a crash on the file systems we meet


@dataclass(frozen=True)
class Seal:
    n: int  # sequence number of the last accepted line
    head: str  # its keyed hash
    size: int  # the journal's length in bytes then
    at: str  # when (ISO, Asia/Ho_Chi_Minh)

    def hhmm(self) -> str:
        try:
            return parse_iso(self.at).strftime("%H:%M %d/%m/%Y")
        except ValueError:
            return self.at


class BadSeal(Exception):
    """The seal file is there but unreadable or not signed with this event's key."""


def seal_path(journal_path: Path) -> Path:
    return Path(journal_path).with_suffix(".seal")


def _sig(secret: bytes, body: dict) -> str:
    raw = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hmac.new(secret, b"seal:" + raw, hashlib.sha256).hexdigest()[:32]


def encode(secret: bytes, seal: Seal) -> bytes:
    body = {"n": seal.n, "head": seal.head, "size": seal.size, "at": seal.at}  # (asdict: 5× the cost, every write)
    raw = json.dumps({**body, "sig": _sig(secret, body)}, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return raw.ljust(SEAL_SIZE - 1) + b"\n"


def decode(secret: bytes, raw: bytes) -> Seal:
    try:
        rec = json.loads(raw.strip() or b"null")
        body = {k: rec[k] for k in ("n", "head", "size", "at")}
        seal = Seal(**body)
        ok = (isinstance(seal.n, int) and isinstance(seal.size, int) and isinstance(seal.head, str)
              and isinstance(seal.at, str) and hmac.compare_digest(str(rec.get("sig", "")), _sig(secret, body)))
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        ok = False
    if not ok:
        raise BadSeal
    return seal


def read(path: Path, secret: bytes) -> Seal | None:
    """The seal, or None when there is none. Raises BadSeal for a forged or damaged one."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(SEAL_SIZE * 2)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise BadSeal from None
    return decode(secret, raw)


def write(path: Path, secret: bytes, seal: Seal) -> None:
    """Overwrite the seal in place (the caller holds the journal lock)."""
    data = encode(secret, seal)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        os.write(fd, data)
        os.ftruncate(fd, len(data))
    finally:
        os.close(fd)
