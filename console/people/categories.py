"""Rule tables: delegate categories, emulation titles, leadership posts, protocol rank.

Lists from different units spell the same thing differently ("Chiến sỹ thi đua
cơ sở", "CSTĐ", "Lao động giỏi cấp huyện"); everything here matches on the
folded form (`text.fold`), so the title is recognised, not the exact string.
"""

from __future__ import annotations

import re

from console.ground.text import canonical, fold, has_vietnamese_marks

EXEMPLARY_COLLECTIVE = "tap_the"
EXEMPLARY_INDIVIDUAL = "ca_nhan"
GUEST = "khach_moi"
CATEGORIES = (EXEMPLARY_COLLECTIVE, EXEMPLARY_INDIVIDUAL, GUEST)
EXEMPLARY = frozenset({EXEMPLARY_COLLECTIVE, EXEMPLARY_INDIVIDUAL})

CATEGORY_LABELS = {
    EXEMPLARY_COLLECTIVE: "Đại diện tập thể điển hình",
    EXEMPLARY_INDIVIDUAL: "Cá nhân điển hình",
    GUEST: "Khách mời",
}
CATEGORY_SHORT = {EXEMPLARY_COLLECTIVE: "Tập thể", EXEMPLARY_INDIVIDUAL: "Cá nhân", GUEST: "Khách mời"}

# The words people write in the "Thành phần" / "Loại đại biểu" column.
_CATEGORY_WORDS: list[tuple[str, str]] = [
    ("khach", GUEST),
    ("lanh dao", GUEST),
    ("tap the", EXEMPLARY_COLLECTIVE),
    ("dai dien", EXEMPLARY_COLLECTIVE),
    ("to ", EXEMPLARY_COLLECTIVE),
    ("ca nhan", EXEMPLARY_INDIVIDUAL),
    ("dien hinh", EXEMPLARY_INDIVIDUAL),
    ("dtt", EXEMPLARY_INDIVIDUAL),
]

ACCEPTED_CATEGORY_VALUES = "“Tập thể” (đại diện tập thể điển hình), “Cá nhân” (cá nhân điển hình), “Khách mời”"

# Emulation titles: folded prefix -> canonical title.
TITLES: list[tuple[str, str]] = [
    ("chien si thi dua toan quoc", "Chiến sĩ thi đua toàn quốc"),
    ("chien si thi dua", "Chiến sĩ thi đua"),
    ("cstd", "Chiến sĩ thi đua"),
    ("lao dong sang tao", "Lao động sáng tạo"),
    ("lao dong gioi", "Lao động giỏi"),
    ("lao dong tien tien", "Lao động tiên tiến"),
    ("can bo cong doan tieu bieu", "Cán bộ công đoàn tiêu biểu"),
    ("can bo cong doan xuat sac", "Cán bộ công đoàn tiêu biểu"),
    ("doan vien cong doan xuat sac", "Đoàn viên công đoàn xuất sắc"),
    ("tap the lao dong xuat sac", "Tập thể lao động xuất sắc"),
    ("tap the lao dong tien tien", "Tập thể lao động tiên tiến"),
    ("to cong doan xuat sac", "Tổ công đoàn xuất sắc"),
    ("cong doan co so vung manh", "Công đoàn cơ sở vững mạnh"),
]


def category_from_text(value: str) -> str | None:
    """The category a list's own wording means, or None if it means nothing known."""
    key = fold(value) + " "
    if not key.strip():
        return None
    if has_vietnamese_marks(value) and key.startswith("to ") and not canonical(value).startswith("tổ"):
        key = "_" + key  # "Tô …" (a surname) is not "Tổ …" (a team)
    for word, cat in _CATEGORY_WORDS:
        if key.startswith(word) or f" {word}" in f" {key}":
            return cat
    if known_title(value):
        return EXEMPLARY_INDIVIDUAL
    return None


def known_title(value: str) -> str | None:
    """The canonical title if `value` names a known emulation title, else None."""
    key = fold(value)
    return next((title for prefix, title in TITLES if key.startswith(prefix)), None)


def title_from_text(value: str) -> str:
    """Canonical emulation title, keeping a level suffix ("cơ sở", "cấp huyện")."""
    key = fold(value)
    for prefix, title in TITLES:
        if key.startswith(prefix):
            rest = value.strip()[len(" ".join(value.strip().split()[: len(prefix.split())])):].strip(" ,-")
            return f"{title} {rest}".strip() if rest else title
    return value.strip()


# The words a collective's name opens with. Written with their marks and compared with them:
# folded, the surnames Tô, Bàn, Trương, Đới, Khổng are the nouns Tổ (team), Ban (board),
# Trường (school), Đội (crew), Không — see shared/practice.md. Đoàn is a surname too, so only
# "Đoàn thanh niên", "Chi đoàn" and the like are collectives.
_COLLECTIVE_OPENINGS = (
    "tổ", "đội", "phòng", "ban", "khoa", "bộ phận", "phân xưởng", "xưởng", "tập thể", "công đoàn", "trường",
    "chi nhánh", "trạm", "nhà máy", "công ty", "tổng công ty", "hợp tác xã", "htx", "trung tâm", "văn phòng",
    "ủy ban", "bệnh viện", "chi bộ", "đảng bộ", "đoàn thanh niên", "chi đoàn", "hội", "xí nghiệp", "kíp", "nhóm",
    "lớp", "bộ môn", "cửa hàng", "hạt", "đồn", "đài", "viện", "chi cục", "cục", "sở", "thôn", "liên đoàn",
    "ngân hàng", "kho bạc", "bảo hiểm", "điện lực", "câu lạc bộ", "ca sản xuất", "dây chuyền", "lữ đoàn",
    "tiểu đoàn", "đại đội", "cđcs", "uỷ ban", "ubnd", "lđlđ",
)
_COLLECTIVE_MARKED = re.compile(r"^(?:" + "|".join(re.escape(canonical(w)) for w in
                                                  sorted(_COLLECTIVE_OPENINGS, key=len, reverse=True)) + r")(?!\w)")
_COLLECTIVE_BARE = re.compile(r"^(?:" + "|".join(re.escape(fold(w)) for w in
                                                sorted(_COLLECTIVE_OPENINGS, key=len, reverse=True)) + r")(?!\w)")
# Typed without marks, "To Thi Hang" cannot be told from "Tổ …" by its first word; a middle name
# after it says it is a person.
_MIDDLE_NAMES = frozenset(fold(w) for w in (
    "thị", "văn", "đức", "hữu", "đình", "ngọc", "minh", "thanh", "quang", "xuân", "hồng", "kim", "thế", "công",
    "quốc", "mạnh", "tiến", "duy", "bá", "trọng", "khắc", "như", "thu", "mai", "bích", "diệu", "phương", "anh",
))


def is_collective_name(name: str) -> bool:
    """"Tổ may số 3", "Phòng Kế toán": a collective; "Tô Thị Hằng", "Bàn Văn Quý": people."""
    if has_vietnamese_marks(name):
        return bool(_COLLECTIVE_MARKED.match(canonical(name)))
    key = fold(name)
    if not _COLLECTIVE_BARE.match(key):
        return False
    words = key.split()
    return not (len(words) >= 3 and words[1] in _MIDDLE_NAMES and words[0] in ("to", "ban", "truong", "doi", "doan"))


# --- leadership posts (the plan's "không giữ vị trí lãnh đạo, quản lý") --------
# Team leaders in production (tổ trưởng, tổ phó) are direct-production workers,
# not management, and are deliberately not counted as leaders.
_NOT_LEADERSHIP = re.compile(r"\b(to truong|to pho|uy vien|thanh vien|nhan vien|cong nhan)\b")
_LEADERSHIP = re.compile(
    r"\b(chu tich|pho chu tich|giam doc|tong giam doc|pho giam doc|hieu truong|pho hieu truong|"
    r"bi thu|pho bi thu|chanh van phong|chanh an|chanh thanh tra|quan doc|pho quan doc|thu truong|"
    r"truong phong|pho truong phong|truong ban|pho truong ban|truong khoa|pho truong khoa|truong tram|"
    r"ke toan truong|vien truong|cuc truong|vu truong|truong ca|doi truong|truong bo phan|"
    r"truong don vi|chu nhiem|pho chu nhiem)\b"
)


def is_leadership(position: str) -> bool:
    key = fold(position)
    if not key:
        return False
    if _NOT_LEADERSHIP.search(key) and not re.search(r"\b(chu tich|giam doc|bi thu)\b", key):
        return False
    return bool(_LEADERSHIP.search(key))


# --- protocol order for introducing guests (highest office first) ----------------
def protocol_rank(position: str, unit: str = "") -> tuple:
    """Sort key, smaller first; unknown offices after every known one (see console.people.protocol)."""
    from console.people.protocol import standing  # its patterns take 20 ms to compile: not on a check-in

    return standing(position, unit).key


_YES = {"x", "co", "1", "yes", "true", "dung", "v", "+"}


def truthy_mark(value: str) -> bool:
    """"x", "X", "Có", "1", "✓" in a tick column."""
    key = fold(str(value)).strip()
    return key in _YES or "✓" in str(value) or "✔" in str(value)


def is_minority(ethnicity: str) -> bool:
    key = fold(ethnicity)
    return bool(key) and key not in ("kinh", "viet", "kinh (viet)")
