"""Fictional delegates for the scaling benchmarks: up to 20,000 and more, every name unique.

The demo generator (data/make_demo.py) draws from 24 surnames and two dozen given
names — about 8,600 distinct names — and past that numbers them ("… 8601"), which
no list has. A national congress is a few thousand people and the console is
designed for 20,000, so this draws from ~75 surnames (weighted as they are met:
Nguyễn, Trần, Lê … common; Tô, Bàn, Đới, Trương — surnames that are also nouns —
there too), one or two middle names and ~90 given names per gender: 3- and
4-syllable names, several hundred thousand combinations, no two people alike.
Units are numbered across many communes and districts; guests come from every
body of the political system.
"""

from __future__ import annotations

import random

from console.ground.text import canonical
from console.people.roster import Delegate

# (surname, weight): roughly how often each is met in a list.
SURNAMES = [
    ("Nguyễn", 30), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 3), ("Phan", 3), ("Vũ", 3),
    ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2), ("Ngô", 2), ("Dương", 2), ("Lý", 1),
    ("Đinh", 1), ("Trịnh", 1), ("Đào", 1), ("Mai", 1), ("Lương", 1), ("Hà", 1), ("Nông", 1), ("Triệu", 1),
    ("Bế", 1), ("Ma", 1), ("Đàm", 1), ("Hứa", 1), ("Lục", 1), ("Vi", 1), ("Lộc", 1), ("Mã", 1), ("Chu", 1),
    ("Tô", 1), ("Tạ", 1), ("Bàn", 1), ("Đới", 1), ("Trương", 1), ("Cao", 1), ("Lâm", 1), ("Tăng", 1),
    ("Kiều", 1), ("Quách", 1), ("Thái", 1), ("Lò", 1), ("Cầm", 1), ("Lường", 1), ("Sầm", 1), ("Giàng", 1),
    ("Thào", 1), ("Sùng", 1), ("Hầu", 1), ("Mạc", 1), ("Khổng", 1), ("Văn", 1), ("Phùng", 1), ("Tống", 1),
    ("La", 1), ("Âu", 1), ("Ninh", 1), ("Doãn", 1), ("Lại", 1), ("Khúc", 1), ("Nghiêm", 1), ("Vương", 1),
    ("Hán", 1), ("Lưu", 1), ("Tiêu", 1), ("Diệp", 1),
]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thế", "Ngọc", "Công", "Đình", "Bá", "Trọng",
            "Thanh", "Mạnh", "Duy", "Tiến", "Khắc", "Như", "Viết", "Quốc"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Mai", "Kim", "Minh", "Phương", "Bích", "Diệu", "Lan",
            "Hải", "Thúy", "Thùy", "Quỳnh", "Khánh", "Như", "Bảo", "Tuyết"]
GIVEN_M = ["Dũng", "Đức", "Tuấn", "Sơn", "Nghĩa", "Thắng", "Khánh", "Chiến", "Quý", "Hòa", "Bình", "Cường",
           "Hưng", "Lâm", "Phúc", "Thành", "Trường", "Vượng", "Ước", "Ân", "Định", "Giang", "Kiên", "Toàn",
           "Anh", "Bảo", "Công", "Đạt", "Đông", "Hải", "Hậu", "Hiếu", "Hoàng", "Huy", "Khoa", "Long", "Lộc",
           "Luân", "Minh", "Nam", "Nhân", "Phong", "Quân", "Quang", "Sang", "Tài", "Tâm", "Thái", "Thiện",
           "Thịnh", "Tiến", "Trí", "Trung", "Tú", "Tùng", "Vinh", "Vũ", "Dương", "Hùng", "Mạnh", "Nguyên",
           "Phát", "Quyết", "Tân", "Thông", "Thuận", "Tín", "Tuyên", "Việt", "Xuân", "Hà", "Hợp", "Kha",
           "Lực", "Ngọc", "Pháp", "Sỹ", "Thạch", "Thăng", "Toản", "Vĩnh", "Yên", "Bàn", "Đội", "Tổ"]
GIVEN_F = ["Hường", "Hương", "Thủy", "Thuỷ", "Lan", "Mai", "Hạnh", "Yến", "Nga", "Duyên", "Phượng", "Ánh",
           "Huyền", "Lý", "Ngân", "Oanh", "Quyên", "Trang", "Uyên", "Xuân", "Ẩn", "Êm", "Hoà", "Nhung",
           "An", "Bích", "Châu", "Chi", "Diệp", "Dung", "Giang", "Hà", "Hằng", "Hiền", "Hoa", "Hồng", "Huệ",
           "Hoài", "Khánh", "Lài", "Liên", "Linh", "Loan", "Ly", "Minh", "My", "Nga", "Ngọc", "Nhàn", "Nhi",
           "Nhung", "Phương", "Quế", "Quỳnh", "Sen", "Tâm", "Thảo", "Thắm", "Thanh", "Thơ", "Thoa", "Thu",
           "Thúy", "Thư", "Tiên", "Trà", "Trinh", "Tuyết", "Vân", "Vi", "Xoan", "Yên", "Đào", "Gấm", "Lụa",
           "Mơ", "Na", "Nguyệt", "Nhài", "Sương", "Thêu", "Thủy Tiên", "Tố", "Uyển", "Vy"]
ETHNIC = ["Kinh"] * 14 + ["Tày"] * 3 + ["Nùng"] * 2 + ["Thái", "Mường", "Dao", "Mông", "Khơ-me", "Ê-đê", "Gia-rai", "Sán Chay"]
PROVINCES = ["Lạng Sơn", "Cao Bằng", "Bắc Kạn", "Thái Nguyên", "Nghệ An", "Thanh Hóa", "Đắk Lắk", "Cần Thơ",
             "Hải Phòng", "Đà Nẵng", "Quảng Ninh", "Sóc Trăng"]
COMMUNES = ["Bản Lằn", "Khuổi Hao", "Nà Mò", "Pác Nặm", "Cốc Phìa", "Phiêng Luông", "Đồng Xá", "Thôm Mò",
            "Tân Lập", "Hòa Bình", "Quyết Thắng", "Đông Hưng", "Phú Lộc", "Trường Sơn", "Vĩnh Phúc", "An Bình"]
UNITS = ["Trường THCS {c}", "Trường Tiểu học {c} số {k}", "Trường Mầm non {c}", "Trạm Y tế xã {c}",
         "UBND xã {c}", "Công ty Cổ phần Chè {c}", "Hợp tác xã Dệt thổ cẩm {c}", "Chi nhánh Điện lực {p}",
         "Công ty TNHH May {p} số {k}", "Bệnh viện Đa khoa tỉnh {p}", "Xí nghiệp Gạch ngói {c}",
         "Tổng công ty Than – Khoáng sản, Công ty Than {c}", "Ngân hàng Chính sách xã hội tỉnh {p}"]
GUEST_BODIES = [
    ("Phó Bí thư Tỉnh ủy", "Tỉnh ủy {p}"), ("Chủ tịch UBND tỉnh", "UBND tỉnh {p}"),
    ("Phó Chủ tịch HĐND tỉnh", "HĐND tỉnh {p}"), ("Chủ tịch Ủy ban MTTQ tỉnh", "Ủy ban MTTQ Việt Nam tỉnh {p}"),
    ("Chủ tịch LĐLĐ tỉnh", "Liên đoàn Lao động tỉnh {p}"), ("Trưởng Ban Dân vận Tỉnh ủy", "Tỉnh ủy {p}"),
    ("Giám đốc Sở Nội vụ", "Sở Nội vụ tỉnh {p}"), ("Bí thư Tỉnh đoàn", "Tỉnh đoàn {p}"),
    ("Chủ tịch Hội LHPN tỉnh", "Hội Liên hiệp Phụ nữ tỉnh {p}"), ("Chỉ huy trưởng", "Bộ Chỉ huy Quân sự tỉnh {p}"),
    ("Phó Giám đốc", "Công an tỉnh {p}"), ("Phóng viên", "Báo Lao Động"), ("Phóng viên", "Đài PT–TH tỉnh {p}"),
    ("Phó Chủ tịch", "Tổng Liên đoàn Lao động Việt Nam"), ("Chủ tịch Công đoàn ngành", "Công đoàn ngành Giáo dục tỉnh {p}"),
]
TITLES = ["Chiến sĩ thi đua cơ sở", "Lao động giỏi", "Lao động sáng tạo", "Cán bộ công đoàn tiêu biểu",
          "Chiến sĩ thi đua cấp tỉnh", "Lao động giỏi cấp tỉnh"]
JOBS = ["Giáo viên", "Công nhân", "Điều dưỡng", "Y sĩ", "Kế toán", "Nhân viên", "Công nhân kỹ thuật",
        "Thợ dệt", "Tổ trưởng sản xuất", "Kiểm lâm viên", "Cán bộ địa chính", "Bác sĩ", "Thợ mỏ"]




def unique_names(n: int, rng: random.Random) -> list[tuple[str, bool]]:
    """`n` different full names (NFC), each with whether she is a woman."""
    surnames, weights = [s for s, _ in SURNAMES], [w for _, w in SURNAMES]
    seen: set[str] = set()
    out: list[tuple[str, bool]] = []
    while len(out) < n:
        woman = rng.random() < 0.5
        middle = MIDDLE_F if woman else MIDDLE_M
        parts = [rng.choices(surnames, weights)[0], rng.choice(middle)]
        if rng.random() < 0.3:  # four syllables: Nguyễn Thị Thu Hà, Trần Văn Minh Đức
            parts.append(rng.choice(middle))
        parts.append(rng.choice(GIVEN_F if woman else GIVEN_M))
        if len(set(parts[1:])) < len(parts) - 1:
            continue  # "Văn Văn", "Minh … Minh": no one is named that way
        name = " ".join(parts)
        key = canonical(name)  # Thủy and Thuỷ are one name written two ways
        if key not in seen:
            seen.add(key)
            out.append((name, woman))
    return out


def make_delegates(n: int, seed: int = 42, guest_share: float = 0.26) -> list[Delegate]:
    """`n` fictional delegates, ids 1…n, unique names: guests first, then collectives, then individuals."""
    rng = random.Random(seed)
    names = unique_names(n, rng)
    n_guests = round(n * guest_share)
    n_coll = max(1, round((n - n_guests) * 0.18))
    people = []
    for i, (name, woman) in enumerate(names, start=1):
        p = rng.choice(PROVINCES)
        unit = rng.choice(UNITS).format(c=rng.choice(COMMUNES), p=p, k=rng.randint(1, 9))
        common = dict(id=i, name=name, gender="nu" if woman else "nam", birth_year=rng.randint(1962, 1998),
                      ethnicity=rng.choice(ETHNIC))
        if i <= n_guests:
            pos, body = GUEST_BODIES[rng.randrange(len(GUEST_BODIES))]
            people.append(Delegate(**common, category="khach_moi", position=pos, unit=body.format(p=p), leader=True))
        elif i <= n_guests + n_coll:
            people.append(Delegate(**common, category="tap_the", position="Tổ trưởng", unit=unit,
                                   title="Tập thể lao động xuất sắc", direct_production=rng.random() < 0.6))
        else:
            job = rng.choice(JOBS)
            people.append(Delegate(**common, category="ca_nhan", position=job, unit=unit, title=rng.choice(TITLES),
                                   direct_production=job not in ("Kế toán", "Cán bộ địa chính")))
    return people
