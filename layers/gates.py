"""Border gates: Na Mèo, Nậm Cắn, Lao Bảo and the secondary gates known by name.

Na Mèo's coordinates are published (vi.wikipedia infobox); Nậm Cắn and Lao Bảo are estimated
where their national road (QL7, QL9) crosses the derived border line, 30 m inside Vietnam: the
road, not the checkpoint buildings, good to a few hundred metres. Secondary gates are known only
by commune and are shown at their commune's point (``commune_seat``: not their own position).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.catalogue import Catalogue
from layers.points import place_rows, point_schema

SCHEMA = point_schema("gates", description="Border gates (cửa khẩu)")


def build(*, catalogue: Catalogue, communes_2025: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Build the gates layer from ``points/border_gates.csv``."""
    rows = pd.read_csv(catalogue.path("border_gates"), dtype={"lat": float, "lon": float})
    return SCHEMA.validate(place_rows(rows, communes_2025=communes_2025))
