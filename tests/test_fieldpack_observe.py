"""The field pack's observation form, as written into map.html (no browser needed).

The browser side (recording, photos, IndexedDB, export) is tested in
``tests/test_fieldpack_observe_browser.py``.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from geo.errors import DataFileError
from geo.settings import (
    MAX_NOTE_CHARS,
    MAX_OBSERVATION_PHOTOS,
    PHOTO_MAX_BYTES,
    PHOTO_MAX_PX,
    PHOTO_TARGET_BYTES,
)
from geo.vocabulary import MARKER_CONDITIONS, OBSERVATION_KINDS
from i18n.messages import MESSAGES, message
from planner.fieldpack import field_pack, offline_map_html
from planner.fieldpack_assets import observe_assets, read_fflate
from tests.planner_cases import fake_trip
from tests.test_fieldpack import _page_data, leaflet_dir  # noqa: F401 (the fixture)
from ui.assets import VENDOR_DIR


@pytest.fixture(scope="module")
def map_html(leaflet_dir: Path) -> str:  # noqa: F811
    plan, legs, rows, warnings = fake_trip()
    data = field_pack(plan, legs, rows, warnings, leaflet_dir=leaflet_dir, basemap=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("map.html").decode("utf-8")


def test_map_holds_the_form_and_its_script(map_html: str) -> None:
    for needed in ('id="fp-obs-open"', 'id="fp-obs"', 'id="fp-obs-banner"', 'id="fp-obs-tap"'):
        assert needed in map_html
    js, css = observe_assets()
    assert js.splitlines()[0] in map_html and css.splitlines()[0] in map_html  # inlined
    assert "border-atlas-fieldpack" in js and "createImageBitmap" in js
    assert "innerHTML" not in js  # every text is set with textContent


def test_fflate_is_inlined_not_linked(map_html: str) -> None:
    fflate = (VENDOR_DIR / "fflate" / "fflate.js").read_text(encoding="utf-8")
    assert fflate.splitlines()[0][:200] in map_html
    assert not re.search(r"<script[^>]*\bsrc=", map_html)
    assert map_html.index("zipSync") < map_html.index("border-atlas-fieldpack")


def test_no_outside_url_beyond_the_vendored_libraries(map_html: str) -> None:
    """Only the comments/licences of Leaflet and fflate and the SVG namespace name a URL."""
    js, css = observe_assets()
    assert not re.search(r"https?://", js + css)
    data = _page_data(map_html)
    assert data["tile_url"] is None
    assert not re.search(r"<(img|iframe|link)\b", map_html)


def test_data_hands_over_stop_ids_limits_and_words(map_html: str) -> None:
    plan, _, _, _ = fake_trip()
    data = _page_data(map_html)
    assert [stop["id"] for stop in data["stops"]] == [s.id for s in plan.all_stops()]
    assert data["observe"] == {
        "plan": plan.name,
        "plan_start": plan.start.isoformat(),
        "member": "observations.geojson",
        "format": "border-atlas-observations",
        "version": 1,
        "max_photos": MAX_OBSERVATION_PHOTOS,
        "max_note_chars": MAX_NOTE_CHARS,
        "photo_max_px": PHOTO_MAX_PX,
        "photo_target_bytes": PHOTO_TARGET_BYTES,
        "photo_max_bytes": PHOTO_MAX_BYTES,
    }
    words = data["words"]
    assert [code for code, _ in words["obs_kinds"]] == list(OBSERVATION_KINDS)
    assert [code for code, _ in words["marker_conditions"]] == list(MARKER_CONDITIONS)
    assert words["obs_position"]["map"] == message("obs_position.map", "vi")
    own = [key for key in MESSAGES if key.startswith("fieldpack.obs_")]
    assert own and all(key.removeprefix("fieldpack.") in words for key in own)


def test_english_pack_speaks_english(leaflet_dir: Path) -> None:  # noqa: F811
    plan, legs, _, _ = fake_trip()
    html = offline_map_html(plan, legs, leaflet_dir=leaflet_dir, lang="en", basemap=False)
    words = _page_data(html)["words"]
    assert words["obs_record"] == "Record" and words["obs_export"] == "Export"
    assert dict(words["obs_kinds"])["road_blocked"] == "Road blocked or damaged"


def test_missing_fflate_says_how_to_install_it(tmp_path: Path, leaflet_dir: Path) -> None:  # noqa: F811
    plan, legs, _, _ = fake_trip()
    with pytest.raises(DataFileError, match="make assets"):
        offline_map_html(plan, legs, leaflet_dir=leaflet_dir, fflate_dir=tmp_path, basemap=False)
    with pytest.raises(DataFileError, match="fflate"):
        read_fflate(tmp_path)
