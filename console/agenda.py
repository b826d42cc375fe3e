"""The programme of the day (agenda.toml): the plan's ten segments.

(The agenda runtime — control steps, cue, projected end — builds on this.)
"""

from __future__ import annotations

import json

# key, title, minutes (huyện/ngành), minutes (cơ sở), kind, minimum, optional, MC line, crew note
DEFAULT_SEGMENTS = [
    ("van_nghe", "Văn nghệ chào mừng", 15, 10, "elastic", 5, True,
     "Kính thưa các vị đại biểu, mở đầu hội nghị, xin mời quý vị thưởng thức chương trình văn nghệ chào mừng.",
     "Âm thanh: nhạc nền; bật micro không dây cho đội văn nghệ."),
    ("khai_mac", "Tuyên bố lý do, giới thiệu đại biểu và khai mạc", 10, 10, "protected", 10, False,
     "Trân trọng kính mời đồng chí {presider} lên tuyên bố lý do, giới thiệu đại biểu và khai mạc hội nghị.",
     "Chiếu phông chính; nhạc chào cờ."),
    ("bao_cao", "Báo cáo tổng kết phong trào thi đua và công tác khen thưởng 05 năm (2015–2020), phương hướng 2020–2025",
     30, 25, "protected", 30, False,
     "Trân trọng kính mời đồng chí {reporter} lên trình bày Báo cáo tổng kết phong trào thi đua và công tác khen thưởng 05 năm.",
     "Chiếu phóng sự/video clip minh họa báo cáo (nếu có)."),
    ("tham_luan", "Tham luận của các điển hình tiên tiến", 45, 30, "elastic", 20, False,
     "Sau đây, hội nghị sẽ nghe tham luận của các điển hình tiên tiến.", ""),
    ("giao_luu", "Hoạt động giao lưu với các điển hình tiên tiến", 20, 15, "elastic", 10, False,
     "Xin mời các điển hình tiên tiến lên sân khấu tham gia giao lưu.", "Micro cầm tay cho người dẫn giao lưu."),
    ("khen_thuong", "Biểu dương, tôn vinh, khen thưởng", 30, 25, "elastic", 20, False,
     "Sau đây, hội nghị tiến hành biểu dương, tôn vinh, khen thưởng các tập thể, cá nhân điển hình tiên tiến.",
     "Nhạc trao thưởng; chụp ảnh từng đợt."),
    ("phat_dong", "Phát động phong trào thi đua giai đoạn 2020–2025", 10, 10, "protected", 10, False,
     "Trân trọng kính mời đồng chí {launcher} lên phát động phong trào thi đua giai đoạn 2020–2025.", ""),
    ("huong_ung", "Phát biểu hưởng ứng phong trào thi đua", 10, 10, "elastic", 5, False,
     "Xin mời đại diện các đơn vị phát biểu hưởng ứng phong trào thi đua.", ""),
    ("thong_qua", "Thông qua danh sách đại biểu đi dự Hội nghị, Đại hội cấp trên", 10, 5, "protected", 10, False,
     "Sau đây, hội nghị thông qua danh sách đại biểu đi dự Hội nghị, Đại hội cấp trên.", "Chuẩn bị phiếu/biểu quyết giơ tay."),
    ("be_mac", "Tổng kết và bế mạc", 10, 10, "protected", 10, False,
     "Trân trọng kính mời đồng chí {presider} lên tổng kết và bế mạc hội nghị.", "Nhạc bế mạc."),
]

HALF_DAY_MINUTES = {"co-so": 210, "huyen-nganh": 210, "tinh": 240}


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_default_agenda(level: str) -> str:
    budget = HALF_DAY_MINUTES.get(level, 210)
    parts = [
        "# Chương trình hội nghị (mục II.1.1 của kế hoạch). Sửa tên, thứ tự, thời lượng tùy ý;",
        "# bỏ mục \"optional = true\" nếu không dùng. kind: protected (giữ nguyên) | elastic (co giãn, không dưới min_minutes).",
        f"budget_minutes = {budget}   # nửa ngày",
        "",
    ]
    for key, title, m_dist, m_base, kind, minimum, optional, mc, note in DEFAULT_SEGMENTS:
        minutes = m_base if level == "co-so" else m_dist
        parts += [
            "[[segment]]",
            f"key = {_q(key)}",
            f"title = {_q(title)}",
            f"minutes = {minutes}",
            f"kind = {_q(kind)}",
            f"min_minutes = {min(minimum, minutes)}",
            f"optional = {'true' if optional else 'false'}",
            f"mc = {_q(mc)}",
            f"notes = {_q(note)}",
            "",
        ]
    return "\n".join(parts)
