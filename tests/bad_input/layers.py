"""Bad-input cases for layers (see :mod:`tests.bad_input`): every geometry kind for every layer
kind, multi-part, empty, invalid and 3D geometries, files in metres without a CRS, wrong zones,
swapped axes, corrupt containers, a KML entity bomb, and Markdown/HTML in attribute values.

Each check calls what the *Lớp bản đồ* tab calls: :func:`userdata.layer_reader.read_layer`, then
:func:`userdata.apply.save_layer` (with the built layers, as the page does), and reads the
result back through :func:`userdata.apply.join_imports`, as the map does.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

import geopandas as gpd
import shapely

from geo import crs
from geo.errors import UserInputError
from tests.bad_input import Case
from ui.import_notices import notice_lines
from ui.language import as_text
from userdata import apply, layer_reader
from userdata.store import Store

WHERE = (104.62, 20.29)
"""A point in Quan Sơn (Na Mèo)."""
NAM_CAN = (104.083399, 19.47417)
ATTRIBUTE_OF = {"markers": "Mốc 405", "poi": "Trạm y tế", "zoning": "cao"}
GEOMETRIES: dict[str, shapely.Geometry] = {
    "point": shapely.Point(*WHERE),
    "multipoint1": shapely.MultiPoint([WHERE]),
    "multipoint3": shapely.MultiPoint([WHERE, (104.63, 20.30), (104.64, 20.31)]),
    "line": shapely.LineString([WHERE, (104.7, 20.35)]),
    "multiline": shapely.MultiLineString([[WHERE, (104.7, 20.35)], [(104.5, 20.2), WHERE]]),
    "polygon": shapely.box(104.5, 20.2, 104.7, 20.4),
    "multipolygon": shapely.MultiPolygon(
        [shapely.box(104.5, 20.2, 104.6, 20.3), shapely.box(104.65, 20.3, 104.7, 20.4)]
    ),
    "collection": shapely.GeometryCollection(
        [shapely.box(104.5, 20.2, 104.7, 20.4), shapely.LineString([WHERE, (104.7, 20.35)])]
    ),
}
ACCEPTED = {
    "markers": {"point": 1, "multipoint1": 1},
    "poi": {"point": 1, "multipoint1": 1, "multipoint3": 3},
    "zoning": {"polygon": 1, "multipolygon": 1, "collection": 1},
}
"""Features stored per (layer kind, geometry kind); any other pair is refused with the reason."""
REFUSAL = {
    "markers": ("needs points", "cần điểm"),
    "poi": ("needs points", "cần điểm"),
    "zoning": ("needs areas", "cần vùng"),
}


def _geojson(features: list[tuple[dict, dict | None]], **extra: object) -> bytes:
    return json.dumps(
        {
            "type": "FeatureCollection",
            **extra,
            "features": [{"type": "Feature", "properties": p, "geometry": g} for p, g in features],
        }
    ).encode()


def _save(store: Store, atlas, frame: gpd.GeoDataFrame, *, kind: str, column: str = "so"):
    return apply.save_layer(
        store,
        kind=kind,
        frame=frame,
        column=column,
        source="Khảo sát (thử nghiệm)",
        filename=f"{kind}.geojson",
        source_crs="EPSG:4326",
        atlas=atlas,
    )


def _read_and_save(store: Store, atlas, data: bytes, *, kind: str, filename: str):
    loaded = layer_reader.read_layer(data, filename=filename, areas=atlas.get("communes_2025"))
    return loaded, _save(store, atlas, loaded.frame, kind=kind)


def _refused(call: Callable[[], object], *, english: str, vietnamese: str) -> UserInputError:
    try:
        call()
    except UserInputError as error:
        assert english in error.message_en, error.message_en
        assert vietnamese in error.message_vi, error.message_vi
        return error
    raise AssertionError(f"accepted, expected a refusal saying {english!r}")


def _no_leak(error: UserInputError) -> None:
    for text in (error.message_vi, error.message_en):
        lowered = text.lower()
        assert not any(w in lowered for w in ("/tmp", "sqlite", "gdal", "ogr", "select ")), text


def _geometry_case(kind: str, shape: str) -> Case:
    geometry = GEOMETRIES[shape]
    stored = ACCEPTED[kind].get(shape)

    def check(atlas, store: Store) -> None:
        data = _geojson([({"so": ATTRIBUTE_OF[kind]}, shapely.geometry.mapping(geometry))])
        if stored is None:
            english, vietnamese = REFUSAL[kind]
            if kind == "markers" and shape == "multipoint3":
                english, vietnamese = "has 3 positions", "có 3 vị trí"
            _refused(
                lambda: _read_and_save(store, atlas, data, kind=kind, filename="g.geojson"),
                english=english,
                vietnamese=vietnamese,
            )
            assert store.list_imports() == []
            return
        _, saved = _read_and_save(store, atlas, data, kind=kind, filename="g.geojson")
        assert saved.features == stored, saved
        joined = apply.join_imports(atlas, store)
        assert joined.unshown == [], joined.unshown

    outcome = f"stored as {stored} feature(s), drawn" if stored else "refused with the reason"
    return Case(f"layers.geometry.{kind}.{shape}", f"a {shape} in a {kind} layer", outcome, check)


def _empty_geometries(atlas, store: Store) -> None:
    data = _geojson(
        [({"so": "Trạm"}, None), ({"so": "Trạm 2"}, {"type": "Point", "coordinates": []})]
    )
    _refused(
        lambda: layer_reader.read_layer(data, filename="rong.geojson"),
        english="No feature has a usable geometry",
        vietnamese="Không đối tượng nào",
    )


def _invalid_polygon(atlas, store: Store) -> None:
    bowtie = {
        "type": "Polygon",
        "coordinates": [
            [[104.5, 20.2], [104.7, 20.4], [104.7, 20.2], [104.5, 20.4], [104.5, 20.2]]
        ],
    }
    loaded, saved = _read_and_save(
        store, atlas, _geojson([({"so": "cao"}, bowtie)]), kind="zoning", filename="v.geojson"
    )
    assert loaded.repaired == 1 and saved.features == 1
    assert apply.join_imports(atlas, store).unshown == []


def _points_3d(atlas, store: Store) -> None:
    point = {"type": "Point", "coordinates": [*WHERE, 912.5]}
    loaded, saved = _read_and_save(
        store, atlas, _geojson([({"so": "Trạm"}, point)]), kind="poi", filename="z.geojson"
    )
    assert ("layer.z_dropped", {"n": 1}) in loaded.notes and saved.features == 1


def _metres(epsg: int, points: list[tuple[float, float]]) -> bytes:
    features = []
    for lon, lat in points:
        northing, easting = crs.from_wgs84(lat, lon, epsg=epsg)
        features.append(({"so": "Mốc 405"}, {"type": "Point", "coordinates": [easting, northing]}))
    return _geojson(features)


def _ky_son(atlas) -> list[tuple[float, float]]:
    communes = atlas.get("communes_2025")
    inner = communes[communes["former_district"] == "Kỳ Sơn"].representative_point()
    return [(p.x, p.y) for p in inner]


def _projected_without_crs(atlas, store: Store) -> None:
    data = _metres(crs.NGHE_AN_TM3, _ky_son(atlas))
    try:
        layer_reader.read_layer(data, filename="tm3.geojson", areas=atlas.get("communes_2025"))
    except layer_reader.ProjectedCrsRequired as asked:
        likely = [c.epsg for c in asked.candidates if c.likely]
        assert asked.candidates[0].epsg == crs.NGHE_AN_TM3 and crs.QUANG_TRI_TM3 not in likely
        assert "mét" in asked.message_vi and "metres" in asked.message_en
    else:
        raise AssertionError("a GeoJSON in metres was read as degrees")
    loaded = layer_reader.read_layer(data, filename="tm3.geojson", assumed_epsg=crs.NGHE_AN_TM3)
    communes = atlas.get("communes_2025")
    ky_son = communes[communes["former_district"] == "Kỳ Sơn"].union_all()
    assert loaded.frame.geometry.within(ky_son).all()


def _wrong_zone(atlas, store: Store) -> None:
    """Nghệ An numbers read in Quảng Trị's zone: not marked likely, and they leave the areas."""
    data = _metres(crs.NGHE_AN_TM3, _ky_son(atlas))
    candidates = layer_reader.zone_candidates(
        gpd.read_file(io.BytesIO(data)),
        areas=atlas.get("communes_2025"),
    )
    by_epsg = {c.epsg: c for c in candidates}
    assert not by_epsg[crs.QUANG_TRI_TM3].likely and by_epsg[crs.QUANG_TRI_TM3].inside == 0
    assert by_epsg[crs.NGHE_AN_TM3].likely
    communes = atlas.get("communes_2025")
    for wrong in (crs.THANH_HOA_TM3, crs.QUANG_TRI_TM3):
        loaded = layer_reader.read_layer(data, filename="z.geojson", assumed_epsg=wrong)
        summaries = layer_reader.check_positions(loaded, communes=communes)
        assert summaries, f"no warning for Nghệ An numbers read in EPSG:{wrong}"
        named = {s.first.likely_epsg for s in summaries}
        assert crs.NGHE_AN_TM3 in named, [s.message("en") for s in summaries]


def _swapped_degrees(atlas, store: Store) -> None:
    data = _geojson([({"so": "Trạm"}, {"type": "Point", "coordinates": [WHERE[1], WHERE[0]]})])
    _refused(
        lambda: layer_reader.read_layer(data, filename="dao.geojson"),
        english="swapped",
        vietnamese="bị đảo",
    )


def _swapped_metres(atlas, store: Store) -> None:
    northing, easting = crs.from_wgs84(NAM_CAN[1], NAM_CAN[0], epsg=crs.NGHE_AN_TM3)
    data = _geojson([({"so": "Mốc"}, {"type": "Point", "coordinates": [northing, easting]})])
    _refused(
        lambda: layer_reader.read_layer(data, filename="xy.geojson", assumed_epsg=crs.NGHE_AN_TM3),
        english="swapped",
        vietnamese="bị đảo",
    )


def zip_of(members: dict[str, bytes]) -> bytes:
    """A zip archive holding ``members`` (name to bytes), deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _truncated_zip(atlas, store: Store) -> None:
    whole = zip_of({"layer.geojson": _geojson([({"so": "x"}, None)] * 50)})
    error = _refused(
        lambda: layer_reader.read_layer(whole[: len(whole) // 2], filename="cut.zip"),
        english="damaged",
        vietnamese="bị hỏng",
    )
    _no_leak(error)


def _zip_without_parts(atlas, store: Store) -> None:
    _refused(
        lambda: layer_reader.read_layer(zip_of({"layer.shp": b"x" * 100}), filename="shp.zip"),
        english="lacks .shx, .dbf",
        vietnamese="thiếu tệp .shx, .dbf",
    )
    _refused(
        lambda: layer_reader.read_layer(zip_of({"readme.txt": b"x"}), filename="none.zip"),
        english="holds no layer",
        vietnamese="không có lớp bản đồ",
    )


def _gpkg_random(atlas, store: Store) -> None:
    noise = bytes((i * 37 + 11) % 256 for i in range(4096))
    for data in (noise, b"SQLite format 3\x00" + noise):
        _no_leak(
            _refused(
                lambda data=data: layer_reader.read_layer(data, filename="hong.gpkg"),
                english="GeoPackage",
                vietnamese="GeoPackage",
            )
        )


def _kml_laughs(atlas, store: Store) -> None:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    data = (
        f'<?xml version="1.0"?><!DOCTYPE kml [{entities}]>'
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&l9;</name>'
        "<Point><coordinates>104.62,20.29</coordinates></Point></Placemark></kml>"
    ).encode()
    _refused(
        lambda: layer_reader.read_layer(data, filename="lol.kml"),
        english="entities",
        vietnamese="thực thể",
    )


def _png_renamed(atlas, store: Store) -> None:
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    _no_leak(
        _refused(
            lambda: layer_reader.read_layer(data, filename="anh.geojson"),
            english="image (PNG)",
            vietnamese="là ảnh (PNG)",
        )
    )


HOSTILE = "![x](http://host.invalid/x.png) <img src=x onerror=alert(1)> **đậm** $x$"


def _markdown_in_attributes(atlas, store: Store) -> None:
    data = _geojson([({"so": HOSTILE}, {"type": "Point", "coordinates": list(WHERE)})])
    _read_and_save(store, atlas, data, kind="poi", filename="md.geojson")
    layer = apply.join_imports(atlas, store).atlas.get("sites")
    (name,) = layer.loc[layer["category"] == "user_poi", "name"]
    assert name == HOSTILE, name
    escaped = as_text(name)
    assert "![x](" not in escaped and "**" not in escaped


def _markdown_in_a_stored_import_name(atlas, store: Store) -> None:
    line = gpd.GeoDataFrame(
        {"name": ["x"]}, geometry=[shapely.LineString([WHERE, (104.7, 20.35)])], crs=4326
    )
    store.put_import(
        kind="poi",
        name=HOSTILE,
        filename=None,
        body=line.to_json(),
        meta={"source": "cũ"},
    )
    joined = apply.join_imports(atlas, store)
    assert [item.name for item in joined.unshown] == [HOSTILE]
    _, item = notice_lines(joined.unshown, lang="vi")
    assert item.startswith(HOSTILE) and "![x](" not in as_text(item)


def _stored_multipoint_marker(atlas, store: Store) -> None:
    frame = gpd.GeoDataFrame(
        {"marker_number": ["405"]}, geometry=[shapely.MultiPoint([NAM_CAN, WHERE])], crs=4326
    )
    store.put_import(
        kind="markers",
        name="moc_cu.geojson",
        filename=None,
        body=frame.to_json(),
        meta={"source": "phiên bản cũ"},
    )
    joined = apply.join_imports(atlas, store)
    assert len(joined.atlas.get("markers")) == len(atlas.get("markers"))
    (item,) = joined.unshown
    assert "2 positions" in item.reason("en") and "2 vị trí" in item.reason("vi")


CASES: list[Case] = [
    *(_geometry_case(kind, shape) for kind in ACCEPTED for shape in GEOMETRIES),
    Case(
        "layers.empty_geometries",
        "features without geometry",
        "refused: none usable",
        _empty_geometries,
    ),
    Case(
        "layers.invalid_polygon",
        "a self-crossing zoning polygon",
        "repaired, stored",
        _invalid_polygon,
    ),
    Case("layers.points_3d", "points with heights", "heights dropped and said", _points_3d),
    Case(
        "layers.projected_no_crs",
        "a GeoJSON in TM-3 metres without a CRS",
        "asks for the zone, Nghệ An's likely; with it, lands in Kỳ Sơn",
        _projected_without_crs,
    ),
    Case(
        "layers.wrong_zone", "Nghệ An metres tried in Quảng Trị's zone", "not likely", _wrong_zone
    ),
    Case("layers.swapped_degrees", "latitude written first", "refused: swapped", _swapped_degrees),
    Case("layers.swapped_metres", "Y written before X", "refused: X/Y swapped", _swapped_metres),
    Case("layers.zip_truncated", "a zip cut in half", "refused: damaged", _truncated_zip),
    Case(
        "layers.zip_parts",
        "a zip without .shx/.dbf or any layer",
        "refused, parts named",
        _zip_without_parts,
    ),
    Case("layers.gpkg_random", "a .gpkg of random bytes", "refused, no SQL text", _gpkg_random),
    Case("layers.kml_laughs", "a KML billion-laughs bomb", "refused before GDAL", _kml_laughs),
    Case("layers.png_renamed", "a PNG named .geojson", "refused: an image, no path", _png_renamed),
    Case(
        "layers.markdown_attribute",
        "Markdown/HTML in a name",
        "stored as typed, shown as text",
        _markdown_in_attributes,
    ),
    Case(
        "layers.markdown_import_name",
        "Markdown in a stored import's name",
        "notice shows it as text",
        _markdown_in_a_stored_import_name,
    ),
    Case(
        "layers.stored_multipoint",
        "a MultiPoint marker written straight to the store",
        "skipped, listed",
        _stored_multipoint_marker,
    ),
]
