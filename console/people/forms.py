"""Forms of award (hình thức khen thưởng) and their ranking, matched tolerantly.

Lists write the same form many ways: "Bằng khen của Tổng LĐLĐ Việt Nam",
"Bằng khen Tổng Liên đoàn Lao động VN", "BK của Chủ tịch Ủy ban nhân dân tỉnh".
We compare folded word sets after expanding the usual abbreviations, and
require the kind of paper (bằng khen / giấy khen …) to agree.
"""

from __future__ import annotations

import re
from functools import lru_cache

from console.ground.settings import DEFAULT_AWARD_RANKING
from console.ground.text import fold

# folded abbreviation -> folded long form; applied on word boundaries
_EXPAND = [
    (r"\bbk\b", "bang khen"), (r"\bgk\b", "giay khen"), (r"\bctd\b", "co thi dua"), (r"\bknc\b", "ky niem chuong"),
    (r"\bhcld\b", "huan chuong lao dong"), (r"\bhc\b", "huan chuong"), (r"\bldst\b", "lao dong sang tao"),
    (r"\bcstd\b", "chien si thi dua"), (r"\bahld\b", "anh hung lao dong"),
    (r"\bttcp\b", "thu tuong chinh phu"), (r"\bttg\b", "thu tuong chinh phu"), (r"\bcp\b", "chinh phu"),
    (r"\bubnd\b", "uy ban nhan dan"), (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\btldld\b", "tong lien doan lao dong"), (r"\bldld\b", "lien doan lao dong"), (r"\btld\b", "tong lien doan"),
    (r"\bbch\b", "ban chap hanh"), (r"\bvn\b", "viet nam"), (r"\bct\b", "chu tich"), (r"\bcdcs\b", "cong doan co so"),
    (r"\bcd\b", "cong doan"), (r"\btp\b", "thanh pho"), (r"\btw\b", "trung uong"),
    # the class of an order: "hạng I" is "hạng Nhất"
    (r"\bhang iii\b", "hang ba"), (r"\bhang ii\b", "hang nhi"), (r"\bhang i\b", "hang nhat"),
    (r"\bhang 3\b", "hang ba"), (r"\bhang 2\b", "hang nhi"), (r"\bhang 1\b", "hang nhat"),
]
# Keys are folded (y→i), so the words put in and looked for must be folded too.
_EXPAND = [(re.compile(pat), fold(rep)) for pat, rep in _EXPAND]
# Words that do not tell two forms apart: the Chairman signs the People's Committee's Bằng khen,
# the Executive Committee the federation's ("… của Ban Chấp hành LĐLĐ tỉnh" = "… của LĐLĐ tỉnh").
_STOP = {"cua", "va", "the", "nam", "danh", "hieu", "xuat", "sac", "tang", "chu", "tich", "ban", "chap", "hanh"}
_PLACE_AFTER = {"tinh", "huien", "xa", "phuong", "quan"}  # "tỉnh Bắc Kạn": the place's name adds nothing
_KINDS = tuple(fold(k) for k in (
    "anh hùng lao động", "huân chương", "huy chương", "kỷ niệm chương", "cờ thi đua", "chiến sĩ thi đua",
    "bằng khen", "bằng lao động sáng tạo", "giấy khen", "danh hiệu"))
# Level words: two forms of different levels are never one ("Giấy khen của Chủ tịch UBND huyện" / "… xã").
_LEVEL_WORDS = frozenset(fold(w) for w in ("tỉnh", "huyện", "xã", "phường", "quận", "ương", "tổng"))


@lru_cache(maxsize=4096)
def form_words(text: str) -> tuple[str, frozenset[str]]:
    key = re.sub(r"[^\w\s]", " ", fold(text))
    for pat, rep in _EXPAND:
        key = pat.sub(rep, key)
    key = re.sub(r"\s+", " ", key).strip()
    key = re.sub(r"^danh hieu (?=chien si|anh hung)", "", key)  # "Danh hiệu Chiến sĩ thi đua …" is that title
    kind = next((k for k in _KINDS if key.startswith(k)), "")
    tokens = key.split()
    cut = next((i + 1 for i, w in enumerate(tokens) if w in _PLACE_AFTER), len(tokens))
    words = frozenset(w for w in tokens[:cut] if w not in _STOP)
    return kind, words




def _similar(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard, or 0.8 when one side is the other with words left out ("Bằng khen UBND tỉnh").

    Two different levels ("tỉnh" / "huyện", "tổng" liên đoàn / liên đoàn "tỉnh") are never one form."""
    if a == b:
        return 1.0
    la, lb = a & _LEVEL_WORDS, b & _LEVEL_WORDS
    if la and lb and la != lb:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if len(small) >= 4 and small <= large:
        return 0.8
    return len(a & b) / max(1, len(a | b))


@lru_cache(maxsize=4096)  # pure; asked for every award row at every rebuild of the agenda
def _best(form: str, ranking: tuple[str, ...]) -> int | None:
    kind, words = form_words(form)
    best, best_score = None, 0.0
    for i, r in enumerate(ranking):
        rk, rw = form_words(r)
        if rk != kind:
            continue
        score = _similar(rw, words)
        if score == 1.0:
            return i
        if score > best_score:
            best, best_score = i, score
    return best if best_score >= 0.75 else None


@lru_cache(maxsize=64)
def effective_ranking(ranking: tuple[str, ...]) -> tuple[str, ...]:
    """The event's ranking with every form of the built-in hierarchy it leaves out put in its place.

    An event.toml written before a form was known (four forms, say) still ranks a Huân chương
    above them all: each missing form goes right after the nearest higher form both lists know."""
    out = list(ranking)
    anchor = -1  # where the previous built-in form sits in `out`
    for form in DEFAULT_AWARD_RANKING:
        at = _best(form, tuple(out))
        if at is not None:
            anchor = at
            continue
        out.insert(anchor + 1, form)
        anchor += 1
    return tuple(out)


def rank_form(form: str, ranking: list[str]) -> int:
    """Index in the event's ranking completed by the hierarchy (0 = highest); past the end if unknown."""
    full = effective_ranking(tuple(ranking))
    at = _best(form, full)
    return len(full) if at is None else at


def form_known(form: str, ranking: list[str]) -> bool:
    return _best(form, effective_ranking(tuple(ranking))) is not None


def canonical_form(form: str, ranking: list[str]) -> str | None:
    """The ranking's own spelling of `form` ("BẰNG KHEN CỦA TỔNG LIÊN ĐOÀN …" → "Bằng khen của Tổng …")."""
    full = effective_ranking(tuple(ranking))
    at = _best(form, full)
    return None if at is None else full[at]


def place_hint(form: str, ranking: list[str]) -> str:
    """Where an unknown form might go: after the lowest ranked form of the same kind."""
    kind, _w = form_words(form)
    full = effective_ranking(tuple(ranking))
    same = [r for r in full if form_words(r)[0] == kind and kind]
    return f" (ví dụ ngay sau “{same[-1]}”)" if same else ""


# State honours are the state's, whatever words follow ("Huân chương Lao động hạng Ba").
_STATE_KINDS = tuple(fold(k) for k in ("anh hùng lao động", "huân chương", "huy chương"))


def issuer_of(form: str):
    """(Body, Level) of the body that gives a form: "Giấy khen của LĐLĐ huyện" → (UNION, DISTRICT).

    (None, None) when the form does not say."""
    from console.people.protocol import Body, Level, body_level

    kind, words = form_words(form)
    key = fold(form)
    if kind in _STATE_KINDS or "toan quoc" in key or "chinh phu" in key:
        return Body.NATIONAL, Level.CENTRAL
    if kind == fold("kỷ niệm chương") or "tong lien doan" in key or {"tong", "lien", "doan"} <= words:
        return Body.UNION, Level.CENTRAL
    _k, _, who = form.partition(" của ")
    if not who:
        who = re.split(r"(?i)\bcủa\b|\bcua\b", form, maxsplit=1)[-1]
    body, level = body_level(who)
    if kind == fold("chiến sĩ thi đua") and body is None:
        return Body.UBND, level  # the title is given by the People's Committee of that level
    return body, level
