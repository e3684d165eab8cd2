"""The plan as an ODK XLSForm: pyxform converts it, with the pack's fields, kinds and stops."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from geo.errors import DataFileError
from geo.vocabulary import MARKER_CONDITIONS, OBSERVATION_KINDS
from i18n.messages import message
from planner.plan import Plan
from planner.xlsform import (
    check_xlsform,
    convert_xlsform,
    form_id,
    plan_xlsform,
    stop_choice_name,
    stop_id_of_choice,
    xpath_literal,
)
from tests.planner_cases import EVIL, fake_stop, fake_trip

XF = "{http://www.w3.org/2002/xforms}"
FIELDS = (
    "kind", "marker_condition", "note", "photo_1", "photo_2", "photo_3", "position", "stop",
    "stop_name", "observer", "observed_at", "plan",
)  # fmt: skip
PLAN_NAME = "Kế hoạch 'thử' <b> & \"kiểm tra\" ${note}"


@pytest.fixture(scope="module")
def plan() -> Plan:
    base = fake_stop("base", 20.30, 104.85, "Trạm giả Sơn Lư")
    stops = [
        fake_stop("gate:gate_na_meo", 20.296873, 104.62238, "Cửa khẩu Na Mèo", kind="gate"),
        fake_stop("evil stop ${x}", 20.35, 104.75, EVIL, precision="commune_seat"),
        fake_stop("x", 20.28, 104.73, "Bản giả =1+2 & <b>"),
    ]
    return Plan(name=PLAN_NAME, base=base, stops=stops, start=datetime(2025, 7, 14, 7, 0))


def _sheet(data: bytes, name: str) -> list[dict[str, object]]:
    rows = list(load_workbook(io.BytesIO(data))[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _literal_value(expression: str) -> str:
    """The string an XPath literal or concat() of literals stands for (as ODK evaluates it)."""
    inner = expression[len("concat(") : -1] if expression.startswith("concat(") else expression
    pieces = re.findall(r"'([^']*)'|\"([^\"]*)\"", inner)
    return "".join(single or double for single, double in pieces)


def test_pyxform_converts_the_form_with_every_field(plan: Plan) -> None:
    data = plan_xlsform(plan, version="2026113001")
    xform, warnings = convert_xlsform(data)
    assert warnings == []
    check_xlsform(data)
    root = ET.fromstring(xform)
    instance = root.find(f".//{XF}instance/{XF}data")
    assert instance is not None
    assert instance.get("id") == "border_atlas_ke_hoach_thu_b_kiem_tra_note"
    assert instance.get("version") == "2026113001"
    assert [child.tag.removeprefix(XF) for child in instance] == [
        "start", "end", "username", *FIELDS, "meta",
    ]  # fmt: skip
    binds = {bind.get("nodeset"): bind.attrib for bind in root.iter(f"{XF}bind")}
    assert binds["/data/position"]["type"] == "geopoint"
    assert binds["/data/observed_at"]["type"] == "dateTime"
    assert binds["/data/kind"]["required"] == "true()"
    assert "'marker'" in binds["/data/marker_condition"]["relevant"]
    for n in (1, 2, 3):
        bind = binds[f"/data/photo_{n}"]
        assert bind["type"] == "binary"
        assert bind["{http://openrosa.org/xforms}max-pixels"] == "1600"
    assert _literal_value(binds["/data/plan"]["calculate"]) == PLAN_NAME
    first_load = {
        s.get("ref"): s.get("value") for s in root.iter(f"{XF}setvalue")
    }  # defaults set when the form is opened
    assert first_load["/data/observed_at"] == "now()"
    assert first_load["/data/observer"].strip() == "/data/username"
    assert root.find(f".//{XF}bind[@nodeset='/data/meta/instanceID']") is not None


def test_kinds_conditions_and_stops_are_choices_in_both_languages(plan: Plan) -> None:
    data = plan_xlsform(plan, lang="en", version="1")
    choices = _sheet(data, "choices")
    vi, en = "label::Tiếng Việt (vi)", "label::English (en)"
    kinds = [row for row in choices if row["list_name"] == "kind"]
    assert [row["name"] for row in kinds] == list(OBSERVATION_KINDS)
    for row in kinds:
        assert row[vi] == message(f"obs_kind.{row['name']}", "vi")
        assert row[en] == message(f"obs_kind.{row['name']}", "en")
    conditions = [row["name"] for row in choices if row["list_name"] == "marker_condition"]
    assert conditions == list(MARKER_CONDITIONS)
    stops = [row for row in choices if row["list_name"] == "stop"]
    ids = [stop_id_of_choice(str(row["name"])) for row in stops]
    assert ids == ["base", "gate:gate_na_meo", "evil stop ${x}", "x"]
    assert stops[2]["name"] == stop_choice_name("evil stop ${x}") != "evil stop ${x}"
    assert stops[1][vi] == stops[1][en] == "Cửa khẩu Na Mèo"
    assert stops[2][vi] == stops[2][en] == EVIL
    survey = _sheet(data, "survey")
    kind = next(row for row in survey if row["name"] == "kind")
    assert kind[vi] == message("odk.q.kind", "vi") and kind[en] == message("odk.q.kind", "en")
    form_settings = _sheet(data, "settings")[0]
    assert form_settings["default_language"] == "English (en)"
    assert _sheet(plan_xlsform(plan, version="1"), "settings")[0]["default_language"] == (
        "Tiếng Việt (vi)"
    )
    xform, _ = convert_xlsform(data)
    assert "Cửa khẩu Na Mèo" in xform and "Landslide seen" in xform and "Sạt lở đã thấy" in xform


def test_a_reference_in_a_name_is_not_read_as_a_field() -> None:
    stops = [fake_stop("a", 20.35, 104.75, "Bản ${kind} giả")]
    plan = Plan(
        name="Chuyến ${x}",
        base=fake_stop("b", 20.3, 104.8, "Trạm"),
        stops=stops,
        start=datetime(2025, 7, 14, 7),
    )
    xform, warnings = convert_xlsform(plan_xlsform(plan, version="1"))
    assert warnings == []
    assert "Bản $\u200b{kind} giả" in xform


def test_a_broken_form_names_pyxforms_error() -> None:
    book = Workbook()
    book.active.title = "survey"
    book.active.append(["type", "name", "label"])
    book.active.append(["select_one nowhere", "q", "Q"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(DataFileError, match="pyxform") as raised:
        check_xlsform(buffer.getvalue())
    assert "choices sheet" in str(raised.value)


def test_names_and_literals() -> None:
    assert form_id("Đồn Biên phòng Na Mèo") == "border_atlas_don_bien_phong_na_meo"
    assert form_id("!!!") == "border_atlas_observations"
    for text in ["", "a", "it's", '"\'"', "${x} and $", "Ná 'b' \"c\""]:
        assert _literal_value(xpath_literal(text)) == text
    for stop_id in ["commune:15013", "hex_41", "Bản 1", "a b", "1abc"]:
        assert stop_id_of_choice(stop_choice_name(stop_id)) == stop_id


def test_the_form_of_a_real_plan_lists_its_stops_in_order() -> None:
    plan, _legs, _rows, _warnings = fake_trip()
    data = plan_xlsform(plan)
    xform, warnings = convert_xlsform(data)
    assert warnings == []
    stops = [row for row in _sheet(data, "choices") if row["list_name"] == "stop"]
    assert [row["name"] for row in stops] == [plan.base.id, *(s.id for s in plan.stops)]
    assert [row["label::English (en)"] for row in stops] == [
        plan.base.name,
        *(s.name for s in plan.stops),
    ]
    version = _sheet(data, "settings")[0]["version"]
    assert re.fullmatch(r"\d{12}", str(version))
    assert 'id="border_atlas_ke_hoach_thu_kiem_tra"' in xform


def test_a_name_starting_with_a_formula_is_written_as_text() -> None:
    hostile = '=HYPERLINK("http://evil.example","x")'
    plan = Plan(
        name="+cmd|' /C calc'!A0",
        base=fake_stop("b", 20.3, 104.8, "Trạm"),
        stops=[fake_stop("a", 20.35, 104.75, hostile), fake_stop("c", 20.3, 104.7, "@SUM(A1)")],
        start=datetime(2025, 7, 14, 7),
    )
    data = plan_xlsform(plan, version="1")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(name) for name in sheets)
    labels = [row["label::English (en)"] for row in _sheet(data, "choices")]
    assert hostile in labels and "@SUM(A1)" in labels
    xform, warnings = convert_xlsform(data)
    assert warnings == [] and f"<value>{hostile}</value>" in xform
