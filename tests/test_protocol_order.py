"""Protocol order of guests: real position strings, in the order a script introduces them.

Each group below ranks strictly before the next; the strings inside a group rank the same
(the same office written with and without diacritics, with the usual abbreviations, or the
same office held by a different unit). Written from shared/practice.md and real scripts
(Hải Hậu Party congress 2020: Bí thư Tỉnh ủy, then Phó Bí thư Thường trực Tỉnh ủy – Chủ tịch
HĐND, then Phó Bí thư – Chủ tịch UBND; Gò Dầu district conference 2020: the provincial
federation's deputy chair, then the district's Ban Dân vận head who chairs the MTTQ, then the
district federation's chair).
"""

from __future__ import annotations

import pytest

from console.ground.text import fold
from console.people.protocol import Level, Side, standing

GROUPS: list[list[tuple[str, str]]] = [
    # --- central
    [("Chủ tịch Tổng Liên đoàn Lao động Việt Nam", "Tổng LĐLĐ Việt Nam")],
    [("Phó Chủ tịch Thường trực Tổng LĐLĐ Việt Nam", "")],
    [("Phó Chủ tịch Tổng Liên đoàn Lao động Việt Nam", ""), ("Pho Chu tich Tong LDLD Viet Nam", "")],
    [("Ủy viên Đoàn Chủ tịch Tổng LĐLĐ Việt Nam, Trưởng Ban Chính sách – Pháp luật", "")],
    # --- province: leaders
    [("Bí thư Tỉnh ủy", "Tỉnh ủy Bắc Kạn"), ("Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy", "")],
    [("Phó Bí thư Thường trực Tỉnh ủy", ""), ("Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh", ""),
     ("Phó Bí thư Thường trực Tỉnh uỷ, Chủ tịch Hội đồng nhân dân tỉnh", "")],
    [("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh", ""), ("Phó Bí thư Tỉnh ủy", "Tỉnh ủy Bắc Kạn")],
    [("Chủ tịch HĐND tỉnh", "HĐND tỉnh Bắc Kạn")],
    [("Chủ tịch UBND tỉnh", ""), ("Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn", ""), ("Chu tich UBND tinh", "")],
    [("Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", ""), ("Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bắc Kạn", "")],
    [("Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy", ""), ("UV BTV Tỉnh ủy", "")],
    [("Trưởng Ban Tuyên giáo Tỉnh ủy", ""), ("Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", ""),
     ("Trưởng ban Tổ chức Tỉnh ủy", "")],
    [("Phó Chủ tịch Thường trực HĐND tỉnh", "")],
    [("Phó Chủ tịch Thường trực UBND tỉnh", "")],
    [("Phó Chủ tịch HĐND tỉnh", "")],
    [("Phó Chủ tịch UBND tỉnh", ""), ("PCT UBND tỉnh", "UBND tỉnh Bắc Kạn")],
    [("Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "")],
    [("Phó Trưởng Ban Dân vận Tỉnh ủy", "")],
    [("Trưởng Ban Văn hóa – Xã hội", "HĐND tỉnh Bắc Kạn")],
    [("Tỉnh ủy viên", "Tỉnh ủy Bắc Kạn")],
    # --- province: the federation
    [("Chủ tịch LĐLĐ tỉnh", "LĐLĐ tỉnh Bắc Kạn"), ("Chủ tịch Liên đoàn Lao động tỉnh Bắc Kạn", ""),
     ("Chu tich LDLD tinh Bac Kan", ""), ("Tỉnh ủy viên, Chủ tịch LĐLĐ tỉnh", "")],
    [("Phó Chủ tịch Thường trực LĐLĐ tỉnh", "")],
    [("Phó Chủ tịch LĐLĐ tỉnh", "LĐLĐ tỉnh Bắc Kạn"), ("Phó Chủ tịch", "Liên đoàn Lao động tỉnh Bắc Kạn")],
    [("Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo LĐLĐ tỉnh", "")],
    [("Trưởng Ban Nữ công LĐLĐ tỉnh", ""), ("Chánh Văn phòng LĐLĐ tỉnh", ""),
     ("Trưởng Ban Tổ chức", "LĐLĐ tỉnh Bắc Kạn")],
    [("Phó Trưởng Ban Tổ chức LĐLĐ tỉnh", "")],
    [("Nguyên Chủ tịch LĐLĐ tỉnh", "")],
    # --- province: departments and mass organisations
    [("Giám đốc Sở Lao động – Thương binh và Xã hội", ""), ("Giám đốc Sở Nội vụ tỉnh Bắc Kạn", ""),
     ("Chánh Thanh tra tỉnh", "Thanh tra tỉnh Bắc Kạn"), ("Giam doc So Noi vu", "")],
    [("Bí thư Tỉnh đoàn", ""), ("Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", ""), ("Chủ tịch Hội Nông dân tỉnh", ""),
     ("Chủ tịch Hội Cựu chiến binh tỉnh", "")],
    [("Phó Giám đốc Sở Nội vụ", ""), ("Phó Chánh Thanh tra tỉnh", "")],
    [("Phó Bí thư Tỉnh đoàn", "")],
    [("Giám đốc Bệnh viện Đa khoa tỉnh", "Bệnh viện Đa khoa tỉnh Bắc Kạn")],
    # --- district: leaders
    [("Bí thư Huyện ủy", "Huyện ủy Nà Lương"), ("Tỉnh ủy viên, Bí thư Huyện ủy", "")],
    [("Phó Bí thư Thường trực Huyện ủy", "Huyện ủy Nà Lương"), ("Pho Bi thu Thuong truc Huyen uy", ""),
     ("PBT TT Huyện ủy", "")],
    [("Phó Bí thư Huyện ủy, Chủ tịch UBND huyện", "")],
    [("Chủ tịch HĐND huyện", ""), ("Chủ tịch Hội đồng nhân dân huyện Nà Lương", "")],
    [("Chủ tịch UBND huyện", "UBND huyện Nà Lương"), ("Chủ tịch UBND thành phố", "UBND thành phố Bắc Kạn")],
    [("Chủ tịch Ủy ban MTTQ huyện", "Ủy ban MTTQ Việt Nam huyện Bạch Thông"), ("Chủ tịch UBMTTQ huyện", ""),
     ("Ủy viên BTV Huyện ủy, Trưởng Ban Dân vận Huyện ủy, Chủ tịch Ủy ban MTTQ huyện", "")],
    [("Ủy viên Ban Thường vụ Huyện ủy", "")],
    [("Trưởng Ban Dân vận Huyện ủy", "Huyện ủy Nà Lương"), ("Trưởng Ban Tổ chức Huyện ủy", ""),
     ("Chủ nhiệm Ủy ban Kiểm tra Huyện ủy", "")],
    [("Chánh Văn phòng Huyện ủy", "")],
    [("Phó Chủ tịch HĐND huyện", "HĐND huyện Nà Lương")],
    [("Phó Chủ tịch UBND huyện", ""), ("Phó Chủ tịch Ủy ban nhân dân huyện", ""), ("PCT UBND huyện", "")],
    [("Phó Chủ tịch Ủy ban MTTQ huyện", "")],
    [("Phó Trưởng Ban Tuyên giáo Huyện ủy", "")],
    [("Huyện ủy viên", "Huyện ủy Nà Lương")],
    [("Chánh Văn phòng HĐND và UBND huyện", "")],
    # --- district: the federation and the sector unions
    [("Chủ tịch LĐLĐ huyện", "LĐLĐ huyện Nà Lương"), ("Chủ tịch Công đoàn ngành Giáo dục tỉnh", ""),
     ("Chủ tịch Liên đoàn Lao động thành phố Bắc Kạn", "")],
    [("Phó Chủ tịch LĐLĐ huyện", "LĐLĐ huyện Nà Lương"), ("Phó Chủ tịch", "Công đoàn ngành Y tế tỉnh Bắc Kạn")],
    [("Ủy viên Ban Thường vụ LĐLĐ huyện", "")],
    # --- district: departments, police and army, courts, mass organisations
    [("Trưởng phòng Nội vụ", "UBND huyện Nà Lương"), ("Trưởng Công an huyện", ""),
     ("Chỉ huy trưởng Ban Chỉ huy Quân sự huyện", ""), ("Chánh Thanh tra huyện", ""),
     ("Viện trưởng Viện Kiểm sát nhân dân huyện", ""), ("Chánh án Tòa án nhân dân huyện", ""),
     ("Trưởng phòng Lao động – Thương binh và Xã hội huyện", ""), ("Giám đốc Bảo hiểm xã hội huyện", "")],
    [("Bí thư Huyện đoàn", "Huyện đoàn Nà Lương"), ("Chủ tịch Hội LHPN huyện", ""),
     ("Chủ tịch Hội Nông dân huyện", ""), ("Chủ tịch Hội Cựu chiến binh huyện", "")],
    [("Phó Trưởng phòng Giáo dục và Đào tạo", "UBND huyện Nà Lương")],
    [("Phó Bí thư Huyện đoàn", "")],
    # --- district: units
    [("Giám đốc Trung tâm Y tế huyện", "Trung tâm Y tế huyện Nà Lương")],
    # --- commune
    [("Bí thư Đảng ủy xã Cẩm Giàng", "")],
    [("Chủ tịch UBND xã", "UBND xã Cẩm Giàng"), ("Chủ tịch Ủy ban nhân dân thị trấn Yến Lạc", "")],
    [("Chủ tịch Ủy ban MTTQ xã", "")],
    # --- grassroots: the unit's Party committee, its head, its union
    [("Bí thư Đảng ủy", "Công ty Cổ phần Khoáng sản Bắc Kạn")],
    [("Giám đốc", "Công ty TNHH Chè Khuổi Hao"), ("Hiệu trưởng", "Trường THCS Nà Lương"),
     ("Tổng Giám đốc Công ty Cổ phần Xi măng Bắc Kạn", ""), ("Giám đốc Hợp tác xã Dệt thổ cẩm Bản Lằn", "")],
    [("Phó Giám đốc Công ty Điện lực Bắc Kạn", ""), ("Phó Hiệu trưởng", "Trường Mầm non Bản Lằn")],
    [("Trưởng phòng Tổ chức – Hành chính", "Công ty Cổ phần Xi măng Bắc Kạn")],
    [("Chủ tịch Công đoàn cơ sở Công ty TNHH Chè Khuổi Hao", ""), ("Chủ tịch CĐCS", "Trường Mầm non Bản Lằn")],
    [("Phó Chủ tịch Công đoàn", "Công ty Điện lực Bắc Kạn")],
    # --- press, last of the known
    [("Tổng Biên tập Báo Bắc Kạn", "")],
    [("Phóng viên", "Báo Bắc Kạn"), ("Phóng viên", "Đài Phát thanh – Truyền hình tỉnh"),
     ("Biên tập viên", "Báo Lao động")],
]

UNKNOWN = [("Đại biểu", ""), ("", ""), ("Giám đốc", ""), ("Khách mời", "Gia đình cô Lưu Thị Êm"), ("Nghệ nhân", "")]

ALL = [(g, p, u) for g, group in enumerate(GROUPS) for p, u in group]


def test_the_table_is_big_enough():
    assert len(ALL) >= 80


@pytest.mark.parametrize(("group", "position", "unit"), ALL)
def test_each_string_is_known_and_in_its_place(group, position, unit):
    s = standing(position, unit)
    assert s.known, f"{position!r} / {unit!r} not read"
    for g, other in enumerate(GROUPS):
        ref = standing(*other[0])
        if g < group:
            assert ref.key < s.key, (other[0], position)
        elif g == group:
            assert ref.key == s.key, (other[0], position)
        else:
            assert s.key < ref.key, (position, other[0])


@pytest.mark.parametrize(("position", "unit"), UNKNOWN)
def test_unknown_offices_come_after_every_known_one(position, unit):
    s = standing(position, unit)
    assert not s.known
    assert all(standing(p, u).key < s.key for _g, p, u in ALL)


def test_groups_are_the_sides_a_script_reads():
    assert standing("Phó Chủ tịch LĐLĐ tỉnh", "LĐLĐ tỉnh Bắc Kạn").group == "Về phía Liên đoàn Lao động tỉnh"
    assert standing("Phó Bí thư Thường trực Huyện ủy", "").group == "Về phía lãnh đạo huyện"
    assert standing("Chủ tịch Ủy ban MTTQ huyện", "").group == "Về phía lãnh đạo huyện"
    assert standing("Phóng viên", "Báo Bắc Kạn").group == "Về phía các cơ quan thông tấn, báo chí"
    assert standing("Trưởng phòng Nội vụ", "UBND huyện Nà Lương").side == Side.SECTORS
    assert standing("Tỉnh ủy viên, Bí thư Huyện ủy", "").level == Level.DISTRICT


def test_school_and_head_are_not_confused_by_folding():
    # "Trường" (a school) and "Trưởng" (a head) fold alike; marks decide.
    school = standing("Giáo viên", "Trường Mầm non Bản Lằn")
    assert not school.known  # a teacher holds no office to introduce
    head = standing("Trưởng phòng Nội vụ", "UBND huyện Nà Lương")
    assert head.known and head.role == "tp"


@pytest.mark.parametrize(("group", "position", "unit"), [(g, p, u) for g, p, u in ALL if fold(p) != p])
def test_the_same_office_typed_without_marks_ranks_the_same(group, position, unit):
    marked = standing(position, unit)
    bare = standing(fold(position), fold(unit))
    assert bare.key == marked.key, (position, unit)
