"""The *Tọa độ* tab of *Dữ liệu của bạn* through Streamlit's AppTest: what a person sees when the
box is empty, when the numbers were written in another zone, when the text is not coordinates,
in Vietnamese and in English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from streamlit.testing.v1 import AppTest

from geo import crs
from tests.conftest import block_outside

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "ui/views/imports.py"
MUONG_XEN = (19.397977, 104.150015)  # the seat of Mường Xén, Kỳ Sơn (Nghệ An)


@pytest.fixture(autouse=True)
def _own_store(own_user_store: Path) -> Path:
    return own_user_store


def _open() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180)
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


def _plain(text: str) -> str:
    """What Markdown shows of ``text`` escaped by ``ui.language.as_text`` (backslashes before
    special characters, invisible word joiners inside would-be links)."""
    return text.replace("\\", "").replace("\u2060", "")


def _texts(elements) -> list[str]:
    return [_plain(element.value) for element in elements]


def _type(app: AppTest, text: str, *, epsg: int | None = None) -> AppTest:
    if epsg is not None:
        app.selectbox(key="c_crs").set_value(epsg).run()
    app.text_input(key="c_text").input(text).run()
    assert not app.exception, app.exception
    return app


def _english(app: AppTest) -> AppTest:
    app.segmented_control(key="lang_choice").set_value("en").run()
    assert not app.exception, app.exception
    return app


def test_an_empty_box_gets_a_caption_then_a_hint_once_cleared() -> None:
    app = _open()
    assert not app.info and not app.error
    assert any("X là tọa độ Bắc" in caption.value for caption in app.caption)
    _type(app, "20.2969, 104.6224")
    assert any("20.296900, 104.622400" in s.value for s in app.success)
    _type(app, "   ")
    assert _texts(app.info) == [
        "Ô tọa độ đang trống. Hãy nhập vĩ độ rồi kinh độ, ví dụ 20.2969, 104.6224 hoặc "
        "20°17′49″N 104°37′21″E."
    ]
    assert not app.error
    app.selectbox(key="c_crs").set_value(crs.NGHE_AN_TM3).run()
    assert _texts(app.info)[0].startswith("Ô tọa độ đang trống. Hãy nhập X (tọa độ bắc)")
    _english(app)
    assert _texts(app.info)[0].startswith("The coordinates box is empty. Type X (the northing)")


def test_numbers_written_in_nghe_ans_zone_but_read_in_thanh_hoas_are_questioned() -> None:
    northing, easting = crs.from_wgs84(*MUONG_XEN, epsg=crs.NGHE_AN_TM3)
    app = _type(_open(), f"X={northing:.2f} Y={easting:.2f}", epsg=crs.THANH_HOA_TM3)
    warnings = _texts(app.warning)
    assert warnings == [
        "Điểm này nằm ở tỉnh Nghệ An, nhưng múi TM-3 105°00′ là múi chiếu của tỉnh Thanh Hóa.",
        "Các số đã nhập khớp với múi TM-3 104°45′: theo múi đó, điểm nằm ở xã Mường Xén "
        "(tỉnh Nghệ An). Có phải đã chọn nhầm múi?",
    ]
    assert app.button(key="c_use_zone").label == "Dùng múi TM-3 104°45′"
    _english(app)
    assert _texts(app.warning) == [
        "This point lies in Nghệ An province, but zone TM-3 105°00′ is the zone of Thanh Hóa "
        "province.",
        "The numbers typed fit zone TM-3 104°45′: in that zone the point lies in Mường Xén "
        "commune (Nghệ An province). Was the wrong zone chosen?",
    ]
    assert app.button(key="c_use_zone").label == "Use zone TM-3 104°45′"


def test_the_proposed_zone_is_one_click_away() -> None:
    northing, easting = crs.from_wgs84(*MUONG_XEN, epsg=crs.NGHE_AN_TM3)
    app = _type(_open(), f"X={northing:.2f} Y={easting:.2f}", epsg=crs.THANH_HOA_TM3)
    assert not any(f"{MUONG_XEN[0]:.6f}" in s.value for s in app.success)  # 26 km east
    app.button(key="c_use_zone").click().run()
    assert not app.exception, app.exception
    assert app.selectbox(key="c_crs").value == crs.NGHE_AN_TM3
    assert not app.warning
    assert any(f"{MUONG_XEN[0]:.6f}, {MUONG_XEN[1]:.6f}" in s.value for s in app.success)


def test_a_point_far_from_the_three_areas_is_warned_in_the_pages_language() -> None:
    app = _type(_open(), "21.0285, 105.8542")  # Hà Nội
    assert len(app.success) == 1  # accepted: a warning, not a refusal
    (warning,) = _texts(app.warning)
    km = re.fullmatch(r"Điểm này cách xã gần nhất của bản đồ (\S+) km: .*", warning)
    assert km and re.fullmatch(r"1\d\d,\d", km[1]), warning  # about 107 km, a decimal comma
    _english(app)
    (warning,) = _texts(app.warning)
    km = re.fullmatch(r"This point is (\S+) km from the nearest commune of the atlas: .*", warning)
    assert km and re.fullmatch(r"1\d\d\.\d", km[1]), warning


@pytest.mark.parametrize(
    ("epsg", "text", "vi", "en"),
    [
        (
            crs.NGHE_AN_TM3,
            "SWAPPED",
            "X và Y có vẻ bị đảo: X là tọa độ bắc, khoảng 1.000.000–2.600.000 m",
            "X and Y look swapped: X is the northing, about 1,000,000–2,600,000 m",
        ),
        (
            4326,
            "hai mươi độ",
            "Không đọc được hai tọa độ trong “hai mươi độ”: hãy viết vĩ độ rồi kinh độ",
            "Could not read two coordinates in “hai mươi độ”: write the latitude",
        ),
        (
            crs.QUANG_TRI_TM3,
            "[x](http://host/x.png) **1**",
            "Không đọc được X và Y trong “[x](http://host/x.png) **1**”",
            "Could not read X and Y in “[x](http://host/x.png) **1**”",
        ),
    ],
)
def test_what_cannot_be_read_is_explained_in_both_languages(
    epsg: int, text: str, vi: str, en: str
) -> None:
    if text == "SWAPPED":
        northing, easting = crs.from_wgs84(*MUONG_XEN, epsg=crs.NGHE_AN_TM3)
        text = f"{easting:.2f} {northing:.2f}"
    app = _type(_open(), text, epsg=epsg)
    (error,) = app.error
    assert _plain(error.value).startswith("Tọa độ không hợp lệ: ") and vi in _plain(error.value)
    # Markdown link syntax is escaped (the brackets) and the address is no autolink
    assert "![" not in error.value and "http://" not in error.value
    assert not app.success
    _english(app)
    (error,) = app.error
    assert _plain(error.value).startswith("Invalid coordinates: ") and en in _plain(error.value)


FRAME = 'iframe[title="streamlit_folium.st_folium"]'
VIEWPORTS = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}


@pytest.mark.browser
@pytest.mark.parametrize("screen", sorted(VIEWPORTS))
def test_the_tab_warns_in_the_browser_and_its_map_asks_no_other_host(
    browser, app_url: str, artifacts: Path, screen: str
) -> None:
    """Through the real page with every outside request blocked: the wrong-zone warning and its
    one-click zone, the map drawn on the offline basemap, and no request to another host."""
    context = browser.new_context(viewport=VIEWPORTS[screen], locale="vi-VN")
    page = context.new_page()
    outside = block_outside(page, app_url)
    try:
        page.goto(f"{app_url}/du-lieu-cua-ban")
        page.get_by_role("tab", name="Nhập tọa độ").click()
        page.get_by_role("combobox", name=re.compile("^Hệ tọa độ")).first.click()
        page.get_by_role("option", name="VN-2000 / TM-3 105°00′ (Thanh Hóa)").click()
        northing, easting = crs.from_wgs84(*MUONG_XEN, epsg=crs.NGHE_AN_TM3)
        box = page.get_by_label("Tọa độ", exact=True)
        box.fill(f"X={northing:.2f} Y={easting:.2f}")
        box.press("Enter")
        warning = page.get_by_text(re.compile("Các số đã nhập khớp với múi TM-3 104°45′"))
        warning.wait_for(timeout=90_000)
        frame = page.frame_locator(FRAME).first
        frame.locator(".leaflet-overlay-pane path.leaflet-interactive").first.wait_for(
            state="attached", timeout=90_000
        )
        page.wait_for_timeout(2000)  # the basemap draws
        page.screenshot(path=artifacts / f"coords_wrong_zone_{screen}.png", full_page=True)
        page.get_by_role("button", name="Dùng múi TM-3 104°45′").click()
        expect(warning).to_have_count(0, timeout=60_000)
        page.get_by_text(f"{MUONG_XEN[0]:.6f}, {MUONG_XEN[1]:.6f}").wait_for(timeout=60_000)
        page.screenshot(path=artifacts / f"coords_zone_chosen_{screen}.png", full_page=True)
        assert outside == []
    finally:
        context.close()
