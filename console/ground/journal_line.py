"""One line of the journal: its fields (`Entry`) and its keyed hash.

What a line is, apart from the reading and writing of the file (console/ground/journal.py):
the folds, the record and the checkpoint's saved states hold `Entry`s, and the line's hash is
also what a checkpoint's last line is checked against. Imported from console.ground.journal
too, where every fold has always found `Entry`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime

from console.ground.clock import parse_iso

GENESIS = "0" * 24


@dataclass(frozen=True)
class Entry:
    n: int
    id: str
    at: str
    desk: str
    actor: str
    kind: str
    data: dict
    prev: str = GENESIS
    h: str = ""

    @property
    def time(self) -> datetime:
        return parse_iso(self.at)

    def as_dict(self) -> dict:
        return {
            "n": self.n, "id": self.id, "at": self.at, "desk": self.desk, "actor": self.actor,
            "kind": self.kind, "data": self.data, "prev": self.prev, "h": self.h,
        }


def _canonical_bytes(record: dict) -> bytes:
    body = {k: v for k, v in record.items() if k != "h"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def line_hash(secret: bytes, record: dict) -> str:
    return hmac.new(secret, _canonical_bytes(record), hashlib.sha256).hexdigest()[:24]
