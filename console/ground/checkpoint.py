"""A signed checkpoint of the folded day, so a restart reads only what came after it.

Start-up used to read and fold the whole journal (3.4 s at 50,000 lines). A
process that has folded many lines writes `journal.checkpoint`: where reading
had got to (offset, line count, the last line's number and keyed hash), what
it had set aside, and the folded states, signed with the event secret. The
next start checks the signature, then that the journal still has, ending at
that offset, the very line the checkpoint names (the keyed chain means the
whole prefix is the same), restores the states and reads on from there.

It is only a cache: unsigned, from another version of the code, or not
matching the journal, it is ignored and the journal is read from its start —
except that a journal now shorter than a signed checkpoint says, like the seal,
that lines are missing. The states are pickled; the pickle is opened only after
its signature is checked, and then only with classes from `console`, the
standard containers and dates.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import pickle
from dataclasses import asdict, dataclass
from pathlib import Path

from console.ground.storage import atomic_write_bytes

EVERY = 1_000  # lines folded since the last checkpoint before a process writes a new one (a command then reads ≤ 1,000: ~20 ms)
MAX_PROBLEMS = 500  # problems kept in a checkpoint (the journal still names them all in `verify`)
_STATE_SOURCES = ("door/day.py", "agenda/run.py", "ceremony/state.py", "people/roster.py", "ground/journal.py",
                  "ground/journal_line.py", "ground/checkpoint.py", "event.py", "event_opening.py")


@dataclass(frozen=True)
class Mark:
    offset: int
    line_no: int
    head_n: int
    head_h: str
    rejected: int
    at: str = ""  # when it was written (ISO)


def checkpoint_path(journal_path: Path) -> Path:
    return Path(journal_path).with_suffix(".checkpoint")


_FINGERPRINT: str | None = None


def code_fingerprint() -> str:
    """The folded states' shape is their code: a checkpoint from other code is not used."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        root = Path(__file__).resolve().parent.parent
        h = hashlib.sha256()
        for rel in _STATE_SOURCES:
            try:
                h.update((root / rel).read_bytes())
            except OSError:
                h.update(rel.encode())
        _FINGERPRINT = h.hexdigest()[:16]
    return _FINGERPRINT


def _sig(secret: bytes, header: dict, payload: bytes) -> str:
    body = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hmac.new(secret, b"checkpoint:" + body + hashlib.sha256(payload).digest(), hashlib.sha256).hexdigest()


def save(path: Path, secret: bytes, mark: Mark, problems: list[tuple[int, str]], states: dict) -> None:
    payload = pickle.dumps(states, protocol=pickle.HIGHEST_PROTOCOL)
    header = {"v": 1, "code": code_fingerprint(), "mark": asdict(mark), "problems": problems[:MAX_PROBLEMS]}
    header["sig"] = _sig(secret, header, payload)
    atomic_write_bytes(path, json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n" + payload)


class _Unpickler(pickle.Unpickler):
    ALLOWED = {("collections", "deque"), ("collections", "OrderedDict"), ("collections", "defaultdict"),
               ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "dict"), ("builtins", "list"),
               ("builtins", "tuple"), ("datetime", "datetime"), ("datetime", "date"), ("datetime", "time"),
               ("datetime", "timedelta"), ("datetime", "timezone"), ("zoneinfo", "ZoneInfo"),
               ("zoneinfo._zoneinfo", "ZoneInfo"), ("copyreg", "_reconstructor"), ("builtins", "object")}

    def find_class(self, module: str, name: str):
        if module.startswith("console.") or (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} không được phép trong điểm lưu")


@dataclass
class Loaded:
    mark: Mark
    problems: list[tuple[int, str]]
    states: dict | None  # None: signed and ours, but from other code (its mark still counts)


def load(path: Path, secret: bytes) -> Loaded | None:
    """The checkpoint, or None if there is none or it is not signed with this event's key."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return None
    head, _, payload = raw.partition(b"\n")
    try:
        header = json.loads(head)
        sig = header.pop("sig")
        if not hmac.compare_digest(str(sig), _sig(secret, header, payload)):
            return None
        mark = Mark(**header["mark"])
        problems = [(int(a), str(b)) for a, b in header.get("problems", [])]
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if header.get("code") != code_fingerprint():
        return Loaded(mark, problems, None)
    try:
        states = _Unpickler(io.BytesIO(payload)).load()
    except Exception:  # a pickle of ours that no longer loads: read the journal instead
        return Loaded(mark, problems, None)
    return Loaded(mark, problems, states if isinstance(states, dict) else None)


def line_ending_at(journal_path: Path, offset: int) -> bytes | None:
    """The journal's line that ends exactly at `offset` (None if the journal is shorter or
    has no line end there)."""
    if offset <= 0:
        return None
    try:
        with open(journal_path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size < offset:
                return None
            window = min(offset, 1 << 16)
            while True:
                fh.seek(offset - window)
                tail = fh.read(window)
                if not tail.endswith(b"\n"):
                    return None
                start = tail.rfind(b"\n", 0, len(tail) - 1)
                if start >= 0 or window == offset:
                    return tail[start + 1:-1]
                window = min(offset, window * 4)
    except FileNotFoundError:
        return None


def remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
