"""River segments (ADB Greater Mekong Subregion atlas) for context.

Accuracy is 0.5–1 km and the data carries no river names: ``basin`` is the sub-basin, and the
source's ``name_inferred`` is a guess from shape that we show only as such.
"""

from __future__ import annotations

import geopandas as gpd

from geo.catalogue import Catalogue
from geo.vocabulary import WGS84
from layers.schema import LayerSchema

SCHEMA = LayerSchema(
    name="rivers",
    description="River segments (ADB GMS atlas), 0.5–1 km accuracy",
    geometry_types=("LineString", "MultiLineString"),
    columns={
        "basin": "str",
        "name_guess": "str",
        "strahler": "int",
        "area": "str",
        "source": "str",
        "precision": "str",
    },
)


def build(*, catalogue: Catalogue) -> gpd.GeoDataFrame:
    """Build the rivers layer from ``network/rivers.geojson``."""
    raw = catalogue.read_vector("rivers")
    frame = gpd.GeoDataFrame(
        {
            "basin": raw["Sub_Name"].astype(str),
            "name_guess": raw["name_inferred"].fillna("").astype(str),
            "strahler": raw["Strahler"].astype("int64"),
            "area": raw["clip_area"].astype(str),
            "source": raw["source"].astype(str) + " (no licence stated)",
            "precision": "river_coarse",
        },
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    return SCHEMA.validate(frame)
