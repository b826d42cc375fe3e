"""Walk-ins and supplementary delegates are whole people: gender, birth year, ethnicity,
position and category, counted by the report and the 70/30 like imported ones."""

from __future__ import annotations

import json

import pytest

from console.door.checkin import register_walk_in
from console.ground.errors import UserError
from console.record.figures import figures
from console.record.sheets import attendance
from tests.ui import until

from .conftest import run_cli


def test_a_walk_in_with_gender_counts_in_the_reports_nu_column(demo_dir):
    before = json.loads(run_cli("status", demo_dir, "--json").stdout)
    proc = run_cli("walkin", demo_dir, "--name", "Lò Thị Xuân", "--unit", "Trạm Y tế xã Nà Mò", "--category",
                   "khach_moi", "--gender", "Nữ", "--birth-year", "1990", "--ethnicity", "Tày", "--json")
    assert proc.returncode == 0, proc.stderr
    after = json.loads(run_cli("status", demo_dir, "--json").stdout)
    assert after["women_registered"] == before["women_registered"] + 1
    assert after["women_present"] == before["women_present"] + 1
    assert after["minorities_present"] == before["minorities_present"] + 1
    from console.event import Event

    table = attendance(Event(demo_dir, desk="t"))
    nu = [c.header for c in table.columns].index("Nữ")
    row = next(r for r in table.rows if "Lò Thị Xuân" in r)
    assert row[nu] == 1990 or str(row[nu]) == "1990"


def test_a_supplementary_delegate_counts_as_summoned_not_as_a_walk_in(demo_event):
    with pytest.raises(UserError, match="quyết định"):
        register_walk_in(demo_event, name="Hà Văn Bổ", unit="Xã Cốc Đán", category="ca_nhan", gender="nam",
                         supplementary=True)
    r = register_walk_in(demo_event, name="Hà Văn Bổ", unit="Xã Cốc Đán", category="ca_nhan", gender="nam",
                         birth_year="1979", supplementary=True, reason="QĐ 15/QĐ-LĐLĐ ngày 10/4/2020")
    assert "đại biểu bổ sung" in r.message and r.delegate.supplementary
    walk = register_walk_in(demo_event, name="Vàng A Sử", unit="Báo Lào Cai", category="khach_moi", gender="nam")
    fig = figures(demo_event)
    assert r.delegate.id in {d.id for d in fig.summoned} and r.delegate.id not in {d.id for d in fig.walk_ins}
    assert walk.delegate.id in {d.id for d in fig.walk_ins}
    table = attendance(demo_event)
    notes = [c.header for c in table.columns].index("Ghi chú")
    row = next(r for r in table.rows if "Hà Văn Bổ" in r)
    assert "Đại biểu bổ sung: QĐ 15" in row[notes] and "vãng lai" not in row[notes]


@pytest.mark.parametrize(("year", "ok"), [("1920", True), ("1919", False), ("2006", True), ("2007", False), ("19a0", False)])
def test_birth_year_bounds(demo_event, year, ok):
    kw = dict(name=f"Người {year}", unit="Xã A", category="khach_moi", gender="nu", birth_year=year)
    if ok:
        assert register_walk_in(demo_event, **kw).delegate.birth_year == int(year)
    else:
        with pytest.raises(UserError, match="Năm sinh"):
            register_walk_in(demo_event, **kw)


@pytest.mark.asyncio
async def test_the_form_registers_a_supplementary_delegate_with_every_field(demo_app):
    app = demo_app("desk", role="desk", desk="ban-1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await until(pilot, lambda: type(app.screen).__name__ == "WalkInDialog", what="the form")
        dialog = app.screen
        for fid, value in (("name", "Đới Thị Đội"), ("unit", "HTX Nông nghiệp Nà Mò"), ("position", "Xã viên"),
                           ("birth", "1984"), ("ethnicity", "Nùng")):
            dialog.query_one(f"#walkin-{fid}").value = value
        dialog.query_one("#walkin-ethnicity").focus()
        await pilot.press("f2")
        await pilot.pause()
        assert "giới tính" in str(dialog.query_one("#walkin-error").render())  # asked every time
        dialog.query_one("#walkin-gender").value = "nữ"
        await pilot.press("enter", "2", "f4", "enter")  # exemplary individual, supplementary: asks the decision
        await until(pilot, lambda: dialog.focused is not None and dialog.focused.id == "walkin-reason", what="reason")
        await pilot.press(*"QĐ 21", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "DeskScreen", what="back to the desk")
        (d,) = app.event.day.walk_ins.values()
        assert (d.name, d.gender, d.birth_year, d.ethnicity, d.position, d.category, d.supplementary,
                d.walk_in_reason) == ("Đới Thị Đội", "nu", 1984, "Nùng", "Xã viên", "ca_nhan", True, "QĐ 21")
