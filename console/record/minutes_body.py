"""The parts of the biên bản, in the day's order, from the journal and the lists.

Each function returns blocks (see minutes.py). What the journal cannot know —
the gist of a report, the presider's conclusion — is a dotted field the
secretary fills in, never invented.
"""

from __future__ import annotations

from console.ceremony.introductions import office as office_of
from console.people.categories import protocol_rank
from console.people.quota import format_share
from console.record import sources
from console.record import vote as vote_mod
from console.record.figures import Figures
from console.record.minutes_blocks import BLANK, Block, hm, minutes_text

LINES = "…" * 34  # one line of dots for the secretary's hand (165 mm at 13 pt)


def guests_present(fig: Figures) -> list[Block]:
    """"Về dự có các đồng chí …": the guests who came, higher office first."""
    guests = [d for d in fig.arrived if not d.exemplary]
    if not guests:
        return [Block("li", "Về dự có: không có khách mời.")]
    guests.sort(key=lambda d: (protocol_rank(d.position, d.unit), d.sort_key()))
    out = [Block("li", f"Về dự có {len(guests)} đồng chí khách mời:")]
    for d in guests:
        office = office_of(d.position, d.unit)  # said once: "Phó Chủ tịch LĐLĐ tỉnh Bắc Kạn", as the MC said it
        out.append(Block("li2", f"Đồng chí {d.name}" + (f", {office}" if office else "") + ";"))
    return out


def absentees(fig: Figures) -> list[Block]:
    if not fig.absent:
        return [Block("li", "Vắng mặt: không.")]
    with_reason = [d for d in fig.absent if d.id in fig.reasons]
    out = [Block("li", f"Vắng mặt: {len(fig.absent)} đại biểu"
                       + (f" (có lý do {len(with_reason)}, chưa rõ lý do {len(fig.absent) - len(with_reason)})"
                          if with_reason else " (lý do: thư ký bổ sung nếu có)") + ":")]
    out.append(Block("li2", "; ".join(f"{d.name}" + (f" — {fig.reasons[d.id]}" if d.id in fig.reasons else "")
                                       for d in fig.absent) + "."))
    return out


def officers(roles: dict[str, str]) -> list[Block]:
    out = [Block("li", f"Chủ trì hội nghị: đồng chí {roles.get('presider') or BLANK}.")]
    if roles.get("presidium"):
        out.append(Block("li", f"Đoàn Chủ tịch: các đồng chí {roles['presidium']}."))
    if roles.get("secretariat"):
        out.append(Block("li", f"Đoàn Thư ký: các đồng chí {roles['secretariat']}."))
    out.append(Block("li", f"Thư ký hội nghị: đồng chí {roles.get('secretary') or BLANK}."))
    return out


def programme_table(rows: list[dict]) -> list[Block]:
    segments = [r for r in rows if r.get("kind", "segment") == "segment"]
    if not segments:
        return [Block("p", f"Hội nghị tiến hành theo chương trình đã thông qua. {BLANK}")]
    table = [["Mục", "Nội dung", "Bắt đầu", "Kết thúc", "Số phút"]]
    for r in segments:
        if r.get("status") == "skipped":
            table.append([str(r.get("position", "")), f"{r.get('title', '')} (không tổ chức)", "", "", ""])
            continue
        table.append([str(r.get("position", "")), str(r.get("title", "")), hm(r.get("actual_start")),
                      hm(r.get("actual_end")),
                      minutes_text(r.get("actual_minutes")) if r.get("actual_minutes") is not None else ""])
    return [Block("table", rows=table, widths=[14, 93, 20, 20, 18])]


def _gist() -> list[Block]:
    return [Block("p", "Tóm tắt nội dung:"), Block("p", LINES), Block("p", LINES)]


def speeches(event, segment: str) -> list[Block]:
    given = [sp for sp in sources.speeches(event) if sp.get("status") == "given"
             and (sp.get("segment") or ("huong_ung" if sp.get("response") else "tham_luan")) == segment]
    if segment == "huong_ung":
        if not given:
            return [Block("p", f"Phát biểu hưởng ứng: {BLANK}")]
        out = [Block("p", f"Có {len(given)} ý kiến phát biểu hưởng ứng phong trào thi đua:")]
        for sp in given:
            unit = f" ({sp['unit']})" if sp.get("unit") else ""
            out.append(Block("li", f"Đồng chí {sp.get('speaker', '')}{unit} — {minutes_text(sp.get('actual_minutes'))} phút."))
        return out
    if not given:
        return [Block("p", f"Tham luận: {BLANK}")]
    out = [Block("p", f"Hội nghị đã nghe {len(given)} tham luận của các điển hình tiên tiến:")]
    for sp in given:
        unit = f" ({sp['unit']})" if sp.get("unit") else ""
        title = f": “{sp['title']}”" if sp.get("title") else ""
        out.append(Block("li", f"Đồng chí {sp.get('speaker', '')}{unit}{title} — {minutes_text(sp.get('actual_minutes'))} phút."))
    return out


def decision_words(decision: str) -> str:
    """"Quyết định số 12/QĐ-LĐLĐ ngày …" / "12/QĐ-LĐLĐ" → "theo Quyết định số 12/QĐ-LĐLĐ ngày …"; a field if none."""
    text = " ".join(str(decision or "").split())
    low = text.lower()
    if low.startswith("theo "):
        text, low = text[5:], low[5:]
    if low.startswith("quyết định"):
        text = text[len("quyết định"):].strip()
        text = text[2:].strip() if text.lower().startswith("số") else text
    return f"theo Quyết định số {text.strip(' :,') or '…………'}"


def awards(event) -> list[Block]:
    records = sources.awards(event)
    if not records:
        return [Block("p", f"Biểu dương, khen thưởng: {BLANK}")]
    done = [a for a in records if a.get("status") in ("presented", "proxy")]
    later = [a for a in records if a.get("status") == "later"]
    out = [Block("p", f"Hội nghị đã trao {len(done)}/{len(records)} khen thưởng, theo hình thức từ cao xuống:")]
    forms: dict[str, list[dict]] = {}
    for a in done:
        forms.setdefault(str(a.get("form", "")), []).append(a)
    presenters = sources.presenters(event)
    for form, given in forms.items():
        coll = sum(1 for a in given if a.get("collective"))
        decision = next((str(a["decision"]) for a in given if a.get("decision")), "")
        who = presenters.get(form, [])
        text = (f"{form} ({decision_words(decision)}): "
                f"{coll} tập thể, {len(given) - coll} cá nhân")
        text += f"; đồng chí {', '.join(who)} trao." if who else "."
        out.append(Block("li", text))
    for a in records:
        if a.get("status") == "proxy":
            out.append(Block("li", f"{a.get('label') or a.get('recipient', '')} vắng mặt; đồng chí {a.get('proxy_name') or BLANK} "
                                   f"nhận thay ({a.get('form', '')})."))
    if later:
        out.append(Block("p", f"Khen thưởng trao sau hội nghị ({len(later)}), đơn vị nhận về trao lại:"))
        out += [Block("li", f"{a.get('recipient', '')}" + (f" ({a['unit']})" if a.get("unit") else "")
                            + f" — {a.get('form', '')}.") for a in later]
    return out


def vote(event) -> list[Block]:
    st = vote_mod.state(event)
    everyone = event.delegates()
    if not st.proposed:
        return [Block("p", f"Thông qua danh sách: {BLANK}")]
    ids = st.approved_list if st.approved_list is not None else st.proposed
    names = sorted((everyone[i] for i in ids if i in everyone), key=lambda d: d.sort_key())
    out = [Block("p", f"Ban tổ chức trình hội nghị danh sách {len(names)} đại biểu:")]
    out += [Block("li", f"{d.name} — {', '.join(x for x in (d.position, d.unit) if x)}"
                        + (f" ({d.title})" if d.title else "")) for d in names]
    rules = vote_mod.rules_from_settings(event.settings)
    base = ("đại biểu điển hình (khách mời không biểu quyết)" if rules.voters == "exemplary"
            else "đại biểu (tổng số, kể cả khách mời và khách vãng lai)")
    for n, b in enumerate(st.ballots, start=1):
        label = f"Biểu quyết lần {n}" if len(st.ballots) > 1 else "Kết quả biểu quyết"
        out.append(Block("p", (
            f"{label} (lúc {hm(b.at)}, giơ tay): đang có mặt {b.present}/{b.registered} {base}; "
            f"tán thành {b.votes_for} ({format_share(b.share_for, rules.majority)} số có mặt), không tán thành "
            f"{b.against}, không biểu quyết {b.abstain}. Điều kiện: có mặt {b.quorum_word} {b.quorum} "
            f"{'số đại biểu triệu tập' if rules.voters == 'exemplary' else 'tổng số'}, "
            f"tán thành {b.majority_word} {b.majority} số có mặt. **{b.result_text}.**")))
    if not st.ballots:
        out.append(Block("p", f"Kết quả biểu quyết: {BLANK}"))
    return out


# What the minutes say of each agenda part, by its key in agenda.toml.
SAID = {
    "van_nghe": lambda r: "Chương trình văn nghệ chào mừng.",
    "chao_co": lambda r: "Nghi thức chào cờ.",
    "khai_mac": lambda r: (f"Đồng chí {r.get('presider') or BLANK} tuyên bố lý do, giới thiệu đại biểu "
                           "và khai mạc hội nghị."),
    "bao_cao": lambda r: (f"Đồng chí {r.get('reporter') or BLANK} trình bày Báo cáo tổng kết phong trào thi đua "
                          "và công tác khen thưởng, phương hướng giai đoạn tới."),
    "giao_luu": lambda r: "Giao lưu với các điển hình tiên tiến.",
    "phat_dong": lambda r: (f"Đồng chí {r.get('launcher') or r.get('presider') or BLANK} phát động phong trào thi đua "
                            "giai đoạn mới."),
    "chi_dao": lambda r: f"Đồng chí {r.get('guide') or BLANK} phát biểu chỉ đạo hội nghị.",
    "be_mac": lambda r: f"Đồng chí {r.get('presider') or BLANK} tổng kết và bế mạc hội nghị.",
}


def parts(event, rows: list[dict], roles: dict[str, str]) -> list[Block]:
    """Each agenda part that took place, in order: who spoke, what was given, the vote."""
    out: list[Block] = []
    n = 0
    segments = [r for r in rows if r.get("kind", "segment") == "segment" and r.get("status") != "skipped"]
    for r in segments:
        key = str(r.get("key") or "")
        n += 1
        when_text = f" (từ {hm(r['actual_start'])})" if r.get("actual_start") else ""
        out.append(Block("p", f"**{n}. {r.get('title', '')}**{when_text}"))
        if key == "tham_luan":
            out += speeches(event, "tham_luan")
        elif key == "huong_ung":
            out += speeches(event, "huong_ung")
        elif key == "khen_thuong":
            out += awards(event)
        elif key == "thong_qua":
            out += vote(event)
        elif key in SAID:
            out.append(Block("p", SAID[key](roles)))
            if key in ("bao_cao", "chi_dao"):
                out += _gist()
        else:
            out += _gist()
        if key == "be_mac":
            out += conclusion()
    keys = {str(r.get("key")) for r in segments}
    # Parts with a record but no agenda item of their own (an agenda.toml that renamed them): still said.
    leftovers = [("tham_luan", "Tham luận", bool(sources.speeches(event))),
                 ("khen_thuong", "Biểu dương, khen thưởng", bool(sources.awards(event))),
                 ("thong_qua", "Thông qua danh sách đại biểu đi dự Hội nghị, Đại hội cấp trên",
                  bool(vote_mod.state(event).proposed))]
    for key, title, has in leftovers:
        if has and key not in keys:
            n += 1
            out.append(Block("p", f"**{n}. {title}**"))
            out += {"tham_luan": lambda: speeches(event, "tham_luan"), "khen_thuong": lambda: awards(event),
                    "thong_qua": lambda: vote(event)}[key]()
    if "be_mac" not in keys:
        out += conclusion()
    return out


def conclusion() -> list[Block]:
    """The presider's conclusion: the secretary writes it from what was said."""
    return [Block("p", "Kết luận của đồng chí chủ trì hội nghị:"), Block("p", LINES), Block("p", LINES),
            Block("p", LINES)]


