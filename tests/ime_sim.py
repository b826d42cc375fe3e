"""Small simulators of Vietnamese input methods, as a scanner "types" through them.

Telex (Unikey/EVKey): aa→â, ee→ê, oo→ô, dd→đ, aw→ă, ow→ơ, uw→ư, a lone w→ư,
and s/f/r/x/j put a tone on the last vowel of the word. VNI: a digit after a
vowel (or 9 after d) adds the mark: 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng,
6 mũ, 7 móc, 8 trăng, 9 đ. Simplified (no spelling check, tone on the last
vowel), which is what matters here: which characters an IME touches.
"""

from __future__ import annotations

import unicodedata

VOWELS = set("aeiouyăâêôơư")
TONES_TELEX = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
TONES_VNI = {"1": "\u0301", "2": "\u0300", "3": "\u0309", "4": "\u0303", "5": "\u0323"}
DOUBLE = {"aa": "â", "ee": "ê", "oo": "ô", "dd": "đ"}
HORN_W = {"a": "ă", "o": "ơ", "u": "ư"}
VNI_SHAPE = {("a", "6"): "â", ("e", "6"): "ê", ("o", "6"): "ô", ("o", "7"): "ơ", ("u", "7"): "ư",
             ("a", "8"): "ă", ("d", "9"): "đ"}


def _base(ch: str) -> str:
    """The letter without its tone (keeps â ơ ư …)."""
    nfd = unicodedata.normalize("NFD", ch)
    return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in "\u0300\u0301\u0303\u0309\u0323"))


def _with_case(ch: str, upper: bool) -> str:
    return ch.upper() if upper else ch


def _add_tone(out: list[str], tone: str) -> bool:
    """Tone on the last vowel of the current word; False when there is none."""
    for i in range(len(out) - 1, -1, -1):
        c = out[i]
        if not c.isalpha():
            return False
        if _base(c).lower() in VOWELS:
            out[i] = unicodedata.normalize("NFC", _base(c) + tone)
            return True
    return False


def telex(text: str) -> str:
    out: list[str] = []
    for ch in text:
        low = ch.lower()
        prev = out[-1] if out else ""
        pl = _base(prev).lower()
        if pl and (pl + low) in DOUBLE:
            out[-1] = _with_case(DOUBLE[pl + low], prev.isupper())
            continue
        if low == "w":
            if pl in HORN_W:
                out[-1] = _with_case(HORN_W[pl], prev.isupper())
            else:
                out.append(_with_case("ư", ch.isupper()))
            continue
        if low in TONES_TELEX and _add_tone(out, TONES_TELEX[low]):
            continue
        out.append(ch)
    return "".join(out)


def vni(text: str) -> str:
    out: list[str] = []
    for ch in text:
        prev = out[-1] if out else ""
        pl = _base(prev).lower()
        if (pl, ch) in VNI_SHAPE:
            out[-1] = _with_case(VNI_SHAPE[(pl, ch)], prev.isupper())
            continue
        if ch in TONES_VNI and _add_tone(out, TONES_VNI[ch]):
            continue
        out.append(ch)
    return "".join(out)



QUICK_TELEX = {"cc": "ch", "gg": "gi", "kk": "kh", "nn": "ng", "qq": "qu", "pp": "ph", "tt": "th"}


def quick_telex(text: str) -> str:
    """Unikey's optional Quick Telex ("gõ tắt"): the second of a doubled consonant becomes
    the rest of the digraph (cc→ch …), keeping the case of what was typed. Key by key, so
    "nnn" gives "ngn" (the second n was rewritten; the third pairs with nothing typed)."""
    out: list[str] = []
    rewritten = False  # the last character is a rewrite's output: it pairs with nothing
    for ch in text:
        pair = ((out[-1] if out else "") + ch).lower()
        if pair in QUICK_TELEX and not rewritten:
            repl = QUICK_TELEX[pair][1]
            out.append(repl.upper() if ch.isupper() else repl)
            rewritten = True
            continue
        rewritten = False
        out.append(ch)
    return "".join(out)
