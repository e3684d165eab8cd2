"""Driving the field pack's observation form in a browser (not a test module itself).

Used by ``tests/test_fieldpack_observe_browser.py`` and by the end-to-end test: open the
pack's ``map.html``, record observations through the form as a user would, export them and
get the zip's bytes.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

DEFAULT_OBSERVER = "Đội thực địa (thử)"
"""The observer's name typed when a record does not give one."""


def open_pack(page: Page, map_html: Path) -> None:
    """Open ``map_html`` and wait until the form has read what the browser keeps."""
    page.goto(Path(map_html).as_uri())
    wait_ready(page)


def wait_ready(page: Page) -> None:
    """Wait until the recording script has loaded the stored records (or found no store)."""
    page.wait_for_function("() => !!document.documentElement.getAttribute('data-fp-obs')")


def photo_file(photo: bytes, name: str = "anh.jpg") -> dict:
    """A file for ``set_input_files``."""
    return {"name": name, "mimeType": "image/jpeg", "buffer": photo}


def record(
    page: Page, item: dict, *, photo: bytes | None = None, screenshot: Path | None = None
) -> None:
    """Fill and save one record; ``item`` as in :func:`record_and_export`.

    With ``screenshot``, the form is photographed once the kind is picked (and the photo, when
    there is one, is ready).
    """
    before = page.locator(".leaflet-marker-icon.fp-obs-pin").count()
    if page.locator("#fp-obs-new").is_visible():
        page.locator("#fp-obs-new").click()
    else:
        page.locator("#fp-obs-open").click()
    page.wait_for_selector("#fp-obs-save")
    page.locator(f"#fp-obs-kind-{item['kind']}").check()
    if item.get("marker_condition"):
        page.locator(f"#fp-obs-condition-{item['marker_condition']}").check()
    if item.get("note") is not None:
        page.locator("#fp-obs-note").fill(item["note"])
    page.locator("#fp-obs-observer").fill(item.get("observer", DEFAULT_OBSERVER))
    # the GPS fix, or (when there is none) the tap button: then tap the map's centre
    page.wait_for_function(
        "() => !!document.getElementById('fp-obs-tap-button') ||"
        " document.querySelector('#fp-obs-position').textContent.includes('±')",
        timeout=60_000,
    )
    if page.locator("#fp-obs-tap-button").count():
        page.locator("#fp-obs-tap-button").click()
        tap = item.get("tap")
        box = page.locator("#map").bounding_box()
        x, y = tap if tap else (box["width"] / 2, box["height"] / 2)
        page.locator("#map").click(position={"x": x, "y": y})
        page.wait_for_selector("#fp-obs-position.fp-obs-tapped")
    if item.get("stop_id") is not None:
        page.locator("#fp-obs-stop").select_option(item["stop_id"])
    if item.get("photo") and photo is not None:
        page.locator("#fp-obs-photos").set_input_files(photo_file(photo))
        page.wait_for_function(
            "() => document.querySelectorAll('.fp-obs-photo img').length === 1",
            timeout=60_000,
        )
    if screenshot is not None:
        page.wait_for_timeout(300)
        page.screenshot(path=str(screenshot))
    page.locator("#fp-obs-save").click()
    page.wait_for_function(
        f"() => document.querySelectorAll('.leaflet-marker-icon.fp-obs-pin').length > {before}"
    )


def export(page: Page) -> bytes:
    """Press "Export" in the list and return the downloaded zip's bytes."""
    if page.locator("#fp-obs-export").count() == 0:
        page.locator("#fp-obs-open").click()
        if page.locator("#fp-obs-export").count() == 0:  # the form opened: go to the list
            page.locator(".fp-obs-cancel").click()
    with page.expect_download() as info:
        page.locator("#fp-obs-export").click()
    path = info.value.path()
    page.wait_for_selector(".fp-obs-status.fp-obs-done")
    return Path(path).read_bytes()


def record_and_export(
    page: Page, *, map_html: Path, records: list[dict], photo: bytes | None
) -> bytes:
    """Open ``map_html``, record ``records`` through the form, export, return the zip's bytes.

    Each record is a dict: ``kind`` (required, an ``OBSERVATION_KINDS`` code),
    ``marker_condition`` (for ``marker``), ``note``, ``observer`` (default
    :data:`DEFAULT_OBSERVER`), ``stop_id`` (default: the stop the form proposes, the nearest
    to the position), ``photo`` (True: attach ``photo``, a JPEG's bytes, through the file
    input), ``tap`` (``(x, y)`` in the map's pixels, used only when the browser gives no GPS
    fix; default the map's centre). The position is the browser context's geolocation (give
    the context ``geolocation=`` and ``permissions=["geolocation"]``); without a fix the map
    is tapped and the record says ``position_source: "map"``.
    """
    open_pack(page, map_html)
    for item in records:
        record(page, item, photo=photo)
    return export(page)
