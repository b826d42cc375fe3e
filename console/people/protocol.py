"""Protocol order of guests: an office read as role × body × level.

"Phó Bí thư Thường trực Huyện ủy", "PBT TT HU", "Chủ tịch Ủy ban MTTQ Việt Nam
huyện" are read into a `Standing`: the level of the body (central → province →
district → commune → grassroots), the side it is introduced with ("Về phía lãnh
đạo huyện", "Về phía Liên đoàn Lao động tỉnh" …) and a tier inside that side
(Bí thư before Phó Bí thư Thường trực before Phó Bí thư before the heads of
HĐND and UBND before the Chair of the Fatherland Front …), after
`/work/shared/practice.md` and real scripts.

Matching keeps diacritics when the text has them: folded, "Trường" (a school)
and "Trưởng" (a head), "Thứ trưởng" (deputy minister) and "Thủ trưởng" (head of
a unit) are the same word. Text typed without any mark is matched folded, since
then there is nothing else to go on. Every pattern is compiled once, at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from console.ground.text import canonical, fold, has_vietnamese_marks
from console.people.protocol_tables import (
    _BODIES,
    _CENTRAL_CITIES,
    _DEFAULT_LEVEL,
    _LEVELS,
    _ROLES,
    _TIER,
    _UNKNOWN_TIER,
    Body,
    Level,
    Side,
)

__all__ = ["Body", "Level", "Side", "Standing", "office_text", "protocol_key", "standing"]


def _side_of(body: Body) -> Side:
    if body in (Body.PARTY, Body.PARTY_BOARD, Body.HDND, Body.UBND, Body.MTTQ, Body.NATIONAL):
        return Side.LEADERS
    return {Body.UNION: Side.UNION, Body.MASS: Side.SECTORS, Body.DEPARTMENT: Side.SECTORS,
            Body.UNIT: Side.UNITS, Body.PRESS: Side.PRESS}[body]


@dataclass(frozen=True)
class Standing:
    """Where one guest stands in the introduction; `key` sorts, smaller first."""
    level: Level
    side: Side
    tier: int
    known: bool
    role: str = ""
    body: Body | None = None

    @property
    def key(self) -> tuple:
        if not self.known:  # after every known office; among themselves by name
            return (2, 0, 0, 0)
        side = int(self.side)
        if self.level == Level.GRASSROOTS and self.side in (Side.UNITS, Side.UNION):
            side = 1 if self.side == Side.UNITS else 3  # in an enterprise its director, then its union
        return (1 if self.side == Side.PRESS else 0, int(self.level), side, self.tier)

    @property
    def group(self) -> str:
        """The "Về phía …" a script opens this guest's group with."""
        if not self.known:
            return "Về phía các đại biểu khách mời khác"
        if self.side == Side.PRESS:
            return "Về phía các cơ quan thông tấn, báo chí"
        where = {Level.CENTRAL: "Trung ương", Level.PROVINCE: "tỉnh", Level.DISTRICT: "huyện",
                 Level.COMMUNE: "xã", Level.GRASSROOTS: "cơ sở", Level.UNKNOWN: ""}[self.level]
        if self.side == Side.UNION:
            if self.level == Level.CENTRAL:
                return "Về phía Tổng Liên đoàn Lao động Việt Nam"
            if self.level == Level.GRASSROOTS:
                return "Về phía công đoàn các cơ quan, đơn vị"
            return f"Về phía Liên đoàn Lao động {where}".strip()
        if self.side == Side.LEADERS:
            return "Về phía Trung ương" if self.level == Level.CENTRAL else f"Về phía lãnh đạo {where}".strip()
        if self.side == Side.SECTORS:
            return {Level.CENTRAL: "Về phía các bộ, ngành Trung ương", Level.PROVINCE: "Về phía các sở, ban, ngành, đoàn thể tỉnh",
                    Level.DISTRICT: "Về phía các phòng, ban, ngành, đoàn thể huyện"}.get(
                self.level, f"Về phía các ban, ngành, đoàn thể {where}".strip())
        if self.level in (Level.PROVINCE, Level.DISTRICT):
            return f"Về phía các cơ quan, đơn vị {where}"
        return "Về phía các cơ quan, đơn vị, doanh nghiệp"


UNKNOWN = Standing(Level.UNKNOWN, Side.UNITS, _UNKNOWN_TIER, False)


def _compile(phrases: tuple[str, ...], folded: bool) -> re.Pattern:
    words = sorted({(fold(p) if folded else canonical(p)) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def _tables(folded: bool):
    roles = [(name, _compile(pats, folded)) for name, pats in _ROLES]
    every_role = _compile(tuple(p for _n, pats in _ROLES for p in pats), folded)
    bodies = [(body, _compile(pats, folded)) for body, pats in _BODIES]
    levels = [(level, _compile(pats, folded)) for level, pats in _LEVELS]
    cities = _compile(_CENTRAL_CITIES, folded)
    return roles, every_role, bodies, levels, cities


_MARKED, _BARE = _tables(False), _tables(True)
_SEP = re.compile(r"\s*[,;/+]\s*")
# A dash, "kiêm" or "đồng thời" joins two offices only when a role follows ("kiem" folded is also "kiểm").
_JOIN = re.compile(r"(\s[-–]\s|\s(?:kiêm|kiem|đồng thời|dong thoi)\s)")
# "xã" names a commune, but not inside "xã hội" (Sở Lao động – Thương binh và Xã hội) or "hợp tác xã".
_NOT_COMMUNE = re.compile(r"(?:xã hội|xa hoi|hợp tác xã|hop tac xa)")


def _parts(pos: str, t) -> list[str]:
    """Offices joined in one cell. A dash joins two offices only when a role follows it:
    "Trưởng phòng Lao động – Thương binh và Xã hội" is one office, "Phó Bí thư – Chủ tịch UBND" two."""
    out: list[str] = []
    for chunk in _SEP.split(pos):
        pieces = _JOIN.split(chunk)
        merged = [pieces[0]]
        for sep, piece in zip(pieces[1::2], pieces[2::2], strict=True):  # re.split with one group: pairs
            if any(pat.match(piece) for _n, pat in t[0]):
                merged.append(piece)
            else:
                merged[-1] += sep + piece
        out += [m for m in merged if m.strip()]
    return out


def _skeleton(text: str) -> tuple[str, tuple]:
    """The text to match and the pattern set for it (with marks if it has any)."""
    if has_vietnamese_marks(text):
        return canonical(text), _MARKED
    return fold(text), _BARE


# Roles whose last word begins the body's name: "Trưởng Ban Dân vận", "Trưởng phòng Nội vụ".
_BODY_IN_ROLE = {"truong_ban", "pho_ban", "tp", "ptp"}
# Memberships that add to an office but do not say where one sits: "Tỉnh ủy viên, Bí thư Huyện ủy"
# is introduced with the district; the membership decides only when it is all a guest holds.
_MODIFIERS = {"uv_bch", "dbqh"}
_TYPE_ROLES = {"press", "tbt", "ptbt"}


def _role_of(part: str, t) -> tuple[str, int] | None:
    """The role named first in `part` (longest there), and where its body's name may start."""
    best = None
    for name, pat in t[0]:
        m = pat.search(part)
        if m and (best is None or (m.start(), -m.end()) < (best[1].start(), -best[1].end())):
            best = (name, m)
    if best is None:
        return None
    name, m = best
    if name in _BODY_IN_ROLE:
        return name, part.rfind(" ", m.start(), m.end()) + 1
    return name, m.end()


def _bodies_in(text: str, t) -> list[tuple[int, int, Body]]:
    return sorted((m.start(), -m.end(), body) for body, pat in t[2] for m in [pat.search(text)] if m)


def _body_of(text: str, t) -> Body | None:
    """The body named first (and longest there): "Ban Dân vận Huyện ủy" is the committee's board.

    A board or office named after another body belongs to it: "Ban Tổ chức LĐLĐ tỉnh" is the
    federation's, "Văn phòng UBND" the People's Committee's.
    """
    hits = _bodies_in(text, t)
    if not hits:
        return None
    _start, first_end, first = hits[0]
    if first in (Body.PARTY_BOARD, Body.DEPARTMENT):
        owner = next((b for s, _e, b in hits[1:] if s >= -first_end
                      and b not in (Body.PARTY, Body.PARTY_BOARD, Body.DEPARTMENT)), None)
        if owner is not None and not (first == Body.DEPARTMENT and owner in (Body.HDND, Body.UBND)):
            return owner
    return first


def _level_of(text: str, t) -> Level | None:
    """The most local level word names the body: "Ủy ban MTTQ Việt Nam huyện X" is a district's."""
    text = _NOT_COMMUNE.sub(" ", text)
    hits = [level for level, pat in t[3] if pat.search(text)]
    if not hits:
        return None
    if t[4].search(text) and (Level.DISTRICT in hits):
        return Level.PROVINCE  # Thành ủy / UBND thành phố Hà Nội: a city run by the centre
    return max(hits)


_FORMER = re.compile(r"^(?:nguyên|nguien)\s")  # folded: y → i
_SECTOR_UNION = re.compile(r"công đoàn (?:ngành|viên chức|khu)|cong doan (?:nganh|vien chuc|khu)")


@lru_cache(maxsize=8192)
def standing(position: str, unit: str = "") -> Standing:
    """The best-ranked office named in `position` (several may be joined by commas), placed by `unit`."""
    marked = has_vietnamese_marks(f"{position} {unit}")
    t = _MARKED if marked else _BARE
    norm = canonical if marked else fold
    pos, unit_s = norm(position), norm(unit)
    best: Standing | None = None
    membership: Standing | None = None
    parts = _parts(pos, t)
    of_unit = _body_of(unit_s, t)
    for i, part in enumerate(parts):
        found = _role_of(part, t)
        if found is None:
            continue
        role, end = found
        rest = part[end:]
        # "Ủy viên BTV, Trưởng Ban Tuyên giáo LĐLĐ tỉnh": the body is named once, at the end
        later = " ".join(p[r[1]:] if (r := _role_of(p, t)) else p for p in parts[i + 1:])
        own = _body_of(rest, t)
        if own is None and later and role not in _TYPE_ROLES:
            own = _body_of(later, t)
            rest = f"{rest} {later}" if own is not None else rest
        body = Body.PRESS if role in _TYPE_ROLES else own or of_unit
        if body is None and role in ("chanh", "phct"):
            body = own = Body.DEPARTMENT  # Trưởng Công an, Chỉ huy trưởng Quân sự, Chánh Thanh tra
        if body in (Body.PARTY_BOARD, Body.DEPARTMENT) and of_unit in (Body.UNION, Body.MASS, Body.UNIT):
            body = of_unit  # "Trưởng Ban Tuyên giáo" of "LĐLĐ tỉnh", "Trưởng phòng Kế toán" of a company
        if body is None:
            continue
        first, second = (rest, unit_s) if own == body else (unit_s, rest)
        level = _level_of(first, t)
        if level is None:  # Level.CENTRAL is 0: test for None, not truth
            level = _level_of(second, t)
        if level is None:
            level = _DEFAULT_LEVEL.get(body, Level.UNKNOWN)
        if body == Body.UNION and level == Level.PROVINCE and _SECTOR_UNION.search(f"{rest} {unit_s}"):
            level = Level.DISTRICT  # a provincial sector union is the district federation's equal
        tier = _TIER.get((role, body), _TIER.get((role, "*"), _UNKNOWN_TIER))
        if _FORMER.match(part):
            tier += 100  # a former office: after those who hold one now
        known = level != Level.UNKNOWN and ((role, body) in _TIER or (role, "*") in _TIER)
        s = Standing(level, _side_of(body), tier, known, role, body)
        if role in _MODIFIERS:
            if membership is None or s.key < membership.key:
                membership = s
        elif best is None or s.key < best.key:
            best = s
    return best or membership or UNKNOWN


def protocol_key(position: str, unit: str = "") -> tuple:
    return standing(position, unit).key


# --- saying an office once ------------------------------------------------------------
# Names of one body: "Hội LHPN" is "Hội Liên hiệp Phụ nữ", "Ủy ban MTTQ" the Fatherland Front's committee.
_ALIASES = {
    "hđnd": "hội đồng nhân dân", "hdnd": "hội đồng nhân dân", "ubnd": "ủy ban nhân dân",
    "ủy ban mttq": "mttq", "ubmttq": "mttq", "ủy ban mặt trận tổ quốc": "mttq", "mặt trận tổ quốc": "mttq",
    "lđlđ": "liên đoàn lao động", "ldld": "liên đoàn lao động", "tlđ": "tổng liên đoàn", "tld": "tổng liên đoàn",
    "hội lhpn": "hội liên hiệp phụ nữ", "hội phụ nữ": "hội liên hiệp phụ nữ", "hội ccb": "hội cựu chiến binh",
    "đoàn tncs": "đoàn thanh niên",
}
_BARE_ALIASES = {fold(k): fold(v) for k, v in _ALIASES.items()}
_ALIASES = {canonical(k): canonical(v) for k, v in _ALIASES.items()}
_LEVEL_TAILS = {"", "huien", "tinh", "xa", "phuong", "thi tran", "thanh pho", "quan", "thi xa", "viet nam"}
_NAMED_BODIES = (Body.PARTY, Body.HDND, Body.UBND, Body.MTTQ, Body.UNION, Body.MASS)


def _first_body(text: str, t=None) -> tuple[Body, str, int, int] | None:
    """The body `text` names first: (body, its phrase as one name, start, end).

    With `t` given, `text` is already a matching key and the offsets are into it."""
    if t is None:
        t = _MARKED if has_vietnamese_marks(text) else _BARE
        text = canonical(text) if t is _MARKED else fold(text)
    best = None
    for body, pat in t[2]:
        m = pat.search(text)
        if m and (best is None or (m.start(), -m.end()) < (best[2], -best[3])):
            best = (body, m.group(0), m.start(), m.end())
    if best is None:
        return None
    body, phrase, start, end = best
    key = canonical(phrase) if t is _MARKED else fold(phrase)
    aliases = _ALIASES if t is _MARKED else _BARE_ALIASES
    return body, aliases.get(key, key), start, end


def office_text(position: str, unit: str) -> str | None:
    """ "Chủ tịch Ủy ban MTTQ huyện" + "Ủy ban MTTQ Việt Nam huyện Bạch Thông" →
    "Chủ tịch Ủy ban MTTQ Việt Nam huyện Bạch Thông": the unit replaces the body the position
    ends with when both name the same body of the same level. None when they do not."""
    if not position or not unit or canonical(position) != canonical(position).strip() or \
            len(canonical(position)) != len(position):
        return None
    t = _MARKED if has_vietnamese_marks(position) else _BARE
    key = canonical(position) if t is _MARKED else fold(position)
    found = _role_of(key, t)
    if found is None:
        return None
    role, end = found
    in_pos = _first_body(key[end:], t)
    in_unit = _first_body(unit)
    if in_unit is not None and in_unit[0] in _NAMED_BODIES and t is _BARE:
        in_unit = _first_body(fold(unit), _BARE)  # compare like with like
    if in_pos is None or in_unit is None or in_unit[2] != 0:
        return None
    body, phrase, start, stop = in_pos
    if body not in _NAMED_BODIES or body != in_unit[0] or phrase != in_unit[1]:
        return None
    if fold(position[end + stop:]) not in _LEVEL_TAILS:
        return None  # the body is not where the position ends: "Ủy viên BTV Huyện ủy, Trưởng Ban …"
    tail = position[end + start:]
    norm = canonical if t is _MARKED else fold
    in_tail, in_unit_level = _level_of(norm(tail), t), _level_of(norm(unit), t)
    if in_tail is not None and in_tail != in_unit_level:
        return None  # "Phó Chủ tịch LĐLĐ tỉnh" of a unit that is a district's: say both
    return f"{position[:end + start].rstrip()} {unit}"


def body_level(text: str) -> tuple[Body | None, Level | None]:
    """The body a text names and its level: "Ban Chấp hành LĐLĐ tỉnh" → (UNION, PROVINCE)."""
    marked = has_vietnamese_marks(text)
    t = _MARKED if marked else _BARE
    key = canonical(text) if marked else fold(text)
    body = _body_of(key, t)
    level = _level_of(key, t)
    if body == Body.UNION and _SECTOR_UNION.search(key):
        level = Level.DISTRICT  # a provincial sector union is the district federation's equal
    if level is None and body is not None:
        level = _DEFAULT_LEVEL.get(body)
    return body, level
