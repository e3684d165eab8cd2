"""Lao provinces across the border: context only, labelled, never clicked.

GADM 4.1 level 1 (``boundaries/gadm41_LAO_1.json``; GADM licence, non-commercial use). Only the
provinces near the three areas are kept, clipped to a box around them (the three areas' bounds
widened by :data:`MARGIN_DEG`) and simplified (:data:`SIMPLIFY_DEG`). The geometry is each
province's outline as lines inside that box (so the box's own edges are never drawn as a
boundary), with a label point inside the province: the map draws a light outline and a name,
nothing to click. Names are GADM's ``NAME_1`` (its ``VARNAME_1`` is cut
short in this file, so it is not shown).

Examples
--------
>>> from geo.catalogue import Catalogue
>>> from layers.registry import build_atlas
>>> lao = build_atlas(catalogue=Catalogue.load()).get("lao_provinces")
>>> "Savannakhet" in set(lao["name"]), bool(lao["label_en"].str.endswith("(Laos)").all())
(True, True)
"""

from __future__ import annotations

import geopandas as gpd
import shapely

from geo.catalogue import Catalogue
from geo.vocabulary import WGS84
from i18n.messages import EN, VI, message
from layers.schema import LayerSchema

MARGIN_DEG = 0.6
"""How far past the three areas' bounds (degrees) the Lao provinces are kept."""
SIMPLIFY_DEG = 0.005
"""Simplification tolerance of the outlines (degrees, ≈ 500 m): context, not boundaries."""
SOURCE = "GADM 4.1 (gadm.org), level 1 — GADM licence, non-commercial use"

SCHEMA = LayerSchema(
    name="lao_provinces",
    description="Lao provinces across the border (GADM 4.1, context only)",
    geometry_types=("LineString", "MultiLineString"),
    columns={
        "name": "str",
        "label_vi": "str",
        "label_en": "str",
        "label_lat": "float",
        "label_lon": "float",
        "source": "str",
        "precision": "str",
    },
)


def build(*, catalogue: Catalogue, communes_2025: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The Lao provinces near the three areas, clipped, simplified and labelled.

    Parameters
    ----------
    catalogue
        The data catalogue (key ``lao_provinces``).
    communes_2025
        The three areas' communes: their bounds, widened by :data:`MARGIN_DEG`, clip the
        provinces.
    """
    raw = catalogue.read_vector("lao_provinces")
    west, south, east, north = communes_2025.to_crs(WGS84).total_bounds
    box = shapely.box(west - MARGIN_DEG, south - MARGIN_DEG, east + MARGIN_DEG, north + MARGIN_DEG)
    simplified = shapely.simplify(raw.geometry.to_numpy(), SIMPLIFY_DEG, preserve_topology=True)
    areas = [_polygons(geom) for geom in shapely.make_valid(shapely.intersection(simplified, box))]
    keep = [geom is not None and not geom.is_empty for geom in areas]
    names = raw["NAME_1"].astype(str).to_numpy()[keep]
    anchors = [
        geom.representative_point() for geom, wanted in zip(areas, keep, strict=True) if wanted
    ]
    outlines = shapely.line_merge(shapely.intersection(shapely.boundary(simplified[keep]), box))
    kept = [_lines(geom) for geom in outlines]
    frame = gpd.GeoDataFrame(
        {
            "name": names,
            "label_vi": [message("lao.province", VI, name=name) for name in names],
            "label_en": [message("lao.province", EN, name=name) for name in names],
            "label_lat": [point.y for point in anchors],
            "label_lon": [point.x for point in anchors],
            "source": SOURCE,
            "precision": "gadm_boundary",
        },
        geometry=kept,
        crs=WGS84,
    )
    return SCHEMA.validate(frame.sort_values("name", ignore_index=True))


def _lines(geom: shapely.Geometry) -> shapely.Geometry:
    """The line part of a clipped outline, as one (Multi)LineString."""
    if geom.geom_type in ("LineString", "MultiLineString"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type == "LineString"]
    return shapely.MultiLineString(parts)


def _polygons(geom: shapely.Geometry) -> shapely.Geometry | None:
    """The polygonal part of a clipped outline (clipping can leave lines or points)."""
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else None
