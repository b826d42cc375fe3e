"""Opening an event's journal: the checkpoint resumed and written, the seal and the roster checked.

A part of `Event` (console/event.py), held apart for its length: `Event` inherits these
methods, which use its attributes (journal, secret, roster_store, the folded states) as
their own. The checkpoint saves and restores the folded states here, so this file is one of
the sources whose text a checkpoint must match (console/ground/checkpoint.py, `_STATE_SOURCES`).
"""

from __future__ import annotations

import json

from console.event_folder import ROSTER
from console.ground import checkpoint, seal
from console.ground.clock import iso
from console.ground.errors import UserError
from console.ground.journal import Chain, Problem
from console.ground.journal_check import JournalAlarm, checkpoint_alarm, seal_alarm_bad, seal_alarms
from console.ground.journal_line import line_hash


class Opening:
    """The opening of the journal, and the checkpoint a refresh may write: mixed into `Event`."""

    def _roster_check(self) -> list[str]:
        """The roster against the journal's last import line (an emptied, deleted or older roster.json
        would otherwise quietly give 'present 7 → 1')."""
        exp = self.roster_expect
        if exp is None:
            return []
        try:
            self.roster_store.load()
        except UserError as exc:
            return [str(exc)]
        if self.roster_store.content_hash == exp["hash"]:
            return []
        # An import writes roster.json first, then its journal line, both under the journal lock:
        # look again once that lock is free, so an import running now is not taken for a swap.
        try:
            with self.journal.lock():
                self.journal.poll()
                self._fold()
        except UserError:
            pass
        exp = self.roster_expect
        try:
            self.roster_store.load()
        except UserError as exc:
            return [str(exc)]
        if exp is None or self.roster_store.content_hash == exp["hash"]:
            return []
        when = exp["at"][11:16] + " " + "/".join(reversed(exp["at"][:10].split("-")))
        now = len(self.roster_store.cached)
        prev = self.roster_store.prev_path.name
        return [f"Danh sách đại biểu {ROSTER} không phải danh sách nhập lần cuối lúc {when} "
                f"({exp.get('people', '?')} người, dòng nhật ký số {exp['n']}; tệp bây giờ có {now} người): tệp đã bị "
                "làm rỗng, xóa, sửa tay hoặc chép đè bằng bản cũ, nên số người có mặt sẽ tính sai. "
                f"Hãy chép lại {ROSTER} từ bản sao lưu mới nhất, hoặc nhập lại danh sách chính thức: "
                f"`hoinghi import THƯ_MỤC TỆP` (danh sách trước lần nhập đó còn ở {prev})."]

    def _open_journal(self, reimport: bool = False) -> None:
        """One pass over the journal (each line checked as it is folded), from the last checkpoint
        if there is a good one, then the seal compared."""
        try:
            sealed = seal.read(seal.seal_path(self.journal.path), self.secret)
        except seal.BadSeal:
            sealed, self.alarms = None, [seal_alarm_bad(self.journal.path)]
        if sealed is not None:
            self.journal.watch(sealed.n)
        cp = checkpoint.load(checkpoint.checkpoint_path(self.journal.path), self.secret)
        reached = cp is not None and self._resume(cp)
        if reached and sealed is not None and sealed.n <= cp.mark.head_n:
            # The checkpoint's last line is in the journal, signed: by the chain, so is every
            # line before it, the sealed one too (checkpoints are written only without alarms).
            self.journal.watched_h = sealed.head
        self._checkpoint_lines = self.journal.chain.line_no
        self._opening = True
        try:
            self.refresh()
        finally:
            self._opening = False
        if cp is not None and not reached and self.journal.head_n < cp.mark.head_n:
            self.alarms.append(checkpoint_alarm(self.journal, cp.mark))  # says how many lines, seal or not
        elif not self.alarms:
            self.alarms = seal_alarms(self.journal, sealed)
        if self.alarms and not self.inspect:
            raise JournalAlarm(self.alarms[0])
        self.roster_alarms = self._roster_check()
        if self.roster_alarms and not (self.inspect or reimport):
            raise UserError(self.roster_alarms[0])
        if sealed is None and not self.alarms and not self.journal.path.exists():
            self.journal.reseal_quietly()  # a new event: the seal starts at nothing
        self._maybe_checkpoint(checkpoint.EVERY)

    def _resume(self, cp: checkpoint.Loaded) -> bool:
        """Restore the folded states from a checkpoint the journal still reaches. False if it does not."""
        m = cp.mark
        raw = checkpoint.line_ending_at(self.journal.path, m.offset)
        try:
            rec = json.loads(raw) if raw is not None else None
            ok = isinstance(rec, dict) and rec.get("h") == m.head_h == line_hash(self.secret, rec)
        except ValueError:
            ok = False
        if not ok:
            return False
        states = cp.states
        if states is None or not all(k in states for k in ("day", "agenda_run", "ceremony")):
            return True  # ours and reached, but from other code: read the journal from the start
        self.day, self.agenda_run, self.ceremony = states["day"], states["agenda_run"], states["ceremony"]
        self.roster_expect = states.get("roster_expect")
        self._listeners = [self._follow, self.agenda_run.on_entry, self.ceremony.apply]
        self._people_version += 1
        j = self.journal
        j.chain = Chain(offset=m.offset, line_no=m.line_no, head_n=m.head_n, head_h=m.head_h)
        j.rejected = m.rejected
        j.problems = [Problem(a, b) for a, b in cp.problems]
        return True

    def _maybe_checkpoint(self, every: int) -> None:
        """Write a checkpoint once `every` lines were folded since the last (a cache: failures are quiet)."""
        j = self.journal
        if self.alarms or j.replaced or j.chain.line_no - self._checkpoint_lines < every:
            return
        import pickle  # (checkpoint.save has it loaded by now; named here for its error)

        self._checkpoint_lines = j.chain.line_no
        c = j.chain
        mark = checkpoint.Mark(c.offset, c.line_no, c.head_n, c.head_h, j.rejected, iso(self.clock.now()))
        try:
            checkpoint.save(checkpoint.checkpoint_path(j.path), self.secret, mark,
                            [(p.line, p.message) for p in j.problems],
                            {"day": self.day, "agenda_run": self.agenda_run, "ceremony": self.ceremony,
                             "roster_expect": self.roster_expect})
        except (OSError, UserError, TypeError, AttributeError, pickle.PicklingError):
            pass
