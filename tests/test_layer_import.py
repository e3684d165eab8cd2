"""Uploaded layers: formats, CRS (VN-2000 included), repairs, and every kind of bad file."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pyproj
import pytest
import shapely

from geo import crs
from geo.errors import UserInputError
from userdata import layer_reader

GEOD = pyproj.Geod(ellps="WGS84")
NAM_CAN = (19.47417, 104.083399)


def _geojson(features: list[dict]) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def _shapefile_zip(tmp_path: Path, frame: gpd.GeoDataFrame, *, prj: bool = True) -> bytes:
    folder = tmp_path / "shp"
    folder.mkdir()
    frame.to_file(folder / "layer.shp")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in folder.iterdir():
            if part.suffix == ".prj" and not prj:
                continue
            archive.write(part, part.name)
    return buffer.getvalue()


def test_vn2000_tm3_shapefile_lands_where_pyproj_says(tmp_path: Path) -> None:
    northing, easting = crs.from_wgs84(*NAM_CAN, epsg=crs.NGHE_AN_TM3)
    frame = gpd.GeoDataFrame(
        {"name": ["Mốc <b>405</b>"]}, geometry=[shapely.Point(easting, northing)], crs=9208
    )
    result = layer_reader.read_layer(_shapefile_zip(tmp_path, frame), filename="moc.zip")
    point = result.frame.geometry.iloc[0]
    expected_lon, expected_lat = pyproj.Transformer.from_crs(9208, 4326, always_xy=True).transform(
        easting, northing
    )
    assert abs(GEOD.inv(point.x, point.y, expected_lon, expected_lat)[2]) < 1.0
    assert result.frame["name"].iloc[0] == "Mốc <b>405</b>"  # kept as text, escaped on display


def test_missing_prj_asks_for_the_crs(tmp_path: Path) -> None:
    northing, easting = crs.from_wgs84(*NAM_CAN, epsg=crs.NGHE_AN_TM3)
    frame = gpd.GeoDataFrame(geometry=[shapely.Point(easting, northing)], crs=9208)
    data = _shapefile_zip(tmp_path, frame, prj=False)
    with pytest.raises(layer_reader.CrsRequired):
        layer_reader.read_layer(data, filename="no_prj.zip")
    result = layer_reader.read_layer(data, filename="no_prj.zip", assumed_epsg=crs.NGHE_AN_TM3)
    assert result.crs_was_assumed
    point = result.frame.geometry.iloc[0]
    assert abs(point.y - NAM_CAN[0]) < 1e-4 and abs(point.x - NAM_CAN[1]) < 1e-4


def test_self_intersecting_polygon_is_repaired() -> None:
    bowtie = {
        "type": "Polygon",
        "coordinates": [
            [[104.0, 19.4], [104.1, 19.5], [104.1, 19.4], [104.0, 19.5], [104.0, 19.4]]
        ],
    }
    empty = {"type": "Polygon", "coordinates": []}
    data = _geojson(
        [
            {"type": "Feature", "properties": {"zone_class": "cao"}, "geometry": bowtie},
            {"type": "Feature", "properties": {"zone_class": "thấp"}, "geometry": empty},
        ]
    )
    result = layer_reader.read_layer(data, filename="zoning.geojson")
    assert result.repaired == 1
    assert result.frame.geometry.is_valid.all()
    assert len(result.rejected) == 1


def test_swapped_coordinates_are_explained() -> None:
    point = {"type": "Point", "coordinates": [19.47, 104.08]}
    data = _geojson([{"type": "Feature", "properties": {}, "geometry": point}])
    with pytest.raises(UserInputError, match="swapped"):
        layer_reader.read_layer(data, filename="swapped.geojson")


def test_swapped_projected_coordinates_are_explained(tmp_path: Path) -> None:
    northing, easting = crs.from_wgs84(*NAM_CAN, epsg=crs.NGHE_AN_TM3)
    frame = gpd.GeoDataFrame(geometry=[shapely.Point(northing, easting)], crs=9208)
    with pytest.raises(UserInputError) as raised:
        layer_reader.read_layer(_shapefile_zip(tmp_path, frame), filename="xy.zip")
    assert "swapped" in raised.value.message_en and "X/Y" in raised.value.message_vi


def test_zip_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("layer.geojson", b" " * 5_000_000)
    with pytest.raises(UserInputError, match="zip bomb"):
        layer_reader.read_layer(buffer.getvalue(), filename="bomb.zip")


def test_path_traversal_and_nested_zips_are_refused() -> None:
    for name, message in (("../../etc/evil.shp", "unsafe path"), ("inner.zip", "Nested")):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(name, b"x")
        with pytest.raises(UserInputError, match=message):
            layer_reader.read_layer(buffer.getvalue(), filename="evil.zip")


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "empty.geojson", "empty"),
        (b"not json at all", "broken.geojson", "could not be read"),
        (b'{"type": "FeatureCollection", "features": []}', "none.geojson", "no features"),
        (b"x", "layer.docx", "Only GeoJSON"),
        (b"PK\x03\x04 broken", "broken.zip", "damaged"),
    ],
)
def test_bad_files_get_clear_messages(data: bytes, filename: str, message: str) -> None:
    with pytest.raises(UserInputError) as raised:
        layer_reader.read_layer(data, filename=filename)
    assert message in raised.value.message_en
    assert raised.value.message_vi


def test_kml_and_geopackage_are_read(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame(
        {"name": ["Trạm y tế Na Mèo"]}, geometry=[shapely.Point(104.62, 20.29)], crs=4326
    )
    frame.to_file(tmp_path / "poi.gpkg", driver="GPKG")
    frame.to_file(tmp_path / "poi.kml", driver="KML")
    for name in ("poi.gpkg", "poi.kml"):
        result = layer_reader.read_layer((tmp_path / name).read_bytes(), filename=name)
        assert result.frame.geometry.iloc[0].x == pytest.approx(104.62)
