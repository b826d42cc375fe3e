"""Bodies named in full on a paper's letterhead, and the roles the minutes name.

Nghị định 30/2020 writes the issuing body and its parent in full ("LIÊN ĐOÀN
LAO ĐỘNG HUYỆN NÀ LƯƠNG"), while event.toml usually holds the short form
organisers type ("LĐLĐ huyện Nà Lương"). Only whole abbreviations are expanded;
a name nobody abbreviated is kept as written.
"""

from __future__ import annotations

import re

ABBREVIATIONS = {
    "TLĐLĐVN": "Tổng Liên đoàn Lao động Việt Nam",
    "LĐLĐ": "Liên đoàn Lao động",
    "CĐCS": "Công đoàn cơ sở",
    "CĐN": "Công đoàn ngành",
    "CĐ": "Công đoàn",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "CNVCLĐ": "công nhân, viên chức, lao động",
    "HTX": "Hợp tác xã",
    "TP.": "thành phố",
}
_WORD = re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
                   + r")(?![\w])")


def full_name(unit: str) -> str:
    """"LĐLĐ huyện Nà Lương" → "Liên đoàn Lao động huyện Nà Lương"."""
    return _WORD.sub(lambda m: ABBREVIATIONS[m.group(1)], unit or "").strip()


# [roles] keys the minutes read; every one may also be left out.
ROLE_KEYS = ("presider", "secretary", "reporter", "launcher", "guide", "presidium", "secretariat")


def explicit_roles(event) -> dict[str, str]:
    """The roles someone actually wrote ([roles] in agenda.toml, then event.toml) — not the
    MC's placeholders ("Chủ tịch <đơn vị>"), which would put a title where a name is signed."""
    from console.ground.errors import UserError
    from console.ground.text import nfc

    out: dict[str, str] = {}
    out.update({k: nfc(v).strip() for k, v in event.settings.roles.items() if isinstance(v, str) and v.strip()})
    try:
        from console.agenda.plan import load_agenda

        out.update({k: v.strip() for k, v in load_agenda(event).roles.items() if isinstance(v, str) and v.strip()})
    except UserError:  # an unreadable agenda.toml is reported by the agenda itself; the minutes go on
        pass
    return out
