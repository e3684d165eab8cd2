"""Bad-input cases for text (see :mod:`tests.bad_input`): text is text, formulas are neutralised.

Each hostile name is put where users put text — a stored user point (its name and its source),
an import's name, a plan stop — and read back through the functions the pages call: it must
come back exactly as typed, and what the page hands to Streamlit's Markdown
(:func:`ui.language.as_text`) must hold none of its active forms. Each formula form goes into
each CSV/XLSX the app writes (the map table's CSV and XLSX, the planner CSV, the field pack's
``schedule.csv``) and must come out as text: ``'=…`` in a CSV, a string cell in an XLSX.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

import geopandas as gpd
import openpyxl
import shapely

from layers.commune_view import INDICATORS, commune_view
from layers.places import find, places
from planner.exports import to_csv
from planner.plan import Plan, Stop
from planner.travel import plan_legs
from tests.bad_input import Case
from ui.downloads import csv_bytes, xlsx_bytes
from ui.language import as_text
from ui.map_table import download_table
from userdata.apply import apply_to_atlas, save_layer
from userdata.store import Store

HOSTILE: dict[str, str] = {
    "image": "![x](http://evil.example/x.png)",
    "js_link": "[click](javascript:alert(1))",
    "html": "<img src=x onerror=alert(1)>",
    "bold": "**bold**",
    "latex": "$x^2$",
    "icon": ":material/home:",
    "formula": '=HYPERLINK("http://evil.example","x")',
    "autolink": "http://evil.example/a",
    "www": "www.evil.example",
    "email": "a@evil.example",
    "colour": ":red[đỏ]",
}
"""Names that Markdown, Streamlit or a spreadsheet would act on, by a short id."""

ACTIVE = re.compile(
    r"(?<!\\)!\[|(?<!\\)\]\(|(?<!\\)<[a-z]|(?<!\\)\*\*|(?<!\\)\$|(?<!\\)="
    r"|\\?:[/a-z]|\\?@\w|www\\?\.",
    re.IGNORECASE,
)
"""An active form left in text for Markdown: image, link, HTML tag, bold, LaTeX or a formula
start not escaped; or, escaped or not, ``:`` right before a letter or ``/`` (``http://``,
``:material/home:``), ``@`` before a letter (e-mail) or ``www.``, which Streamlit turns into
links and icons after reading the escapes."""

FORMULAS: dict[str, str] = {
    "hyperlink": '=HYPERLINK("http://evil.example","x")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
    "spaces": "   =1+1",
}
"""Cells a spreadsheet would run, by a short id."""

PREFIX = "Zqv"
"""A word no place in the bundle has, so a search finds the hostile points only."""

WHERE = shapely.Point(104.62, 20.29)
"""A point in Quan Sơn (inside the three areas)."""


def quiet(text: str) -> None:
    """Assert that ``text`` (what goes to Streamlit's Markdown) has no active form left."""
    found = ACTIVE.search(text)
    assert found is None, f"active Markdown {found.group()!r} left in {text!r}"


def save_points(store: Store, names: list[str], *, source: str, filename: str) -> None:
    """Save points named ``names`` at :data:`WHERE` into ``store`` as one "poi" import."""
    frame = gpd.GeoDataFrame({"name": names}, geometry=[WHERE] * len(names), crs=4326)
    save_layer(
        store,
        kind="poi",
        frame=frame,
        column="name",
        source=source,
        filename=filename,
        source_crs="EPSG:4326",
    )


def _point_case(key: str, hostile: str) -> Case:
    def check(atlas, store: Store) -> None:
        name = f"{PREFIX} {hostile}"
        save_points(store, [name], source="Khảo sát 2025", filename="diem.geojson")
        found = find(PREFIX.lower(), places(apply_to_atlas(atlas, store)))
        assert [place.name for place in found] == [name], [place.name for place in found]
        quiet(as_text(found[0].label))

    return Case(
        f"text.point.{key}",
        f"a user point named {hostile!r}",
        "stored and found as typed; shown escaped (no image, link, HTML, LaTeX, icon)",
        check,
    )


def _source_case(key: str, hostile: str) -> Case:
    def check(atlas, store: Store) -> None:
        save_points(store, [f"{PREFIX} nguồn"], source=hostile, filename="diem.geojson")
        (place,) = find(PREFIX.lower(), places(apply_to_atlas(atlas, store)))
        assert place.source == hostile, place.source
        quiet(as_text(place.source))

    return Case(
        f"text.source.{key}",
        f"a user point whose source is {hostile!r}",
        "the source is kept as typed and shown escaped",
        check,
    )


def _import_name_case(key: str, hostile: str) -> Case:
    def check(store: Store) -> None:
        save_points(store, [f"{PREFIX} tệp"], source="Khảo sát", filename=hostile)
        (record,) = store.list_imports("poi")
        assert record["name"] == hostile and record["filename"] == hostile
        quiet(as_text(record["name"]))

    return Case(
        f"text.import_name.{key}",
        f"an import whose file is named {hostile!r}",
        "the name is listed as typed and shown escaped",
        check,
    )


def _stop(name: str, *, lat: float = 20.29, lon: float = 104.62) -> Stop:
    return Stop(
        id=f"point:{abs(hash(name))}",
        name=name,
        kind="point",
        lat=lat,
        lon=lon,
        precision="user_import",
        commune_code=None,
        source="người dùng",
    )


def hostile_plan(names: list[str], *, plan_name: str = "Chuyến Zqv") -> Plan:
    """A plan from a base in Quan Sơn to one stop per name, a little apart."""
    stops = [_stop(name, lat=20.29 + 0.01 * (i + 1)) for i, name in enumerate(names)]
    return Plan(
        name=plan_name,
        base=_stop("Căn cứ"),
        stops=stops,
        start=datetime(2025, 9, 8, 7, 0),
        order_fixed=True,
    )


def _plan_stop_case(key: str, hostile: str) -> Case:
    def check(store: Store) -> None:
        store.save_plan(hostile_plan([hostile], plan_name=f"Chuyến {hostile}"))
        plan = store.get_plan(f"Chuyến {hostile}")
        assert plan.stops[0].name == hostile and plan.name == f"Chuyến {hostile}"
        quiet(as_text(plan.stops[0].name))
        quiet(as_text(plan.name))

    return Case(
        f"text.plan_stop.{key}",
        f"a plan stop (and plan) named {hostile!r}",
        "saved and reopened as typed; shown escaped",
        check,
    )


def csv_cells(data: bytes | str) -> list[list[str]]:
    """The cells of a CSV the app wrote (its BOM dropped)."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text, newline="")))


def neutral(cell: str, formula: str) -> None:
    """Assert that the CSV cell holding ``formula`` is ``'`` + the formula, as text."""
    assert cell == "'" + formula, f"{cell!r} is not the neutralised {formula!r}"


NAME_COLUMN = "Tên"
"""The commune name's column in the map table (Vietnamese)."""


def _map_table(atlas, formula: str):
    view = commune_view(atlas, edition="2025").copy()
    view.loc[view.index[0], "name"] = formula
    poverty = [item for item in INDICATORS if item.key == "poverty_rate_pct"]
    return download_table(view, indicators=poverty, lang="vi")


def _map_csv_case(key: str, formula: str) -> Case:
    def check(atlas) -> None:
        table = _map_table(atlas, formula)
        rows = csv_cells(csv_bytes(table))
        neutral(rows[1][list(table.columns).index(NAME_COLUMN)], formula)
        assert all(not cell.startswith("=") for row in rows for cell in row)

    return Case(
        f"formula.map_csv.{key}",
        f"a commune named {formula!r} in the map table's CSV",
        "written as '… (text), never a formula",
        check,
    )


def _map_xlsx_case(key: str, formula: str) -> Case:
    def check(atlas) -> None:
        table = _map_table(atlas, formula)
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(table, sheet="communes")))["communes"]
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
        written = "'" + formula.replace("\r", "\n")  # XLSX keeps line ends as \n
        named = [cell for cell in cells if cell.value == written]
        assert named and all(cell.data_type == "s" for cell in named)

    return Case(
        f"formula.map_xlsx.{key}",
        f"a commune named {formula!r} in the map table's XLSX",
        "a string cell '…, no formula cell in the workbook",
        check,
    )


def _planner_csv_case(key: str, formula: str) -> Case:
    def check() -> None:
        plan = hostile_plan([formula])
        rows = csv_cells(to_csv(plan, plan_legs(plan, network=None)))
        header = rows[0]
        neutral(rows[2][header.index("stop_name")], formula)
        assert float(rows[2][header.index("lat")]) > 0  # numbers stay numbers

    return Case(
        f"formula.planner_csv.{key}",
        f"a plan stop named {formula!r} in the planner CSV",
        "written as '… (text)",
        check,
    )


CASES: list[Case] = [
    *(_point_case(key, hostile) for key, hostile in HOSTILE.items()),
    *(_source_case(key, hostile) for key, hostile in HOSTILE.items()),
    *(_import_name_case(key, hostile) for key, hostile in HOSTILE.items()),
    *(_plan_stop_case(key, hostile) for key, hostile in HOSTILE.items()),
    *(_map_csv_case(key, formula) for key, formula in FORMULAS.items()),
    *(_map_xlsx_case(key, formula) for key, formula in FORMULAS.items()),
    *(_planner_csv_case(key, formula) for key, formula in FORMULAS.items()),
]
