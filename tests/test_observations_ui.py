"""Field observations in the app: the map overlay (inline, icon per kind, escaped popup with a
small thumbnail), the filters, the provenance table and its CSV, the import's result text, the
commune panel's selection by edition; and through AppTest (shared mode, the test's own user
directory): the import tab imports a file once, the map and the commune panel show what was
imported, and a viewer is never sent kind ``marker`` observations."""

from __future__ import annotations

import base64
import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
import shapely
from PIL import Image
from streamlit.testing.v1 import AppTest

import ui.observations_panel as panel
from access.session import SESSION_KEY
from geo.vocabulary import OBSERVATION_KINDS
from i18n.cells import safe_frame
from i18n.messages import message
from layers.observations import Observation, Photo, Refused
from tests.test_roles_pages import APP, IMPORTS, ROLE_OF, as_user, make_accounts, open_app, texts
from ui import webmap
from ui.downloads import csv_bytes
from ui.language import as_text
from ui.observations_import import observations_table, result_text
from ui.webmap.observations import (
    POPUP_THUMB_PX,
    kind_icon,
    observations_overlay,
    popup_html,
    popup_thumb,
)
from userdata.observations import observations_zip, read_observations
from userdata.roles import Principal, Role
from userdata.store import Store


def _jpeg(size: tuple[int, int], color: str = "#5a7") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def seen(n: int = 1, **changes) -> Observation:
    values = {
        "uuid": f"00000000-0000-4000-8000-{n:012d}",
        "kind": "landslide",
        "note": "Đất lấp nửa đường",
        "observed_at": datetime(2026, 11, 30, 1, 15, tzinfo=UTC),
        "lat": 19.382345,
        "lon": 104.123456,
        "accuracy_m": 8.5,
        "position_source": "gps",
        "observer": "Lan",
        "source": "fieldpack",
        "plan_name": "Chuyến tháng 12",
        "stop_name": "Bản Na",
        "imported_by": "minh",
        "imported_at": "2026-12-01T02:00:00+00:00",
        "source_file": "ghi-nhan.zip",
    }
    return Observation(**{**values, **changes})


def _features(overlay) -> list[dict]:
    return json.loads(overlay.data)


# -- the overlay ------------------------------------------------------------------------------


def test_the_overlay_is_inline_with_one_distinct_icon_and_legend_row_per_kind_present() -> None:
    assert len({kind_icon(kind) for kind in OBSERVATION_KINDS}) == len(OBSERVATION_KINDS)
    found = [
        seen(1),
        seen(2, kind="road_blocked"),
        seen(3, kind="marker", marker_condition="damaged"),
    ]
    overlay = observations_overlay(found, lang="vi")
    assert overlay.kind == "observations" and overlay.label == "Ghi nhận thực địa"
    assert overlay.data.startswith("[")  # the features themselves, never a URL
    assert "/app/static/cache" not in overlay.data
    drawn = _features(overlay)
    assert len(drawn) == 3
    icons = [overlay.styles[feature["s"]]["icon"] for feature in drawn]
    assert icons == [kind_icon("landslide"), kind_icon("road_blocked"), kind_icon("marker")]
    # the position as the file gave it (6 decimals: nothing moved)
    assert drawn[0]["g"] == {"k": "Pt", "c": [[19.382345, 104.123456]]}
    ((key, _, legend),) = overlay.legend
    assert key == "observations"
    for kind in ("Sạt lở đã thấy", "Đường bị chặn hoặc hư hỏng", "Tình trạng cột mốc"):
        assert kind in legend
    assert "Khác" not in legend and "Đã đến địa điểm" not in legend
    page = (
        webmap.base_map(
            bounds=((19.0, 104.0), (20.0, 105.0)),
            basemap="none",
            overlays={"observations": overlay},
        )
        .get_root()
        .render()
    )
    assert "Ghi nhận thực địa" in page  # its name in the layer control
    assert "L.control.layers" in page


def test_the_popup_escapes_the_note_and_says_a_tap_is_no_measured_position() -> None:
    note = "<img src=x onerror=alert(1)> **đậm** [x](javascript:alert(1))\ndòng 2"
    tapped = seen(note=note, position_source="map", accuracy_m=None, observer="<b>Bình</b>")
    text = popup_html(tapped, "en")
    assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;b&gt;Bình&lt;/b&gt;" in text
    assert "dòng 2" in text and "<br>dòng 2" in text
    assert "tapped on the map (no GPS fix), not a measured position" in text
    assert "±" not in text
    gps = popup_html(seen(accuracy_m=12.5), "vi")
    assert "GPS của điện thoại, ± 12,5 m" in gps
    for words in ("30/11/2026 08:15", "Chuyến tháng 12", "Bản Na", "minh", "ghi-nhan.zip"):
        assert words in gps
    marker = popup_html(seen(kind="marker", marker_condition="missing"), "en")
    assert "Border marker condition: Missing" in marker


def test_the_popup_thumbnail_is_at_most_96_px_and_a_few_kb() -> None:
    photos = tuple(
        Photo(
            name=f"p{n}.jpg",
            mime="image/jpeg",
            body=b"",
            width=1600,
            height=1200,
            thumb=_jpeg((240, 180), color=f"#{n}{n}7a50"),
        )
        for n in (1, 2)
    )
    with_photo = observations_overlay([seen(photos=photos)], lang="en")
    without = observations_overlay([seen()], lang="en")
    (source,) = re.findall(r'src=\\?"data:image/jpeg;base64,([^"\\]+)', with_photo.data)
    small = Image.open(io.BytesIO(base64.b64decode(source)))
    assert max(small.size) == POPUP_THUMB_PX
    assert "+1 photos" in with_photo.data
    per_observation = len(with_photo.data.encode()) - len(without.data.encode())
    assert per_observation < 6_000, per_observation  # the thumbnail's share of every rerun
    assert popup_thumb(b"<svg/>") == b""
    broken = seen(
        photos=(
            Photo(name="x", mime="image/jpeg", body=b"", width=1, height=1, thumb=b"not a jpeg"),
        )
    )
    assert "data:image" not in popup_html(broken, "en")


def test_an_empty_overlay_still_names_the_layer() -> None:
    overlay = observations_overlay([], lang="en")
    assert overlay.data == "[]" and "Field observations" in overlay.legend[0][2]


# -- filters, table, result ------------------------------------------------------------------


def test_the_filters_keep_the_kinds_chosen_since_a_day_in_vietnam_time() -> None:
    old = seen(1, observed_at=datetime(2026, 8, 1, tzinfo=UTC))
    late = seen(2, kind="road_blocked", observed_at=datetime(2026, 11, 29, 17, 30, tzinfo=UTC))
    everything = set(OBSERVATION_KINDS)
    assert panel.filtered([old, late], kinds=everything, since=None) == [old, late]
    assert panel.filtered([old, late], kinds=everything, since=date(2026, 11, 30)) == [late]
    assert panel.filtered([old, late], kinds={"landslide"}, since=None) == [old]
    assert panel.filtered([old, late], kinds=set(), since=None) == []


def test_the_table_holds_the_provenance_and_its_csv_neutralises_formulas() -> None:
    found = [
        seen(1, note='=HYPERLINK("http://x")'),
        seen(
            2,
            kind="marker",
            marker_condition="not_found",
            position_source="map",
            accuracy_m=None,
            stop_name=None,
            stop_id="s7",
        ),
    ]
    frame = observations_table(found, language="vi")
    assert list(frame.columns[:6]) == [
        "Loại",
        "Tình trạng cột mốc",
        "Thời điểm",
        "Người ghi nhận",
        "Nguồn vị trí",
        "Độ chính xác (m)",
    ]
    second = frame.iloc[1]
    assert second["Tình trạng cột mốc"] == "Không tìm thấy"
    assert second["Điểm dừng"] == "s7"
    assert second["Nguồn vị trí"].startswith("chạm trên bản đồ")
    assert second["Độ chính xác (m)"] == "không có (không phải điểm GPS)"  # missing, said so
    assert frame.iloc[0]["Tệp"] == "ghi-nhan.zip" and frame.iloc[0]["Người nhập"] == "minh"
    assert frame.iloc[0]["Thời điểm nhập"] == "01/12/2026 09:00"
    text = csv_bytes(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert safe_frame(frame).shape == frame.shape


def test_the_result_lists_each_refused_record_as_text() -> None:
    refused = [
        Refused(record=f"r{n}", reason_vi="ngoài Việt Nam", reason_en="outside *Vietnam*")
        for n in range(23)
    ]
    text = result_text(file="[x](y).zip", added=0, already=2, refused=refused, language="en")
    assert text.startswith("File \\[x\\](y)\\.zip: 0 added, 2 already imported, 23 refused.")
    assert text.count("- Record r") == 20 and "… and 3 more refused." in text
    assert "outside \\*Vietnam\\*" in text


# -- the commune panel's choice ----------------------------------------------------------------


class _FakeStore:
    principal = object()

    def __init__(self, found: list[Observation]) -> None:
        self.found = found
        self.asked: list[object] = []

    def list_observations(self, *, kinds=None, commune_codes=None, **_):
        self.asked.append(commune_codes)
        codes = set(commune_codes) if commune_codes is not None else None
        return [o for o in self.found if codes is None or o.commune_code in codes]

    def withheld_observations(self) -> int:
        return 1


def test_the_panel_takes_2025_communes_by_code_and_2024_ones_by_their_shape(monkeypatch) -> None:
    inside = seen(1, commune_code="15001", lon=104.5, lat=19.5)
    beside = seen(2, commune_code="15001", lon=104.9, lat=19.5)  # same new commune, old one next
    other = seen(3, commune_code="15002")
    fake = _FakeStore([inside, beside, other])
    monkeypatch.setattr(panel, "store", lambda: fake)
    row_2025 = pd.Series({"code": "15001"})
    assert panel.commune_observations("15001", "2025", row_2025) == ([inside, beside], 1)
    row_2024 = pd.Series(
        {"code": "14995", "codes_2025": "15001;15009", "geometry": shapely.box(104, 19, 104.7, 20)}
    )
    assert panel.commune_observations("14995", "2024", row_2024) == ([inside], 1)
    assert fake.asked[-1] == ["15001", "15009"]
    fake.principal = None
    assert panel.visible_observations() == ([], 0)


def test_a_since_date_is_the_start_of_that_day_in_vietnam() -> None:
    midnight = datetime(2026, 11, 30, tzinfo=panel.VIETNAM_TIME)
    just_before = seen(observed_at=midnight - timedelta(seconds=1))
    assert panel.filtered([just_before], kinds={"landslide"}, since=date(2026, 11, 30)) == []


# -- through the app (AppTest, shared mode, the test's own user directory) ---------------------


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch, own_user_store: Path) -> Store:
    return make_accounts(monkeypatch)


def field_file(communes_2025) -> tuple[str, bytes]:
    """The field pack's export of three observations in the first commune of the areas: a
    landslide with a photo, a road blocked tapped on the map, a damaged border marker."""
    commune = communes_2025.iloc[0]
    point = commune.geometry.representative_point()
    photo = Photo(name="p.jpg", mime="image/jpeg", body=_jpeg((800, 600)), width=800, height=600)
    found = [
        seen(1, lat=point.y, lon=point.x, note="**đậm** <b>x</b>", photos=(photo,)),
        seen(
            2,
            kind="road_blocked",
            lat=point.y,
            lon=point.x + 1e-4,
            position_source="map",
            accuracy_m=None,
            observed_at=datetime(2026, 11, 30, 3, tzinfo=UTC),
        ),
        seen(3, kind="marker", marker_condition="damaged", lat=point.y, lon=point.x - 1e-4),
    ]
    return str(commune["code"]), observations_zip(found, plan_name="Chuyến tháng 12")


def _import(app: AppTest, data: bytes) -> str:
    app.file_uploader(key="obs_import_data_file").set_value(
        ("ghi-nhan.zip", data, "application/zip")
    ).run()
    app.button(key="obs_import_data_button").click().run()
    assert not app.exception, app.exception
    return texts(app)


def test_the_import_tab_adds_a_file_once_and_lists_its_provenance(shared, communes_2025) -> None:
    code, data = field_file(communes_2025)
    app = open_app("lan", IMPORTS)
    first = _import(app, data)
    assert "Tệp ghi\\-nhan\\.zip: 3 ghi nhận mới, 0 đã nhập trước đó, 0 bị từ chối." in first
    again = _import(app, data)
    assert "3 đã nhập trước đó" in again and "0 ghi nhận mới" in again
    stored = next(f.value for f in app.dataframe if "Người ghi nhận" in f.value.columns)
    assert len(stored) == 2  # a data editor does not see surveyed positions: nor markers
    assert "1 ghi nhận cột mốc chỉ dành cho bộ đội biên phòng" in again
    assert set(stored["Người nhập"]) == {"lan"} and set(stored["Tệp"]) == {"ghi-nhan.zip"}
    assert set(stored["Mã xã (2025)"]) == {code}
    broken = _import(app, b"PK\x03\x04 not really a zip")
    assert app.error and "Traceback" not in broken and "/work" not in broken


def test_a_viewer_is_told_why_instead_of_the_uploader(shared) -> None:
    widget = "from ui.observations_import import render_observation_import\n"
    widget += "render_observation_import(key='probe')\n"
    for name, uploader in (("vy", False), ("an", False), ("lan", True)):
        app = AppTest.from_string(widget, default_timeout=60)
        app.session_state[SESSION_KEY] = Principal(name=name, role=ROLE_OF[name])
        app.run()
        assert not app.exception, app.exception
        assert bool(app.file_uploader) is uploader, name
        told = message("obs_ui.need_import", "vi") in [e.value for e in app.info]
        assert told is not uploader, name


def test_a_viewer_gets_no_marker_observation_and_the_panel_lists_the_commune(
    shared, communes_2025
) -> None:
    code, data = field_file(communes_2025)
    lan = as_user("lan")
    lan.add_observations(_read(data), source_file="ghi-nhan.zip")
    app = AppTest.from_file(APP, default_timeout=240)
    app.session_state[SESSION_KEY] = Principal(name="vy", role=Role.VIEWER)
    app.query_params["area"] = "all"
    app.query_params["sel"] = f"commune:{code}"
    app.run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "2 ghi nhận thực địa đang hiện (0 bị bộ lọc ẩn)." in shown
    assert "1 ghi nhận cột mốc chỉ dành cho bộ đội biên phòng" in shown
    assert "Ghi nhận thực địa trong xã (2)" in [e.label for e in app.expander]
    assert as_text("**đậm** <b>x</b>") in shown  # the note as typed, never Markdown
    assert "Tình trạng cột mốc" not in shown
    assert "Sạt lở do đội thực địa báo" in shown
    assert "30/11/2026 — Lan" in shown
    app.multiselect(key="w_obs_kinds").set_value(["road_blocked"]).run()
    assert "1 ghi nhận thực địa đang hiện (1 bị bộ lọc ẩn)." in texts(app)


def _read(data: bytes):
    from ui.observations_import import position_checks

    inside_vietnam, commune_of = position_checks()
    return read_observations(
        data, filename="ghi-nhan.zip", inside_vietnam=inside_vietnam, commune_of=commune_of
    )
