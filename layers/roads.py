"""National roads around the three areas (context and the planner's road legs).

Positions are good to a few hundred metres (checked at Na Mèo: the QL217 end lies 610 m from
the published gate). There are no local roads: the planner falls back to a detour factor.
"Tỉnh lộ 217" in the source is today's QL217.
"""

from __future__ import annotations

import geopandas as gpd

from geo.catalogue import Catalogue
from geo.vocabulary import WGS84
from layers.schema import LayerSchema

CAVEAT_VI = "Vị trí sai số vài trăm mét; không có đường địa phương"
CAVEAT_EN = "Positions good to a few hundred metres; no local roads"

SCHEMA = LayerSchema(
    name="roads",
    description="National roads (QL217, QL7, QL9, Hồ Chí Minh road, QL14, QL15)",
    geometry_types=("LineString", "MultiLineString"),
    columns={
        "name": "str",
        "road_class": "str",
        "area": "str",
        "caveat": "str",
        "source": "str",
        "precision": "str",
    },
)


def build(*, catalogue: Catalogue) -> gpd.GeoDataFrame:
    """Build the roads layer from ``network/roads_national.geojson``."""
    raw = catalogue.read_vector("roads")
    name = raw["ten"].astype(str).str.replace("Tỉnh lộ 217", "QL217 (Tỉnh lộ 217 cũ)")
    frame = gpd.GeoDataFrame(
        {
            "name": name,
            "road_class": raw["cap_duong"].astype(str),
            "area": raw["clip_area"].astype(str),
            "caveat": f"{CAVEAT_VI} / {CAVEAT_EN}",
            "source": raw["source"].astype(str) + " (CC BY-SA 4.0)",
            "precision": "road_few_hundred_m",
        },
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    return SCHEMA.validate(frame)
