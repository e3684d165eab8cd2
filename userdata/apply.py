"""What users imported, read back from the store and joined to the layers the map shows.

* ``indicator`` imports: figures per commune with their year and the user's source. A figure
  for a standard indicator (e.g. the poverty rate) is the commune's own figure and takes the
  place of a district figure or an older one; other indicators join the indicator list.
  Figures for 2020–2025 communes are moved onto the 2025 communes through the crosswalk
  (:func:`userdata.tables.to_2025`, method stated on every row).
* ``zoning`` imports: official landslide zoning polygons, which take precedence over the
  derived commune classes (:func:`layers.risk.apply_official_zoning`).
* ``markers`` imports: surveyed border-marker coordinates
  (:func:`layers.markers.with_surveyed_positions`).
* ``poi`` imports: the user's own points (health stations …), drawn with the sites.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from layers.registry import Atlas
from userdata import tables
from userdata.store import Store

KINDS = ("indicator", "zoning", "markers", "poi")


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
            f"nhập bởi {record['loaded_by'] or '?'} lúc {record['loaded_at']} "
            f"từ {record['filename']}"
        )
        if meta["edition"] == edition:
            moved = rows.assign(note="")
        elif meta["edition"] == "2024" and edition == "2025":
            moved, method_vi, _ = tables.to_2025(
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


def zoning(store: Store) -> gpd.GeoDataFrame | None:
    """All imported official zoning polygons (``zone_class``, ``source``), or None."""
    frames = []
    for record in records(store, "zoning"):
        frame = _frame(record["body"])
        frame["source"] = record["meta"].get("source", record["filename"])
        frames.append(frame[["zone_class", "source", "geometry"]])
    if not frames:
        return None
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")


def apply_to_atlas(atlas: Atlas, store: Store) -> Atlas:
    """A copy of ``atlas`` with official zoning, surveyed markers and user points applied."""
    from layers import markers, risk

    layers = dict(atlas.layers)
    official = zoning(store)
    if official is not None:
        for name in ("risk_2025", "risk_2024"):
            if name in layers:
                layers[name] = risk.apply_official_zoning(layers[name], official)
    for record in records(store, "markers"):
        if "markers" in layers:
            layers["markers"] = markers.with_surveyed_positions(
                layers["markers"], _frame(record["body"]), source=record["meta"]["source"]
            )
    points = [
        _frame(record["body"]).assign(source=record["meta"]["source"], name_field=record["name"])
        for record in records(store, "poi")
    ]
    if points and "sites" in layers:
        extra = []
        for frame in points:
            for index, row in frame.iterrows():
                geometry = row.geometry
                if geometry is None or geometry.geom_type != "Point":
                    continue
                extra.append(
                    {
                        "id": f"poi_{row['name_field']}_{index}",
                        "name": str(row.get("name", row["name_field"])),
                        "category": "user_poi",
                        "former_district": "",
                        "province": "",
                        "commune_code": "",
                        "lat": geometry.y,
                        "lon": geometry.x,
                        "precision": "user_import",
                        "method": "user_import",
                        "confidence": "user",
                        "source": row["source"],
                        "note": "",
                        "placement_basis": "imported by a user",
                        "geometry": geometry,
                    }
                )
        if extra:
            layers["sites"] = gpd.GeoDataFrame(
                pd.concat([layers["sites"], gpd.GeoDataFrame(extra, crs="EPSG:4326")]),
                crs="EPSG:4326",
            )
    return Atlas(layers=layers, errors=dict(atlas.errors))
