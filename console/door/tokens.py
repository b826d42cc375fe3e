"""Badge tokens: a short id plus an HMAC with the event secret.

The alphabet has no vowel, no d, none of s f r x j w z and no bracket, so a
keyboard-wedge scanner typing through Unikey or EVKey (Telex or VNI) comes out
unchanged: Telex needs a vowel, d, w or a bracket to do anything, and VNI's
digits only act after a vowel or a d. It is also case-free (Caps Lock,
scanners set to upper case) and fits QR alphanumeric mode: the 18-character
payload is a version-1 QR at error correction M.

    HN  K7  04B  1  QT8KM3BV9C
    │   │   │    │  └ MAC (10 chars ≈ 44 bits)
    │   │   │    └ badge version (a reprint for a lost badge bumps it)
    │   │   └ delegate id in base 22
    │   └ event tag, derived from the secret (tells "other event" from "forged")
    └ prefix
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass

ALPHABET = "0123456789BCGHKLMNPQTV"
BASE = len(ALPHABET)
PREFIX = "HN"
TOKEN_LEN = 18
CODE_LEN = 6
MAX_ID = BASE**3 - 1
MAX_VERSION = BASE - 1

TOKEN_RE = re.compile(rf"^{PREFIX}[{ALPHABET}]{{{TOKEN_LEN - 2}}}$")
CODE_RE = re.compile(rf"^[{ALPHABET}]{{{CODE_LEN}}}$")


def _encode(n: int, width: int) -> str:
    out = []
    for _ in range(width):
        n, r = divmod(n, BASE)
        out.append(ALPHABET[r])
    return "".join(reversed(out))


def _decode(text: str) -> int:
    n = 0
    for ch in text:
        n = n * BASE + ALPHABET.index(ch)
    return n


def _mac(secret: bytes, message: str, width: int) -> str:
    digest = hmac.new(secret, message.encode(), hashlib.sha256).digest()
    return _encode(int.from_bytes(digest[:12], "big"), width)


def event_tag(secret: bytes) -> str:
    return _mac(secret, "event-tag", 2)


def make_token(secret: bytes, delegate_id: int, version: int = 1) -> str:
    if not 0 < delegate_id <= MAX_ID:
        raise ValueError(f"delegate id {delegate_id} out of range")
    body = f"{PREFIX}{event_tag(secret)}{_encode(delegate_id, 3)}{_encode(version % BASE, 1)}"
    return body + _mac(secret, body, 10)


def human_code(secret: bytes, delegate_id: int, version: int = 1) -> str:
    """Six characters printed under the QR, for typing when a badge will not scan."""
    ident = _encode(delegate_id, 3)
    return ident + _mac(secret, f"code:{ident}:{version}", 3)


@dataclass(frozen=True)
class Parsed:
    kind: str  # "token", "code", "invalid", "other_event", "not_token"
    delegate_id: int | None = None
    version: int | None = None


def clean(payload: str) -> str:
    """Trim white space and control characters; upper-case."""
    return "".join(ch for ch in payload if unicodedata.category(ch)[0] != "C").strip().upper()


def looks_like_token(text: str) -> bool:
    text = clean(text)
    return text.startswith(PREFIX) and len(text) >= 8 and not any(ch == " " for ch in text)


def parse(secret: bytes, payload: str) -> Parsed:
    """Classify a scan: a valid token, a valid human code, or why not."""
    text = clean(payload)
    if TOKEN_RE.match(text):
        body, mac = text[:8], text[8:]
        if text[2:4] != event_tag(secret):
            return Parsed("other_event")
        if not hmac.compare_digest(mac, _mac(secret, body, 10)):
            return Parsed("invalid")
        return Parsed("token", _decode(text[4:7]), _decode(text[7]))
    if CODE_RE.match(text):
        ident = _decode(text[:3])
        # Codes of every version up to the current are checked by the caller,
        # which knows the delegate's badge version; here only the form.
        return Parsed("code", ident, None)
    return Parsed("not_token")


def code_matches(secret: bytes, code: str, delegate_id: int, version: int) -> bool:
    return hmac.compare_digest(clean(code), human_code(secret, delegate_id, version))
