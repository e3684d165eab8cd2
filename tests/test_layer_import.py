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
from tests.bad_input.layers import zip_of
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
    assert "swapped" in raised.value.message_en and "bị đảo" in raised.value.message_vi


def test_zip_bomb_is_refused() -> None:
    data = zip_of({"layer.geojson": b" " * 5_000_000})
    with pytest.raises(UserInputError, match="zip bomb"):
        layer_reader.read_layer(data, filename="bomb.zip")


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
        layer_reader.read_layer(zip_of({name: b"x"}), filename="evil.zip")
    assert name in raised.value.message_vi


def test_too_many_members_are_refused() -> None:
    members = {f"part{i}.txt": b"x" for i in range(uploads.MAX_MEMBERS + 1)}
    with pytest.raises(UserInputError, match="too many files"):
        layer_reader.read_layer(zip_of(members), filename="many.zip")


def test_expanded_size_is_capped(monkeypatch) -> None:
    data = zip_of({"layer.geojson": _geojson([]) + b" " * 50_000})
    monkeypatch.setattr(settings, "MAX_UNZIPPED_BYTES", 10_000)
    with pytest.raises(UserInputError, match="expands to more than"):
        layer_reader.read_layer(data, filename="big.zip")


def test_extraction_counts_the_bytes_it_writes(tmp_path: Path, monkeypatch) -> None:
    """Stopped while writing even when the directory's sizes were accepted (they can lie)."""
    archive = uploads.open_zip(zip_of({"layer.geojson": b"[" * 50_000}))
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
    data = zip_of({"a/layer.geojson": layer, "b/layer.geojson": layer})
    with pytest.raises(UserInputError, match=r"two files named layer\.geojson"):
        layer_reader.read_layer(data, filename="twice.zip")


def test_macos_metadata_in_a_zip_is_ignored(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame({"name": ["Trạm"]}, geometry=[shapely.Point(104.62, 20.29)], crs=4326)
    with zipfile.ZipFile(io.BytesIO(_shapefile_zip(tmp_path, frame))) as source:
        members = {"__MACOSX/._layer.shp": b"\x00\x05\x16\x07", "._layer.dbf": b"junk"}
        members |= {info.filename: source.read(info) for info in source.infolist()}
    result = layer_reader.read_layer(zip_of(members), filename="mac.zip")
    assert result.frame["name"].tolist() == ["Trạm"]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "empty.geojson", "empty"),
        (b"not json at all", "broken.geojson", "not JSON"),
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
        source_crs="EPSG:4326",
    )
    assert saved.features == 1
    assert [p.split(" / ")[1] for p in saved.problems] == [
        "feature 2: no name",
        "feature 3: no name",
        "feature 4: is an area (Polygon), this layer needs points",
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
            source_crs="EPSG:4326",
        )


# -- issue 12: files as people have them, geometry kinds per layer, stored rows, messages -------


def _ky_son_points(communes_2025, *, epsg: int) -> tuple[bytes, gpd.GeoSeries]:
    """A GeoJSON (no CRS member) of Kỳ Sơn's communes' inner points in ``epsg`` metres."""
    inner = communes_2025[communes_2025["former_district"] == "Kỳ Sơn"].representative_point()
    projected = inner.to_crs(epsg)
    features = [
        {
            "type": "Feature",
            "properties": {"so": f"Mốc {400 + i}"},
            "geometry": {"type": "Point", "coordinates": [p.x, p.y]},
        }
        for i, p in enumerate(projected)
    ]
    return _geojson(features), inner


def test_geojson_in_tm3_metres_without_crs_asks_for_the_zone(communes_2025) -> None:
    data, _ = _ky_son_points(communes_2025, epsg=crs.NGHE_AN_TM3)
    with pytest.raises(layer_reader.ProjectedCrsRequired) as raised:
        layer_reader.read_layer(data, filename="moc_tm3.geojson", areas=communes_2025)
    asked = raised.value
    assert "metres" in asked.message_en and "mét" in asked.message_vi
    proposed = [candidate.epsg for candidate in asked.candidates]
    assert set(proposed) == {
        crs.THANH_HOA_TM3,
        crs.NGHE_AN_TM3,
        crs.QUANG_TRI_TM3,
        crs.QUANG_TRI_TM3_2025,
        crs.VN2000_UTM48N,
    }
    likely = [c.epsg for c in asked.candidates if c.likely]
    assert proposed[0] == crs.NGHE_AN_TM3 and crs.NGHE_AN_TM3 in likely
    assert crs.QUANG_TRI_TM3 not in likely and crs.THANH_HOA_TM3 not in likely


def test_geojson_in_tm3_with_the_zone_chosen_lands_in_ky_son(communes_2025) -> None:
    data, inner = _ky_son_points(communes_2025, epsg=crs.NGHE_AN_TM3)
    result = layer_reader.read_layer(
        data, filename="moc_tm3.geojson", assumed_epsg=crs.NGHE_AN_TM3, areas=communes_2025
    )
    ky_son = communes_2025[communes_2025["former_district"] == "Kỳ Sơn"].union_all()
    assert result.frame.geometry.within(ky_son).all()
    for got, expected in zip(result.frame.geometry, inner, strict=True):
        assert abs(GEOD.inv(got.x, got.y, expected.x, expected.y)[2]) < 1.0
    assert result.crs_was_assumed and result.source_crs == "EPSG:9208"
    (key, values), *_ = result.notes
    assert key == "layer.crs_overridden" and "104°45′" in str(values["chosen"])


def test_the_chosen_crs_overrides_what_a_geojson_says() -> None:
    """A GeoJSON naming WGS 84 but holding VN-2000 degrees: the choice wins (≈ 300 m shift)."""
    member = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    point = {"type": "Point", "coordinates": [104.083399, 19.47417]}
    data = json.dumps(
        {
            "type": "FeatureCollection",
            "crs": member,
            "features": [{"type": "Feature", "properties": {}, "geometry": point}],
        }
    ).encode()
    as_file = layer_reader.read_layer(data, filename="vn2000.geojson")
    chosen = layer_reader.read_layer(
        data, filename="vn2000.geojson", assumed_epsg=crs.VN2000_GEOGRAPHIC
    )
    a, b = as_file.frame.geometry.iloc[0], chosen.frame.geometry.iloc[0]
    assert 100 < abs(GEOD.inv(a.x, a.y, b.x, b.y)[2]) < 1000
    assert [key for key, _ in chosen.notes] == ["layer.crs_overridden"]


def test_metres_with_a_degrees_crs_chosen_ask_for_a_zone(communes_2025) -> None:
    data, _ = _ky_son_points(communes_2025, epsg=crs.NGHE_AN_TM3)
    with pytest.raises(layer_reader.ProjectedCrsRequired) as raised:
        layer_reader.read_layer(data, filename="m.geojson", assumed_epsg=4326)
    assert "degrees" in raised.value.message_en and "độ" in raised.value.message_vi


def _save(store: Store, atlas, frame: gpd.GeoDataFrame, *, kind: str) -> apply.Saved:
    return apply.save_layer(
        store,
        kind=kind,
        frame=frame,
        column="so",
        source="Khảo sát (thử nghiệm)",
        filename=f"{kind}.geojson",
        source_crs="EPSG:4326",
        atlas=atlas,
    )


def test_multipoint_points_are_split_with_the_same_name(store: Store, atlas) -> None:
    parts = [(104.62, 20.29), (104.63, 20.30), (104.64, 20.31)]
    frame = gpd.GeoDataFrame(
        {"so": ["Trạm A", "Trạm B"]},
        geometry=[shapely.MultiPoint(parts), shapely.Point(104.7, 20.3)],
        crs=4326,
    )
    saved = _save(store, atlas, frame, kind="poi")
    assert saved.features == 4 and saved.problems == []
    assert saved.notes == [("layer.multipoint_split", {"n": 1, "parts": 3})]
    layer = apply.apply_to_atlas(atlas, store).get("sites")
    added = layer[layer["category"] == "user_poi"]
    assert added["name"].tolist() == ["Trạm A"] * 3 + ["Trạm B"]
    assert set(added.geom_type) == {"Point"}


def test_a_marker_of_several_positions_is_refused_with_the_reason(store: Store, atlas) -> None:
    frame = gpd.GeoDataFrame(
        {"so": ["Mốc 405", "Mốc 406"]},
        geometry=[
            shapely.MultiPoint([(104.08, 19.47), (104.09, 19.48)]),
            shapely.MultiPoint([(104.1, 19.5)]),
        ],
        crs=4326,
    )
    saved = _save(store, atlas, frame, kind="markers")
    assert saved.features == 1
    (problem,) = saved.problems
    assert "feature 1: marker “Mốc 405” has 2 positions" in problem and "2 vị trí" in problem
    layer = apply.apply_to_atlas(atlas, store).get("markers")
    assert layer.loc[layer["precision"] == "surveyed", "marker_number"].tolist() == ["406"]


@pytest.mark.parametrize(
    ("kind", "geometry", "english", "vietnamese"),
    [
        ("markers", shapely.LineString([(104, 19), (104.1, 19.1)]), "is a line", "là đường"),
        ("poi", shapely.box(104, 19, 104.1, 19.1), "is an area", "là vùng"),
        ("zoning", shapely.Point(104, 19), "zoning needs areas", "cần vùng"),
        ("zoning", shapely.LineString([(104, 19), (104.1, 19.1)]), "is a line", "là đường"),
    ],
)
def test_the_wrong_geometry_kind_is_refused(
    store: Store, atlas, kind: str, geometry, english: str, vietnamese: str
) -> None:
    frame = gpd.GeoDataFrame(
        {"so": ["Mốc 405" if kind != "zoning" else "cao"]}, geometry=[geometry], crs=4326
    )
    with pytest.raises(UserInputError) as raised:
        _save(store, atlas, frame, kind=kind)
    assert english in raised.value.message_en and vietnamese in raised.value.message_vi
    assert store.list_imports() == []


def test_an_import_that_would_break_its_layer_is_not_saved(
    store: Store, atlas, monkeypatch
) -> None:
    monkeypatch.setattr(
        apply.markers, "with_surveyed_positions", lambda layer, s, source: layer.assign(lat="x")
    )
    frame = gpd.GeoDataFrame({"so": ["Mốc 405"]}, geometry=[shapely.Point(104.08, 19.47)], crs=4326)
    with pytest.raises(UserInputError) as raised:
        _save(store, atlas, frame, kind="markers")
    assert "Not saved" in raised.value.message_en and "incident" in raised.value.message_en
    assert "Không lưu" in raised.value.message_vi
    assert store.list_imports() == []


def _put(store: Store, *, kind: str, name: str, body: str, source: str = "Sổ cũ") -> None:
    """A record written straight into the store, as an older version could have left it."""
    store.put_import(kind=kind, name=name, filename=name, body=body, meta={"source": source})


def test_stored_bad_rows_are_skipped_and_listed_for_the_notice(store: Store, atlas) -> None:
    multi = gpd.GeoDataFrame(
        {"marker_number": ["405"]},
        geometry=[shapely.MultiPoint([(104.08, 19.47), (104.09, 19.48)])],
        crs=4326,
    )
    line = gpd.GeoDataFrame(
        {"name": ["Đường *x*", "Trạm tốt"]},
        geometry=[shapely.LineString([(104.6, 20.2), (104.7, 20.3)]), shapely.Point(104.6, 20.3)],
        crs=4326,
    )
    _put(store, kind="markers", name="moc_cu.geojson", body=multi.to_json())
    _put(store, kind="poi", name="tram_cu.geojson", body=line.to_json())
    _put(store, kind="poi", name="hong.geojson", body="{not json at all")
    joined = apply.join_imports(atlas, store)
    markers_layer = joined.atlas.get("markers")
    assert len(markers_layer) == len(atlas.get("markers"))
    sites_layer = joined.atlas.get("sites")
    assert sites_layer.loc[sites_layer["category"] == "user_poi", "name"].tolist() == ["Trạm tốt"]
    by_name = {item.name: item for item in joined.unshown}
    assert set(by_name) == {"moc_cu.geojson", "tram_cu.geojson", "hong.geojson"}
    assert "2 positions" in by_name["moc_cu.geojson"].reason("en")
    assert by_name["tram_cu.geojson"].features == 1
    assert "is a line" in by_name["tram_cu.geojson"].reason("en")
    assert "incident" in by_name["hong.geojson"].reason("en")
    assert "mã sự cố" in by_name["hong.geojson"].reason("vi")
    # the map's drawing functions take the joined layers
    from ui import webmap
    from ui.import_notices import notice_lines

    overlays = webmap.prepare_overlays(
        {"markers": markers_layer, "sites": sites_layer[sites_layer.geometry.notna()]}
    )
    bounds = ((19.0, 103.8), (20.6, 105.2))
    html = webmap.base_map(bounds=bounds, overlays=overlays).get_root().render()
    assert "AttributeError" not in html
    lines = notice_lines(joined.unshown, lang="vi")
    assert lines[0] == "3 lớp nhập không hiển thị được (đã ghi nhật ký):"
    assert any(line.startswith("tram_cu.geojson — 1 đối tượng không hiển thị") for line in lines)


def test_a_join_that_raises_leaves_the_layer_as_it_was(store: Store, atlas, monkeypatch) -> None:
    good = gpd.GeoDataFrame(
        {"marker_number": ["405"]}, geometry=[shapely.Point(104.08, 19.47)], crs=4326
    )
    _put(store, kind="markers", name="moc.geojson", body=good.to_json())

    def broken(layer, surveyed, *, source):
        raise AttributeError("'MultiPoint' object has no attribute 'y'")

    monkeypatch.setattr(apply.markers, "with_surveyed_positions", broken)
    joined = apply.join_imports(atlas, store)
    assert joined.atlas.get("markers") is atlas.get("markers")
    (item,) = joined.unshown
    assert item.name == "moc.geojson" and "MultiPoint" not in item.reason("en")
    assert "incident" in item.reason("en")


GDAL_WORDS = ("/tmp", "sqlite", "select ", "gdal", "ogr", "driver", "not recognized", "failed to")


@pytest.mark.parametrize(
    ("data", "filename", "english"),
    [
        (
            b'{"type": "FeatureCollection", "features": [',
            "broken.geojson",
            "syntax error at line 1",
        ),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "anh.geojson", "is an image (PNG)"),
        (bytes(range(256)) * 8, "random.gpkg", "is not a GeoPackage"),
        (b"SQLite format 3\x00" + bytes(range(256)) * 8, "corrupt.gpkg", "GeoPackage is damaged"),
        (b"%PDF-1.7\n" + b"x" * 100, "ban_do.kml", "is a document (PDF)"),
        (b"<kml><Placemark>", "cut.kml", "broken XML"),
        (b"\x00\x00\x27\x0a" + b"\x00" * 40, "cut.geojson", "is not JSON"),
    ],
)
def test_reader_failures_speak_the_users_language(data: bytes, filename: str, english: str) -> None:
    with pytest.raises(UserInputError) as raised:
        layer_reader.read_layer(data, filename=filename)
    vi, en = raised.value.message_vi, raised.value.message_en
    assert english in en, en
    assert vi != en and any(ch in vi for ch in "ệảờđ")
    for text in (vi, en):
        assert not any(word in text.lower() for word in GDAL_WORDS), text


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE kml [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&d;</name>
<Point><coordinates>104.6,20.3</coordinates></Point></Placemark></kml>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&secret;</name>
<Point><coordinates>104.6,20.3</coordinates></Point></Placemark></kml>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "external"])
def test_kml_entities_are_refused_before_gdal_reads_them(data: bytes, monkeypatch) -> None:
    def never(*args, **kwargs):
        raise AssertionError("GDAL must not read a KML that declares entities")

    monkeypatch.setattr(layer_reader.pyogrio, "read_dataframe", never)
    with pytest.raises(UserInputError) as raised:
        layer_reader.read_layer(data, filename="bom.kml")
    assert "entities" in raised.value.message_en and "thực thể" in raised.value.message_vi
    assert "passwd" not in raised.value.message_en


def test_heights_are_dropped_and_said(tmp_path: Path) -> None:
    point = {"type": "Point", "coordinates": [104.62, 20.29, 850.0]}
    data = _geojson([{"type": "Feature", "properties": {"so": "Trạm"}, "geometry": point}])
    result = layer_reader.read_layer(data, filename="z.geojson")
    assert not result.frame.geometry.has_z.any()
    assert ("layer.z_dropped", {"n": 1}) in result.notes


def test_a_layer_read_in_the_wrong_zone_is_warned_about_before_saving(communes_2025) -> None:
    """Nghệ An TM-3 numbers read as Thanh Hóa's zone: about 26 km off, named, with the zone."""
    data, _ = _ky_son_points(communes_2025, epsg=crs.NGHE_AN_TM3)
    loaded = layer_reader.read_layer(
        data, filename="moc.geojson", assumed_epsg=crs.THANH_HOA_TM3, areas=communes_2025
    )
    summaries = layer_reader.check_positions(loaded, communes=communes_2025)
    checked = len(loaded.frame)
    by_key = {summary.first.key: summary for summary in summaries}
    assert "position.likely_zone" in by_key, [s.message("en") for s in summaries]
    likely = by_key["position.likely_zone"]
    assert likely.first.likely_epsg == crs.NGHE_AN_TM3 and likely.checked == checked
    assert likely.count >= checked // 2
    assert f"{likely.count} of {checked} features checked" in likely.message("en")
    assert f"{likely.count} trên {checked} đối tượng" in likely.message("vi")
    right = layer_reader.read_layer(
        data, filename="moc.geojson", assumed_epsg=crs.NGHE_AN_TM3, areas=communes_2025
    )
    assert layer_reader.check_positions(right, communes=communes_2025) == []


def test_the_map_and_planner_pages_say_which_stored_import_they_leave_off(own_user_store) -> None:
    """Through AppTest: a MultiPoint marker written straight to the store, as an older version
    could have left it; both pages run without an exception and show the notice."""
    from streamlit.testing.v1 import AppTest

    from userdata.store import default_path

    frame = gpd.GeoDataFrame(
        {"marker_number": ["405"]},
        geometry=[shapely.MultiPoint([(104.0834, 19.4742), (104.09, 19.48)])],
        crs=4326,
    )
    _put(Store(default_path()), kind="markers", name="moc *cu*.geojson", body=frame.to_json())
    app = AppTest.from_file(
        str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=180
    )
    app.run()
    for page in (None, "ui/views/planner.py"):
        if page:
            app.switch_page(page).run()
        assert not app.exception, app.exception
        assert any("1 lớp nhập không hiển thị được" in w.value for w in app.warning)
        lines = [text.value for text in app.text]
        assert any(
            line.startswith("• moc *cu*.geojson — ") and "2 vị trí" in line for line in lines
        )
