"""Hostile input: fuzzed scans, imports and settings end in a clear result, nothing written."""

import os
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from console.door.checkin import scan
from console.door.tokens import ALPHABET, make_token
from console.event import Event
from console.ground.errors import UserError
from console.ground.settings import load_settings
from console.importer import import_file

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
RESULTS = {"checked_in", "already_checked_in", "unknown", "invalid", "ime_mangled", "replaced", "not_a_code"}


def journal_size(ev: Event) -> int:
    return ev.journal.path.stat().st_size if ev.journal.path.exists() else 0


@pytest.fixture(scope="module")
def event_for_fuzz(tmp_path_factory):
    from console.cli.demo import create_demo

    return create_demo(tmp_path_factory.mktemp("fuzz") / "ev")


@FUZZ
@given(st.one_of(
    st.text(max_size=300),
    st.text(alphabet=string.printable, max_size=2048),
    st.binary(max_size=512).map(lambda b: b.decode("latin-1")),
    st.text(alphabet=ALPHABET + "hn", min_size=10, max_size=24).map(lambda s: "HN" + s),
))
def test_fuzzed_scans_never_raise_and_never_write(event_for_fuzz, payload):
    before = journal_size(event_for_fuzz)
    result = scan(event_for_fuzz, payload)
    assert result.result in RESULTS and result.message
    if result.result != "checked_in":
        assert journal_size(event_for_fuzz) == before


@pytest.mark.parametrize("payload", [
    "", " ", "\r\n", "\x00\x1b[A\x07", "x" * 2048, "https://evil.example/HN123", "HN59",
    "ＨＮ5900613910507494",  # full-width confusables
    "НN5900613910507494",  # Cyrillic Н
])
def test_named_bad_scans(event_for_fuzz, payload):
    before = journal_size(event_for_fuzz)
    r = scan(event_for_fuzz, payload)
    assert r.result in ("invalid", "not_a_code", "unknown")
    assert journal_size(event_for_fuzz) == before


def test_truncated_and_altered_and_other_event_tokens(event_for_fuzz, tmp_path):
    good = make_token(event_for_fuzz.secret, 5)
    for bad in (good[:-1], good[:10], good[:-1] + ("B" if good[-1] != "B" else "C")):
        assert scan(event_for_fuzz, bad).result == "invalid"
    other = make_token(os.urandom(32), 5)
    r = scan(event_for_fuzz, other)
    assert r.result == "invalid" and ("hội nghị khác" in r.message or "giả" in r.message)


@FUZZ
@given(st.binary(max_size=4096))
def test_fuzzed_files_are_refused_with_a_sentence(event_for_fuzz, tmp_path_factory, blob):
    folder = tmp_path_factory.mktemp("files")
    before = dict(event_for_fuzz.imported)
    for name in ("ds.xlsx", "ds.csv"):
        path = folder / name
        path.write_bytes(blob)
        try:
            import_file(event_for_fuzz, path, dry_run=True)
        except UserError as exc:
            assert str(exc)
    assert event_for_fuzz.imported == before


@FUZZ
@given(st.lists(st.lists(st.one_of(st.none(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                                   st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60),
                                   st.sampled_from(["=1+1", "=HYPERLINK(\"x\")", "Nam", "Nữ",
                                                                          "Khách mời", "Cá nhân"])),
                         min_size=1, max_size=8), max_size=12))
def test_fuzzed_sheets_under_a_real_header(tmp_path_factory, rows):
    from datetime import date, time

    from console.event import create_event

    folder = tmp_path_factory.mktemp("sheets")
    ev_dir = folder / "ev"
    create_event(ev_dir, unit="X", level="co-so", event_date=date(2020, 3, 1), start=time(7, 0))
    ev = Event(ev_dir)
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Năm sinh", "Đơn vị", "Thành phần", "Giới tính"])
    for r in rows:
        ws.append([v if not isinstance(v, float) or v == v else None for v in r])
    path = folder / "x.xlsx"
    wb.save(path)
    try:
        report = import_file(ev, path)
        assert report.rows == len(ev.imported)
    except UserError as exc:
        assert str(exc)
        assert ev.imported == {}


def test_huge_cells_and_too_many_rows(tmp_path, event_for_fuzz):
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Họ và tên,Năm sinh,Thành phần\n")
        for i in range(25_000):
            fh.write(f"Người {i},1980,Cá nhân\n")
    with pytest.raises(UserError) as err:
        import_file(event_for_fuzz, path, dry_run=True)
    assert "quá giới hạn" in str(err.value)
    path.write_text("Họ và tên,Năm sinh,Thành phần\n" + "A" * 30_000_000 + ",1980,Cá nhân\n")
    with pytest.raises(UserError) as err:
        import_file(event_for_fuzz, path, dry_run=True)
    assert "quá lớn" in str(err.value)


def test_million_row_sheet_is_refused_not_eaten(tmp_path, event_for_fuzz):
    # A CSV of 10^6 rows is ~20 MB: refused by size or row count with a sentence, quickly.
    path = tmp_path / "million.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Họ và tên,Năm sinh,Thành phần\n")
        fh.writelines(f"N{i},1980,x\n" for i in range(1_000_000))
    with pytest.raises(UserError) as err:
        import_file(event_for_fuzz, path, dry_run=True)
    assert "giới hạn" in str(err.value) or "quá lớn" in str(err.value)


@FUZZ
@given(st.text(max_size=400))
def test_fuzzed_event_toml(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("toml") / "event.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_settings(path)
    except UserError as exc:
        assert str(exc)


@pytest.mark.parametrize("body,needle", [
    ('[event]\nunit = "A"\nlevel = "co-so"\ndate = "31/02/2020"\n', "dd/mm/yyyy"),
    ('[event]\nunit = "A"\nlevel = "co-so"\ndate = "15/04/2020"\nstart = "25:00"\n', "HH:MM"),
    ('[event]\nunit = 5\nlevel = "co-so"\ndate = "15/04/2020"\n', "chuỗi"),
    ('[event]\nunit = "A"\nlevel = "co-so"\ndate = "15/04/2020"\n[quota]\nexemplary_min = "150%"\n', "0 đến 100"),
    ('[event]\nunit = "A"\nlevel = "co-so"\ndate = "15/04/2020"\n[stage]\nbatch_size = 0\n', "batch_size"),
    ('[event]\nunit = "A"\nlevel = "co-so"\ndate = "15/04/2020"\n[printers]\ndesk = 9100\n', "URI"),
    ("\xff\xfe", "UTF-8"),
])
def test_named_bad_settings(tmp_path, body, needle):
    path = tmp_path / "event.toml"
    if body == "\xff\xfe":
        path.write_bytes(b"\xff\xfe\x00")
    else:
        path.write_text(body, encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_settings(path)
    assert needle in str(err.value)


@FUZZ
@given(st.one_of(
    st.text(max_size=400),
    st.lists(st.tuples(st.sampled_from(["key", "title", "minutes", "kind", "min_minutes", "optional", "mc", "notes",
                                        "enabled", "budget_minutes", "warning_minutes"]),
                       st.one_of(st.integers(-10**6, 10**6), st.text(max_size=20).map(lambda t: '"' + t.replace('"', "").replace("\\", "") + '"'),
                                 st.sampled_from(["true", "false", "[1,2]", "{}", "1e400", "nan"]))),
             max_size=12).map(lambda kv: "[[segment]]\n" + "\n".join(f"{k} = {v}" for k, v in kv)),
))
def test_fuzzed_agenda_file(text):
    from console.agenda.plan import parse_agenda

    try:
        agenda = parse_agenda(text)
    except UserError as exc:
        assert str(exc) and "agenda.toml" in str(exc)
    else:
        assert all(s.minutes >= 0 and s.min_minutes <= s.minutes for s in agenda.segments)
