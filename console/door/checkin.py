"""The scan path and the other door actions: check-in, undo, check-out, walk-in.

`scan()` never raises on any input: every payload ends in one `ScanResult`.
The decision "already checked in?" is taken under the journal lock after
reading every other desk's lines, so two desks scanning one badge in the same
second give one check-in and one "already checked in".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from console.door.day import Visit
from console.door.tokens import PREFIX, Parsed, Read, clean, code_matches, looks_like_token, parse_rewritten
from console.door.walkin import FIELD_LABELS, birth_year_from, clean_fields, gender_from_text
from console.ground.clock import hhmm, parse_iso
from console.ground.decision import Decision
from console.ground.errors import UserError
from console.ground.text import canonical, fold, nfc
from console.people.categories import (
    CATEGORIES,
    CATEGORY_LABELS,
    EXEMPLARY,
    category_from_text,
    is_leadership,
)
from console.people.entry import shown, text_problem, undecodable
from console.people.roster import Delegate


class Outcome(StrEnum):
    """How a scan (or a check-in by name) ended: `ScanResult.result`. The screens style by it."""
    CHECKED_IN = "checked_in"
    ALREADY = "already_checked_in"
    UNKNOWN = "unknown"  # signed by this event, but nobody on the list has that id
    INVALID = "invalid"  # forged, damaged, another event's, not readable
    IME_MANGLED = "ime_mangled"  # a Vietnamese input method rewrote the scanner's keys
    REPLACED = "replaced"  # an old badge after a reprint
    NOT_A_CODE = "not_a_code"  # the desk treats it as a name search
    ERROR = "error"  # the event folder could not be read: nobody checked in


CHECKED_IN, ALREADY, UNKNOWN, INVALID = Outcome.CHECKED_IN, Outcome.ALREADY, Outcome.UNKNOWN, Outcome.INVALID
IME_MANGLED, REPLACED, NOT_A_CODE = Outcome.IME_MANGLED, Outcome.REPLACED, Outcome.NOT_A_CODE

IME_HINT = ("Bộ gõ tiếng Việt (Unikey/EVKey) đang bật và đã đổi ký tự của mã quét. "
            "Hãy chuyển bộ gõ sang E (tiếng Anh) — bấm vào biểu tượng V/E hoặc Ctrl+Shift — rồi quét lại.")

MAX_PAYLOAD = 256


@dataclass
class ScanResult:
    result: Outcome
    message: str
    delegate: Delegate | None = None
    at: str | None = None  # time of the check-in this result is about
    desk: str | None = None
    ime_detected: bool = False
    reason: str = ""

    def as_json(self) -> dict:
        d = self.delegate
        return {
            "result": self.result, "message": self.message,
            "delegate_id": d.code if d else None, "name": d.name if d else None,
            "unit": d.unit if d else None, "category": d.category if d else None,
            "at": self.at, "desk": self.desk, "ime_detected": self.ime_detected, "reason": self.reason,
        }


# --- recognising an IME's rewrite ------------------------------------------------

_VIET_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ")
_TELEX_BACK = {"â": "aa", "ă": "aw", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw", "đ": "dd"}
_TONE_KEYS_TELEX = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}


def _is_vietnamese_mark(ch: str) -> bool:
    if ch.lower() in _VIET_LETTERS:
        return True
    base = unicodedata.normalize("NFD", ch)
    return len(base) > 1 and base[0].isascii() and all(unicodedata.combining(c) for c in base[1:])


def shows_ime(payload: str) -> bool:
    """Vietnamese letters or tone marks in what should be a plain ASCII scan."""
    return any(not ch.isascii() and (_is_vietnamese_mark(ch) or unicodedata.combining(ch)) for ch in payload)


def ime_candidates(payload: str) -> list[str]:
    """Ways back from an IME's output to what the scanner typed."""
    nfd = unicodedata.normalize("NFD", payload)
    stripped = "".join(c for c in nfd if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")
    telex = []
    for ch in unicodedata.normalize("NFC", payload):
        base = unicodedata.normalize("NFD", ch)
        letter = unicodedata.normalize("NFC", "".join(c for c in base if c not in _TONE_KEYS_TELEX))
        tone = "".join(_TONE_KEYS_TELEX.get(c, "") for c in base)
        telex.append(_TELEX_BACK.get(letter.lower(), letter) + tone)
    return [clean(stripped), clean("".join(telex))]


# --- the scan ------------------------------------------------------------------------


def _who(event, delegate_id: int) -> Delegate | None:
    return event.get(delegate_id)


def classify(event, payload: str) -> tuple[Read | Outcome, Parsed | None, bool]:
    """(outcome, parsed token, IME seen) without touching the journal."""
    if not isinstance(payload, str):
        return INVALID, None, False
    if len(payload) > MAX_PAYLOAD:
        return INVALID, None, False
    text = clean(payload)
    if not text:
        return NOT_A_CODE, None, False
    ime = shows_ime(text)
    if ime:
        hits = []
        for cand in ime_candidates(text):
            p = parse_rewritten(event.secret, cand)
            if p.kind == Read.TOKEN and (p.delegate_id, p.version) not in [(h.delegate_id, h.version) for h in hits]:
                hits.append(p)
        if len(hits) == 1:
            return Read.TOKEN, hits[0], True
        if any(looks_like_token(c) and len(c) >= 12 for c in ime_candidates(text)):
            return IME_MANGLED, None, True
        return NOT_A_CODE, None, True  # Vietnamese typed on purpose: a name search
    if not text.isascii():
        return INVALID, None, False
    p = parse_rewritten(event.secret, text)
    if p.kind == Read.TOKEN:
        return p.kind, p, p.rewritten  # rewritten: Quick Telex is on (its output is plain ASCII)
    if p.kind == Read.CODE:
        return p.kind, p, False
    if looks_like_token(text) and any(ch in text for ch in "IU") and len(text) >= 12:
        return IME_MANGLED, None, True  # Quick Telex's GI / QU, and no way back verified
    if p.kind == Read.OTHER_EVENT:
        return Read.OTHER_EVENT, p, False
    if p.kind == Read.INVALID:
        return INVALID, p, False
    if text.startswith(PREFIX) and len(text) >= 8 and " " not in text:
        return INVALID, None, False  # a half-typed or damaged token
    if "://" in text or text.startswith("WWW."):
        return INVALID, None, False
    return NOT_A_CODE, None, False


def scan(event, payload: str, *, desk: str | None = None, actor: str | None = None) -> ScanResult:
    """A scan or typed code at a desk: exactly the path of the QR scanner."""
    try:
        outcome, parsed, ime = classify(event, payload)
    except Exception:  # the scan path never raises
        return ScanResult(INVALID, "Mã không đọc được. Hãy quét lại hoặc tìm theo tên.")
    if outcome == IME_MANGLED:
        return ScanResult(IME_MANGLED, IME_HINT, ime_detected=True)
    if outcome == Read.OTHER_EVENT:
        return ScanResult(INVALID, "Thẻ của một hội nghị khác — không dùng được ở đây. Hãy tìm theo tên.", reason="other_event")
    if outcome == INVALID:
        return ScanResult(INVALID, "Mã không hợp lệ (thẻ giả, bị sửa hoặc quét thiếu). Hãy quét lại hoặc tìm theo tên.",
                          reason="forged")
    if outcome == NOT_A_CODE:
        return ScanResult(NOT_A_CODE, "Không phải mã thẻ.")
    try:
        event.refresh()
    except UserError as exc:  # the folder went away under the desk: say so, check nobody in
        return ScanResult(Outcome.ERROR, str(exc))
    delegate = _who(event, parsed.delegate_id)
    if delegate is None:
        return ScanResult(UNKNOWN, "Mã đúng chữ ký nhưng không có người này trong danh sách (có thể đã bị bỏ khỏi danh sách). "
                                   "Hãy tìm theo tên hoặc đăng ký khách vãng lai.")
    current = event.day.version_of(delegate.id)
    if outcome == Read.CODE:
        if not code_matches(event.secret, payload, delegate.id, current):
            old = [v for v in range(1, current) if code_matches(event.secret, payload, delegate.id, v)]
            if old:
                return _replaced(event, delegate, old[-1])
            return ScanResult(INVALID, "Mã 6 ký tự không đúng. Hãy gõ lại theo thẻ, hoặc tìm theo tên.", reason="forged")
    elif parsed.version != current:
        if parsed.version < current:
            return _replaced(event, delegate, parsed.version)
        return ScanResult(INVALID, "Phiên bản thẻ không hợp lệ. Hãy tìm theo tên.", reason="forged")
    via = "code" if outcome == Read.CODE else "scan"
    result = checkin_delegate(event, delegate.id, via=via, desk=desk, actor=actor)
    if ime:
        result.ime_detected = True
        result.message += " — Lưu ý: " + IME_HINT
    return result


def _replaced(event, delegate: Delegate, old_version: int) -> ScanResult:
    when = event.day.replaced_at.get(delegate.id, {}).get(old_version)
    at = hhmm(parse_iso(when)) if when else "?"
    return ScanResult(REPLACED, f"Thẻ cũ của {delegate.name} đã được thay bằng thẻ in lại lúc {at}. "
                                "Hãy dùng thẻ mới; nếu đúng người, tìm theo tên để điểm danh.",
                      delegate=delegate, at=when)


def _already(delegate: Delegate, visit: Visit) -> ScanResult:
    return ScanResult(ALREADY, f"{delegate.name} ĐÃ điểm danh lúc {hhmm(parse_iso(visit.at))} tại bàn “{visit.desk}”.",
                      delegate=delegate, at=visit.at, desk=visit.desk)


def checkin_delegate(event, delegate_id: int, *, via: str = "search", desk: str | None = None,
                     actor: str | None = None) -> ScanResult:
    """Check one person in (after a scan, or picked by name)."""
    def decide(ev) -> Decision[ScanResult]:
        d = ev.get(delegate_id)
        if d is None:
            return Decision(value=ScanResult(UNKNOWN, "Không có người này trong danh sách."))
        visit = ev.day.present.get(delegate_id)
        if visit is not None:
            return Decision(value=_already(d, visit))

        def welcome(written) -> ScanResult:
            e = written[0]
            return ScanResult(CHECKED_IN, f"Chào mừng {d.name}! Đã điểm danh lúc {hhmm(e.time)}.", delegate=d,
                              at=e.at, desk=e.desk)
        return Decision([("checkin", {"delegate_id": delegate_id, "via": via,
                                      "version": ev.day.version_of(delegate_id)})], then=welcome)

    return event.transact(decide, desk=desk, actor=actor)


def undo_checkin(event, delegate_id: int, reason: str, *, desk: str | None = None, actor: str | None = None) -> str:
    reason = nfc(reason or "")
    if not reason:
        raise UserError("Hãy ghi lý do hủy điểm danh (ví dụ: quét nhầm, nhầm người).")

    def decide(ev):
        visit = ev.day.present.get(delegate_id)
        if visit is None:
            d = ev.get(delegate_id)
            who = d.name if d else f"mã {delegate_id:04d}"
            raise UserError(f"{who} hiện chưa điểm danh nên không có gì để hủy.")
        return [("checkin_undo", {"delegate_id": delegate_id, "reason": reason, "undoes": visit.entry_id})]

    event.transact(decide, desk=desk, actor=actor)
    d = event.get(delegate_id)
    return f"Đã hủy điểm danh của {d.name if d else delegate_id} (lý do: {reason}). Nhật ký vẫn giữ cả hai dòng."


def checkout(event, delegate_id: int, *, desk: str | None = None, actor: str | None = None) -> str:
    def decide(ev):
        if delegate_id not in ev.day.present:
            d = ev.get(delegate_id)
            raise UserError(f"{d.name if d else delegate_id} không có trong hội trường (chưa điểm danh hoặc đã ra).")
        return [("checkout", {"delegate_id": delegate_id})]

    event.transact(decide, desk=desk, actor=actor)
    d = event.get(delegate_id)
    return f"{d.name if d else delegate_id} đã rời hội trường. Quét lại thẻ khi quay vào."


def register_walk_in(event, *, name: str, unit: str, category: str, reason: str = "", position: str = "",
                     gender: str = "", birth_year=None, ethnicity: str = "", supplementary: bool = False,
                     desk: str | None = None, actor: str | None = None) -> ScanResult:
    """A person not on the list: registered and checked in, in one journal step."""
    # Bytes that are not UTF-8 (argv in another code page) are said before anything else reads them.
    for fld, value in (("name", name), ("unit", unit), ("position", position), ("reason", reason)):
        if undecodable(str(value or "")):
            why = text_problem(fld, str(value))
            raise UserError(f"{FIELD_LABELS[fld]} “{shown(str(value))}” {why}")
    f, dropped = clean_fields({"name": name, "unit": unit, "position": position, "ethnicity": ethnicity,
                                "reason": reason})
    if not f["name"]:
        raise UserError("Hãy nhập họ và tên.")
    if not f["unit"]:
        raise UserError("Hãy nhập đơn vị.")
    # The same checks as a list's rows at import: lengths, a formula for a name.
    for fld in ("name", "unit", "position", "reason"):
        if (why := text_problem(fld, f[fld])) is not None:
            raise UserError(f"{FIELD_LABELS[fld]} “{shown(f[fld])}” {why}")
    if category not in CATEGORIES:
        category = category_from_text(category) or category
    if category not in CATEGORIES:
        raise UserError(f"Thành phần “{category}” không hợp lệ. Chọn: {', '.join(CATEGORY_LABELS.values())}.")
    gender = gender_from_text(gender)
    year = birth_year_from(birth_year, event.settings.date.year)
    if supplementary and not f["reason"]:
        raise UserError("Đại biểu bổ sung cần ghi số quyết định bổ sung (ví dụ: QĐ 15/QĐ-LĐLĐ ngày 10/4).")
    if category in EXEMPLARY and not f["reason"]:
        raise UserError("Đại biểu điển hình đến không có trong danh sách cần ghi lý do (ví dụ: thay người vắng, quyết định bổ sung).")
    note = f" (đã bỏ ký tự vô hình ở {'; '.join(dropped)})" if dropped else ""

    def decide(ev) -> Decision[ScanResult]:
        # The same name and unit already known (registered at another desk, sent twice, or on
        # the list): that person is checked in, not registered a second time.
        key = (canonical(f["name"]), fold(f["unit"]))
        same = next((d for d in ev.delegates().values() if (canonical(d.name), fold(d.unit)) == key), None)
        if same is not None:
            visit = ev.day.present.get(same.id)
            if visit is not None:
                return Decision(value=_already(same, visit))
            return Decision(
                [("checkin", {"delegate_id": same.id, "via": "walkin", "version": ev.day.version_of(same.id)})],
                then=lambda w: ScanResult(CHECKED_IN, f"{same.name} (mã {same.code}) đã có trong danh sách: "
                                          f"đã điểm danh lúc {hhmm(w[0].time)}.{note}", delegate=same, at=w[0].at,
                                          desk=w[0].desk))
        new = Delegate(id=ev.next_id(), name=f["name"], category=category, unit=f["unit"], position=f["position"],
                       gender=gender, birth_year=year, ethnicity=f["ethnicity"], leader=is_leadership(f["position"]),
                       walk_in=True, walk_in_reason=f["reason"], supplementary=bool(supplementary))
        what = "đại biểu bổ sung" if new.supplementary else "khách vãng lai"
        return Decision(
            [("walkin", {"delegate": new.to_dict(), "delegate_id": new.id}),
             ("checkin", {"delegate_id": new.id, "via": "walkin", "version": 1})],
            then=lambda w: ScanResult(CHECKED_IN, f"Đã đăng ký và điểm danh {what} {new.name} (mã {new.code}).{note}",
                                      delegate=new, at=w[-1].at, desk=w[-1].desk))

    return event.transact(decide, desk=desk, actor=actor)
