"""Border markers (mốc quốc giới) known by number and place.

No marker has public coordinates. A marker known only by its place is shown at that place (its
border gate, or its commune's point: see :mod:`layers.points`) with ``precision`` ``at_gate``
or ``commune_seat`` ("placed at its commune's point, not its own position").
Surveyed coordinates imported by an authorised user replace those positions through
:func:`with_surveyed_positions`, which sets ``precision`` to ``surveyed``.
"""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd

from geo.catalogue import Catalogue
from layers.points import place_rows, point_schema

SCHEMA = point_schema(
    "markers", description="Border markers (mốc quốc giới)", extra={"marker_number": "str"}
)

_NUMBER = re.compile(r"(\d{1,4}(?:\(\d\))?)")


def marker_number(text: str) -> str:
    """Return the marker number written in ``text``: ``"Mốc quốc giới 606(1)"`` → ``"606(1)"``.

    Examples
    --------
    >>> marker_number("Mốc quốc giới 422 (đỉnh Pu Xai Lai Leng)")
    '422'
    >>> marker_number("mốc 606 (1)")
    '606(1)'
    """
    found = _NUMBER.search(str(text).replace(" (", "("))
    return found.group(1) if found else ""


def build(
    *, catalogue: Catalogue, communes_2025: gpd.GeoDataFrame, gates: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Build the markers layer from ``points/border_markers.csv``."""
    rows = pd.read_csv(catalogue.path("border_markers"), dtype={"lat": float, "lon": float})
    frame = place_rows(rows, communes_2025=communes_2025, gates=gates)
    frame["marker_number"] = frame["name"].map(marker_number)
    return SCHEMA.validate(frame)


def with_surveyed_positions(
    markers: gpd.GeoDataFrame, surveyed: gpd.GeoDataFrame, *, source: str
) -> gpd.GeoDataFrame:
    """Replace marker positions by surveyed points matched on ``marker_number``.

    ``surveyed`` has a ``marker_number`` column (or a ``name`` from which the number is read)
    and Point geometries in WGS 84. Surveyed markers unknown to the layer are added as new rows.
    """
    surveyed = surveyed.copy()
    if "marker_number" not in surveyed.columns:
        surveyed["marker_number"] = surveyed["name"].map(marker_number)
    result = markers.copy()
    for row in surveyed.itertuples(index=False):
        number = str(row.marker_number)
        point = row.geometry
        values = {
            "lat": float(point.y),
            "lon": float(point.x),
            "precision": "surveyed",
            "method": "surveyed",
            "source": source,
            "geometry": point,
        }
        hit = result["marker_number"] == number
        if hit.any():
            for column, value in values.items():
                result.loc[hit, column] = value
        else:
            new = {column: "" for column in SCHEMA.columns}
            new.update(values)
            new.update(
                {
                    "id": f"mk_import_{number}",
                    "name": f"Mốc quốc giới {number}",
                    "category": "border_marker",
                    "marker_number": number,
                    "confidence": "surveyed",
                    "placement_basis": "imported survey",
                }
            )
            result = pd.concat([result, gpd.GeoDataFrame([new], crs=result.crs)], ignore_index=True)
    return SCHEMA.validate(gpd.GeoDataFrame(result, geometry="geometry", crs=markers.crs))
