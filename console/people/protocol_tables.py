"""The protocol model's tables: levels, sides, bodies, roles and the tier of each role in its body.

Phrases are written with their diacritics; console.people.protocol compiles each table twice
(with marks, and folded for text typed without them), once, at import.
"""

from __future__ import annotations

from enum import IntEnum


class Level(IntEnum):
    CENTRAL = 0
    PROVINCE = 1
    DISTRICT = 2
    COMMUNE = 3
    GRASSROOTS = 4  # enterprises, schools, public service units, grassroots unions
    UNKNOWN = 5


class Side(IntEnum):
    """Groups of one level, in the order a script reads them."""
    LEADERS = 0  # Party committee, HĐND, UBND, Ủy ban MTTQ, the Party committee's boards
    UNION = 1    # the trade-union body of that level
    SECTORS = 2  # departments, mass organisations, police and army, courts
    UNITS = 3    # enterprises and public service units
    PRESS = 4


class Body(IntEnum):
    NATIONAL = 0  # Quốc hội, Chính phủ, Bộ
    PARTY = 1
    PARTY_BOARD = 2
    HDND = 3
    UBND = 4
    MTTQ = 5
    UNION = 6
    MASS = 7
    DEPARTMENT = 8
    UNIT = 9
    PRESS = 10


# role name -> (patterns). Longest first where one contains another.
_ROLES: list[tuple[str, tuple[str, ...]]] = [
    ("pbt_tt", ("phó bí thư thường trực", "pbt thường trực", "pbt tt")),
    ("pbt", ("phó bí thư", "pbt")),
    ("bt", ("bí thư",)),
    ("pct_tt", ("phó chủ tịch thường trực", "pct thường trực", "pct tt")),
    ("pct", ("phó chủ tịch", "pct")),
    ("ct", ("chủ tịch",)),
    ("uv_btv", ("ủy viên ban thường vụ", "ủy viên btv", "uv btv", "uvbtv", "ủy viên thường vụ")),
    ("uv_tt", ("ủy viên thường trực",)),
    ("uv_dct", ("ủy viên đoàn chủ tịch",)),
    ("uv_bch", ("ủy viên ban chấp hành", "ủy viên bch", "uv bch", "tỉnh ủy viên", "huyện ủy viên",
                "thành ủy viên", "thị ủy viên")),
    ("pho_ban", ("phó trưởng ban", "phó ban")),
    ("truong_ban", ("trưởng ban",)),
    ("pho_chu_nhiem", ("phó chủ nhiệm",)),
    ("chu_nhiem", ("chủ nhiệm",)),
    ("bo_truong", ("bộ trưởng",)),
    ("thu_truong_bo", ("thứ trưởng",)),
    ("vu_truong", ("vụ trưởng", "cục trưởng")),
    ("dbqh", ("đại biểu quốc hội", "đbqh", "trưởng đoàn đbqh", "trưởng đoàn đại biểu quốc hội")),
    ("pgd", ("phó giám đốc", "phó tổng giám đốc")),
    ("gd", ("tổng giám đốc", "giám đốc", "thủ trưởng")),
    ("phct", ("phó chánh văn phòng", "phó chánh thanh tra", "phó chánh án", "phó viện trưởng",
              "phó trưởng công an", "phó chỉ huy trưởng")),
    ("chanh", ("chánh văn phòng", "chánh thanh tra", "chánh án", "viện trưởng", "trưởng công an",
               "chỉ huy trưởng")),
    ("ptp", ("phó trưởng phòng",)),
    ("tp", ("trưởng phòng",)),
    ("pht", ("phó hiệu trưởng",)),
    ("ht", ("hiệu trưởng",)),
    ("uv", ("ủy viên",)),
    ("staff", ("chuyên viên", "cán bộ", "nhân viên", "kế toán")),
    ("ptbt", ("phó tổng biên tập",)),
    ("tbt", ("tổng biên tập",)),
    ("press", ("phóng viên", "biên tập viên", "quay phim", "kỹ thuật viên")),
]

# (name, body, patterns): what body a phrase names. Searched in this order.
_BODIES: list[tuple[Body, tuple[str, ...]]] = [
    (Body.PRESS, ("báo", "đài phát thanh", "đài truyền hình", "truyền hình", "tạp chí", "thông tấn xã",
                  "cổng thông tin điện tử", "trung tâm truyền thông", "trung tâm văn hóa thông tin")),
    (Body.PARTY_BOARD, ("ban dân vận", "ban tuyên giáo", "ban tổ chức", "ban kiểm tra", "ủy ban kiểm tra",
                        "ubkt", "văn phòng tỉnh ủy", "văn phòng huyện ủy", "ban nội chính", "ban tgtu",
                        "ban dân vận tỉnh ủy", "ban tuyên giáo và dân vận")),
    (Body.MTTQ, ("ủy ban mặt trận tổ quốc", "ủy ban mttq", "mặt trận tổ quốc", "ubmttq", "mttq", "mặt trận")),
    (Body.HDND, ("hội đồng nhân dân", "hđnd", "hdnd")),
    (Body.UBND, ("ủy ban nhân dân", "ubnd")),
    (Body.UNION, ("tổng liên đoàn", "tlđ", "tld", "liên đoàn lao động", "lđlđ", "ldld", "công đoàn",
                  "cđcs", "cdcs", "cđ", "cđn")),
    (Body.PARTY, ("tỉnh ủy", "huyện ủy", "thành ủy", "thị ủy", "quận ủy", "đảng ủy", "chi bộ",
                  "ban chấp hành trung ương", "bộ chính trị", "ban bí thư", "trung ương đảng")),
    (Body.MASS, ("đoàn thanh niên", "tỉnh đoàn", "huyện đoàn", "thành đoàn", "thị đoàn", "đoàn tncs",
                 "hội liên hiệp phụ nữ", "hội lhpn", "hội phụ nữ", "hội nông dân", "hội cựu chiến binh",
                 "hội ccb", "hội chữ thập đỏ", "hội người cao tuổi", "hội khuyến học", "hội cựu thanh niên xung phong",
                 "liên minh hợp tác xã", "hội doanh nghiệp")),
    (Body.NATIONAL, ("quốc hội", "chính phủ", "văn phòng chủ tịch nước", "bộ")),
    (Body.DEPARTMENT, ("sở", "phòng", "văn phòng hđnd", "văn phòng ubnd", "văn phòng", "thanh tra", "công an",
                       "ban chỉ huy quân sự", "bộ chỉ huy quân sự", "bộ chỉ huy bộ đội biên phòng", "quân sự",
                       "viện kiểm sát", "tòa án", "chi cục", "kho bạc", "bảo hiểm xã hội", "ban quản lý",
                       "ngân hàng chính sách", "ban dân tộc", "chi nhánh văn phòng")),
    (Body.UNIT, ("tổng công ty", "công ty", "tập đoàn", "hợp tác xã", "trường", "bệnh viện", "trung tâm",
                 "chi nhánh", "nhà máy", "xí nghiệp", "hạt kiểm lâm", "điện lực", "viễn thông", "bưu điện",
                 "ngân hàng", "trạm", "khu", "ban quản lý rừng")),
]

# Level words. "Thành phố" is a district unless it is run by the centre; "Thành ủy"
# likewise. A body with no level word takes the unit's, then the body's own default.
_CENTRAL_CITIES = ("hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế")
_LEVELS: list[tuple[Level, tuple[str, ...]]] = [
    (Level.CENTRAL, ("trung ương", "việt nam", "tw", "quốc hội", "chính phủ", "bộ chính trị", "ban bí thư",
                     "tổng liên đoàn", "tlđ", "tld")),
    (Level.PROVINCE, ("tỉnh", "tỉnh ủy", "tỉnh đoàn", "sở", "ubnd tỉnh", "khối các cơ quan tỉnh")),
    (Level.COMMUNE, ("xã", "phường", "thị trấn")),
    (Level.DISTRICT, ("huyện", "quận", "thị xã", "thành phố", "huyện ủy", "thành ủy", "thị ủy", "quận ủy",
                      "huyện đoàn", "thành đoàn", "thị đoàn")),
    (Level.GRASSROOTS, ("cơ sở", "cđcs", "cdcs", "chi bộ")),
]

# A body with no level word: an enterprise's Party committee or union is grassroots.
_DEFAULT_LEVEL = {Body.NATIONAL: Level.CENTRAL, Body.UNIT: Level.GRASSROOTS, Body.PRESS: Level.PROVINCE,
                  Body.PARTY: Level.GRASSROOTS, Body.UNION: Level.GRASSROOTS}

# tier inside a side, per (role, body); "*" is any body. Smaller first.
_TIER: dict[tuple[str, object], int] = {
    ("bt", Body.PARTY): 10, ("pbt_tt", Body.PARTY): 11, ("pbt", Body.PARTY): 12,
    ("bo_truong", "*"): 10, ("thu_truong_bo", "*"): 30, ("dbqh", "*"): 40, ("vu_truong", "*"): 50,
    ("ct", Body.HDND): 20, ("ct", Body.UBND): 21, ("pct_tt", Body.HDND): 46, ("pct_tt", Body.UBND): 47,
    ("ct", Body.MTTQ): 30,
    ("uv_btv", Body.PARTY): 40, ("truong_ban", Body.PARTY_BOARD): 41, ("chu_nhiem", Body.PARTY_BOARD): 41,
    ("chanh", Body.PARTY_BOARD): 42, ("chanh", Body.PARTY): 42, ("chanh", Body.HDND): 70, ("chanh", Body.UBND): 70,
    ("phct", Body.HDND): 74, ("phct", Body.UBND): 74, ("uv_bch", Body.PARTY): 60,
    ("pct", Body.HDND): 48, ("pct", Body.UBND): 49, ("pct_tt", Body.MTTQ): 52, ("pct", Body.MTTQ): 53,
    ("pho_ban", Body.PARTY_BOARD): 56, ("pho_chu_nhiem", Body.PARTY_BOARD): 56,
    ("truong_ban", Body.HDND): 58, ("uv_tt", Body.HDND): 59, ("pho_ban", Body.HDND): 65,
    ("uv", Body.UBND): 66, ("uv", Body.PARTY): 60, ("uv", Body.MTTQ): 70, ("uv_btv", Body.MTTQ): 68,
    # the union of the level, its own side
    ("ct", Body.UNION): 10, ("pct_tt", Body.UNION): 11, ("pct", Body.UNION): 12, ("uv_btv", Body.UNION): 20,
    ("uv_dct", Body.UNION): 20, ("truong_ban", Body.UNION): 21, ("chanh", Body.UNION): 21, ("pho_ban", Body.UNION): 30,
    ("uv_bch", Body.UNION): 35, ("uv", Body.UNION): 35, ("staff", Body.UNION): 80,
    # departments and mass organisations: heads first, then deputies
    ("bt", Body.MASS): 12, ("ct", Body.MASS): 12, ("pbt", Body.MASS): 22, ("pct", Body.MASS): 22,
    ("pct_tt", Body.MASS): 21,
    ("gd", Body.DEPARTMENT): 10, ("tp", Body.DEPARTMENT): 10, ("chanh", Body.DEPARTMENT): 10,
    ("truong_ban", Body.DEPARTMENT): 10, ("ct", Body.DEPARTMENT): 10,
    ("pgd", Body.DEPARTMENT): 20, ("ptp", Body.DEPARTMENT): 20, ("phct", Body.DEPARTMENT): 20,
    ("pho_ban", Body.DEPARTMENT): 20, ("staff", Body.DEPARTMENT): 80, ("staff", Body.MASS): 80,
    # units
    ("ct", Body.UNIT): 9, ("gd", Body.UNIT): 10, ("ht", Body.UNIT): 10, ("bt", Body.UNIT): 11,
    ("truong_ban", Body.UNIT): 12, ("pgd", Body.UNIT): 20, ("pht", Body.UNIT): 20, ("pct", Body.UNIT): 20,
    ("tp", Body.UNIT): 30, ("ptp", Body.UNIT): 35, ("staff", Body.UNIT): 80,
    ("press", "*"): 50, ("tbt", "*"): 10, ("ptbt", "*"): 20, ("gd", Body.PRESS): 10, ("pgd", Body.PRESS): 20,
    ("tp", Body.PRESS): 30,
}
_UNKNOWN_TIER = 90  # a role we read, on a body we could not place
