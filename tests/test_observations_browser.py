"""Field observations end to end, on a phone with no network: record in the field pack, bring
the file back, see it in the app and in the planner's warnings.

A real plan in Kỳ Sơn (Mường Xén → the Nậm Cắn gate → Mường Típ, on the real roads) is saved
in a fresh user store. Its field pack's ``map.html`` is opened from disk at 390×844 with every
request but ``file:``/``data:``/``about:``/``blob:`` aborted and the phone's GPS fixed at P, a
point on the first leg's road. Two observations are recorded there (a blocked road with a photo
set through the file input, and a site visited), the page is reloaded and both are still
listed, and they are exported (:mod:`tests.fieldpack_recording`). The app
(its own process on that store, outside requests blocked) then imports the file on the planner
page: both are added; the same file again adds nothing; the first leg gets the field-report
warning; the map page draws both and P's commune panel lists them.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from geo import settings
from i18n.messages import message
from layers.commune_view import commune_view
from planner.plan import Plan
from planner.plan_warnings import plan_warnings
from planner.xlsform import check_xlsform
from tests.conftest import block_outside, running_app
from tests.fieldpack_pages import PHONE, pack_map, phone, real_plan
from tests.fieldpack_recording import export, open_pack, record, wait_ready
from tests.test_fieldpack import leaflet_dir  # noqa: F401 (the fixture)
from ui.planner_results import _slug
from userdata.roles import local_principal
from userdata.store import Store

pytestmark = pytest.mark.browser

KEYS = ("commune:16813", "gate:gate_nam_can", "commune:16858")
"""Base Mường Xén, then the Nậm Cắn international gate and Mường Típ (Kỳ Sơn, Nghệ An)."""
ALONG = 0.35
"""P lies this far along the first leg's road (Mường Xén → Nậm Cắn gate)."""
NOTE = "Đất đá lấp <b>nửa</b> đường, *chỉ* xe máy qua được"
"""The blocked road's note: HTML and Markdown in it must be shown as typed."""
ROAD_BLOCKED_FILL = "#d7301f"
SITE_VISITED_FILL = "#238b45"
"""The fill colours of the two kinds' map symbols (:mod:`ui.webmap.observations`)."""
FRAME = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def trip(atlas, catalogue, leaflet_dir: Path, tmp_path_factory: pytest.TempPathFactory):  # noqa: F811
    """The plan, its legs, P (lat, lon) and its 2025 commune code, and map.html on disk."""
    name = "Kỳ Sơn – ghi nhận thử"
    start = datetime.combine(date.today() + timedelta(days=1), time(7, 0))
    plan, legs = real_plan(atlas, catalogue, KEYS, name=name, start=start)
    assert legs[0].method == "road"
    point = legs[0].geometry.interpolate(ALONG, normalized=True)
    communes = atlas.get("communes_2025")
    [code] = communes.loc[communes.contains(point), "code"].astype(str)
    view = commune_view(atlas, edition="2025")
    map_html = pack_map(
        plan,
        legs,
        atlas=atlas,
        leaflet_dir=leaflet_dir,
        folder=tmp_path_factory.mktemp("pack"),
        warnings=plan_warnings(plan, legs, communes=view, border_line=atlas.get("border")),
    )
    return plan, legs, (point.y, point.x), code, map_html


def _photo() -> bytes:
    """A camera-sized JPEG (4000×3000, a gradient so it does not compress to nothing)."""
    image = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def _record(browser, trip, tmp_path: Path, artifacts: Path) -> Path:
    """Record the two observations at P in the pack's map; the exported zip on disk."""
    plan, _legs, here, _code, map_file = trip
    context, page, aborted, errors = phone(  # the GPS fixed at P
        browser,
        geolocation={"latitude": here[0], "longitude": here[1], "accuracy": 8},
        permissions=["geolocation"],
        accept_downloads=True,
    )
    records = [
        {"kind": "road_blocked", "note": NOTE, "observer": "Lò Văn Thử", "photo": True},
        {"kind": "site_visited", "note": "Đã đến bản", "observer": "Lò Văn Thử"},
    ]
    try:
        open_pack(page, map_file)
        for item in records:
            record(page, item, photo=_photo())
        page.reload()  # the records are kept by the browser, not by the page
        wait_ready(page)
        pins = page.locator(".leaflet-marker-icon.fp-obs-pin")
        expect(pins).to_have_count(2)
        page.screenshot(path=str(artifacts / "observations_pack_reloaded_phone.png"))
        exported = export(page)
        page.screenshot(path=str(artifacts / "observations_pack_exported_phone.png"))
    finally:
        context.close()
    assert errors == []
    assert aborted == []  # the pack asked for nothing outside
    path = tmp_path / "ghi-nhan-ky-son.zip"
    path.write_bytes(exported)
    with zipfile.ZipFile(path) as archive:
        collection = json.loads(archive.read("observations.geojson"))
        photos = [name for name in archive.namelist() if name.startswith("photos/")]
        sizes = [archive.getinfo(name).file_size for name in photos]
    assert collection["border_atlas"]["format"] == "border-atlas-observations"
    assert collection["border_atlas"]["plan"] == plan.name
    features = {f["properties"]["kind"]: f for f in collection["features"]}
    assert set(features) == {"road_blocked", "site_visited"}
    for feature in features.values():
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == pytest.approx(here, abs=1e-6)  # what the phone gave, not moved
        assert feature["properties"]["position_source"] == "gps"
        assert feature["properties"]["accuracy_m"] == pytest.approx(8)
    blocked = features["road_blocked"]["properties"]
    assert blocked["note"] == NOTE
    assert blocked["photos"] == photos and len(photos) == 1
    assert max(sizes) <= settings.PHOTO_MAX_BYTES
    assert features["site_visited"]["properties"]["photos"] == []
    return path


def _save_plan(plan: Plan, user_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.USER_DIR_ENV, str(user_dir))
    Store(principal=local_principal()).save_plan(plan)


def _settled(page) -> None:
    """Wait until the page has finished its rerun (Streamlit's running indicator gone)."""
    page.wait_for_timeout(1_000)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=90_000)


def _import(page, path: Path) -> None:
    """Choose ``path`` in the planner page's import widget (unless it still holds it from the
    last import) and press its button."""
    _settled(page)
    box = page.locator(".st-key-w_obs_import_box")
    expect(box).to_have_count(1, timeout=60_000)  # a rerun's stale copy gone
    button = box.get_by_role("button", name=message("obs_ui.import_button", "vi"))
    if not button.is_visible():
        box.locator("summary").click()
    if not box.get_by_text(path.name, exact=True).count():
        box.locator('input[type="file"]').set_input_files(str(path))
        box.get_by_text(path.name, exact=True).first.wait_for(timeout=30_000)
    button.click()


def _result(added: int, already: int, path: Path) -> str:
    return message("obs_ui.result", "vi", file=path.name, added=added, already=already, refused=0)


def test_recorded_offline_imported_once_shown_and_warned(
    trip, browser, artifacts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan, _legs, here, code, _map_file = trip
    exported = _record(browser, trip, tmp_path, artifacts)
    user_dir = tmp_path / "user"  # a fresh store: no account, the personal mode's local user
    _save_plan(plan, user_dir, monkeypatch)
    output = tmp_path / "app.log"
    with running_app(user_dir, output=output) as url:
        context = browser.new_context(
            viewport=PHONE, locale="vi-VN", is_mobile=True, accept_downloads=True
        )
        page = context.new_page()
        outside = block_outside(page, url)
        try:
            page.goto(f"{url}/ke-hoach")
            page.get_by_role("button", name="Mở", exact=True).click(timeout=90_000)
            page.get_by_text("Các chặng", exact=True).wait_for(timeout=90_000)

            # Beside the field pack: the plan's ODK form, which pyxform converts.
            _settled(page)  # a click landing while the page reruns would be lost
            with page.expect_download(timeout=60_000) as download_info:
                page.get_by_role("button", name=message("obs_warn.xlsform", "vi")).click()
            download = download_info.value
            assert download.suggested_filename == f"odk-{_slug(plan.name)}.xlsx"
            check_xlsform(download.path().read_bytes())
            _settled(page)
            settings_box = page.locator(".st-key-w_obs_settings_box summary")
            expect(settings_box).to_have_count(1, timeout=60_000)  # a rerun's stale copy gone
            expect(settings_box).to_contain_text(message("obs_warn.settings", "vi"))
            settings_box.click()
            page.get_by_label(message("obs_warn.within_km", "vi")).wait_for(timeout=30_000)
            settings_box.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=str(artifacts / "observations_planner_settings_phone.png"))

            near_route = re.compile("ghi nhận thực địa gần tuyến")
            assert page.get_by_text(near_route).count() == 0  # nothing reported yet
            _import(page, exported)
            first = page.get_by_text(_result(2, 0, exported), exact=False)
            first.wait_for(timeout=60_000)
            first.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=str(artifacts / "observations_planner_imported_phone.png"))

            _import(page, exported)  # the same file again: nothing twice
            again = page.get_by_text(_result(0, 2, exported), exact=False)
            again.wait_for(timeout=60_000)

            route = plan.route_stops()
            line = page.get_by_text(
                f"Chặng 1 ({route[0].name} → {route[1].name}) — ghi nhận thực địa gần tuyến"
            )
            line.first.wait_for(timeout=60_000)
            text = line.first.inner_text()
            assert message("obs_kind.road_blocked", "vi") in text
            assert "Lò Văn Thử" in text
            assert message("obs_kind.site_visited", "vi") not in text  # not a hazard
            other_legs = re.compile(r"Chặng [23] \(.*ghi nhận thực địa gần tuyến")
            assert page.get_by_text(other_legs).count() == 0  # P is far from the other legs
            counted = message("obs_warn.counted", "vi", n=1, days=30)
            assert page.get_by_text(counted).count() == 1  # the blocked road; not the visit
            line.first.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=str(artifacts / "observations_planner_warning_phone.png"))
            expect(page.get_by_text(re.compile(r"Traceback|sqlite|/tmp/"))).to_have_count(0)

            # The map page: both drawn (the observations layer), both in P's commune panel.
            page.goto(f"{url}/?area=all&sel=commune%3A{code}")
            panel = page.get_by_text(message("obs_ui.panel_title", "vi", n=2))
            panel.first.wait_for(timeout=90_000)
            count = message("obs_ui.count", "vi", shown=2, hidden=0)
            page.get_by_text(count).first.wait_for(timeout=30_000)
            frame = page.frame_locator(FRAME).first
            blocked = frame.locator(f'.ba-icon rect[fill="{ROAD_BLOCKED_FILL}"]')
            visited = frame.locator(f'.ba-icon circle[fill="{SITE_VISITED_FILL}"]')
            blocked.first.wait_for(state="attached", timeout=60_000)
            assert (blocked.count(), visited.count()) == (1, 1)
            leaflet = page.locator(FRAME).first.element_handle().content_frame()
            leaflet.evaluate("([lat, lon]) => window.map.setView([lat, lon], 14)", list(here))
            page.wait_for_timeout(1000)
            # The two share P (the site visited's symbol on top): open the blocked road's popup.
            blocked.first.locator(
                "xpath=ancestor::div[contains(@class, 'ba-icon')]"
            ).dispatch_event("click")
            popup = frame.locator(".leaflet-popup-content")
            popup.first.wait_for(timeout=30_000)
            assert NOTE in popup.first.inner_text()  # escaped: shown as typed
            page.locator(FRAME).first.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=str(artifacts / "observations_map_phone.png"))
            panel.first.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
            page.screenshot(path=str(artifacts / "observations_panel_phone.png"))
            body = page.locator("body").inner_text()
            assert NOTE in body  # the note as typed: no bold, no italics
            assert body.count("Lò Văn Thử") >= 2
            assert outside == []
        finally:
            context.close()
