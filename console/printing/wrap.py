"""Where a Vietnamese line may break: between words, never inside one.

Vietnamese writes a word of two or three syllables as syllables with spaces
("hợp tác xã", "cơ sở", "xi măng"), so breaking at any space cuts words in
half: "Hợp / tác xã", "Liên / đoàn", "Nà / Lương". Three sources of words a
slip keeps whole:

- COMPOUNDS, a bundled list of the words of union and government papers
  (bodies, offices, titles, trades), matched in `canonical` form: lower case,
  every diacritic kept, tone placement unified ("hoà" = "hòa"). Never folded:
  "Ban" (board) and "Bàn" (a surname) stay different words.
- proper nouns: a run of capitalised syllables in mixed-case text — a place
  ("Nà Lương", "Phiêng Luông"), a person ("Nguyễn Thị Thu Huyền") — is one word.
- the caller's own phrases (`keep`): the event's unit, a recipient's name.

A word segmenter was weighed (pyvi: CRF over news text, pulls scikit-learn,
scipy and numpy, ~100 MB, and does not know "Nà Lương" is one word); the list
plus the capitalised-run rule is exact on the papers' vocabulary, deterministic
and costs microseconds per slip (console/bench, `hoinghi bench`).

Lines are then chosen by a small dynamic programme: fewest lines first, then
the most even lengths (a two-line name splits where the halves are closest),
with a break after a comma preferred.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from console.ground.text import canonical, nfc

COMPOUNDS_TEXT = """
hợp tác xã; liên đoàn; liên đoàn lao động; tổng liên đoàn; lao động; công đoàn; công đoàn cơ sở; cơ sở;
công đoàn ngành; xi măng; điện lực; chi nhánh; công ty; trách nhiệm hữu hạn; cổ phần; tổng công ty;
nhà máy; xí nghiệp; phân xưởng; sản xuất; chế biến; khai thác; khoáng sản; nước sạch; thổ cẩm;
trường; tiểu học; trung học; trung học cơ sở; trung học phổ thông; phổ thông; mầm non; cao đẳng;
đại học; dân tộc; nội trú; dân tộc nội trú; giáo dục; đào tạo; giáo viên; hiệu trưởng; phó hiệu trưởng;
trạm y tế; y tế; bệnh viện; đa khoa; trung tâm; sức khỏe; chăm sóc; dân số; gia đình;
ủy ban; ủy ban nhân dân; nhân dân; hội đồng; hội đồng nhân dân; mặt trận; mặt trận tổ quốc; tổ quốc;
huyện ủy; tỉnh ủy; thành ủy; đảng ủy; đảng bộ; chi bộ; ban chấp hành; ban thường vụ; thường vụ;
thường trực; ủy viên; chủ tịch; phó chủ tịch; bí thư; phó bí thư; giám đốc; phó giám đốc;
trưởng phòng; phó trưởng phòng; trưởng ban; phó trưởng ban; tổ trưởng; tổ phó; đội trưởng;
chủ nhiệm; phó chủ nhiệm; kế toán; thủ quỹ; công nhân; viên chức; nhân viên; cán bộ; công chức;
kỹ thuật; kĩ thuật; kỹ sư; kĩ sư; quản lý; quản lí; thị trường; kiểm lâm; hạt kiểm lâm; nông nghiệp;
lâm nghiệp; phát triển; nông thôn; văn hóa; thể thao; du lịch; tài chính; kế hoạch; đầu tư;
tài nguyên; môi trường; giao thông; vận tải; xây dựng; công thương; nội vụ; tư pháp; thương binh;
xã hội; công an; quân sự; biên phòng; bưu điện; viễn thông; ngân hàng; chính sách; kho bạc;
bảo hiểm; bảo hiểm xã hội; phụ nữ; hội liên hiệp; liên hiệp; thanh niên; cựu chiến binh; nông dân;
chiến sĩ thi đua; thi đua; khen thưởng; bằng khen; giấy khen; tập thể; cá nhân; điển hình; tiên tiến;
điển hình tiên tiến; xuất sắc; lao động giỏi; lao động sáng tạo; tiêu biểu; dân vận; tuyên giáo;
tổ chức; kiểm tra; văn phòng; vùng cao; vùng sâu; phong trào; giai đoạn; hội nghị; đại hội; đại biểu;
khách mời; việt nam; dệt thổ cẩm; thành phố; thị xã; thị trấn; quyết định; ban tổ chức; chứng nhận; thành tích;
nhận thay; đại diện; lên sân khấu; người trao; trao sau; danh sách; biểu dương; tôn vinh
"""
COMPOUNDS: frozenset[tuple[str, ...]] = frozenset(
    tuple(canonical(w).split()) for w in COMPOUNDS_TEXT.replace("\n", " ").split(";") if w.strip())
LONGEST = max(len(c) for c in COMPOUNDS)
MAX_KEEP_WORDS = 12  # no slip line holds more syllables than this at its smallest size


@dataclass(frozen=True)
class Chunk:
    """Words that stay on one line; `comma` when the last ends a clause (a good place to break)."""
    text: str
    comma: bool = False


def _capital(word: str) -> bool:
    head = word.lstrip("(“\"'")
    return bool(head) and head[0].isupper()


def _compound_at(keys: list[str], j: int, words: list[str]) -> bool:
    for n in range(min(LONGEST, len(keys) - j), 1, -1):
        if tuple(keys[j:j + n]) in COMPOUNDS and not any(words[k].endswith((",", ";", ":")) for k in range(j, j + n - 1)):
            return True
    return False


def chunks(text: str, keep: Iterable[str] = (), max_span: int | None = None) -> list[Chunk]:
    """The text as unbreakable chunks: compounds, proper nouns and `keep` phrases joined
    (none longer than `max_span` words: how a too-long chunk finds the words inside it)."""
    words = nfc(text).split()
    if not words:
        return []
    keys = [canonical(w.strip(",.;:()“”\"'")) for w in words]
    # A phrase longer than a line can hold is never kept whole (and would make this loop quadratic).
    phrases = {t for p in keep if p and p.strip() and len(t := tuple(canonical(p).split())) <= MAX_KEEP_WORDS}
    longest = max([LONGEST, *(len(p) for p in phrases)])
    if max_span is not None:
        longest = min(longest, max_span)
    mixed = any(w.lower() != w for w in words) and any(w.upper() != w for w in words)
    out: list[Chunk] = []
    i = 0
    while i < len(words):
        take = 1
        for n in range(min(longest, len(words) - i), 1, -1):
            span = tuple(keys[i:i + n])
            # a comma inside a span means two clauses, never one word
            if any(words[j].endswith((",", ";", ":")) for j in range(i, i + n - 1)):
                continue
            if span in phrases or span in COMPOUNDS:
                take = n
                break
        if take == 1 and mixed and _capital(words[i]) and not words[i].endswith((",", ";", ":")):
            j = i + 1  # a run of capitalised syllables is a proper noun: a place, a person
            while (j < len(words) and _capital(words[j]) and not words[j - 1].endswith((",", ";", ":"))
                   and not _compound_at(keys, j, words)  # "Trường Tiểu học": "Tiểu học" is the word
                   and (max_span is None or j - i < max_span)):
                j += 1
            take = j - i
        piece = " ".join(words[i:i + take])
        out.append(Chunk(piece, piece.endswith((",", ";"))))
        i += take
    return _glue_dashes(out)


def _glue_dashes(parts: list[Chunk]) -> list[Chunk]:
    """"Tổ Toán – Tin": a dash between words holds them together, never starts or ends a line."""
    out: list[Chunk] = []
    glue_next = False
    for c in parts:
        if c.text in ("–", "-", "—", "/", "&") and out:
            out[-1] = Chunk(f"{out[-1].text} {c.text}", False)
            glue_next = True
            continue
        if glue_next:
            out[-1] = Chunk(f"{out[-1].text} {c.text}", c.comma)
            glue_next = False
        else:
            out.append(c)
    return out


def _split_chunk(c: Chunk, fits: Callable[[str], bool]) -> list[Chunk]:
    """A chunk wider than the line: its own compounds and proper nouns, else its words (last resort)."""
    if fits(c.text) or " " not in c.text:
        return [c]
    n = len(c.text.split())
    # One word less at a time finds the longest words inside; past a line's worth of words, halve,
    # so a pasted paragraph costs log(n) passes, not n.
    inner = chunks(c.text, max_span=n - 1 if n <= MAX_KEEP_WORDS else n // 2)
    if len(inner) > 1:
        return [x for part in inner for x in _split_chunk(part, fits)]
    words = c.text.split()
    return [Chunk(w) for w in words[:-1]] + [Chunk(words[-1], c.comma)]


def layout(text: str, measure: Callable[[str], float], max_width: float,
           keep: Iterable[str] = ()) -> list[str] | None:
    """The best lines for `text`, or None when a single word is wider than the line.

    Fewest lines; among those, the smallest sum of squared slack (even lines), with
    a bonus for breaking after a comma. A chunk is split into words only when it
    is itself wider than the line.
    """
    parts = chunks(text, tuple(keep))
    if not parts:
        return []
    seen: dict[str, float] = {}

    def width_of(t: str) -> float:  # measuring is the cost of a slip: each chunk once
        if t not in seen:
            seen[t] = measure(t)
        return seen[t]

    parts = [x for c in parts for x in _split_chunk(c, lambda t: width_of(t) <= max_width)]
    widths = [width_of(c.text) for c in parts]
    if any(w > max_width for w in widths):
        return None
    n = len(parts)
    space = width_of(" ")
    # best[i] = (lines, cost, previous break) for the first i chunks
    inf = (10**9, float("inf"), -1)
    best: list[tuple[int, float, int]] = [(0, 0.0, -1)] + [inf] * n
    for end in range(1, n + 1):
        width = -space
        for start in range(end - 1, -1, -1):
            width += widths[start] + space
            if width > max_width:
                break
            lines, cost, _ = best[start]
            if lines >= 10**9:
                continue
            slack = (max_width - width) / max_width
            line_cost = slack * slack  # the last line too: slips are centred, even lines look right
            if end < n and parts[end - 1].comma:
                line_cost -= 0.3
            cand = (lines + 1, cost + line_cost, start)
            if (cand[0], cand[1]) < (best[end][0], best[end][1]):
                best[end] = cand
    if best[n][0] >= 10**9:
        return None
    cuts, i = [], n
    while i > 0:
        cuts.append(i)
        i = best[i][2]
    cuts.reverse()
    lines, start = [], 0
    for cut in cuts:
        lines.append(" ".join(c.text for c in parts[start:cut]))
        start = cut
    return lines


@lru_cache(maxsize=4096)
def chunk_texts(text: str, keep: tuple[str, ...] = ()) -> tuple[str, ...]:
    """For tests and the benchmark: the chunks as plain strings."""
    return tuple(c.text for c in chunks(text, keep))
