"""Journal lines in Vietnamese words: the audit trail as people read it.

Kinds written by the door (checkin, checkout …) and by this package (vote_*)
get a sentence each here; the agenda's and the ceremony's moves get theirs in
day_words.py. A kind nobody taught us yet is named as "another operation" with
its line number, never by its internal code, so a new kind never breaks the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.ground.clock import parse_iso
from console.ground.journal import Entry
from console.record.day_words import LIST_WORDS, Names, day_words, place_word

VIA = {"scan": "quét thẻ", "search": "tìm theo tên", "walkin": "khách vãng lai", "code": "nhập mã",
       "paper": "theo danh sách ký tên"}

KIND_WORDS = {
    "checkin": "Điểm danh",
    "checkin_undo": "Hủy điểm danh",
    "checkout": "Rời hội trường",
    "walkin": "Đăng ký khách vãng lai",
    "badge_reissue": "Cấp lại thẻ đại biểu",
    "vote_propose": "Đề cử danh sách đi dự cấp trên",
    "vote_record": "Biểu quyết danh sách đi dự cấp trên",
}

IMPORT_WORDS = {"rows": "số dòng", "added": "thêm", "changed": "sửa", "removed": "bỏ", "kept": "giữ"}

@dataclass(frozen=True)
class Line:
    n: int
    when: str  # dd/mm/yyyy HH:MM:SS, Vietnam time
    desk: str
    action: str
    who: str  # the delegate concerned, if any
    actor: str


def _name(everyone: dict, did) -> str:
    try:
        i = int(did)
    except (TypeError, ValueError):
        return ""
    d = everyone.get(i)
    return f"{d.name} ({d.code})" if d else f"mã {i:04d}"


def describe(e: Entry, everyone: dict, names: Names | None = None) -> tuple[str, str]:
    """(action in Vietnamese, who it concerns)."""
    d = e.data if isinstance(e.data, dict) else {}
    names = names or Names(everyone)
    who = _name(everyone, d.get("delegate_id")) if "delegate_id" in d else ""
    k = e.kind
    if k == "checkin":
        return f"Điểm danh ({VIA.get(d.get('via'), d.get('via') or 'quét thẻ')})", who
    if k == "checkin_undo":
        return f"Hủy điểm danh — lý do: {d.get('reason', '')}", who
    if k == "checkout":
        return "Rời hội trường", who
    if k == "walkin":
        person = d.get("delegate") if isinstance(d.get("delegate"), dict) else {}
        reason = person.get("walk_in_reason") or ""
        text = "Đăng ký khách vãng lai" + (f" — lý do: {reason}" if reason else "")
        return text, who or str(person.get("name", ""))
    if k == "badge_reissue":
        return f"Cấp lại thẻ đại biểu (lần {d.get('version', '?')})" + \
            (f" — lý do: {d['reason']}" if d.get("reason") else ""), who
    if k == "ceremony_import":
        what = LIST_WORDS.get(str(d.get("list")), "danh sách")
        figures = ", ".join(f"{IMPORT_WORDS[key]} {d[key]}" for key in IMPORT_WORDS if key in d)
        return f"Nhập {what} từ tệp {d.get('source', '?')}" + (f" ({figures})" if figures else ""), ""
    if k.endswith("_import"):
        what = {"roster": "danh sách đại biểu", "awards": "danh sách khen thưởng",
                "speeches": "danh sách tham luận"}.get(k.removesuffix("_import"), k.removesuffix("_import"))
        figures = ", ".join(f"{IMPORT_WORDS[key]} {d[key]}" for key in IMPORT_WORDS if key in d)
        return f"Nhập {what} từ tệp {d.get('source', '?')}" + (f" ({figures})" if figures else ""), ""
    if k == "vote_propose":
        ids = d.get("delegate_ids", [])
        return f"Đề cử danh sách đi dự cấp trên ({len(ids)} người)", ", ".join(_name(everyone, i) for i in ids)
    if k == "vote_record":
        if not d.get("valid"):
            result = "không hợp lệ (không đủ số có mặt)"
        else:
            result = "THÔNG QUA" if d.get("approved") else "KHÔNG THÔNG QUA"
        return (f"Biểu quyết danh sách đi dự cấp trên: tán thành {d.get('for')}, không tán thành {d.get('against')}, "
                f"không biểu quyết {d.get('abstain')} / {d.get('present')} có mặt — {result}"), ""
    return day_words(e, d, names), who


def readable(entries: list[Entry], everyone: dict, names: Names | None = None) -> list[Line]:
    names = names or Names(everyone)
    out = []
    for e in entries:
        action, who = describe(e, everyone, names)
        when = parse_iso(e.at).strftime("%d/%m/%Y %H:%M:%S")
        out.append(Line(e.n, when, place_word(e.desk), action, who, place_word(e.actor)))
    return out
