"""Forms of award (hình thức khen thưởng) and their ranking, matched tolerantly.

Lists write the same form many ways: "Bằng khen của Tổng LĐLĐ Việt Nam",
"Bằng khen Tổng Liên đoàn Lao động VN", "BK của Chủ tịch Ủy ban nhân dân tỉnh".
We compare folded word sets after expanding the usual abbreviations, and
require the kind of paper (bằng khen / giấy khen …) to agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from console.ground.text import fold

# folded abbreviation -> folded long form; applied on word boundaries
_EXPAND = [
    (r"\bbk\b", "bang khen"), (r"\bgk\b", "giay khen"),
    (r"\bubnd\b", "uy ban nhan dan"), (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bldld\b", "lien doan lao dong"), (r"\btld\b", "tong lien doan"),
    (r"\bbch\b", "ban chap hanh"), (r"\bvn\b", "viet nam"), (r"\bct\b", "chu tich"),
    (r"\bcd\b", "cong doan"), (r"\btp\b", "thanh pho"),
]
# Keys are folded (y→i), so the words put in and looked for must be folded too.
_EXPAND = [(pat, fold(rep)) for pat, rep in _EXPAND]
_STOP = {"cua", "va", "the", "nam"}
_KINDS = tuple(fold(k) for k in ("bang khen", "giay khen", "co thi dua", "huan chuong", "chien si thi dua", "danh hieu"))


@lru_cache(maxsize=4096)
def form_words(text: str) -> tuple[str, frozenset[str]]:
    key = re.sub(r"[^\w\s]", " ", fold(text))
    for pat, rep in _EXPAND:
        key = re.sub(pat, rep, key)
    key = re.sub(r"\s+", " ", key).strip()
    kind = next((k for k in _KINDS if key.startswith(k)), "")
    words = frozenset(w for w in key.split() if w not in _STOP)
    return kind, words




def _similar(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard, or 0.8 when one side is the other with words left out ("Bằng khen UBND tỉnh")."""
    if a == b:
        return 1.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if len(small) >= 4 and small <= large:
        return 0.8
    return len(a & b) / max(1, len(a | b))


def rank_form(form: str, ranking: list[str]) -> int:
    """Index in the ranking (0 = highest), or len(ranking) for a form not in it."""
    kind, words = form_words(form)
    best, best_score = len(ranking), 0.0
    for i, r in enumerate(ranking):
        rk, rw = form_words(r)
        if rk != kind:
            continue
        score = _similar(rw, words)
        if score == 1.0:
            return i
        if score > best_score:
            best, best_score = i, score
    return best if best_score >= 0.75 else len(ranking)
