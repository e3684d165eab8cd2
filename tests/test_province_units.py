"""The 374 units of the three provinces: context outlines sent once by URL (issue 13)."""

from __future__ import annotations

import json

import pytest

from layers.units import province_units
from ui import assets, webmap


@pytest.fixture(scope="module")
def units(catalogue):
    return province_units(catalogue=catalogue)


def test_units_are_the_three_provinces_without_figures(units) -> None:
    assert len(units) == 374
    assert units["province"].value_counts().to_dict() == {
        "Thanh Hóa": 166,
        "Nghệ An": 130,
        "Quảng Trị": 78,
    }
    assert not {"population_2025", "area_km2_official"} & set(units.columns)


def test_units_overlay_travels_by_url_and_names_each_unit(units) -> None:
    overlay = webmap.prepare_overlay(
        webmap.prepare_display_geometries(units), kind="units", lang="en", by_url=True
    )
    assert overlay.label == "Communes and wards of the three provinces (context)"
    url = json.loads(overlay.data)
    features = json.loads(assets.vendor_path(url).read_text(encoding="utf-8"))
    assert len(features) == 374
    tips = " ".join(feature["t"] for feature in features)
    assert "Na Mèo" in tips and "Hạc Thành" in tips
    assert overlay.styles[0]["fill"] is False
    group = webmap.overlay_group(overlay)
    m = webmap.base_map(bounds=((17.0, 104.0), (20.5, 107.0)), basemap="none")
    group.add_to(m)
    page = m.get_root().render()
    assert url in page and "Na Mèo" not in page  # the script carries the URL only
