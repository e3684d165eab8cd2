"""Communes in two editions: the 27 communes since 1 July 2025 and the 54 of 2020–2025.

What is attached per commune, and from where:

* ``population_2025`` and ``area_km2`` (official) — gis.vn metadata of the 2025 merger
  (2025 edition only; the 2024 edition has only the computed area).
* ``population_2019`` — the 2019 census, keyed by GADM ids: summed onto the 2024 units through
  their ``gadm_gids`` and onto the 2025 units through the crosswalk. Thị trấn Sơn Lư was split
  between the 2025 communes Quan Sơn and Tam Lư; its population is divided by the share of its
  area that falls in each (``population_2019_method`` says so on those rows). The weights are
  :func:`layers.crosswalk.transfer_weights`.
* ``is_border`` — the commune touches the derived border line (within 100 m for the 2025
  polygons it was derived from; 2024 GADM polygons are coarser, so a 1.5 km stretch of the
  line inside the polygon buffered by 300 m counts). This gives 7 / 10 / 11 border communes
  for Quan Sơn / Kỳ Sơn / Hướng Hóa against the official 6 / 11 / 11: GADM's coarse edges
  add Sơn Hà and miss Bắc Lý.
* ``border_distance_km`` — from the commune seat (2025 edition, seat rounded to ~100 m by the
  source) to the border line; missing for 2024 units, whose seats the bundle does not give.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.catalogue import Catalogue
from geo.vocabulary import METRIC_CRS, WGS84
from layers import crosswalk
from layers.schema import LayerSchema

"""WGS 84 / UTM 48N: all three areas lie between 102° and 108° E."""

BORDER_TOUCH_M_2025 = 100.0
BORDER_BUFFER_M_2024 = 300.0
BORDER_MIN_LENGTH_M_2024 = 1500.0

SOURCE_2025 = (
    "Ranh giới: cổng sáp nhập sapnhap.bando.com.vn (qua thanglequoc/vietnamese-provinces-"
    "database); dân số 2025, diện tích, trụ sở: gis.vn (qua lamngockhuong/vietnam-3d-map); "
    "dân số 2019: Tổng điều tra 2019"
)
SOURCE_2024 = (
    "Ranh giới: GADM 4.1 cấp 3 (phi thương mại) với hai lần sáp nhập; mã: thanglequoc/"
    "vietnamese-provinces-database; dân số 2019: Tổng điều tra 2019"
)

_COMMON = {
    "code": "str",
    "name": "str",
    "edition": "str",
    "province": "str",
    "former_district": "str",
    "area_km2": "float",
    "population_2019": "float",
    "population_2019_method": "str",
    "density_2019": "float",
    "is_border": "bool",
    "border_distance_km": "float",
    "source": "str",
    "precision": "str",
}

SCHEMA_2025 = LayerSchema(
    name="communes_2025",
    description="27 communes since 1 July 2025",
    geometry_types=("MultiPolygon", "Polygon"),
    columns={
        **_COMMON,
        "unit_type": "str",
        "merged_from": "str",
        "population_2025": "float",
        "area_km2_computed": "float",
        "density_2025": "float",
        "seat_name": "str",
        "seat_lat": "float",
        "seat_lon": "float",
    },
)

SCHEMA_2024 = LayerSchema(
    name="communes_2024",
    description="54 communes of 2020–2025",
    geometry_types=("MultiPolygon", "Polygon"),
    columns={**_COMMON, "gadm_gids": "str", "codes_2025": "str"},
)


def census_by_gid(*, catalogue: Catalogue) -> pd.Series:
    """2019 census population by GADM ``GID_3``."""
    census = pd.read_csv(catalogue.path("census_2019"), usecols=["ward_id", "total"])
    return census.set_index("ward_id")["total"].astype(float)


def _border_union(catalogue: Catalogue) -> shapely.Geometry:
    border = catalogue.read_vector("border_line").to_crs(METRIC_CRS)
    return shapely.union_all(border.geometry.values)


def _population_2019_2024(communes_2024: gpd.GeoDataFrame, census: pd.Series) -> pd.Series:
    def total(gids: str) -> float:
        ids = [gid.strip() for gid in gids.split(",") if gid.strip()]
        if not ids or any(gid not in census.index for gid in ids):
            return np.nan
        return float(census.loc[ids].sum())

    return communes_2024["gadm_gids"].map(total)


def build_2024(*, catalogue: Catalogue) -> gpd.GeoDataFrame:
    """Build the 54 communes of 2020–2025 with their 2019 population and border attributes."""
    raw = catalogue.read_vector("communes_2024")
    new_codes = crosswalk.new_codes(crosswalk.read_crosswalk(catalogue=catalogue))
    codes_2025 = {code: ";".join(targets) for code, targets in new_codes.items()}
    population = _population_2019_2024(raw, census_by_gid(catalogue=catalogue))
    border = _border_union(catalogue)
    metric = raw.to_crs(METRIC_CRS).geometry
    inside = [
        shapely.intersection(border, shapely.buffer(geom, BORDER_BUFFER_M_2024)).length
        for geom in metric
    ]
    frame = gpd.GeoDataFrame(
        {
            "code": raw["code"].astype(str),
            "name": raw["name"].astype(str),
            "edition": "2024",
            "province": raw["province"].str.replace("Tỉnh ", "", regex=False),
            "former_district": raw["district"].str.replace("Huyện ", "", regex=False),
            "area_km2": raw["area_km2_computed"].astype(float),
            "population_2019": population.astype(float),
            "population_2019_method": "Tổng điều tra 2019, cộng theo mã GADM",
            "density_2019": (population / raw["area_km2_computed"]).astype(float),
            "is_border": np.array(inside) >= BORDER_MIN_LENGTH_M_2024,
            "border_distance_km": np.nan,
            "source": SOURCE_2024,
            "precision": "gadm_boundary",
            "gadm_gids": raw["gadm_gids"].astype(str),
            "codes_2025": raw["code"].astype(str).map(codes_2025).fillna(""),
        },
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    return SCHEMA_2024.validate(frame)


def build_2025(
    *, catalogue: Catalogue, communes_2024: gpd.GeoDataFrame | None = None
) -> gpd.GeoDataFrame:
    """Build the 27 communes since 1 July 2025 with population, area, density and border data."""
    raw = catalogue.read_vector("communes_2025")
    old = communes_2024 if communes_2024 is not None else build_2024(catalogue=catalogue)
    weights = crosswalk.transfer_weights(catalogue=catalogue, communes_2024=old, communes_2025=raw)
    population_2019 = crosswalk.population_2025(weights)
    split_targets = set(weights.loc[weights["area_share"] < 1, "code_2025"])

    border = _border_union(catalogue)
    metric = raw.to_crs(METRIC_CRS)
    seats = gpd.GeoSeries(
        gpd.points_from_xy(raw["center_lon"], raw["center_lat"]), crs=WGS84
    ).to_crs(METRIC_CRS)
    population_2025 = raw["population_2025"].astype(float)
    area = raw["area_km2_official"].astype(float)
    codes = raw["code"].astype(str)
    frame = gpd.GeoDataFrame(
        {
            "code": codes,
            "name": raw["name"].astype(str),
            "edition": "2025",
            "province": raw["province"].astype(str),
            "former_district": raw["former_district"].astype(str),
            "area_km2": area,
            "population_2019": codes.map(population_2019).astype(float),
            "population_2019_method": [
                "Tổng điều tra 2019 qua bảng chuyển đổi; TT Sơn Lư chia theo diện tích"
                if code in split_targets
                else "Tổng điều tra 2019 qua bảng chuyển đổi"
                for code in codes
            ],
            "density_2019": (codes.map(population_2019) / area).astype(float),
            "is_border": metric.geometry.distance(border).to_numpy() <= BORDER_TOUCH_M_2025,
            "border_distance_km": seats.distance(border).to_numpy() / 1000.0,
            "source": SOURCE_2025,
            "precision": "official_boundary",
            "unit_type": raw["type"].astype(str),
            "merged_from": raw["merged_from"].astype(str),
            "population_2025": population_2025,
            "area_km2_computed": raw["area_km2_computed"].astype(float),
            "density_2025": population_2025 / area,
            "seat_name": raw["admin_center"].astype(str),
            "seat_lat": raw["center_lat"].astype(float),
            "seat_lon": raw["center_lon"].astype(float),
        },
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    return SCHEMA_2025.validate(frame)


def seats(communes_2025: gpd.GeoDataFrame) -> pd.DataFrame:
    """Commune seats (code → seat_lat, seat_lon, name) for placing commune-level points."""
    return communes_2025.set_index("code")[["name", "seat_lat", "seat_lon"]]
