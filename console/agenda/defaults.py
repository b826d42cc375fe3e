"""The default programme `hoinghi init` writes to agenda.toml: the plan's ten parts
(section II.1.1) and the optional parts real scripts add around them (practice.md).

Titles and MC lines hold placeholders filled from the event when read:
{period} (the period reviewed, 2020–2025), {next_period} (the one launched,
2025–2030), {years} ("05"), {unit}, {name}, {edition}, {parent_unit}, {plan};
the MC lines also {presider}, {reporter}, {launcher}, {guide}, the live counts
{summoned}, {present_summoned}, {absent}, {guests_present}, {quorum_report}, and
{introductions} (where the guests in the hall are read, in protocol order),
{programme} (the parts, at "Thông qua chương trình") and {proposed} (the names
proposed for the higher level, and the quorum as it stands, at item 9).
A part marked `extra` is written switched off (enabled = false) unless chosen
at `init --parts`; the plan's own optional part (the performance) is on.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    minutes: int  # huyện/ngành, tỉnh
    minutes_base: int  # cơ sở
    kind: str
    minimum: int
    optional: bool
    mc: str
    notes: str = ""
    extra: bool = False  # one of the parts around the plan's ten: off unless chosen


PURPOSE = ("Kính thưa các vị đại biểu, thưa toàn thể hội nghị! Thực hiện {plan}, hôm nay {unit} long trọng tổ chức "
           "{name} giai đoạn {period}, nhằm đánh giá kết quả phong trào thi đua, biểu dương, tôn vinh các tập thể, "
           "cá nhân điển hình tiên tiến và phát động phong trào thi đua giai đoạn {next_period}."
           "{introductions}"
           "Trân trọng kính mời đồng chí {presider} lên phát biểu khai mạc hội nghị.")

PARTS: tuple[Part, ...] = (
    Part("van_nghe", "Văn nghệ chào mừng", 15, 10, "elastic", 5, True,
         "Kính thưa các vị đại biểu, mở đầu hội nghị, xin mời quý vị thưởng thức chương trình văn nghệ chào mừng.",
         "Âm thanh: nhạc nền; bật micro không dây cho đội văn nghệ."),
    Part("on_dinh", "Ổn định tổ chức, báo cáo số lượng đại biểu", 5, 5, "protected", 5, True,
         "Kính thưa các vị đại biểu, thưa toàn thể hội nghị! Đề nghị các đồng chí đại biểu ổn định chỗ ngồi "
         "để hội nghị bắt đầu. Ban Tổ chức xin báo cáo: tổng số đại biểu được triệu tập là {summoned} đồng chí; "
         "có mặt {present_summoned} đồng chí; vắng mặt {absent} đồng chí; cùng {guests_present} đồng chí "
         "đại biểu khách mời. {quorum_report}",
         "Số liệu lấy từ điểm danh lúc đọc (màn hình MC cập nhật từng giây).", extra=True),
    Part("chao_co", "Chào cờ", 3, 3, "protected", 3, True,
         "Kính mời toàn thể các vị đại biểu đứng dậy, chỉnh đốn trang phục, làm lễ chào cờ. "
         "Nghiêm! Chào cờ — Chào! (Quốc ca) … Thôi! Xin mời các vị đại biểu ngồi xuống.",
         "Âm thanh: phát Quốc ca ngay sau lệnh “Chào!”, tắt khi MC hô “Thôi!”.", extra=True),
    Part("khai_mac", "Tuyên bố lý do, giới thiệu đại biểu và khai mạc", 10, 10, "protected", 10, False,
         PURPOSE, "Chiếu phông chính; nhạc chào cờ (khi không có mục Chào cờ riêng)."),
    Part("bau_doan", "Bầu Đoàn Chủ tịch, Đoàn Thư ký", 5, 5, "protected", 5, True,
         "Để điều hành hội nghị, Ban Tổ chức xin giới thiệu Đoàn Chủ tịch gồm các đồng chí: {presidium}; "
         "Đoàn Thư ký gồm các đồng chí: {secretariat}. Đồng chí nào nhất trí, xin biểu quyết bằng hình thức "
         "giơ tay. Xin cảm ơn. Đồng chí nào không nhất trí? Có ý kiến khác không? Hội nghị đã nhất trí. "
         "Kính mời Đoàn Chủ tịch, Đoàn Thư ký lên làm việc.",
         "Ghi số biểu quyết vào biên bản.", extra=True),
    Part("thong_qua_ct", "Thông qua chương trình hội nghị", 3, 3, "protected", 3, True,
         "Thay mặt Đoàn Chủ tịch, xin thông qua chương trình hội nghị gồm các nội dung:{programme}"
         "Đồng chí nào nhất trí với chương trình, xin biểu quyết bằng hình thức giơ tay. Xin cảm ơn.",
         "", extra=True),
    Part("bao_cao", "Báo cáo tổng kết phong trào thi đua và công tác khen thưởng {years} năm ({period}), "
         "phương hướng {next_period}", 30, 25, "protected", 30, False,
         "Trân trọng kính mời đồng chí {reporter} lên trình bày Báo cáo tổng kết phong trào thi đua và công tác "
         "khen thưởng {years} năm, giai đoạn {period}, phương hướng nhiệm vụ giai đoạn {next_period}.",
         "Chiếu phóng sự/video clip minh họa báo cáo (nếu có)."),
    Part("tham_luan", "Tham luận của các điển hình tiên tiến", 45, 30, "elastic", 20, False,
         "Sau đây, hội nghị sẽ nghe tham luận của các điển hình tiên tiến."),
    Part("giao_luu", "Hoạt động giao lưu với các điển hình tiên tiến", 20, 15, "elastic", 10, False,
         "Xin mời các điển hình tiên tiến lên sân khấu tham gia giao lưu.", "Micro cầm tay cho người dẫn giao lưu."),
    Part("khen_thuong", "Biểu dương, tôn vinh, khen thưởng", 30, 25, "elastic", 20, False,
         "Sau đây, hội nghị tiến hành biểu dương, tôn vinh, khen thưởng các tập thể, cá nhân điển hình tiên tiến "
         "giai đoạn {period}.", "Nhạc trao thưởng; chụp ảnh từng đợt."),
    Part("phat_dong", "Phát động phong trào thi đua giai đoạn {next_period}", 10, 10, "protected", 10, False,
         "Trân trọng kính mời đồng chí {launcher} lên phát động phong trào thi đua giai đoạn {next_period}."),
    Part("huong_ung", "Phát biểu hưởng ứng phong trào thi đua", 10, 10, "elastic", 5, False,
         "Xin mời đại diện các đơn vị phát biểu hưởng ứng phong trào thi đua."),
    Part("thong_qua", "Thông qua danh sách đại biểu đi dự Hội nghị, Đại hội cấp trên", 10, 5, "protected", 10, False,
         "Sau đây, hội nghị thông qua danh sách đại biểu đi dự Hội nghị, Đại hội cấp trên. Ban Tổ chức xin đọc "
         "danh sách đề cử gồm các đồng chí:{proposed}"
         "Đồng chí nào tán thành với danh sách trên, xin biểu quyết bằng hình thức giơ thẻ đại biểu. Xin cảm ơn, "
         "mời các đồng chí hạ thẻ. Đồng chí nào không tán thành? Có ý kiến nào khác không?",
         "Đếm số thẻ giơ lên từng câu hỏi; ghi ngay: hoinghi vote THƯ_MỤC record --for … --against … --abstain …"),
    Part("chi_dao", "Phát biểu chỉ đạo của lãnh đạo cấp trên", 10, 10, "elastic", 5, True,
         "Trân trọng kính mời đồng chí {guide} phát biểu chỉ đạo hội nghị.", "", extra=True),
    Part("be_mac", "Tổng kết và bế mạc", 10, 10, "protected", 10, False,
         "Trân trọng kính mời đồng chí {presider} lên tổng kết và bế mạc hội nghị.", "Nhạc bế mạc."),
)

EXTRA_PARTS = {p.key: p.title for p in PARTS if p.extra}
