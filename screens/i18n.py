"""Vietnamese first; `--lang en` swaps the labels that have an English entry."""

from __future__ import annotations

EN = {
    "Tổng quan": "Overview", "Đón tiếp": "Desk", "Màn hình MC": "Cue", "Điều khiển": "Control",
    "Khen thưởng": "Ceremony", "Máy in": "Printers", "Thoát": "Quit", "Có mặt": "Present",
    "Đăng ký": "Registered", "Điển hình": "Exemplary", "Khách mời": "Guests", "Nữ": "Women",
    "Dân tộc thiểu số": "Ethnic minorities", "Trực tiếp SX, CT": "Direct production",
    "Không giữ chức vụ lãnh đạo": "Non-leadership", "Còn đón thêm khách": "Guest headroom",
    "Tỉ lệ điển hình": "Exemplary share", "Sẵn sàng quét": "Ready to scan",
}

_lang = "vi"


def set_language(lang: str) -> None:
    global _lang
    _lang = "en" if lang == "en" else "vi"


def _(text: str) -> str:
    return EN.get(text, text) if _lang == "en" else text
