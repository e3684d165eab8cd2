"""Tourism and heritage sites: ``points/sites.csv`` and the site rows of ``facts_cited.csv``.

A site is placed at its own coordinate when its source publishes one (or it is an OSM node or a
road-junction estimate); otherwise at its commune's seat, marked ``commune_seat``. Site rows of
the cited facts never carry coordinates: they go to the seat of the commune the fact names, or,
when the fact names only a district, they are listed with ``precision`` ``not_placed`` and no
geometry (the page lists them; the map cannot draw them).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.catalogue import Catalogue
from geo.names import fold
from layers.points import place_rows, point_schema
from layers.schema import WGS84

SCHEMA = point_schema("sites", description="Tourism and heritage sites")


def _fact_sites(*, catalogue: Catalogue, communes_2025: gpd.GeoDataFrame) -> pd.DataFrame:
    from layers.facts import site_facts

    facts = site_facts(catalogue=catalogue)
    seats = communes_2025.set_index("code")
    records = []
    for fact in facts.itertuples(index=False):
        code = fact.commune_code_2025 or ""
        placed = code in seats.index
        records.append(
            {
                "id": f"fact_{fact.fact_key}",
                "name": fact.site_name,
                "category": fact.site_category,
                "former_district": fact.former_district,
                "province": seats.loc[code, "province"] if placed else "",
                "commune_code": code,
                "lat": float(seats.loc[code, "seat_lat"]) if placed else np.nan,
                "lon": float(seats.loc[code, "seat_lon"]) if placed else np.nan,
                "precision": "commune_seat" if placed else "not_placed",
                "method": "text_only",
                "confidence": "cited",
                "source": fact.source_url,
                "note": fact.quote,
                "placement_basis": fact.placement_basis,
            }
        )
    return pd.DataFrame.from_records(records, columns=list(SCHEMA.columns))


def build(
    *, catalogue: Catalogue, communes_2025: gpd.GeoDataFrame, gates: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Build the sites layer; a cited site already in ``sites.csv`` is not added twice."""
    rows = pd.read_csv(catalogue.path("sites"), dtype={"lat": float, "lon": float})
    placed = place_rows(rows, communes_2025=communes_2025, gates=gates)
    facts = _fact_sites(catalogue=catalogue, communes_2025=communes_2025)
    known = [fold(name) for name in placed["name"]]
    is_new = [
        not any(fold(name) in other or other in fold(name) for other in known)
        for name in facts["name"]
    ]
    facts = facts.loc[is_new].drop_duplicates(subset=["name", "commune_code"])
    geometry = [
        shapely.Point(lon, lat) if not np.isnan(lat) else None
        for lat, lon in zip(facts["lat"], facts["lon"], strict=True)
    ]
    extra = gpd.GeoDataFrame(facts, geometry=geometry, crs=WGS84)
    frame = pd.concat([placed, extra], ignore_index=True)
    return SCHEMA.validate(gpd.GeoDataFrame(frame, geometry="geometry", crs=WGS84))
