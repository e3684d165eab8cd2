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

from geo import crs, settings
from geo.errors import UserInputError
from layers import sites
from userdata import apply, layer_reader, uploads
from userdata.store import Store

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


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../../etc/evil.shp", "unsafe path"),
        ("/etc/evil.shp", "unsafe path"),
        ("C:/evil.shp", "unsafe path"),
        ("..\\..\\evil.shp", "unsafe path"),
        ("inner.zip", "Nested"),
        ("layers/inner.7z", "Nested"),
    ],
)
def test_path_traversal_and_nested_archives_are_refused(name: str, message: str) -> None:
    with pytest.raises(UserInputError, match=message) as raised:
        layer_reader.read_layer(_zip({name: b"x"}), filename="evil.zip")
    assert name in raised.value.message_vi


def test_too_many_members_are_refused() -> None:
    members = {f"part{i}.txt": b"x" for i in range(uploads.MAX_MEMBERS + 1)}
    with pytest.raises(UserInputError, match="too many files"):
        layer_reader.read_layer(_zip(members), filename="many.zip")


def test_expanded_size_is_capped(monkeypatch) -> None:
    data = _zip({"layer.geojson": _geojson([]) + b" " * 50_000})
    monkeypatch.setattr(settings, "MAX_UNZIPPED_BYTES", 10_000)
    with pytest.raises(UserInputError, match="expands to more than"):
        layer_reader.read_layer(data, filename="big.zip")


def test_extraction_counts_the_bytes_it_writes(tmp_path: Path, monkeypatch) -> None:
    """Stopped while writing even when the directory's sizes were accepted (they can lie)."""
    archive = uploads.open_zip(_zip({"layer.geojson": b"[" * 50_000}))
    monkeypatch.setattr(settings, "MAX_UNZIPPED_BYTES", 10_000)
    with pytest.raises(uploads.UnsafeArchive, match="expands to more than"):
        uploads.extract(archive, tmp_path, suffixes={".geojson"})


def test_oversize_upload_is_refused_in_both_languages(monkeypatch) -> None:
    monkeypatch.setattr(settings, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(UserInputError) as raised:
        layer_reader.read_layer(_geojson([]), filename="big.geojson")
    assert "too large" in raised.value.message_en and "quá lớn" in raised.value.message_vi


def test_same_file_name_twice_is_refused() -> None:
    point = {"type": "Point", "coordinates": [104.08, 19.47]}
    layer = _geojson([{"type": "Feature", "properties": {}, "geometry": point}])
    data = _zip({"a/layer.geojson": layer, "b/layer.geojson": layer})
    with pytest.raises(UserInputError, match=r"two files named layer\.geojson"):
        layer_reader.read_layer(data, filename="twice.zip")


def test_macos_metadata_in_a_zip_is_ignored(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame({"name": ["Trạm"]}, geometry=[shapely.Point(104.62, 20.29)], crs=4326)
    with zipfile.ZipFile(io.BytesIO(_shapefile_zip(tmp_path, frame))) as source:
        members = {"__MACOSX/._layer.shp": b"\x00\x05\x16\x07", "._layer.dbf": b"junk"}
        members |= {info.filename: source.read(info) for info in source.infolist()}
    result = layer_reader.read_layer(_zip(members), filename="mac.zip")
    assert result.frame["name"].tolist() == ["Trạm"]


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


# -- imported layers join their layer only through its schema ---------------------------------


def _points(names: list[object], geometries: list[object]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"ten": names}, geometry=geometries, crs=4326)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "atlas.sqlite3")


def test_points_with_bad_rows_join_the_sites_validated(store: Store, atlas) -> None:
    frame = _points(
        ["Trạm y tế Na Mèo", "  ", None, "Vùng", "Trạm không vị trí"],
        [
            shapely.Point(104.62, 20.29),
            shapely.Point(104.63, 20.30),
            shapely.Point(104.64, 20.31),
            shapely.box(104.6, 20.2, 104.7, 20.3),
            None,
        ],
    )
    saved = apply.save_layer(
        store,
        kind="poi",
        frame=frame,
        column="ten",
        source=" Sở Y tế (thử nghiệm) ",
        filename="tram.geojson",
        loaded_by="tester",
        source_crs="EPSG:4326",
    )
    assert saved.features == 1
    assert [p.split(" / ")[1] for p in saved.problems] == [
        "feature 2: no name",
        "feature 3: no name",
        "feature 4: Polygon geometry, expected Point",
        "feature 5: no geometry",
    ]
    assert "đối tượng 2: không có tên" in saved.problems[0]
    layer = apply.apply_to_atlas(atlas, store).get("sites")
    added = layer[layer["category"] == "user_poi"]
    assert added["name"].tolist() == ["Trạm y tế Na Mèo"]
    assert added["source"].tolist() == ["Sở Y tế (thử nghiệm)"]
    assert len(layer) == len(atlas.get("sites")) + 1
    sites.SCHEMA.validate(layer)


@pytest.mark.parametrize(
    ("names", "source", "message"),
    [
        (["Trạm"], "  ", "Give the source"),
        (["", None], "Sở Y tế", "No feature is usable: feature 1: no name"),
    ],
)
def test_points_without_source_or_usable_rows_are_refused(
    store: Store, names: list[object], source: str, message: str
) -> None:
    frame = _points(names, [shapely.Point(104.62, 20.29)] * len(names))
    with pytest.raises(UserInputError, match=message) as raised:
        apply.save_layer(
            store,
            kind="poi",
            frame=frame,
            column="ten",
            source=source,
            filename="tram.geojson",
            loaded_by=None,
            source_crs="EPSG:4326",
        )
    assert raised.value.message_vi
    assert store.list_imports() == []


def _stored_points(store: Store, names: list[str], meta: dict) -> None:
    """A record put straight into the store, as older code or a hand edit could leave it."""
    frame = gpd.GeoDataFrame(
        {"name": names}, geometry=[shapely.Point(104.62, 20.29)] * len(names), crs=4326
    )
    store.put_import(
        kind="poi",
        name="cu.geojson",
        filename=None,
        loaded_by=None,
        body=frame.to_json(),
        meta=meta,
    )


def test_stored_points_are_checked_again_when_joined(store: Store, atlas, caplog) -> None:
    _stored_points(store, ["Không nguồn"], {})
    _stored_points(store, ["Có tên", ""], {"source": "Sổ tay thực địa"})
    layer = apply.apply_to_atlas(atlas, store).get("sites")
    assert layer.loc[layer["category"] == "user_poi", "name"].tolist() == ["Có tên"]
    log = caplog.text
    assert "not shown" in log and "Give the source" in log and "feature 2: no name" in log


def test_a_frame_failing_the_schema_never_joins(store: Store, atlas, monkeypatch, caplog) -> None:
    _stored_points(store, ["Trạm"], {"source": "Sổ tay thực địa"})
    build = apply._site_rows
    monkeypatch.setattr(
        apply, "_site_rows", lambda *a, **k: build(*a, **k).assign(precision="đoán")
    )
    layer = apply.apply_to_atlas(atlas, store).get("sites")
    assert len(layer) == len(atlas.get("sites"))
    assert "does not match its schema" in caplog.text and "unknown precision" in caplog.text


def test_markers_and_zoning_imports_are_checked(store: Store, atlas) -> None:
    point = shapely.Point(104.083399, 19.47417)
    markers = gpd.GeoDataFrame({"so": ["Mốc 405", "không số"]}, geometry=[point] * 2, crs=4326)
    saved = apply.save_layer(
        store,
        kind="markers",
        frame=markers,
        column="so",
        source="Khảo sát (thử nghiệm)",
        filename="moc.geojson",
        loaded_by=None,
        source_crs="EPSG:4326",
    )
    assert saved.features == 1 and "no marker number" in saved.problems[0]
    layer = apply.apply_to_atlas(atlas, store).get("markers")
    surveyed = layer[layer["precision"] == "surveyed"]
    assert surveyed["marker_number"].tolist() == ["405"]
    zoning = gpd.GeoDataFrame(
        {"cap": ["cao", "đỏ"]}, geometry=[shapely.box(104, 19, 105, 20)] * 2, crs=4326
    )
    with pytest.raises(UserInputError, match="Unknown zone class 'đỏ'"):
        apply.save_layer(
            store,
            kind="zoning",
            frame=zoning,
            column="cap",
            source="Bản đồ (thử nghiệm)",
            filename="vung.geojson",
            loaded_by=None,
            source_crs="EPSG:4326",
        )
