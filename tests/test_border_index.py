"""The border-commune test with prepared polygons gives the brute-force distance's answers."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely
import shapely.affinity
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.catalogue import Catalogue
from geo.vocabulary import METRIC_CRS
from layers.communes import BORDER_TOUCH_M_2025, _border_union, _touches_border


def _brute_force(polygons: gpd.GeoDataFrame, border: shapely.Geometry) -> pd.Series:
    """The test as it was before the index: every polygon's exact distance to the line."""
    distance = polygons.to_crs(METRIC_CRS).geometry.distance(border).to_numpy()
    return pd.Series(distance <= BORDER_TOUCH_M_2025, index=polygons["code"].astype(str))


@pytest.fixture(scope="module")
def border(catalogue: Catalogue) -> shapely.Geometry:
    return _border_union(catalogue)


@pytest.mark.parametrize("key", ["communes_2025", "communes_2024"])
def test_every_commune_of_both_editions_gets_the_brute_force_answer(
    catalogue: Catalogue, border: shapely.Geometry, key: str
) -> None:
    polygons = catalogue.read_vector(key)
    if "code" not in polygons:
        polygons = polygons.assign(code=[str(i) for i in range(len(polygons))])
    indexed = _touches_border(polygons, border)
    pd.testing.assert_series_equal(indexed, _brute_force(polygons, border))
    assert 0 < indexed.sum() < len(indexed)  # both answers occur


def test_the_border_communes_of_2025_are_unchanged(communes_2025: gpd.GeoDataFrame) -> None:
    """The built layer still says what the brute force said: 19 of 27 near the line."""
    derived = communes_2025[communes_2025["border_method"] == "derived_geometry"]
    raw = Catalogue.load().read_vector("communes_2025")
    expected = _brute_force(raw, _border_union(Catalogue.load()))
    assert derived["is_border"].tolist() == expected[derived["code"].astype(str)].tolist()
    assert int(expected.sum()) == 19


def test_the_input_geometries_are_left_unprepared(
    catalogue: Catalogue, border: shapely.Geometry
) -> None:
    polygons = catalogue.read_vector("communes_2025")
    _touches_border(polygons, border)
    assert not shapely.is_prepared(polygons.geometry.to_numpy()).any()


@settings(max_examples=60, deadline=None)
@given(
    x=st.floats(-3000, 3000),
    y=st.floats(-3000, 3000),
    size=st.floats(1, 2000),
    spin=st.floats(0, 180),
)
def test_near_the_threshold_the_answers_agree(x: float, y: float, size: float, spin: float) -> None:
    """Squares anywhere around a zigzag line, many of them about 100 m from it."""
    line = shapely.LineString([(0, 0), (500, 97), (1000, -40), (1500, 103), (2000, 0)])
    square = shapely.box(x, y, x + size, y + size)
    square = shapely.affinity.rotate(square, spin)
    frame = gpd.GeoDataFrame({"code": ["a"]}, geometry=[square], crs=METRIC_CRS)
    assert _touches_border(frame, line).tolist() == _brute_force(frame, line).tolist()
