"""What users imported, read back from the store and joined to the layers the map shows.

* ``indicator`` imports: figures per commune with their year and the user's source. A figure
  for a standard indicator (e.g. the poverty rate) is the commune's own figure and takes the
  place of a district figure or an older one; other indicators join the indicator list.
  Figures for 2020–2025 communes are moved onto the 2025 communes through the crosswalk
  (:func:`layers.crosswalk.to_2025`, method stated on every row).
* ``zoning`` imports: official landslide zoning polygons, which take precedence over the
  derived commune classes (:func:`layers.risk.apply_official_zoning`).
* ``markers`` imports: surveyed border-marker coordinates
  (:func:`layers.markers.with_surveyed_positions`); for a principal the store withholds them
  from, their public version at commune level (:mod:`userdata.protect`).
* ``poi`` imports: the user's own points (health stations …), drawn with the sites.

The page writes imports through :func:`save_indicator` and :func:`save_layer`; a layer import
is saved only once joined to its layers exactly as the map joins them (:func:`check_join`) and
validated against their schema. Read back, every frame passes that check again
(:func:`join_imports`): a feature or import that does not fit is left off the map, logged, and
listed (:class:`Unshown`) for the pages' notice; no stored row can take a page down.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import shapely

from geo import incidents
from geo.errors import SchemaError, UserInputError
from geo.names import fold
from geo.vocabulary import WGS84
from i18n.messages import message
from i18n.numbers import format_datetime
from layers import crosswalk, markers, risk, sites
from layers.registry import Atlas
from layers.schema import LayerSchema
from userdata import protect
from userdata.store import Store

log = logging.getLogger(__name__)

ATTRIBUTE = {"zoning": "zone_class", "markers": "marker_number", "poi": "name"}
"""The one attribute a layer import keeps beside its geometry, by kind."""
SCHEMA_OF_KIND: dict[str, LayerSchema] = {
    "zoning": risk.SCHEMA,
    "markers": markers.SCHEMA,
    "poi": sites.SCHEMA,
}
"""The schema of the layer each kind of layer import joins."""


@dataclass(frozen=True)
class ImportedIndicator:
    """An indicator a user imported, shaped like :class:`layers.commune_view.Indicator`."""

    key: str
    label_vi: str
    label_en: str
    unit: str
    kind: str = "number"
    cited: bool = True


def _frame(body: bytes | str) -> gpd.GeoDataFrame:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return gpd.read_file(io.BytesIO(data))


def records(store: Store, kind: str) -> list[dict]:
    """Imports of ``kind`` with their body."""
    return [store.get_import(row["id"]) for row in store.list_imports(kind)]


def custom_indicators(store: Store, standard: set[str]) -> list[ImportedIndicator]:
    """Imported indicators that are not one of the standard ones."""
    seen: dict[str, ImportedIndicator] = {}
    for row in store.list_imports("indicator"):
        meta = row["meta"] if isinstance(row["meta"], dict) else {}
        if "key" in meta and meta["key"] not in standard:
            seen[meta["key"]] = ImportedIndicator(
                meta["key"], *[str(meta.get("label") or meta["key"])] * 2, meta.get("unit", "")
            )
    return list(seen.values())


def indicator_values(
    store: Store, *, edition: str, weights: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Per indicator key: ``code, value, year, source, note`` for the communes of ``edition``."""
    result: dict[str, list[pd.DataFrame]] = {}
    for record in records(store, "indicator"):
        try:
            _indicator_rows(record, edition=edition, weights=weights, into=result)
        except Exception as problem:  # a damaged record is left out (logged), never the page
            incidents.record(problem, where=f"userdata.apply: indicator {record['name']!r}")
    return {
        key: pd.concat(parts).dropna(subset=["value"]).drop_duplicates("code", keep="last")
        for key, parts in result.items()
    }


def _indicator_rows(
    record: dict, *, edition: str, weights: pd.DataFrame, into: dict[str, list[pd.DataFrame]]
) -> None:
    meta = record["meta"]
    rows = pd.DataFrame(json.loads(record["body"]))
    if not rows.empty:
        note = (
            f"nhập bởi {record['loaded_by'] or '?'} lúc "
            f"{format_datetime(record['loaded_at'], lang='vi')} "
            f"từ {record['filename']}"
        )
        if meta["edition"] == edition:
            moved = rows.assign(note=rows["note"].fillna("") if "note" in rows else "")
        elif meta["edition"] == "2024" and edition == "2025":
            moved, method_vi, _ = crosswalk.to_2025(
                rows.assign(indicator=meta["key"]), weights=weights, kind=meta.get("kind", "rate")
            )
            moved["note"] = (moved["note"] + "; " + method_vi).str.strip("; ")
        else:
            return
        moved = moved.rename(columns={"unit_code": "code"})
        moved["source"] = meta["source"]
        moved["note"] = moved["note"] + ("; " if len(moved) else "") + note
        into.setdefault(meta["key"], []).append(moved[["code", "value", "year", "source", "note"]])


# -- writing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    """What :func:`save_layer` stored: the import's id, its features, the ones it dropped (both
    languages) and notes ``(key, values)`` on what it changed (multi-points split)."""

    import_id: str
    features: int
    problems: list[str] = field(default_factory=list)
    notes: list[tuple[str, dict[str, object]]] = field(default_factory=list)


def _pair(key: str, **values: object) -> tuple[str, str]:
    return message(key, "vi", **values), message(key, "en", **values)


def _both(key: str, **values: object) -> str:
    return " / ".join(_pair(key, **values))


def _source(source: str | None) -> str:
    if not source or not source.strip():
        raise UserInputError.of("upload.need_source")
    return source.strip()


def indicator_key(label: str) -> str:
    """The key of an indicator the user names: ``u_`` and the name folded.

    Examples
    --------
    >>> indicator_key("Số trạm y tế")
    'u_so_tram_y_te'
    """
    return "u_" + "".join(ch if ch.isalnum() else "_" for ch in fold(label))


def save_indicator(
    store: Store,
    *,
    rows: pd.DataFrame,
    key: str,
    label: str,
    unit: str,
    edition: str,
    source: str,
    kind: str,
    filename: str | None,
) -> str:
    """Store matched indicator rows (``unit_code, unit_name_input, value, year``); their id.

    ``edition`` is the communes the codes belong to (``"2025"`` or ``"2024"``); ``kind`` is
    ``"rate"`` or ``"count"`` (how figures are combined when communes merge).
    """
    if edition not in ("2025", "2024") or kind not in ("rate", "count"):
        raise ValueError(f"edition {edition!r} / kind {kind!r}: expected 2025|2024, rate|count")
    meta = {
        "key": key,
        "label": label or key,
        "unit": unit,
        "edition": edition,
        "source": _source(source),
        "kind": kind,
    }
    kept = ["unit_code", "unit_name_input", "value", "year", *(["note"] if "note" in rows else [])]
    body = rows[kept].to_json(orient="records", force_ascii=False)
    return store.put_import(
        kind="indicator", name=label or key, filename=filename, body=body, meta=meta
    )


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


_GEOMETRY_WORDS = (
    dict.fromkeys(("Point", "MultiPoint"), "point")
    | dict.fromkeys(("LineString", "MultiLineString", "LinearRing"), "line")
    | {"Polygon": "polygon", "MultiPolygon": "polygon", "GeometryCollection": "collection"}
)


def _wrong_geometry(row: int, found: str, *, kind: str) -> tuple[str, str]:
    """Why feature ``row`` of geometry type ``found`` cannot join a layer of ``kind``."""
    need = "layer.need.polygons" if kind == "zoning" else "layer.need.points"
    word = f"layer.geom.{_GEOMETRY_WORDS.get(found, 'other')}"
    vi, en = (
        message(
            "layer.row_wrong_geometry",
            lang,
            row=row,
            need=message(need, lang),
            found=f"{message(word, lang, kind=found)} ({found})",
        )
        for lang in ("vi", "en")
    )
    return vi, en


def _polygons_of(collection: shapely.Geometry) -> shapely.Geometry:
    """The polygons of a geometry collection as one geometry (the collection if it has none)."""
    parts = [p for p in shapely.get_parts(collection) if p.geom_type.endswith("Polygon")]
    return shapely.union_all(parts) if parts else collection


def prepare_geometries(
    frame: gpd.GeoDataFrame, *, kind: str
) -> tuple[gpd.GeoDataFrame, list[tuple[str, dict[str, object]]]]:
    """``frame`` with the geometries its layer can take made so, and notes ``(key, values)``.

    For points (``poi``), a MultiPoint of n parts becomes n features with the same
    attributes; for every point kind a one-part MultiPoint becomes its point (a marker of
    several parts is left for :func:`usable_features` to refuse with the reason). For zoning,
    a GeometryCollection keeps its polygons. Nothing else changes.

    Examples
    --------
    >>> import shapely
    >>> frame = gpd.GeoDataFrame({"name": ["Trạm"]},
    ...     geometry=[shapely.MultiPoint([(104.6, 20.3), (104.7, 20.4)])], crs=4326)
    >>> split, notes = prepare_geometries(frame, kind="poi")
    >>> split["name"].tolist(), list(split.geom_type), notes
    (['Trạm', 'Trạm'], ['Point', 'Point'], [('layer.multipoint_split', {'n': 1, 'parts': 2})])
    """
    notes: list[tuple[str, dict[str, object]]] = []
    if not len(frame):
        return frame, notes
    types = frame.geometry.geom_type
    if kind in ("poi", "markers"):
        multi = types == "MultiPoint"
        parts = shapely.get_num_geometries(frame.geometry.array)
        split = multi & ((parts == 1) | (kind == "poi"))
        if split.any():
            exploded = frame[split].explode(index_parts=False)
            frame = pd.concat([frame[~split], exploded]).sort_index(kind="stable")
            frame = gpd.GeoDataFrame(frame, geometry="geometry", crs=exploded.crs)
            several = split & (parts > 1)
            if several.any():
                total = int(parts[several.to_numpy()].sum())
                notes.append(("layer.multipoint_split", {"n": int(several.sum()), "parts": total}))
    elif kind == "zoning" and (collections := types == "GeometryCollection").any():
        frame = frame.copy()
        frame.loc[collections, "geometry"] = [_polygons_of(g) for g in frame.geometry[collections]]
        notes.append(("layer.polygons_kept", {"n": int(collections.sum())}))
    return frame.reset_index(drop=True), notes


def usable_features(
    frame: gpd.GeoDataFrame, *, kind: str
) -> tuple[gpd.GeoDataFrame, list[tuple[str, str]]]:
    """The features of a layer import that can join its layer, and why the others cannot
    (each reason as ``(vietnamese, english)``).

    ``frame`` has the kind's attribute (:data:`ATTRIBUTE`) and a geometry. A feature needs a
    geometry of the type its layer's schema allows (a line or an area is refused for points,
    a point or a line for zoning, with the reason) and a non-empty attribute (for markers, a
    marker number that :func:`layers.markers.marker_number` can read; a marker of several
    positions is refused). Zoning classes must all be known: one wrong class refuses the
    file, since dropping polygons would change the map.

    Raises
    ------
    UserInputError
        When no feature is usable, or a zoning class is unknown.
    """
    attribute = ATTRIBUTE[kind]
    allowed = SCHEMA_OF_KIND[kind].geometry_types
    frame = frame.copy()
    frame[attribute] = frame[attribute].map(_text).str.strip() if len(frame) else ""
    keep: list[bool] = []
    problems: list[tuple[str, str]] = []
    for position, (value, geometry) in enumerate(
        zip(frame[attribute], frame.geometry, strict=True), start=1
    ):
        problem = None
        if geometry is None or geometry.is_empty:
            problem = _pair("upload.row_no_geometry", row=position)
        elif kind == "markers" and geometry.geom_type == "MultiPoint":
            parts = shapely.get_num_geometries(geometry)
            problem = _pair("layer.row_multipoint_marker", row=position, text=value, parts=parts)
        elif (found := geometry.geom_type) not in allowed:
            problem = _wrong_geometry(position, found, kind=kind)
        elif kind == "poi" and not value:
            problem = _pair("upload.row_no_name", row=position)
        elif kind == "markers" and not markers.marker_number(value):
            problem = _pair("upload.row_no_marker_number", row=position, text=value)
        elif kind == "zoning":
            risk.zone_class(value)  # raises with the accepted classes
        keep.append(problem is None)
        if problem:
            problems.append(problem)
    usable = frame.loc[pd.Series(keep, index=frame.index, dtype=bool)]
    if usable.empty:
        reasons_vi = "; ".join(vi for vi, _ in problems[:5])
        reasons_en = "; ".join(en for _, en in problems[:5])
        raise UserInputError(
            message("upload.no_rows", "vi", reasons=reasons_vi),
            message("upload.no_rows", "en", reasons=reasons_en),
        )
    if kind == "markers":
        usable = usable.assign(marker_number=usable[attribute].map(markers.marker_number))
    return usable.reset_index(drop=True), problems


# -- joining: one description of how an import joins its layers, for saving and for the map -----


Build = Callable[[gpd.GeoDataFrame], gpd.GeoDataFrame]


def _joins(
    kind: str, usable: gpd.GeoDataFrame, *, name: str
) -> list[tuple[str, LayerSchema, Build]]:
    """``(layer name, schema, build)`` for each layer the usable features of an import join
    (``usable`` has a ``source`` column)."""
    source = str(usable["source"].iloc[0])
    if kind == "zoning":
        zones = gpd.GeoDataFrame(usable[["zone_class", "source", "geometry"]], crs=WGS84)
        build = lambda base: risk.apply_official_zoning(base, zones)  # noqa: E731
        return [("risk_2025", risk.SCHEMA, build), ("risk_2024", risk.SCHEMA, build)]
    if kind == "markers":
        build = lambda base: markers.with_surveyed_positions(base, usable, source=source)  # noqa: E731
        return [("markers", markers.SCHEMA, build)]
    build = lambda base: gpd.GeoDataFrame(  # noqa: E731
        pd.concat([base, _site_rows(usable, source=source, name=name)], ignore_index=True),
        geometry="geometry",
        crs=base.crs,
    )
    return [("sites", sites.SCHEMA, build)]


def check_join(
    atlas: Atlas, *, kind: str, usable: gpd.GeoDataFrame, source: str, name: str
) -> None:
    """Build every layer the import joins, as the map will, and validate it against its schema.

    Raises
    ------
    UserInputError
        ``layer.would_break`` (with an incident id, the details logged) when a joined layer
        cannot be built or does not match its schema: such an import is never saved.
    """
    for layer, schema, build in _joins(kind, usable.assign(source=source), name=name):
        if not atlas.available(layer):
            continue
        try:
            joined = schema.validate(build(atlas.get(layer)))
            if len(joined) and not shapely.is_valid(joined.geometry.dropna().array).all():
                raise SchemaError(f"invalid geometries in the joined layer {layer!r}")
        except UserInputError:
            raise
        except Exception as error:  # whatever would break the map is refused here, logged
            code = incidents.record(error, where=f"userdata.apply.check_join({layer})")
            raise UserInputError.of("layer.would_break", layer=layer, id=code) from None


def save_layer(
    store: Store,
    *,
    kind: str,
    frame: gpd.GeoDataFrame,
    column: str | None,
    source: str,
    filename: str,
    source_crs: str,
    atlas: Atlas | None = None,
    repaired: int = 0,
) -> Saved:
    """Store a layer import: ``column`` of ``frame`` (WGS 84) becomes the kind's attribute.

    The geometries are prepared (:func:`prepare_geometries`: multi-points split), checked
    as :func:`usable_features` says, and joined to the layers of ``atlas`` exactly as the
    map will join them (:func:`check_join`; without ``atlas``, points are checked as sites
    rows only): an import that would not fit its layer is refused, never stored. The store
    records its principal as the importer; a markers import also stores its public version
    (:func:`userdata.protect.public_body`: numbers and communes, no coordinate). Returns the
    id, the number of features kept, the reasons for the others and notes of the changes.
    """
    if kind not in SCHEMA_OF_KIND:
        raise UserInputError.of("upload.unknown_kind", kind=kind)
    meta_source = _source(source)
    if column is None or column not in frame.columns:
        raise UserInputError.of("upload.no_column", column=column or "")
    attribute = ATTRIBUTE[kind]
    out = gpd.GeoDataFrame(
        {attribute: frame[column].to_numpy()}, geometry=frame.geometry.to_numpy(), crs=frame.crs
    )
    out, notes = prepare_geometries(out, kind=kind)
    usable, pairs = usable_features(out, kind=kind)
    problems = [" / ".join(pair) for pair in pairs]
    if atlas is not None:
        check_join(atlas, kind=kind, usable=usable, source=meta_source, name=filename)
    elif kind == "poi":
        sites.SCHEMA.validate(_site_rows(usable, source=meta_source, name=filename))
    import_id = store.put_import(
        kind=kind,
        name=filename,
        filename=filename,
        body=usable.to_json(),
        public_body=protect.public_body(usable, atlas=atlas) if kind == "markers" else None,
        meta={
            "source": meta_source,
            "source_crs": source_crs,
            "features": len(usable),
            "repaired": repaired,
            "rejected": len(problems),
        },
    )
    return Saved(import_id, len(usable), problems, notes)


# -- reading back and joining -------------------------------------------------------------------


@dataclass(frozen=True)
class Unshown:
    """A stored import the map cannot show in full, why (both languages), and how many of its
    features are left off (``features``; 0 when the whole import is)."""

    name: str
    kind: str
    reason_vi: str
    reason_en: str
    features: int = 0

    def reason(self, lang: str) -> str:
        return self.reason_vi if lang == "vi" else self.reason_en


@dataclass(frozen=True)
class Joined:
    """The layers with the users' imports joined, and the imports left off (:class:`Unshown`)."""

    atlas: Atlas
    unshown: list[Unshown] = field(default_factory=list)
    withheld: int = 0
    """Surveyed-markers imports joined at commune level only (the store withheld positions)."""
    unpublished: int = 0
    """Of those, the ones with no public version (stored before it existed): nothing added."""


def _usable_record(record: dict, unshown: list[Unshown]) -> gpd.GeoDataFrame | None:
    """The usable features of a stored layer import, or None (logged, added to ``unshown``)."""
    kind, name = record["kind"], str(record["name"])
    try:
        source = _source(record["meta"].get("source"))
        frame = _frame(record["body"])
        if ATTRIBUTE[kind] not in frame.columns:
            raise UserInputError.of("upload.no_column", column=ATTRIBUTE[kind])
        usable, problems = usable_features(frame, kind=kind)
    except UserInputError as problem:
        log.warning("import %r (%s) not shown: %s", name, kind, problem)
        unshown.append(Unshown(name, kind, problem.message_vi, problem.message_en))
        return None
    except Exception as problem:  # a damaged body must not take the map down with it
        code = incidents.record(problem, where=f"userdata.apply: import {name!r} ({kind})")
        log.warning("import %r (%s) could not be read: incident %s", name, kind, code)
        unshown.append(Unshown(name, kind, *_pair("layer.unshown_damaged", id=code)))
        return None
    for _, en in problems:
        log.warning("import %r (%s): %s", name, kind, en)
    if problems:
        vi, en = (" · ".join(pair[lang] for pair in problems) for lang in (0, 1))
        unshown.append(Unshown(name, kind, vi, en, features=len(problems)))
    return usable.assign(source=source)


_SITE_CONSTANTS = {
    **dict.fromkeys(("former_district", "province", "commune_code", "note"), ""),
    **{"category": "user_poi", "precision": "user_import", "method": "user_import"},
    **{"confidence": "user", "placement_basis": "imported by a user"},
}


def _site_rows(points: gpd.GeoDataFrame, *, source: str, name: str) -> gpd.GeoDataFrame:
    """User points as rows of the sites layer (``id`` from the import name and position);
    anything but a point is left out (it cannot be a site)."""
    rows = [
        {
            **_SITE_CONSTANTS,
            **{"id": f"poi_{name}_{position}", "name": point_name, "source": source},
            **{"label_vi": point_name, "label_en": point_name, "geometry": geometry},
            **{"lat": float(geometry.y), "lon": float(geometry.x)},
        }
        for position, (point_name, geometry) in enumerate(
            zip(points["name"], points.geometry, strict=True)
        )
        if geometry is not None and geometry.geom_type == "Point"
    ]
    columns = [*sites.SCHEMA.columns, "geometry"]
    return gpd.GeoDataFrame(pd.DataFrame(rows, columns=columns), geometry="geometry", crs=WGS84)


def _join(
    layers: dict[str, gpd.GeoDataFrame],
    join: tuple[str, LayerSchema, Build],
    *,
    what: str,
    kind: str,
    unshown: list[Unshown],
) -> None:
    """Replace layer ``name`` by ``build(layer)`` if the result passes ``schema``; else keep it
    (logged, and the import added to ``unshown``)."""
    name, schema, build = join
    if name not in layers:
        return
    try:
        layers[name] = schema.validate(build(layers[name]))
    except Exception as problem:  # whatever the cause, the layer stays as it was
        code = incidents.record(problem, where=f"userdata.apply: joining {what!r} to {name}")
        log.warning(_both("upload.schema", name=what, layer=name, detail=f"incident {code}"))
        unshown.append(Unshown(what, kind, *_pair("layer.unshown_schema", layer=name, id=code)))


def _usable_records(read: list[dict], unshown: list[Unshown]) -> list[tuple[str, gpd.GeoDataFrame]]:
    """``(name, usable features)`` of each import read that has any."""
    found = [(str(record["name"]), _usable_record(record, unshown)) for record in read]
    return [(name, frame) for name, frame in found if frame is not None]


def join_imports(atlas: Atlas, store: Store) -> Joined:
    """A copy of ``atlas`` with official zoning, surveyed markers and user points applied, and
    the imports (or features) that could not be (logged, each with its reason)."""
    layers = dict(atlas.layers)
    unshown: list[Unshown] = []
    try:  # a withheld import (positions the principal may not see) joins by its public rows
        read = {kind: records(store, kind) for kind in ("zoning", "markers", "poi")}
        withheld = [record for record in read["markers"] if record.get("withheld")]
        read["markers"] = [record for record in read["markers"] if not record.get("withheld")]
        found = {kind: _usable_records(rows, unshown) for kind, rows in read.items()}
    except Exception as problem:  # the store itself cannot be read: the map shows no imports
        code = incidents.record(problem, where="userdata.apply.join_imports")
        return Joined(atlas, [Unshown("*", "*", *_pair("layer.unshown_damaged", id=code))])
    if found["zoning"]:
        what = ", ".join(name for name, _ in found["zoning"])
        official = pd.concat([frame for _, frame in found["zoning"]], ignore_index=True)
        for join in _joins("zoning", gpd.GeoDataFrame(official, crs=WGS84), name=what):
            _join(layers, join, what=what, kind="zoning", unshown=unshown)
    for kind in ("markers", "poi"):
        for name, usable in found[kind]:
            for join in _joins(kind, usable, name=name):
                _join(layers, join, what=name, kind=kind, unshown=unshown)
    unpublished = 0
    for record in withheld:
        build = protect.public_markers(record, communes_2025=layers.get("communes_2025"))
        unpublished += build is None
        if build is not None:
            join = ("markers", markers.SCHEMA, build)
            _join(layers, join, what=str(record["name"]), kind="markers", unshown=unshown)
    atlas = Atlas(layers=layers, errors=dict(atlas.errors))
    return Joined(atlas, unshown, withheld=len(withheld), unpublished=unpublished)


def apply_to_atlas(atlas: Atlas, store: Store) -> Atlas:
    """A copy of ``atlas`` with official zoning, surveyed markers and user points applied."""
    return join_imports(atlas, store).atlas
