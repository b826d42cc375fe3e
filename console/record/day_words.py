"""The agenda's and the ceremony's journal lines as sentences a secretary reads.

"Chuyển sang mục 4: Tham luận của các điển hình tiên tiến", "Đồng chí X trình
bày xong tham luận “…” (7 phút)", "Trao xong đợt 2 — Bằng khen …: 8 tập thể,
cá nhân; đồng chí Y trao". Never an internal code (item keys, list keys,
"agenda_next"): a line this module does not know is "another operation" with its
line number, so the signed journal can still be looked up.
"""

from __future__ import annotations

from datetime import datetime

from console.ceremony.state import table_docs
from console.ground.clock import parse_iso

LIST_WORDS = {"awards": "danh sách khen thưởng", "speeches": "danh sách tham luận",
              "tham_luan": "danh sách tham luận", "huong_ung": "danh sách phát biểu hưởng ứng"}

# Desks and actors are names people gave their laptops; the usual ones read as words.
PLACE_WORDS = {"control": "Điều khiển chương trình", "demo": "Dữ liệu mẫu", "thu-ky": "Thư ký",
               "ceremony": "Khen thưởng", "cue": "Người dẫn chương trình", "sankhau": "Sân khấu"}


def place_word(name: str) -> str:
    """"ban-2" → "Bàn 2", "control" → "Điều khiển chương trình"; other names as given."""
    if not name:
        return ""
    if name in PLACE_WORDS:
        return PLACE_WORDS[name]
    head, _, tail = name.partition("-")
    if head == "ban" and tail.isdigit():
        return f"Bàn {int(tail)}"
    return name


def _minutes(value: float) -> str:
    v = round(float(value), 1)
    return str(int(v)) if v.is_integer() else f"{v:.1f}".replace(".", ",")


class Names:
    """Who the keys in the journal point at, and when each sub-step began (for its minutes)."""

    def __init__(self, everyone: dict, event=None):
        self.everyone = everyone
        self.awards: dict[str, str] = {}
        self.speeches: dict[str, tuple[str, str, bool]] = {}  # key -> (speaker, title, response)
        self.entered: dict[str, datetime] = {}
        if event is not None:
            try:
                for doc in table_docs(event, "awards"):
                    self.awards[str(doc.get("key"))] = str(doc.get("recipient", ""))
                for doc in table_docs(event, "speeches"):
                    self.speeches[str(doc.get("key"))] = (str(doc.get("speaker", "")), str(doc.get("title", "")),
                                                          bool(doc.get("response")))
            except (OSError, ValueError, KeyError, TypeError):
                pass  # the lists are unreadable: sentences stay general rather than failing the report

    def person(self, did) -> str:
        try:
            d = self.everyone.get(int(did))
        except (TypeError, ValueError):
            return ""
        return d.name if d else ""

    def speech(self, sub: str | None) -> tuple[str, str, bool] | None:
        if not sub or not sub.startswith("speech:"):
            return None
        return self.speeches.get(sub.split(":", 1)[1])


def _item(d: dict) -> str:
    pos, title = str(d.get("position") or ""), str(d.get("title") or "")
    if not title:
        return "hết chương trình"
    return f"mục\u00a0{pos}: {title}" if pos else title


def _left_speech(names: Names, d: dict, at: datetime) -> str:
    """"Đồng chí X trình bày xong tham luận “…” (7 phút)" for a speech the move ends."""
    sub = d.get("substep_from")
    found = names.speech(sub)
    if found is None:
        return ""
    speaker, title, response = found
    began = names.entered.get(str(sub))
    took = f" ({_minutes((at - began).total_seconds() / 60)} phút)" if began else ""
    what = "phát biểu hưởng ứng" if response else "trình bày tham luận"
    return f"Đồng chí {speaker} đã {what}" + (f" “{title}”" if title and not response else "") + took + "; "


def _entered(names: Names, d: dict) -> str:
    """The item entered, naming the speaker when it is a speech."""
    found = names.speech(d.get("substep_to"))
    if found is None:
        return _item(d)
    speaker, title, response = found
    pos = str(d.get("position") or "")
    if response:
        return f"mục\u00a0{pos}: đồng chí {speaker} phát biểu hưởng ứng"
    return f"mục\u00a0{pos}: đồng chí {speaker} trình bày tham luận" + (f" “{title}”" if title else "")


def day_words(e, d: dict, names: Names) -> str:
    """One sentence for an agenda, ceremony or printing line."""
    k = e.kind
    at = parse_iso(e.at)
    if k in ("agenda_start", "agenda_next", "agenda_jump"):
        head = _left_speech(names, d, at) if k != "agenda_start" else ""
        if d.get("substep_to"):
            names.entered[str(d["substep_to"])] = at
        if k == "agenda_start":
            return f"Bắt đầu chương trình: {_entered(names, d)}"
        if not d.get("title"):
            return head + "Hết chương trình"
        verb = "chuyển thẳng tới" if k == "agenda_jump" else "chuyển sang"
        text = f"{verb} {_entered(names, d)}"
        return head + (text if head else text[0].upper() + text[1:])
    if k == "agenda_skip":
        return f"Bỏ qua {d.get('skipped_title') or 'mục hiện tại'} (không tổ chức)"
    if k == "agenda_back":
        return "Lùi lại bước chuyển vừa rồi (chuyển nhầm); mục trước tiếp tục"
    if k == "agenda_pause":
        return "Tạm dừng đồng hồ"
    if k == "agenda_resume":
        return "Đồng hồ chạy tiếp"
    if k == "agenda_extend":
        return f"Thêm {_minutes(d.get('minutes') or 1)} phút cho mục đang diễn ra"
    if k == "agenda_retime":
        before, after = d.get("drift_before"), d.get("drift_after")
        if isinstance(before, int | float) and isinstance(after, int | float):
            return (f"Phân bổ lại thời gian các mục còn lại (dự kiến chậm {_minutes(before)} phút, "
                    f"sau điều chỉnh {_minutes(after)} phút)")
        return "Phân bổ lại thời gian các mục còn lại"
    if k == "ceremony_batch_done":
        n = len(d.get("keys") or [])
        presenter = names.person(d.get("presenter_id"))
        proxies = len(d.get("proxies") or {})
        return (f"Trao xong đợt {d.get('batch', '?')} — {d.get('form') or 'khen thưởng'}: {n} tập thể, cá nhân"
                + (f" (nhận thay {proxies})" if proxies else "") + (f"; đồng chí {presenter} trao" if presenter else ""))
    if k == "ceremony_batch_undo":
        return f"Hủy ghi nhận đợt khen thưởng {d.get('batch', '?')} (ghi nhầm); đợt này sẽ trao lại"
    if k == "ceremony_batch_start":
        return f"Mời đợt khen thưởng {d.get('batch', '?')} lên sân khấu"
    if k == "ceremony_presenter":
        who = names.person(d.get("delegate_id"))
        return f"Người trao đợt {d.get('batch', '?')}: đồng chí {who or '(chưa rõ)'}"
    if k == "ceremony_proxy":
        recipient = names.awards.get(str(d.get("key")), "")
        proxy = names.person(d.get("proxy_id"))
        if proxy:
            return f"Đồng chí {proxy} nhận thay" + (f" cho {recipient}" if recipient else "")
        return "Bỏ người nhận thay" + (f" cho {recipient}" if recipient else "")
    if k in ("ceremony_order", "ceremony_pin", "ceremony_drop"):
        key = str(d.get("moved") or d.get("key") or "")
        who = names.awards.get(key) or (names.speeches.get(key) or ("",))[0]
        what = LIST_WORDS.get(str(d.get("list")), "danh sách")
        if k == "ceremony_order":
            delta = d.get("delta") or 0
            return f"Đổi thứ tự {what}: {who or 'một dòng'} {'lên' if delta < 0 else 'xuống'} {abs(delta)} bậc"
        if k == "ceremony_pin":
            return f"{'Giữ chắc' if d.get('pinned') else 'Bỏ giữ chắc'} trong {what}: {who or 'một dòng'}"
        return f"{'Bỏ khỏi' if d.get('dropped') else 'Đưa lại vào'} {what}: {who or 'một dòng'}"
    if k in ("ceremony_speech_start", "ceremony_speech_done", "ceremony_speech_undo"):
        found = names.speech(f"speech:{d.get('key')}")
        speaker = found[0] if found else ""
        if k == "ceremony_speech_start":
            return f"Mời đồng chí {speaker or '…'} trình bày"
        if k == "ceremony_speech_done":
            took = f" ({_minutes(d['minutes'])} phút)" if isinstance(d.get("minutes"), int | float) else ""
            return f"Đồng chí {speaker or '…'} trình bày xong{took}"
        return "Hủy ghi nhận phần trình bày vừa rồi (ghi nhầm)"
    if k == "badge_reprint":
        return "In lại thẻ đại biểu (cùng mã)" + (f" — lý do: {d['reason']}" if d.get("reason") else "")
    if k.startswith("print"):
        return "Lệnh in"
    return f"Thao tác khác (dòng {e.n} của nhật ký gốc)"
