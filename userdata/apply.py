"""What users imported, read back from the store and joined to the layers the map shows.

* ``indicator`` imports: figures per commune with their year and the user's source. A figure
  for a standard indicator (e.g. the poverty rate) is the commune's own figure and takes the
  place of a district figure or an older one; other indicators join the indicator list.
  Figures for 2020–2025 communes are moved onto the 2025 communes through the crosswalk
  (:func:`layers.crosswalk.to_2025`, method stated on every row).
* ``zoning`` imports: official landslide zoning polygons, which take precedence over the
  derived commune classes (:func:`layers.risk.apply_official_zoning`).
* ``markers`` imports: surveyed border-marker coordinates
  (:func:`layers.markers.with_surveyed_positions`).
* ``poi`` imports: the user's own points (health stations …), drawn with the sites.

The page writes imports through :func:`save_indicator` and :func:`save_layer`, which check the
rows and store them in the format this module reads back. Every frame that joins a layer passes
that layer's ``SCHEMA.validate`` (:mod:`layers.sites`, :mod:`layers.markers`,
:mod:`layers.risk`): a feature without geometry, name or marker number is dropped with its
reason, and an import that still does not fit is left off the map (and logged), never joined
unvalidated.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geo.errors import SchemaError, UserInputError
from geo.names import fold
from geo.vocabulary import WGS84
from i18n.messages import message
from i18n.numbers import format_datetime
from layers import crosswalk, markers, risk, sites
from layers.registry import Atlas
from layers.schema import LayerSchema
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
        meta = row["meta"]
        if meta["key"] not in standard:
            seen[meta["key"]] = ImportedIndicator(
                meta["key"], meta["label"], meta["label"], meta.get("unit", "")
            )
    return list(seen.values())


def indicator_values(
    store: Store, *, edition: str, weights: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Per indicator key: ``code, value, year, source, note`` for the communes of ``edition``."""
    result: dict[str, list[pd.DataFrame]] = {}
    for record in records(store, "indicator"):
        meta = record["meta"]
        rows = pd.DataFrame(json.loads(record["body"]))
        if rows.empty:
            continue
        note = (
            f"nhập bởi {record['loaded_by'] or '?'} lúc "
            f"{format_datetime(record['loaded_at'], lang='vi')} "
            f"từ {record['filename']}"
        )
        if meta["edition"] == edition:
            moved = rows.assign(note="")
        elif meta["edition"] == "2024" and edition == "2025":
            moved, method_vi, _ = crosswalk.to_2025(
                rows.assign(indicator=meta["key"]), weights=weights, kind=meta.get("kind", "rate")
            )
            moved["note"] = (moved["note"] + "; " + method_vi).str.strip("; ")
        else:
            continue
        moved = moved.rename(columns={"unit_code": "code"})
        moved["source"] = meta["source"]
        moved["note"] = moved["note"] + ("; " if len(moved) else "") + note
        result.setdefault(meta["key"], []).append(
            moved[["code", "value", "year", "source", "note"]]
        )
    return {
        key: pd.concat(parts).dropna(subset=["value"]).drop_duplicates("code", keep="last")
        for key, parts in result.items()
    }


# -- writing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    """What :func:`save_layer` stored: the import's id, its features, and the ones it dropped."""

    import_id: str
    features: int
    problems: list[str] = field(default_factory=list)


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
    loaded_by: str | None,
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
    body = rows[["unit_code", "unit_name_input", "value", "year"]].to_json(
        orient="records", force_ascii=False
    )
    return store.put_import(
        kind="indicator",
        name=label or key,
        filename=filename,
        loaded_by=(loaded_by or "").strip() or None,
        body=body,
        meta=meta,
    )


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def usable_features(frame: gpd.GeoDataFrame, *, kind: str) -> tuple[gpd.GeoDataFrame, list[str]]:
    """The features of a layer import that can join its layer, and why the others cannot.

    ``frame`` has the kind's attribute (:data:`ATTRIBUTE`) and a geometry. A feature needs a
    geometry of the type its layer's schema allows and a non-empty attribute (for markers, a
    marker number that :func:`layers.markers.marker_number` can read). Zoning classes must all
    be known: one wrong class refuses the file, since dropping polygons would change the map.

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
        elif (found := geometry.geom_type) not in allowed:
            expected = ", ".join(allowed)
            problem = _pair(
                "upload.row_wrong_geometry", row=position, kind=found, expected=expected
            )
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
    return usable.reset_index(drop=True), [" / ".join(p) for p in problems]


def save_layer(
    store: Store,
    *,
    kind: str,
    frame: gpd.GeoDataFrame,
    column: str | None,
    source: str,
    filename: str,
    loaded_by: str | None,
    source_crs: str,
    repaired: int = 0,
) -> Saved:
    """Store a layer import: ``column`` of ``frame`` (WGS 84) becomes the kind's attribute.

    The features are checked as :func:`usable_features` says; points are also made into sites
    rows and validated against :data:`layers.sites.SCHEMA` before anything is stored. (Markers
    and zoning are validated against their layer's schema when they join, in
    :func:`apply_to_atlas`.) Returns the id, the number of features kept and the reasons for
    the others.
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
    usable, problems = usable_features(out, kind=kind)
    if kind == "poi":
        sites.SCHEMA.validate(_site_rows(usable, source=meta_source, name=filename))
    import_id = store.put_import(
        kind=kind,
        name=filename,
        filename=filename,
        loaded_by=(loaded_by or "").strip() or None,
        body=usable.to_json(),
        meta={
            "source": meta_source,
            "source_crs": source_crs,
            "features": len(usable),
            "repaired": repaired,
            "rejected": len(problems),
        },
    )
    return Saved(import_id, len(usable), problems)


# -- reading back and joining -------------------------------------------------------------------


def _usable_record(record: dict) -> gpd.GeoDataFrame | None:
    """The usable features of a stored layer import, or None (logged) when it has none."""
    kind, name = record["kind"], record["name"]
    try:
        source = _source(record["meta"].get("source"))
        frame = _frame(record["body"])
        if ATTRIBUTE[kind] not in frame.columns:
            raise UserInputError.of("upload.no_column", column=ATTRIBUTE[kind])
        usable, problems = usable_features(frame, kind=kind)
    except UserInputError as problem:
        log.warning("import %r (%s) not shown: %s", name, kind, problem)
        return None
    except Exception as problem:  # a damaged body must not take the map down with it
        log.warning("import %r (%s) could not be read: %s", name, kind, problem)
        return None
    for reason in problems:
        log.warning("import %r (%s): %s", name, kind, reason)
    return usable.assign(source=source)


def _site_rows(points: gpd.GeoDataFrame, *, source: str, name: str) -> gpd.GeoDataFrame:
    """User points as rows of the sites layer (``id`` from the import name and position)."""
    rows = [
        {
            "id": f"poi_{name}_{position}",
            "name": point_name,
            "label_vi": point_name,
            "label_en": point_name,
            "category": "user_poi",
            "former_district": "",
            "province": "",
            "commune_code": "",
            "lat": float(geometry.y),
            "lon": float(geometry.x),
            "precision": "user_import",
            "method": "user_import",
            "confidence": "user",
            "source": source,
            "note": "",
            "placement_basis": "imported by a user",
            "geometry": geometry,
        }
        for position, (point_name, geometry) in enumerate(
            zip(points["name"], points.geometry, strict=True)
        )
    ]
    columns = [*sites.SCHEMA.columns, "geometry"]
    return gpd.GeoDataFrame(pd.DataFrame(rows, columns=columns), geometry="geometry", crs=WGS84)


def _join(
    layers: dict[str, gpd.GeoDataFrame],
    name: str,
    schema: LayerSchema,
    build: Callable[[gpd.GeoDataFrame], gpd.GeoDataFrame],
    *,
    what: str,
) -> None:
    """Replace layer ``name`` by ``build(layer)`` if the result passes ``schema``; else keep it."""
    if name not in layers:
        return
    try:
        layers[name] = schema.validate(build(layers[name]))
    except (SchemaError, UserInputError) as problem:
        log.warning(_both("upload.schema", name=what, layer=name, detail=str(problem)))


def zoning(store: Store) -> gpd.GeoDataFrame | None:
    """All usable imported official zoning polygons (``zone_class``, ``source``), or None."""
    frames = [
        frame[["zone_class", "source", "geometry"]]
        for record in records(store, "zoning")
        if (frame := _usable_record(record)) is not None
    ]
    if not frames:
        return None
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs=WGS84)


def apply_to_atlas(atlas: Atlas, store: Store) -> Atlas:
    """A copy of ``atlas`` with official zoning, surveyed markers and user points applied."""
    layers = dict(atlas.layers)
    official = zoning(store)
    if official is not None:
        for name in ("risk_2025", "risk_2024"):
            _join(
                layers,
                name,
                risk.SCHEMA,
                lambda layer: risk.apply_official_zoning(layer, official),
                what="zoning",
            )
    for record in records(store, "markers"):
        surveyed = _usable_record(record)
        if surveyed is not None:
            _join(
                layers,
                "markers",
                markers.SCHEMA,
                lambda layer, s=surveyed: markers.with_surveyed_positions(
                    layer, s, source=str(s["source"].iloc[0])
                ),
                what=record["name"],
            )
    for record in records(store, "poi"):
        points = _usable_record(record)
        if points is not None:
            extra = _site_rows(points, source=str(points["source"].iloc[0]), name=record["name"])
            _join(
                layers,
                "sites",
                sites.SCHEMA,
                lambda layer, e=extra: gpd.GeoDataFrame(
                    pd.concat([layer, e], ignore_index=True), geometry="geometry", crs=layer.crs
                ),
                what=record["name"],
            )
    return Atlas(layers=layers, errors=dict(atlas.errors))
