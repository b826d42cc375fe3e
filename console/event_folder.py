"""An event folder's files, and making a new one (`hoinghi init`).

    event.toml      settings (human-editable)
    agenda.toml     the programme (human-editable)
    roster.json     delegates, awards, speeches (TinyDB, atomic + flock)
    journal.jsonl   every day-of action, append-only, fsync'd, hash-chained
    secret.key      signs badge tokens and journal lines (mode 600)

Apart from the opened event (console/event.py, which re-exports these names): making a folder
needs none of the state folded from the journal, and the checks here (the key, the printers'
addresses) are what opening one runs before it reads anything.
"""

from __future__ import annotations

import os
import stat
from datetime import date, time
from pathlib import Path

from console.ground.errors import UserError
from console.ground.settings import EventSettings, load_settings, render_event_toml
from console.ground.storage import atomic_write_text, portable_host
from console.printing.uri import parse_uri

EVENT_TOML = "event.toml"
AGENDA_TOML = "agenda.toml"
ROSTER = "roster.json"
JOURNAL = "journal.jsonl"
SECRET = "secret.key"


def is_event_folder(path: Path) -> bool:
    return (Path(path) / EVENT_TOML).is_file()


def create_event(folder: Path, *, unit: str, level: str, name: str = "", event_date: date,
                 start: time, venue: str = "", place: str = "", parent_unit: str = "",
                 edition: str = "", period: str = "", next_period: str = "", plan: str = "",
                 parts: frozenset[str] = frozenset(), max_delegates: int | None = None,
                 batch_size: int = 8) -> Path:
    """`hoinghi init`: a new event folder. Refuses to overwrite an existing event."""
    import secrets

    from console.agenda.plan import render_default_agenda

    folder = Path(folder)
    # Rendered (and so checked: a wrong --period) before anything is written.
    text = render_event_toml(unit=unit, level=level, name=name or "Hội nghị điển hình tiên tiến",
                             event_date=event_date, start=start, venue=venue, place=place,
                             parent_unit=parent_unit, edition=edition, period=period,
                             next_period=next_period, plan=plan, max_delegates=max_delegates,
                             batch_size=batch_size)
    agenda = render_default_agenda(level, parts)
    if is_event_folder(folder):
        raise UserError(f"{folder} đã là thư mục hội nghị (có {EVENT_TOML}). Chọn thư mục khác hoặc xóa tệp đó nếu muốn làm lại.")
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} là một tệp, không phải thư mục. Hãy chọn một thư mục.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Không tạo được thư mục {folder}: {exc.strerror}.") from None
    secret_path = folder / SECRET
    if not secret_path.exists():
        atomic_write_text(secret_path, secrets.token_hex(32) + "\n", mode=0o600)
    atomic_write_text(folder / AGENDA_TOML, agenda)
    # event.toml last: a folder is an event only once everything else is there.
    atomic_write_text(folder / EVENT_TOML, text)
    check_printers(load_settings(folder / EVENT_TOML))  # the template must always be valid
    return folder


def check_printers(settings: EventSettings) -> None:
    """Every printer of event.toml [printers] checked for form when the event opens (a typo such as
    tpc:// is said now, naming the key, not at the first badge)."""
    for name, uri in settings.printers.items():
        try:
            parse_uri(uri, settings.paper.width_mm)
        except UserError as exc:
            raise UserError(f"{EVENT_TOML}, mục [printers], khóa “{name}”: {exc}") from None


def read_secret(path: Path) -> bytes:
    try:
        raw = path.read_text(encoding="ascii").strip()
        value = bytes.fromhex(raw)
        if len(value) < 16:
            raise ValueError
    except FileNotFoundError:
        raise UserError(f"Thiếu {path}: không có khóa ký thẻ đại biểu. Hãy chép lại tệp này từ bản sao lưu của thư mục hội nghị.") from None
    except (ValueError, UnicodeDecodeError):
        raise UserError(f"{path} bị hỏng (không phải khóa hợp lệ). Hãy chép lại tệp này từ bản sao lưu.") from None
    mode = stat.S_IMODE(os.stat(path).st_mode)
    if mode & 0o077 and not portable_host():  # Windows has no such bits; its folder ACL guards the key
        try:
            os.chmod(path, 0o600)
        except OSError:
            pass
    return value
