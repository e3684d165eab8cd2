"""The Vietnam–Laos border line along the three provinces.

It is DERIVED, not the official treaty line: the outer edge of the 2025 commune polygons that
lies within 3 km of GADM's outline of Laos (median 21–46 m from GADM's line, worst 2.7 km).
Every label of this layer says so.
"""

from __future__ import annotations

import geopandas as gpd

from geo.catalogue import Catalogue
from geo.vocabulary import WGS84
from layers.schema import LayerSchema

LABEL_VI = "Đường biên giới Việt – Lào (suy ra từ ranh giới xã, không phải đường biên chính thức)"
LABEL_EN = "Vietnam–Laos border (derived from commune boundaries, not the official treaty line)"

SCHEMA = LayerSchema(
    name="border",
    description=LABEL_EN,
    geometry_types=("MultiLineString", "LineString"),
    columns={
        "province": "str",
        "length_km": "float",
        "label_vi": "str",
        "label_en": "str",
        "source": "str",
        "precision": "str",
    },
)


def build(*, catalogue: Catalogue) -> gpd.GeoDataFrame:
    """Build the border layer from ``boundaries/border_vn_la.geojson``."""
    raw = catalogue.read_vector("border_line")
    frame = gpd.GeoDataFrame(
        {
            "province": raw["province"].astype(str),
            "length_km": raw["length_km"].astype(float),
            "label_vi": LABEL_VI,
            "label_en": LABEL_EN,
            "source": raw["source"].astype(str),
            "precision": "derived_line",
        },
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    return SCHEMA.validate(frame)
