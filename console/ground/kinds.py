"""Every kind of journal line, with the shape of its data — the one list.

The journal (journal.jsonl) is the day: each process folds it into its state
(door/day.py, agenda/run.py, ceremony/state.py, record/vote.py) and the record
reads it back years later. So what a line may say is declared here, once:
who writes it, who folds it, and each key of its data. A test runs a whole
demo morning and checks every line written against this table, and scans the
sources for kinds written that are not in it.

To add a kind: a member of `Kind` and its `Shape` in `SHAPES`. Kinds are
`StrEnum`s: `Kind.CHECKIN == "checkin"`, so lines already on disk read the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    # the door
    CHECKIN = "checkin"
    CHECKIN_UNDO = "checkin_undo"
    CHECKOUT = "checkout"
    WALKIN = "walkin"
    BADGE_REISSUE = "badge_reissue"
    BADGE_REPRINT = "badge_reprint"
    ROSTER_IMPORT = "roster_import"
    # the journal itself
    JOURNAL_ACCEPTED = "journal_accepted"
    # the agenda
    AGENDA_START = "agenda_start"
    AGENDA_NEXT = "agenda_next"
    AGENDA_SKIP = "agenda_skip"
    AGENDA_JUMP = "agenda_jump"
    AGENDA_BACK = "agenda_back"
    AGENDA_PAUSE = "agenda_pause"
    AGENDA_RESUME = "agenda_resume"
    AGENDA_EXTEND = "agenda_extend"
    AGENDA_RETIME = "agenda_retime"
    CUE_MESSAGE = "cue_message"
    CUE_CLEAR = "cue_clear"
    # the ceremony
    CEREMONY_IMPORT = "ceremony_import"
    CEREMONY_ORDER = "ceremony_order"
    CEREMONY_PIN = "ceremony_pin"
    CEREMONY_DROP = "ceremony_drop"
    CEREMONY_PROXY = "ceremony_proxy"
    CEREMONY_PRESENTER = "ceremony_presenter"
    CEREMONY_BATCH_START = "ceremony_batch_start"
    CEREMONY_BATCH_DONE = "ceremony_batch_done"
    CEREMONY_BATCH_UNDO = "ceremony_batch_undo"
    CEREMONY_FREEZE = "ceremony_freeze"
    CEREMONY_CHANGE = "ceremony_change"
    CEREMONY_SPEECH_START = "ceremony_speech_start"
    CEREMONY_SPEECH_DONE = "ceremony_speech_done"
    CEREMONY_SPEECH_UNDO = "ceremony_speech_undo"
    # the record
    VOTE_PROPOSE = "vote_propose"
    VOTE_RECORD = "vote_record"
    VOTE_BALLOT = "vote_ballot"
    # `hoinghi bench` only, in its own throw-away event folders
    BENCH_WRITE = "bench_write"
    PING = "ping"


@dataclass(frozen=True)
class Shape:
    writer: str  # the module that writes it
    folder: str  # the module(s) that fold it ("" : read by the record only)
    doc: str
    fields: dict[str, str]  # key -> what it holds; a key not listed is not written
    optional: frozenset[str] = frozenset()  # keys a line may leave out

    def check(self, data) -> list[str]:
        """What is wrong with one line's data against this shape (empty: nothing)."""
        if not isinstance(data, dict):
            return [f"dữ liệu không phải một bảng ({type(data).__name__})"]
        extra = sorted(set(data) - set(self.fields))
        missing = sorted(set(self.fields) - set(data) - self.optional)
        return ([f"khóa không khai báo: {', '.join(extra)}"] if extra else []) + \
            ([f"thiếu khóa: {', '.join(missing)}"] if missing else [])


def _s(writer: str, folder: str, doc: str, optional: tuple[str, ...] = (), **fields: str) -> Shape:
    return Shape(writer, folder, doc, fields, frozenset(optional))


_MOVE = {"to": "item id entered, None when the day closes", "title": "its title then",
         "position": "its position then (\"4.2\")", "substep_to": "sub-step entered (\"speech:k3\"), or None",
         "planned": "the sub-step's own minutes when it began: its plan for the record, never rewritten"}
_DOOR = "console.door.checkin"
_DAY = "console.door.day"
_STEPS = "console.agenda.steps"
_RUN = "console.agenda.run"
_CER = "console.ceremony.actions"
_CST = "console.ceremony.state"

SHAPES: dict[Kind, Shape] = {
    Kind.CHECKIN: _s(_DOOR, _DAY, "a delegate entered the hall",
                     delegate_id="int", via="how: \"scan\", \"search\", \"walkin\", \"cli\" …",
                     version="the badge's token version scanned"),
    Kind.CHECKIN_UNDO: _s(_DOOR, _DAY, "a check-in made by mistake (the check-in stays in the journal)",
                          delegate_id="int", reason="why, as typed", undoes="the check-in line's id"),
    Kind.CHECKOUT: _s(_DOOR, _DAY, "left the hall; a later check-in returns", delegate_id="int"),
    Kind.WALKIN: _s(_DOOR, _DAY, "registered at the desk (not on the imported list)",
                    delegate="Delegate.to_dict()", delegate_id="int"),
    Kind.BADGE_REISSUE: _s("console.printing.jobs", _DAY, "a lost badge: new token version, the old badge scans as replaced",
                           delegate_id="int", version="the new version", reason="why", printer="printer name or URI"),
    Kind.BADGE_REPRINT: _s("console.printing.jobs", "", "the same token printed again (jammed, smudged)",
                           delegate_id="int", version="the version printed", reason="why", printer="printer name or URI"),
    Kind.ROSTER_IMPORT: _s("console.importer", "console.event", "the delegate list imported (roster.json replaced whole)",
                           roster_hash="digest of the delegates table written (people/roster.py)",
                           people="int: delegates on the roster now", source="file name", rows="int", added="int", changed="int", removed="int",
                           kept="int: not on the new list but already checked in"),

    Kind.AGENDA_START: _s(_STEPS, _RUN, "the day opens on item \"to\"", ("planned",), **_MOVE),
    Kind.AGENDA_NEXT: _s(_STEPS, f"{_RUN}, {_CST}", "\"from\" done; \"to\" begins (None closes the day)",
                         ("planned",), **{"from": "item id left", "substep_from": "sub-step left, or None", **_MOVE}),
    Kind.AGENDA_SKIP: _s(_STEPS, f"{_RUN}, {_CST}", "\"skipped\" did not take place",
                         ("planned", "substep_skipped", "substep_to"),  # before the start: neither
                         **{"from": "None", "skipped": "[item id]", "skipped_title": "its title",
                            "substep_skipped": "sub-step skipped, or None", **_MOVE}),
    Kind.AGENDA_JUMP: _s(_STEPS, f"{_RUN}, {_CST}", "out of order; the items passed stay pending",
                         ("planned",), **{"from": "item id left", "substep_from": "sub-step left, or None", **_MOVE}),
    Kind.AGENDA_BACK: _s(_STEPS, f"{_RUN}, {_CST}", "undo the last move (next/skip/jump)",
                         ("substep_undo_done", "substep_undo_start", "substep_undo_skip"),
                         undoes="the move's line id", substep_undo_done="sub-step left: runs again",
                         substep_undo_start="sub-step entered: pending again",
                         substep_undo_skip="sub-step skipped: runs again"),
    Kind.AGENDA_PAUSE: _s(_STEPS, _RUN, "the count-down stops (the day's clock does not)", item="current item id"),
    Kind.AGENDA_RESUME: _s(_STEPS, _RUN, "the count-down runs again", item="current item id"),
    Kind.AGENDA_EXTEND: _s(_STEPS, _RUN, "± minutes for one item", item="item id", minutes="float, + or −"),
    Kind.AGENDA_RETIME: _s(_STEPS, _RUN, "the re-timing proposal approved",
                           allot="{segment key: minutes}", drift_before="float minutes", drift_after="float minutes"),
    Kind.CUE_MESSAGE: _s(_STEPS, _RUN, "a short message from the control, shown large on the cue", text="≤ 120 characters"),
    Kind.CUE_CLEAR: _s(_STEPS, _RUN, "the control clears the message"),

    Kind.CEREMONY_IMPORT: _s("console.importer.lists", "", "an awards or speeches list imported",
                             list="\"awards\" | \"speeches\"", source="file name", rows="int", added="int",
                             removed="int"),
    Kind.CEREMONY_ORDER: _s(_CER, _CST, "a list's order set by hand", ("moved", "delta"),
                            list="\"awards\" | \"tham_luan\" | \"huong_ung\" | \"guests\"", keys="[item key] in order",
                            moved="the key moved", delta="int: up −1 / down +1"),
    Kind.CEREMONY_PIN: _s(_CER, _CST, "a speech kept whatever the time", list="list name", key="item key",
                          pinned="bool"),
    Kind.CEREMONY_DROP: _s(_CER, _CST, "a speech taken out (or back in) by hand", list="list name", key="item key",
                           dropped="bool"),
    Kind.CEREMONY_PROXY: _s(_CER, _CST, "an award received by someone else", key="award key",
                            proxy_id="int delegate id, or None to clear"),
    Kind.CEREMONY_PRESENTER: _s(_CER, _CST, "a batch's presenter chosen by hand", slot="the batch's slot",
                                batch="int batch number", delegate_id="int"),
    Kind.CEREMONY_BATCH_START: _s(_CER, _CST, "an award batch called up", batch="int", keys="[award key]"),
    Kind.CEREMONY_BATCH_DONE: _s(f"{_CER}, console.ceremony.substeps", _CST, "an award batch presented, as it stood",
                                 batch="int", form="award form", keys="[award key]",
                                 called="{award key: delegate id who walked up}",
                                 proxies="{award key: proxy delegate id}", presenter_id="int or None"),
    Kind.CEREMONY_BATCH_UNDO: _s(f"{_CER}, console.ceremony.substeps", _CST, "the last \"done\" was a mistake",
                                 batch="int"),
    Kind.CEREMONY_FREEZE: _s(f"{_CER}, console.ceremony.printouts, console.ceremony.substeps", _CST,
                             "what the MC was given (MC list printed, a batch called) is fixed from here",
                             why="\"mc_list\" | \"batch_start\" | \"batch_done\"",
                             batches="[{number, form, slot, keys, called, proxies, presenter_id}] not fixed before"),
    Kind.CEREMONY_CHANGE: _s(_CER, _CST, "an approved change to a fixed batch (the hall forced it)",
                             ("presenter_id", "drop", "proxies"), batch="int batch number", note="what changed, in words",
                             presenter_id="int new presenter", drop="[award key] moved to deliver later",
                             proxies="{award key: proxy delegate id}"),
    Kind.CEREMONY_SPEECH_START: _s(_CER, _CST, "a speech begins", list="segment key", key="speech key"),
    Kind.CEREMONY_SPEECH_DONE: _s(_CER, _CST, "a speech ends (minutes given when there was no start line)",
                                  ("minutes",), list="segment key", key="speech key", minutes="float"),
    Kind.CEREMONY_SPEECH_UNDO: _s(_CER, _CST, "undo the last done (or start) of a speech", ("undoes",),
                                  list="segment key", key="speech key", undoes="\"done\" | \"start\""),

    Kind.VOTE_PROPOSE: _s("console.record.vote", "console.record.vote",
                          "the whole proposed list for the higher-level conference, replacing any earlier one",
                          delegate_ids="[int]", seats="int"),
    Kind.VOTE_RECORD: _s("console.record.vote", "console.record.vote",
                         "one show of hands, with the figures and the rule it was judged on",
                         ("threshold", "quorum_threshold", "majority_threshold"),  # older lines: one threshold
                         **{"for": "int", "against": "int", "abstain": "int", "present": "int",
                            "registered": "int", "quorum": "rule text", "majority": "rule text",
                            "threshold": "\"more_than\" | \"at_least\" (older lines, both comparisons)",
                            "quorum_threshold": "\"more_than\" | \"at_least\"",
                            "majority_threshold": "\"more_than\" | \"at_least\"",
                            "valid": "bool", "approved": "bool", "delegate_ids": "[int]"}),
    Kind.VOTE_BALLOT: _s("console.record.ballot", "console.record.ballot",
                         "a secret ballot counted: candidates, ballots issued and valid, votes each, who is elected",
                         candidates="[int]", seats="int", issued="int", valid_ballots="int",
                         votes="{delegate id: int}", present="int", registered="int", quorum="rule text",
                         quorum_valid="bool", elected="[int]", tied="[int]"),

    Kind.JOURNAL_ACCEPTED: _s("console.event", "", "someone accepted the journal as it is after an alarm "
                              "(hoinghi accept-journal)", reason="why, as typed", alarm="the sentence it lifted",
                              sealed="{n, head, at} the seal said, or None", now="{n, head} the journal had"),
    Kind.BENCH_WRITE: _s("console.bench.run", "", "a timed durable write", i="int"),
    Kind.PING: _s("console.bench.durability", "console.bench.durability", "seen by a second process", t="float"),
}


def shape_of(kind: str) -> Shape | None:
    try:
        return SHAPES[Kind(kind)]
    except ValueError:
        return None
