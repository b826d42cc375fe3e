"""Badge tokens: a delegate id plus an HMAC with the event secret.

The alphabet has no vowel, no d, none of s f r x j w z and no bracket, so a
keyboard-wedge scanner typing through Unikey or EVKey (Telex or VNI) comes out
unchanged: Telex needs a vowel, d, w or a bracket to do anything, and VNI's
digits only act after a vowel or a d. Unikey's optional Quick Telex ("gõ tắt")
rewrites a doubled consonant (cc gg kk nn qq pp tt → ch gi kh ng qu ph th), so
no two characters in a row of a token are the same: after each character the
next is one of the 21 others ("chain" encoding below). It is case-free (Caps
Lock, scanners set to upper case) and fits QR alphanumeric mode: the
20-character payload is a version-1 QR at error correction M (its maximum).

    HN  K7  04B9C  1  QT8KM3BV9C
    │   │   │      │  └ MAC (10 chars, 21 choices each ≈ 44 bits)
    │   │   │      └ badge version 1–20 (a reprint for a lost badge bumps it)
    │   │   └ delegate id, 5 chars: up to 21**5 - 1 = 4,084,100
    │   └ event tag, derived from the secret (tells "other event" from "forged")
    └ prefix

Badges printed before this form carry 18 characters (3-character id in plain
base 22, doubled letters possible). The length tells the two apart, so they
keep scanning; a Quick-Telex rewrite of one is undone by trying each way back
and keeping the one whose MAC holds (`quick_telex_candidates`).
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

ALPHABET = "0123456789BCGHKLMNPQTV"
BASE = len(ALPHABET)
PREFIX = "HN"
TOKEN_LEN = 20
LEGACY_TOKEN_LEN = 18
CODE_LEN = 6  # the code under the QR for ids up to LEGACY_MAX_ID; LONG_CODE_LEN above
LONG_CODE_LEN = 8
ID_CHARS = 5
LEGACY_MAX_ID = BASE**3 - 1  # 10,647: the most an 18-character token or 6-character code holds
MAX_ID = (BASE - 1) ** ID_CHARS - 1  # 4,084,100
MAX_VERSION = BASE - 2  # 20: the chain field holds 21 values, 0 unused

TOKEN_RE = re.compile(rf"^{PREFIX}[{ALPHABET}]{{{TOKEN_LEN - 2}}}$")
LEGACY_TOKEN_RE = re.compile(rf"^{PREFIX}[{ALPHABET}]{{{LEGACY_TOKEN_LEN - 2}}}$")
CODE_RE = re.compile(rf"^[{ALPHABET}]{{{CODE_LEN}}}$")
LONG_CODE_RE = re.compile(rf"^[{ALPHABET}]{{{LONG_CODE_LEN}}}$")

# Unikey's Quick Telex: what a doubled consonant becomes. Reading back, "GI" and "QU"
# are certain (I and U are not in the alphabet); "CH" "KH" "NG" "PH" "TH" may be genuine.
QUICK_TELEX = {"CC": "CH", "GG": "GI", "KK": "KH", "NN": "NG", "QQ": "QU", "PP": "PH", "TT": "TH"}
_QUICK_BACK = {v: k for k, v in QUICK_TELEX.items()}


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


def _chain_encode(n: int, width: int, prev: str) -> str:
    """`n` in base 21, each digit picking among the 21 characters other than the one before."""
    digits = []
    for _ in range(width):
        n, r = divmod(n, BASE - 1)
        digits.append(r)
    if n:
        raise ValueError("number too large for its field")
    out = []
    for d in reversed(digits):
        ch = ALPHABET.replace(prev, "")[d]
        out.append(ch)
        prev = ch
    return "".join(out)


def _chain_decode(text: str, prev: str) -> int | None:
    n = 0
    for ch in text:
        if ch == prev:
            return None
        n = n * (BASE - 1) + ALPHABET.replace(prev, "").index(ch)
        prev = ch
    return n


def _mac_int(secret: bytes, message: str) -> int:
    return int.from_bytes(hmac.new(secret, message.encode(), hashlib.sha256).digest()[:12], "big")


def _mac(secret: bytes, message: str, width: int) -> str:
    return _encode(_mac_int(secret, message), width)


def event_tag(secret: bytes) -> str:
    """Two characters naming the event (the 18-character form's tag)."""
    return _mac(secret, "event-tag", 2)


def _chain_tag(secret: bytes) -> str:
    return _chain_encode(_mac_int(secret, "event-tag") % (BASE - 1) ** 2, 2, PREFIX[-1])


def _chain_mac(secret: bytes, body: str) -> str:
    return _chain_encode(_mac_int(secret, body) % (BASE - 1) ** 10, 10, body[-1])


def make_token(secret: bytes, delegate_id: int, version: int = 1) -> str:
    if not 0 < delegate_id <= MAX_ID:
        raise ValueError(f"delegate id {delegate_id} out of range")
    if not 0 < version <= MAX_VERSION:
        raise ValueError(f"badge version {version} out of range")
    tag = _chain_tag(secret)
    ident = _chain_encode(delegate_id, ID_CHARS, tag[-1])
    body = PREFIX + tag + ident + _chain_encode(version, 1, ident[-1])
    return body + _chain_mac(secret, body)


def make_legacy_token(secret: bytes, delegate_id: int, version: int = 1) -> str:
    """The 18-character form printed before ids grew past 10,647 (kept to read old badges)."""
    if not 0 < delegate_id <= LEGACY_MAX_ID:
        raise ValueError(f"delegate id {delegate_id} out of range")
    body = f"{PREFIX}{event_tag(secret)}{_encode(delegate_id, 3)}{_encode(version % BASE, 1)}"
    return body + _mac(secret, body, 10)


def human_code(secret: bytes, delegate_id: int, version: int = 1) -> str:
    """Characters printed under the QR, for typing when a badge will not scan:
    six for ids up to 10,647 (as always), eight above."""
    if delegate_id <= LEGACY_MAX_ID:
        ident = _encode(delegate_id, 3)
    else:
        ident = _encode(delegate_id, ID_CHARS)
    return ident + _mac(secret, f"code:{ident}:{version}", 3)


class Read(StrEnum):
    """What a scan's text is, before anyone is looked up."""
    TOKEN = "token"  # a badge's QR token whose signature holds
    CODE = "code"  # the 6-character code printed under the QR, in its form (checked against a version later)
    INVALID = "invalid"  # this event's form, but the signature does not hold: forged or damaged
    OTHER_EVENT = "other_event"  # a token of another conference
    NOT_TOKEN = "not_token"  # neither: a name typed, a stray scan


@dataclass(frozen=True)
class Parsed:
    kind: Read
    delegate_id: int | None = None
    version: int | None = None
    rewritten: bool = False  # read back from a Quick Telex rewrite


def clean(payload: str) -> str:
    """Trim white space and control characters; upper-case."""
    return "".join(ch for ch in payload if unicodedata.category(ch)[0] != "C").strip().upper()


def looks_like_token(text: str) -> bool:
    text = clean(text)
    return text.startswith(PREFIX) and len(text) >= 8 and not any(ch == " " for ch in text)


def _parse_current(secret: bytes, text: str) -> Parsed:
    if text[2:4] != _chain_tag(secret):
        return Parsed(Read.OTHER_EVENT)
    body, mac = text[:10], text[10:]
    ident = _chain_decode(text[4:9], text[3])
    version = _chain_decode(text[9], text[8])
    if ident is None or version is None or not hmac.compare_digest(mac, _chain_mac(secret, body)):
        return Parsed(Read.INVALID)
    return Parsed(Read.TOKEN, ident, version)


def _parse_legacy(secret: bytes, text: str) -> Parsed:
    if text[2:4] != event_tag(secret):
        return Parsed(Read.OTHER_EVENT)
    body, mac = text[:8], text[8:]
    if not hmac.compare_digest(mac, _mac(secret, body, 10)):
        return Parsed(Read.INVALID)
    return Parsed(Read.TOKEN, _decode(text[4:7]), _decode(text[7]))


def parse(secret: bytes, payload: str) -> Parsed:
    """Classify a scan: a valid token, a valid human code, or why not."""
    text = clean(payload)
    if TOKEN_RE.match(text):
        return _parse_current(secret, text)
    if LEGACY_TOKEN_RE.match(text):
        return _parse_legacy(secret, text)
    if CODE_RE.match(text) or LONG_CODE_RE.match(text):
        # Codes of every version up to the current are checked by the caller,
        # which knows the delegate's badge version; here only the form.
        return Parsed(Read.CODE, _decode(text[:-3]), None)
    return Parsed(Read.NOT_TOKEN)


def quick_telex_candidates(text: str, limit: int = 256) -> list[str]:
    """Every way back from a Quick Telex rewrite to what the scanner typed (the text itself
    first). A rewrite never overlaps another's output, so each pair is undone or not."""
    text = clean(text)
    spots = [i for i in range(len(text) - 1) if text[i:i + 2] in _QUICK_BACK]
    out = [text]
    for n in range(1, len(spots) + 1):
        for chosen in itertools.combinations(spots, n):
            if any(b - a < 2 for a, b in itertools.pairwise(chosen)):
                continue
            chars = list(text)
            for i in chosen:
                chars[i + 1] = _QUICK_BACK[text[i:i + 2]][1]
            out.append("".join(chars))
            if len(out) >= limit:
                return out
    return out


def parse_rewritten(secret: bytes, payload: str) -> Parsed:
    """A token-length scan that does not verify: was it a badge Quick Telex rewrote?
    The token when exactly one way back verifies, else what `parse` said."""
    first = parse(secret, payload)
    if first.kind == Read.TOKEN:
        return first
    text = clean(payload)
    if len(text) not in (TOKEN_LEN, LEGACY_TOKEN_LEN) or not text.startswith(PREFIX):
        return first
    found = {}
    for cand in quick_telex_candidates(text)[1:]:
        p = parse(secret, cand)
        if p.kind == Read.TOKEN:
            found[(p.delegate_id, p.version)] = p
    if len(found) == 1:
        p = next(iter(found.values()))
        return Parsed(Read.TOKEN, p.delegate_id, p.version, rewritten=True)
    return first


def code_matches(secret: bytes, code: str, delegate_id: int, version: int) -> bool:
    return hmac.compare_digest(clean(code), human_code(secret, delegate_id, version))
