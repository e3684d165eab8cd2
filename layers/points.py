"""Shared machinery of the point layers (gates, markers, sites): placing rows without inventing.

A row is placed at its own coordinate only when its source gives one that is a position
(published, an OSM node, a road-end or junction estimate). A row known only by place is shown
at that place — its border gate, or its commune's point — and its ``precision`` says so
(``at_gate``; ``commune_seat``, whose label reads "placed at its commune's point, not its own
position"). A commune's point is the seat point of the 2025 communes (``seat_lat``,
``seat_lon``; for most communes a GeoNames point of a former commune, not the office).
Machine-geocoded hints (``llm_geocoded_repo``) are not positions: such rows go to their
commune's point, and the hint is kept in ``note`` for a surveyor to check.

Where a text-only row lies (which commune, which gate) is the project's own reading of the
source text, kept with its reason in ``data/placements.csv``.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import settings
from geo.errors import DataFileError
from geo.vocabulary import WGS84
from i18n.messages import pair
from layers.schema import LayerSchema

PLACEMENTS_FILE = settings.PROJECT_DATA_DIR / "placements.csv"

METHOD_PRECISION = {
    "published": "published",
    "osm_node": "osm_node",
    "derived_road_endpoint": "road_end_estimate",
    "derived_road_intersection": "road_junction_estimate",
    "derived_road_border_crossing": "road_border_crossing_estimate",
}
"""Source ``method`` values that are positions, and the precision they give."""

POINT_COLUMNS = {
    "id": "str",
    "name": "str",
    "category": "str",
    "former_district": "str",
    "province": "str",
    "commune_code": "str",
    "lat": "float",
    "lon": "float",
    "precision": "str",
    "method": "str",
    "confidence": "str",
    "source": "str",
    "note": "str",
    "placement_basis": "str",
}


def point_schema(
    name: str, *, description: str, extra: dict[str, str] | None = None
) -> LayerSchema:
    """Schema shared by the point layers, with ``extra`` columns."""
    return LayerSchema(
        name=name,
        description=description,
        geometry_types=("Point",),
        columns={**POINT_COLUMNS, **(extra or {})},
    )


def read_placements(path: Path = PLACEMENTS_FILE) -> pd.DataFrame:
    """Read the project's placements table (id → commune, placement, gate, basis)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False).set_index("id")


def commune_of_points(lat: pd.Series, lon: pd.Series, communes_2025: gpd.GeoDataFrame) -> pd.Series:
    """Code of the 2025 commune containing each point ("" outside the three areas)."""
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs=WGS84, index=lat.index)
    joined = gpd.sjoin(points, communes_2025[["code", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated()]
    return joined["code"].fillna("").astype(str)


def place_rows(
    rows: pd.DataFrame,
    *,
    communes_2025: gpd.GeoDataFrame,
    gates: pd.DataFrame | None = None,
    placements: pd.DataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Place point rows read from a bundle CSV (columns as in ``points/*.csv``).

    Parameters
    ----------
    rows
        Rows with ``id, name, category, district_pre2025, province_pre2025, lat, lon,
        method, confidence, source, note``.
    communes_2025
        The 2025 communes: rows placed ``commune_seat`` stand on their ``seat_lat`` /
        ``seat_lon``; rows with their own position get the commune that contains them.
    gates
        Placed gates (``id, lat, lon``) for rows placed ``at_gate``.
    placements
        The placements table; read from ``data/placements.csv`` when omitted.
    """
    placements = read_placements() if placements is None else placements
    unplaced = sorted(set(rows["id"]) - set(placements.index))
    if unplaced:
        raise DataFileError(
            f"Rows {unplaced} have no entry in {PLACEMENTS_FILE}: add one saying in which "
            f"commune (and at which gate) the source puts them, or 'exclude'."
        )
    seats = communes_2025.set_index("code")[["seat_lat", "seat_lon"]]
    records = []
    for row in rows.itertuples(index=False):
        placement = placements.loc[row.id]
        how = placement["placement"]
        if how == "exclude":
            continue
        lat, lon, precision = np.nan, np.nan, ""
        commune_code = placement["commune_code_2025"]
        if how == "own":
            if row.method not in METHOD_PRECISION or pd.isna(row.lat):
                raise DataFileError(
                    f"Row {row.id} is placed 'own' in {PLACEMENTS_FILE} but its method "
                    f"'{row.method}' gives no position: place it 'commune_seat' (at its commune's "
                    "point) instead."
                )
            lat, lon, precision = float(row.lat), float(row.lon), METHOD_PRECISION[row.method]
        elif how == "at_gate":
            if gates is None or placement["at_gate"] not in set(gates["id"]):
                raise DataFileError(
                    f"Row {row.id} is placed at unknown gate {placement['at_gate']}"
                )
            gate = gates.set_index("id").loc[placement["at_gate"]]
            lat, lon, precision = float(gate["lat"]), float(gate["lon"]), "at_gate"
        elif how == "commune_seat":
            if commune_code not in seats.index:
                raise DataFileError(
                    f"Row {row.id} is placed 'commune_seat' in {PLACEMENTS_FILE} but names no "
                    f"2025 commune of the three areas ('{commune_code}')"
                )
            seat = seats.loc[commune_code]
            lat, lon, precision = float(seat["seat_lat"]), float(seat["seat_lon"]), "commune_seat"
        else:
            raise DataFileError(f"Unknown placement '{how}' for {row.id} in {PLACEMENTS_FILE}")
        note = str(row.note) if pd.notna(row.note) else ""
        if row.method == "llm_geocoded_repo" and pd.notna(row.lat):
            hint = " / ".join(pair("data.unverified_location_hint"))
            note = f"{note} [{hint}: {row.lat}, {row.lon}]".strip()
        records.append(
            {
                "id": row.id,
                "name": row.name,
                "category": row.category,
                "former_district": row.district_pre2025,
                "province": row.province_pre2025,
                "commune_code": commune_code,
                "lat": lat,
                "lon": lon,
                "precision": precision,
                "method": row.method,
                "confidence": row.confidence,
                "source": row.source,
                "note": note,
                "placement_basis": placement["basis"],
            }
        )
    frame = pd.DataFrame.from_records(records)
    missing_commune = (frame["commune_code"] == "") & (frame["precision"] != "")
    if missing_commune.any():
        inside = commune_of_points(
            frame.loc[missing_commune, "lat"], frame.loc[missing_commune, "lon"], communes_2025
        )
        frame.loc[missing_commune, "commune_code"] = inside
    return gpd.GeoDataFrame(
        frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=WGS84
    )
