"""Vietnamese text: NFC, diacritic folding, tone-placement canonical form, collation.

Everything that compares or sorts Vietnamese strings goes through here so that
"Thuỷ" and "Thủy", "Chiến sỹ" and "Chiến sĩ", an NFD name from a Windows CSV
and an NFC one typed at the desk are all the same person to the console.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks: the five tones, and the three vowel "shape" marks.
GRAVE, HOOK, TILDE, ACUTE, DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
TONES = (GRAVE, HOOK, TILDE, ACUTE, DOT)
_TONE_SET = frozenset(TONES)
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"

_WORD = re.compile(r"\w+", re.UNICODE)
_MARKS = re.compile("[" + "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))) + "]")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC with collapsed white space: the form every stored string takes."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def has_vietnamese_marks(text: str) -> bool:
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", text)) or any(
        ch in "đĐ" for ch in text
    )


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Search key: lower case, no diacritics, đ→d, y→i, single spaces.

    y→i on both sides makes "sỹ"/"sĩ" and "Mỹ"/"Mĩ" meet; it costs nothing
    because queries are folded the same way.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    # The marks of the Combining Diacritical Marks block in one C pass (a name is then plain
    # ASCII); whatever else is left goes through the per-character test as before. 4× faster:
    # the desk folds every name and unit of the roster when it opens.
    bare = _MARKS.sub("", decomposed)
    if not bare.isascii():
        bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.lower().replace("y", "i")).strip()


# --- canonical tone placement -------------------------------------------------

_VOWELS = set("aeiouy")


def _split_syllable(syl: str) -> tuple[list[str], str | None]:
    """Base letters with their shape marks, and the tone mark if any."""
    letters: list[str] = []
    tone = None
    for ch in unicodedata.normalize("NFD", syl):
        if ch in _TONE_SET:
            tone = ch
        elif unicodedata.combining(ch) and letters:
            letters[-1] += ch
        else:
            letters.append(ch)
    return letters, tone


def _tone_index(letters: list[str]) -> int | None:
    low = [unicodedata.normalize("NFD", x.lower()) for x in letters]
    bases = [x[0] for x in low]
    vowel_pos = [i for i, b in enumerate(bases) if b in _VOWELS]
    if not vowel_pos:
        return None
    # "qu" and "gi" + vowel: the u / i belongs to the initial consonant.
    if len(vowel_pos) > 1 and vowel_pos[0] == 1 and bases[0] in ("q", "g") and bases[1] in ("u", "i"):
        vowel_pos = vowel_pos[1:]
    for i in vowel_pos:  # a vowel with a shape mark takes the tone (ươ: the ơ)
        if len(low[i]) > 1 and low[i][1] in (CIRCUMFLEX, BREVE, HORN):
            last_shaped = i
            for j in vowel_pos:
                if j > i and len(low[j]) > 1 and low[j][1] in (CIRCUMFLEX, BREVE, HORN):
                    last_shaped = j
            return last_shaped
    cluster = "".join(bases[i] for i in vowel_pos)
    ends_in_consonant = vowel_pos[-1] < len(bases) - 1
    if ends_in_consonant or len(vowel_pos) == 1:
        return vowel_pos[-1]
    if len(vowel_pos) >= 3:
        return vowel_pos[1]
    if cluster in ("oa", "oe", "uy"):  # the "new" placement: hoà, khoẻ, thuỷ
        return vowel_pos[1]
    return vowel_pos[0]


def _canonical_syllable(syl: str) -> str:
    letters, tone = _split_syllable(syl)
    low = "".join(unicodedata.normalize("NFD", x)[0].lower() for x in letters)
    # i/y after a consonant as the whole rhyme: sỹ/sĩ, Mỹ/Mĩ, Kỹ/Kĩ, lý/lí.
    if len(low) >= 2 and low[-1] == "y" and low[-2] not in _VOWELS and len(letters[-1]) == 1:
        letters[-1] = "i" if letters[-1] == "y" else "I"
    if tone is None:
        return unicodedata.normalize("NFC", "".join(letters))
    idx = _tone_index(letters)
    if idx is None:
        return unicodedata.normalize("NFC", "".join(letters) + tone)
    letters[idx] += tone
    return unicodedata.normalize("NFC", "".join(letters))


@lru_cache(maxsize=65536)
def canonical(text: str) -> str:
    """Lower-case NFC with tones in one fixed place and sỹ→sĩ: an identity key.

    Unlike `fold`, it keeps every diacritic, so Hương and Hường stay apart.
    """
    text = nfc(text).lower()
    return _WORD.sub(lambda m: _canonical_syllable(m.group(0)), text)


# --- collation ----------------------------------------------------------------

_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_TONE_RANK = {None: 0, GRAVE: 1, HOOK: 2, TILDE: 3, ACUTE: 4, DOT: 5}


@lru_cache(maxsize=65536)
def collation_key(text: str) -> tuple:
    """Vietnamese letter order (a ă â b … đ … ơ … ư …), tones as a tie-breaker."""
    primary: list[int] = []
    tones: list[int] = []
    for word in nfc(text).lower().split(" "):
        letters, tone = _split_syllable(word)
        for letter in letters:
            composed = unicodedata.normalize("NFC", letter)
            primary.append(_RANK.get(composed, 100 + ord(composed[0])))
        primary.append(-1)  # word boundary sorts before any letter
        tones.append(_TONE_RANK.get(tone, 0))
    return (tuple(primary), tuple(tones))


def split_name(full_name: str) -> tuple[str, str]:
    """("Nguyễn Thị", "Hường"): the family+middle part and the given name."""
    parts = nfc(full_name).split(" ")
    if len(parts) == 1:
        return "", parts[0]
    return " ".join(parts[:-1]), parts[-1]


@lru_cache(maxsize=65536)  # pure; every list of the day sorts by it, again at each rebuild
def name_sort_key(full_name: str) -> tuple:
    """Official list order: given name first, then family and middle names."""
    rest, given = split_name(full_name)
    return (collation_key(given), collation_key(rest))
