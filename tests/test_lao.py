"""The Lao provinces across the border: labelled context, light, and never clicked."""

from __future__ import annotations

import json
import re

import pytest
import shapely

from layers import lao
from ui import assets, webmap
from ui.webmap.overlays import overlay_group, prepare_overlay


@pytest.fixture(scope="module")
def provinces(atlas):
    return atlas.get("lao_provinces")


def test_it_keeps_the_provinces_across_the_three_areas_clipped_and_light(
    provinces, communes_2025, catalogue
) -> None:
    raw = catalogue.read_vector("lao_provinces")
    assert len(raw) == 18 and 5 <= len(provinces) < len(raw)  # only those near the areas
    assert {"Houaphan", "Xiangkhoang", "Boli khamxai", "Savannakhet"} <= set(provinces["name"])
    assert "Phongsali" not in set(provinces["name"])  # far north: left out
    west, south, east, north = communes_2025.total_bounds
    pw, ps, pe, pn = provinces.total_bounds
    margin = lao.MARGIN_DEG + 1e-9
    assert pw >= west - margin and ps >= south - margin
    assert pe <= east + margin and pn <= north + margin
    vertices = int(shapely.get_num_coordinates(provinces.geometry.to_numpy()).sum())
    assert vertices < 3000  # the full file has ~64,000


def test_every_province_is_labelled_inside_itself(provinces, catalogue) -> None:
    assert (provinces["label_vi"] == provinces["name"] + " (Lào)").all()
    assert (provinces["label_en"] == provinces["name"] + " (Laos)").all()
    areas = catalogue.read_vector("lao_provinces").set_index("NAME_1").geometry
    for row in provinces.itertuples(index=False):
        assert areas[row.name].covers(shapely.Point(row.label_lon, row.label_lat)), row.name


def test_the_clipping_box_is_not_drawn_as_a_boundary(provinces, communes_2025) -> None:
    west = communes_2025.total_bounds[0] - lao.MARGIN_DEG
    edge = shapely.LineString([(west, 0), (west, 90)])
    assert set(provinces.geom_type) <= {"LineString", "MultiLineString"}
    for outline in provinces.geometry:
        assert outline.intersection(edge.buffer(1e-6)).length < 1e-3  # crosses it, never runs along


def _lao_script(page: str) -> str:
    """The script of the Lao overlay's outlines: the GeoLayer call carrying its style."""
    pattern = r"BorderAtlas\.geoLayer\(\s*(\[.*?\]),\s*(\[\{[^\]]*\}\]),\s*\{"
    calls = re.findall(pattern, page, flags=re.S)
    return next(features for features, styles in calls if '"interactive":false' in styles)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_on_the_map_it_is_labelled_and_not_interactive(provinces, lang) -> None:
    overlays = webmap.prepare_overlays({"lao": provinces})
    m = webmap.base_map(
        bounds=((16.0, 103.8), (20.6, 107.2)), basemap="none", overlays=overlays, lang=lang
    )
    page = m.get_root().render()
    outlines = json.loads(_lao_script(page))
    assert len(outlines) == len(provinces)
    assert all(feature["t"] == "" and feature["p"] == "" for feature in outlines)  # no tip/popup
    label = "Lào" if lang == "vi" else "Laos"
    found = re.findall(r"BorderAtlas\.labels\(\s*\w+,\s*(\[.*?\]),\s*(\{.*?\})\);", page, re.S)
    assert len(found) == 1  # one element for every name
    labels, options = json.loads(found[0][0]), json.loads(found[0][1])
    shown = [text for _, _, text in labels]
    assert sorted(shown) == sorted(f"<i>{name} ({label})</i>" for name in provinces["name"])
    assert "GADM" in options["attribution"]  # shown while the layer is on
    assert "interactive: false" in assets.vendor_path(assets.ATLAS_JS).read_text()
    assert "bindPopup" not in page and "bindTooltip" not in page
    name = webmap.overlay_label("lao", lang)
    assert name in page or json.dumps(name)[1:-1] in page  # in the layer control


def test_a_click_in_laos_selects_no_commune(provinces, communes_2025) -> None:
    savannakhet = provinces.set_index("name").loc["Savannakhet"]
    clicked = {"lat": savannakhet["label_lat"], "lng": savannakhet["label_lon"]}
    assert webmap.clicked_code(clicked, communes=communes_2025) is None


def test_the_layer_draws_alone(provinces) -> None:
    group = overlay_group(prepare_overlay(provinces, kind="lao", lang="en"))
    assert group.layer_name == webmap.overlay_label("lao", "en")
    assert any(type(child).__name__ == "Labels" for child in group._children.values())
