"""National roads around the three areas (context and the planner's road legs).

Positions are good to a few hundred metres (checked at Na Mèo: the QL217 end lies 610 m from
the published gate). There are no local roads: the planner falls back to a detour factor.
"Tỉnh lộ 217" in the source is today's QL217, a national road (Quốc lộ 217): it is named
"QL217 (Tỉnh lộ 217 cũ)" and classed ``Quốc Gia`` like the other national roads (the source
still classes it ``Cấp Tỉnh``; the planner's national network already has it as ``Quốc Gia``).
"""

from __future__ import annotations

import geopandas as gpd

from geo.catalogue import Catalogue
from geo.citations import without_paths
from geo.vocabulary import WGS84
from layers.schema import LayerSchema

RENAMED = {"Tỉnh lộ 217": "QL217 (Tỉnh lộ 217 cũ)"}
"""Former provincial roads that are national roads today: source name → name shown."""
NATIONAL_CLASS = "Quốc Gia"
"""``road_class`` of national roads (a key of ``geo.settings.ROAD_CLASS_SPEED_KMH``)."""

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
    source_name = raw["ten"].astype(str)
    renamed = source_name.isin(list(RENAMED))
    road_class = raw["cap_duong"].astype(str).mask(renamed, NATIONAL_CLASS)
    frame = gpd.GeoDataFrame(
        {
            "name": source_name.replace(RENAMED),
            "road_class": road_class,
            "area": raw["clip_area"].astype(str),
            "caveat": f"{CAVEAT_VI} / {CAVEAT_EN}",
            "source": [without_paths(f"{text} (CC BY-SA 4.0)") for text in raw["source"]],
            "precision": "road_few_hundred_m",
        },
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    return SCHEMA.validate(frame)
