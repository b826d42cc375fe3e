"""The event's files are plain files of ours: a symlinked journal is not followed; a journal, key or
roster that is a directory, a FIFO or another user's gets a sentence (not 'Lỗi không mong đợi',
not a desk hanging on a FIFO)."""

from __future__ import annotations

import os

import pytest

from console.door.checkin import checkin_delegate
from console.event import Event
from console.ground.errors import UserError
from console.ground.journal import Journal
from console.ground.storage import portable_host


def test_a_symlinked_journal_is_never_appended_through(demo_dir, tmp_path, cli):
    """Before: a journal.jsonl linking elsewhere had the day appended to wherever it pointed."""
    elsewhere = tmp_path / "somewhere-else.jsonl"
    journal = demo_dir / "journal.jsonl"
    elsewhere.write_bytes(journal.read_bytes())
    journal.unlink()
    journal.symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    with pytest.raises(UserError, match="liên kết \\(symlink\\)"):
        Event(demo_dir)
    with pytest.raises(UserError, match="liên kết"):
        Journal(journal, b"k" * 32).append("checkin", {"delegate_id": 1})
    proc = cli("checkin", demo_dir, "1")
    assert proc.returncode == 2 and "symlink" in proc.stderr and "Traceback" not in proc.stderr
    assert elsewhere.read_bytes() == before


def test_a_journal_swapped_for_a_symlink_under_a_running_desk_stops_it(demo_dir, tmp_path):
    ev = Event(demo_dir)
    journal = demo_dir / "journal.jsonl"
    elsewhere = tmp_path / "copy.jsonl"
    elsewhere.write_bytes(journal.read_bytes())
    journal.unlink()
    journal.symlink_to(elsewhere)
    with pytest.raises(UserError):
        checkin_delegate(ev, sorted(ev.imported)[0])
    assert elsewhere.read_bytes() == journal.read_bytes()  # (the same file, through the link) unchanged


@pytest.mark.parametrize("name, what", [("journal.jsonl", "nhật ký"), ("secret.key", "khóa"),
                                        ("roster.json", "danh sách đại biểu")])
def test_a_directory_in_place_of_a_file_is_a_sentence(demo_dir, cli, name, what):
    path = demo_dir / name
    path.unlink()
    path.mkdir()
    with pytest.raises(UserError, match="là một thư mục"):
        Event(demo_dir)
    proc = cli("status", demo_dir)
    assert proc.returncode == 2 and what in proc.stderr.lower() and "là một thư mục" in proc.stderr
    assert "Lỗi không mong đợi" not in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("name", ["journal.jsonl", "secret.key", "roster.json"])
def test_a_fifo_in_place_of_a_file_is_a_sentence_not_a_hang(demo_dir, cli, name):
    path = demo_dir / name
    path.unlink()
    os.mkfifo(path)
    proc = cli("status", demo_dir, timeout=30)  # reading a FIFO would block until a writer comes
    assert proc.returncode == 2 and "FIFO" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="making another user's file needs root")
@pytest.mark.skipif(portable_host(), reason="Windows has no uid: the folder's ACL decides (the portable run)")
@pytest.mark.parametrize("name", ["journal.jsonl", "secret.key", "roster.json"])
def test_a_file_of_another_user_is_a_sentence(demo_dir, cli, name):
    os.chown(demo_dir / name, 54321, -1)
    with pytest.raises(UserError, match="thuộc người dùng khác \\(uid 54321\\)"):
        Event(demo_dir)
    proc = cli("status", demo_dir)
    assert proc.returncode == 2 and "uid 54321" in proc.stderr and "Traceback" not in proc.stderr
