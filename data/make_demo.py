"""Build the demo event's lists (fictional people only) in the official form.

Run `python -m data.make_demo` to regenerate data/demo/*.xlsx; the files are
committed so `hoinghi demo` needs nothing but the package. The same builder
makes large rosters for the benchmark and the stress tests (`build_roster`).
"""

from __future__ import annotations

import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

HERE = Path(__file__).parent / "demo"

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Hà", "Nông", "Triệu", "Lý", "Bế", "Lương", "Ma", "Đàm",
          "Hứa", "Lục", "Đặng", "Vi", "Dương", "Hoàng", "Nguyễn", "Lộc", "Mã", "Chu", "Đinh"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thế", "Ngọc"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Thị Thu", "Mai"]
GIVEN_M = ["Dũng", "Đức", "Tuấn", "Sơn", "Nghĩa", "Thắng", "Khánh", "Chiến", "Quý", "Hòa", "Bình", "Cường",
           "Hưng", "Lâm", "Phúc", "Thành", "Trường", "Vượng", "Ước", "Ân", "Định", "Giang", "Kiên", "Toàn"]
GIVEN_F = ["Hường", "Hương", "Thủy", "Thuỷ", "Lan", "Mai", "Hạnh", "Yến", "Nga", "Duyên", "Phượng", "Ánh",
           "Huyền", "Lý", "Ngân", "Oanh", "Quyên", "Trang", "Uyên", "Xuân", "Ẩn", "Êm", "Hoà", "Nhung"]
ETHNIC = ["Tày"] * 5 + ["Kinh"] * 4 + ["Nùng"] * 3 + ["Dao"] * 2 + ["Mông", "Sán Chay"]
COMMUNES = ["Bản Lằn", "Khuổi Hao", "Nà Mò", "Pác Nặm", "Cốc Phìa", "Phiêng Luông", "Đồng Xá", "Thôm Mò"]
UNITS = [
    "Trường THCS {c}", "Trường Tiểu học {c}", "Trường Mầm non {c}", "Trạm Y tế xã {c}", "UBND xã {c}",
    "Công ty TNHH Chè {c}", "Hợp tác xã Dệt thổ cẩm {c}", "Chi nhánh Điện lực {c}", "Hạt Kiểm lâm {c}",
]
TEAMS = ["Tổ Toán – Tin", "Tổ Ngữ văn", "Tổ sản xuất số 2", "Phân xưởng chế biến", "Tổ Điều dưỡng",
         "Đội Quản lý thị trường", "Tổ dệt số 1", "Tổ Hành chính – Tổng hợp", "Tổ Kỹ thuật"]
TITLES = ["Chiến sỹ thi đua cơ sở", "Chiến sĩ thi đua cơ sở", "Lao động giỏi", "Lao động giỏi cấp huyện",
          "Lao động sáng tạo", "Cán bộ công đoàn tiêu biểu", "Lao động giỏi", "Lao động giỏi"]
JOBS = ["Giáo viên", "Công nhân", "Điều dưỡng", "Y sĩ", "Kế toán", "Nhân viên", "Công nhân kỹ thuật",
        "Thợ dệt", "Tổ trưởng sản xuất", "Kiểm lâm viên", "Cán bộ địa chính"]
GUESTS = [
    ("Phó Bí thư Thường trực Huyện ủy", "Huyện ủy Nà Lương"),
    ("Chủ tịch UBND huyện", "UBND huyện Nà Lương"),
    ("Phó Chủ tịch LĐLĐ tỉnh", "LĐLĐ tỉnh Bắc Kạn"),
    ("Trưởng Ban Dân vận Huyện ủy", "Huyện ủy Nà Lương"),
    ("Phó Chủ tịch HĐND huyện", "HĐND huyện Nà Lương"),
    ("Chủ tịch Ủy ban MTTQ huyện", "Ủy ban MTTQ huyện Nà Lương"),
    ("Chủ tịch LĐLĐ huyện", "LĐLĐ huyện Nà Lương"),
    ("Phó Chủ tịch LĐLĐ huyện", "LĐLĐ huyện Nà Lương"),
    ("Trưởng phòng Nội vụ", "UBND huyện Nà Lương"),
    ("Trưởng phòng Giáo dục và Đào tạo", "UBND huyện Nà Lương"),
    ("Giám đốc Trung tâm Y tế huyện", "Trung tâm Y tế huyện Nà Lương"),
    ("Bí thư Huyện đoàn", "Huyện đoàn Nà Lương"),
    ("Chủ tịch Hội Liên hiệp Phụ nữ huyện", "Hội LHPN huyện Nà Lương"),
    ("Phóng viên", "Báo Bắc Kạn"),
    ("Phóng viên", "Đài Phát thanh – Truyền hình tỉnh"),
]


def _person(rng: random.Random, used: set, woman: bool | None = None) -> tuple[str, bool]:
    for _ in range(1000):
        w = rng.random() < 0.5 if woman is None else woman
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F if w else MIDDLE_M)} {rng.choice(GIVEN_F if w else GIVEN_M)}"
        if name not in used:
            used.add(name)
            return name, w
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)} {len(used)}"
    return name, False


def make_people(n_total: int = 140, seed: int = 2020, guest_share: float = 0.26) -> list[dict]:
    """Fictional delegates as dicts: section, name, woman, year, ethnicity, position, unit, category, title, direct."""
    rng = random.Random(seed)
    used: set[str] = set()
    people: list[dict] = []
    n_guests = round(n_total * guest_share)
    n_coll = max(1, round((n_total - n_guests) * 0.18))
    n_ind = n_total - n_guests - n_coll
    for i in range(n_guests):
        pos, unit = GUESTS[i % len(GUESTS)] if i < len(GUESTS) else (
            rng.choice(["Chủ tịch Công đoàn cơ sở", "Hiệu trưởng", "Giám đốc", "Chủ tịch UBND xã"]),
            rng.choice(UNITS).format(c=rng.choice(COMMUNES)))
        name, w = _person(rng, used)
        people.append(dict(section="I", name=name, woman=w, year=rng.randint(1962, 1985), ethnicity=rng.choice(ETHNIC),
                           position=pos, unit=unit, category="Khách mời", title="", direct=False))
    for _ in range(n_coll):
        name, w = _person(rng, used)
        unit = rng.choice(UNITS).format(c=rng.choice(COMMUNES))
        people.append(dict(section="II", name=name, woman=w, year=rng.randint(1968, 1992), ethnicity=rng.choice(ETHNIC),
                           position=f"Tổ trưởng {rng.choice(TEAMS)}", unit=unit, category="Đại diện tập thể",
                           title="Tập thể lao động xuất sắc", direct=rng.random() < 0.6))
    for _ in range(n_ind):
        name, w = _person(rng, used)
        unit = rng.choice(UNITS).format(c=rng.choice(COMMUNES))
        job = rng.choice(JOBS)
        people.append(dict(section="III", name=name, woman=w, year=rng.randint(1968, 1998), ethnicity=rng.choice(ETHNIC),
                           position=job, unit=unit, category=rng.choice(["Cá nhân", "Cá nhân", ""]),
                           title=rng.choice(TITLES), direct=job not in ("Kế toán", "Cán bộ địa chính")))
    return people


def _ensure_examples(people: list[dict]) -> None:
    """Names the README and tests talk about: a Hường, and two people of one name."""
    ind = [p for p in people if p["section"] == "III"]
    ind[0].update(name="Nguyễn Thị Hường", woman=True, unit="Trường Mầm non Bản Lằn", ethnicity="Tày")
    ind[1].update(name="Hoàng Văn Đức", woman=False, unit="Công ty TNHH Chè Khuổi Hao", year=1979)
    ind[2].update(name="Hoàng Văn Đức", woman=False, unit="Hạt Kiểm lâm Pác Nặm", year=1986)
    ind[3].update(name="Đàm Thị Thuỷ", woman=True)


THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _title_block(ws, last_col: str, title: str, subtitle: str) -> None:
    ws.merge_cells("A1:D1")
    ws["A1"] = "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC KẠN"
    ws.merge_cells("A2:D2")
    ws["A2"] = "LĐLĐ HUYỆN NÀ LƯƠNG"
    ws.merge_cells(f"F1:{last_col}1")
    ws["F1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws.merge_cells(f"F2:{last_col}2")
    ws["F2"] = "Độc lập - Tự do - Hạnh phúc"
    ws.merge_cells(f"A4:{last_col}4")
    ws["A4"] = title
    ws.merge_cells(f"A5:{last_col}5")
    ws["A5"] = subtitle
    for ref in ("A1", "A2", "F1", "F2", "A4"):
        ws[ref].font = Font(bold=True)
        ws[ref].alignment = Alignment(horizontal="center")
    ws["A5"].alignment = Alignment(horizontal="center")
    ws["A5"].font = Font(italic=True)


def build_roster(path: Path, people: list[dict]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    _title_block(ws, "K", "DANH SÁCH ĐẠI BIỂU",
                 "Dự Hội nghị điển hình tiên tiến CNVCLĐ huyện Nà Lương lần thứ IV, giai đoạn 2015 – 2020")
    heads = ["STT", "Họ và tên", "Năm sinh", None, "Dân tộc", "Chức vụ", "Đơn vị công tác", "Thành phần",
             "Danh hiệu", "Trực tiếp SX, CT", "Ghi chú"]
    for col, h in enumerate(heads, start=1):
        if h:
            ws.cell(7, col, h)
    for col in (1, 2, 5, 6, 7, 8, 9, 10, 11):
        letter = ws.cell(7, col).column_letter
        ws.merge_cells(f"{letter}7:{letter}8")
    ws.merge_cells("C7:D7")
    ws["C8"], ws["D8"] = "Nam", "Nữ"
    for col in range(1, 12):
        ws.cell(9, col, f"({col})")
        for r in (7, 8, 9):
            ws.cell(r, col).border = BOX
            ws.cell(r, col).font = Font(bold=r != 9)
            ws.cell(r, col).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row = 10
    sections = {"I": "I. ĐẠI BIỂU KHÁCH MỜI", "II": "II. ĐẠI BIỂU ĐẠI DIỆN TẬP THỂ ĐIỂN HÌNH TIÊN TIẾN",
                "III": "III. CÁ NHÂN ĐIỂN HÌNH TIÊN TIẾN"}
    current = None
    stt = 0
    for p in people:
        if p["section"] != current:
            current = p["section"]
            ws.merge_cells(f"A{row}:K{row}")
            ws.cell(row, 1, sections[current]).font = Font(bold=True)
            row += 1
        stt += 1
        values = [stt, p["name"], p["year"] if not p["woman"] else None, p["year"] if p["woman"] else None,
                  p["ethnicity"], p["position"], p["unit"], p["category"], p["title"], "x" if p["direct"] else "",
                  p.get("note", "")]
        for col, v in enumerate(values, start=1):
            c = ws.cell(row, col, v)
            c.border = BOX
        row += 1
    row += 1
    ws.cell(row, 1, f"Danh sách này có {stt} đại biểu./.")
    row += 2
    ws.merge_cells(f"A{row}:D{row}")
    ws.cell(row, 1, "NGƯỜI LẬP BIỂU").font = Font(bold=True)
    ws.merge_cells(f"G{row}:K{row}")
    ws.cell(row, 7, "TM. BAN THƯỜNG VỤ").font = Font(bold=True)
    ws.merge_cells(f"G{row + 1}:K{row + 1}")
    ws.cell(row + 1, 7, "CHỦ TỊCH").font = Font(bold=True)
    for col, width in zip("ABCDEFGHIJK", (5, 24, 7, 7, 9, 26, 32, 14, 24, 10, 12), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(path)


AWARD_FORMS = [
    ("Bằng khen của Tổng Liên đoàn Lao động Việt Nam", 3, 4),
    ("Bằng khen của Chủ tịch UBND tỉnh", 3, 6),
    ("Bằng khen của Ban Chấp hành LĐLĐ tỉnh", 4, 10),
    ("Giấy khen của LĐLĐ huyện", 6, 18),
]
ACHIEVEMENTS = [
    "Đã có thành tích xuất sắc trong phong trào thi đua “Lao động giỏi, lao động sáng tạo” giai đoạn 2015–2020",
    "Đã có thành tích xuất sắc trong phong trào thi đua “Giỏi việc nước, đảm việc nhà” giai đoạn 2015–2020",
    "Đã có thành tích xuất sắc trong phong trào thi đua “Xanh – Sạch – Đẹp, bảo đảm an toàn vệ sinh lao động”",
]


def build_awards(path: Path, people: list[dict], seed: int = 7) -> None:
    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    ws.title = "Khen thưởng"
    _title_block(ws, "G", "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG",
                 "Tại Hội nghị điển hình tiên tiến CNVCLĐ huyện Nà Lương lần thứ IV, giai đoạn 2015 – 2020")
    heads = ["STT", "Tên tập thể, cá nhân", "Đơn vị", "Hình thức khen thưởng", "Thành tích", "Người nhận", "Ghi chú"]
    for col, h in enumerate(heads, start=1):
        ws.cell(7, col, h).font = Font(bold=True)
    collectives = [p for p in people if p["section"] == "II"]
    individuals = [p for p in people if p["section"] == "III"]
    rng.shuffle(collectives)
    rng.shuffle(individuals)
    # Named proxies (nhận thay): people who are on the roster but not awarded themselves.
    spare = [p for p in individuals[sum(n for _f, _c, n in AWARD_FORMS):] if p["name"] != "Hoàng Văn Đức"]
    proxies = {id(individuals[0]): spare[0]["name"], id(individuals[3 + 6 + 1]): spare[1]["name"]}
    row, stt = 8, 0
    for form, n_coll, n_ind in AWARD_FORMS:
        for p in collectives[:n_coll]:
            stt += 1
            team = p["position"].removeprefix("Tổ trưởng ").strip()
            for col, v in enumerate([stt, f"{team}, {p['unit']}", p["unit"], form, rng.choice(ACHIEVEMENTS), p["name"], ""], 1):
                ws.cell(row, col, v)
            row += 1
        collectives = collectives[n_coll:]
        for p in individuals[:n_ind]:
            stt += 1
            note = f"Nhận thay: {proxies[id(p)]}" if id(p) in proxies else ""
            for col, v in enumerate([stt, p["name"], p["unit"], form, rng.choice(ACHIEVEMENTS), "", note], 1):
                ws.cell(row, col, v)
            row += 1
        individuals = individuals[n_ind:]
    row += 1
    ws.cell(row, 1, f"Tổng cộng: {stt} tập thể, cá nhân.")
    wb.save(path)


SPEECHES = [
    ("Đổi mới phương pháp dạy học, nâng cao chất lượng giáo dục vùng cao", "Giáo dục", 8),
    ("Sáng kiến cải tiến dây chuyền sao chè, tăng năng suất 20 %", "Sản xuất", 7),
    ("Giữ rừng đầu nguồn cùng đồng bào các dân tộc", "Công tác", 7),
    ("Chăm sóc sức khỏe ban đầu cho bà con vùng sâu", "Y tế", 8),
    ("Tổ dệt thổ cẩm: giữ nghề, tăng thu nhập cho chị em", "Sản xuất", 6),
    ("Công đoàn cơ sở đồng hành cùng người lao động khó khăn", "Công tác công đoàn", 7),
    ("Tự học, tự rèn để trở thành công nhân kỹ thuật giỏi", "Học tập", 6),
    ("Ứng dụng công nghệ thông tin trong quản lý hồ sơ địa chính", "Công tác", 6),
]


def build_speeches(path: Path, people: list[dict]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tham luận"
    _title_block(ws, "G", "DANH SÁCH THAM LUẬN", "Tại Hội nghị điển hình tiên tiến CNVCLĐ huyện Nà Lương lần thứ IV")
    heads = ["STT", "Họ và tên", "Đơn vị", "Tên tham luận", "Lĩnh vực", "Thời lượng (phút)", "Ghi chú"]
    for col, h in enumerate(heads, start=1):
        ws.cell(7, col, h).font = Font(bold=True)
    speakers = [p for p in people if p["section"] in ("II", "III")]
    rng = random.Random(11)
    chosen = rng.sample(speakers[4:], len(SPEECHES))
    for i, ((title, field, minutes), p) in enumerate(zip(SPEECHES, chosen, strict=True), start=1):
        for col, v in enumerate([i, p["name"], p["unit"], title, field, minutes, "Dự phòng" if i > 6 else ""], 1):
            ws.cell(7 + i, col, v)
    # Responses to the launch (item 8 of the programme): marked in the field column.
    others = [p for p in speakers[4:] if p not in chosen and p["name"] != "Hoàng Văn Đức"]
    for j, p in enumerate(rng.sample(others, 2), start=len(SPEECHES) + 1):
        for col, v in enumerate([j, p["name"], p["unit"], "Phát biểu hưởng ứng phong trào thi đua giai đoạn 2020–2025",
                                 "Hưởng ứng", 4, ""], 1):
            ws.cell(7 + j, col, v)
    wb.save(path)


def main() -> None:
    HERE.mkdir(exist_ok=True)
    people = make_people()
    _ensure_examples(people)
    build_roster(HERE / "danh-sach-dai-bieu.xlsx", people)
    build_awards(HERE / "khen-thuong.xlsx", people)
    build_speeches(HERE / "tham-luan.xlsx", people)
    print(f"{len(people)} đại biểu → {HERE}")


if __name__ == "__main__":
    main()
