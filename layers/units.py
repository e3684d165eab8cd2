"""The 374 communes and wards of the three provinces (2025 edition): context around the areas.

``boundaries/units_2025_thanhhoa_nghean_quangtri.geojson`` (Thanh Hóa 166, Nghệ An 130,
Quảng Trị 78; the merger portal's geometry, its terms apply). The map draws them as thin
outlines with their name, type and province: where the three areas sit in their provinces.
Their figures (population, area) stay out: this layer is context; figures, with their
provenance, are those of the areas' communes.

The file is large (18 MB) and read only when a user asks for the layer (``ui.map_data``).

Examples
--------
>>> from geo.catalogue import Catalogue
>>> units = province_units(catalogue=Catalogue.load())
>>> len(units), sorted(units["province"].unique())
(374, ['Nghệ An', 'Quảng Trị', 'Thanh Hóa'])
>>> list(units.columns)
['code', 'name', 'type', 'province', 'geometry']
"""

from __future__ import annotations

import geopandas as gpd

from geo.catalogue import Catalogue
from geo.vocabulary import WGS84

CATALOGUE_KEY = "units_2025_provinces"
COLUMNS = ("code", "name", "type", "province")
"""What the map shows of a unit: who it is, not its figures."""


def province_units(*, catalogue: Catalogue) -> gpd.GeoDataFrame:
    """The 374 units of Thanh Hóa, Nghệ An and Quảng Trị: code, name, type, province."""
    frame = gpd.read_file(catalogue.path(CATALOGUE_KEY), columns=list(COLUMNS))
    frame["code"] = frame["code"].astype(str)
    return frame[[*COLUMNS, frame.geometry.name]].to_crs(WGS84)
