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
* ``seat_lat`` / ``seat_lon`` (2025 edition) — the best-known seat point of
  ``boundaries/commune_seats_2025.csv``, with ``seat_precision`` (from the row's ``method``, see
  :data:`SEAT_METHOD_PRECISION`), ``seat_source`` and ``seat_confidence``. Only 4 of the 27 are
  points of the town that holds the seat (:data:`geo.vocabulary.SEAT_PRECISIONS`); the other 23
  are GeoNames points of the pre-2025 commune that ``seat_name`` names (``former_commune_point``:
  not the office). ``center_lat``/``center_lon`` of ``communes_2025.geojson`` are polygon
  centroids, not seats: they are not used.
* ``point_lat`` / ``point_lon`` (2024 edition) — where a stop for the commune goes: the GeoNames
  ADM3 point of that very commune (``former_commune_point``) when its name matches without
  ambiguity and the point lies inside the polygon, else a point inside the polygon
  (``inside_commune``, shapely's ``representative_point``); ``point_source`` says which and why.
* ``border_distance_km`` — from the seat point (2025 edition) to the border line; missing for
  2024 units, whose seats the bundle does not give.

Every seat and stop point lies inside its commune's polygon; a seat file row that does not is
refused (:class:`geo.errors.DataFileError`) rather than drawn in the wrong commune.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.catalogue import Catalogue
from geo.errors import DataFileError
from geo.names import match_name
from geo.vocabulary import METRIC_CRS, WGS84
from layers import crosswalk
from layers.schema import LayerSchema

BORDER_TOUCH_M_2025 = 100.0
BORDER_BUFFER_M_2024 = 300.0
BORDER_MIN_LENGTH_M_2024 = 1500.0

SOURCE_2025 = (
    "Ranh giới: cổng sáp nhập sapnhap.bando.com.vn (qua thanglequoc/vietnamese-provinces-"
    "database); dân số 2025, diện tích, tên trụ sở: gis.vn (qua lamngockhuong/vietnam-3d-map); "
    "điểm trụ sở: boundaries/commune_seats_2025.csv (xem seat_source); "
    "dân số 2019: Tổng điều tra 2019"
)
SOURCE_2024 = (
    "Ranh giới: GADM 4.1 cấp 3 (phi thương mại) với hai lần sáp nhập; mã: thanglequoc/"
    "vietnamese-provinces-database; dân số 2019: Tổng điều tra 2019"
)

SEAT_METHOD_PRECISION = {
    "published": "seat_published",
    "osm_node": "seat_osm_node",
    "geonames_populated_place": "seat_geonames_place",
    "geonames_admin_point": "former_commune_point",
    "centroid": "inside_commune",
}
"""``method`` of ``commune_seats_2025.csv`` → precision code of the seat point.

``geonames_admin_point`` is a GeoNames point of the pre-2025 commune the seat's name points to:
somewhere in that former commune, not the office, so it is not a seat precision.
"""

GEONAMES_COMMUNE_CODES = ("ADM3",)
"""GeoNames feature codes of commune (xã, thị trấn) points."""
GEONAMES_EXCLUDED_CODES = ("HTL",)
"""Feature codes never used: the bundle's 10 hotel records sit at one misplaced placeholder."""

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
        "seat_precision": "str",
        "seat_source": "str",
        "seat_confidence": "str",
    },
    required=("source", "precision", "seat_precision", "seat_source"),
)

SCHEMA_2024 = LayerSchema(
    name="communes_2024",
    description="54 communes of 2020–2025",
    geometry_types=("MultiPolygon", "Polygon"),
    columns={
        **_COMMON,
        "gadm_gids": "str",
        "codes_2025": "str",
        "point_lat": "float",
        "point_lon": "float",
        "point_precision": "str",
        "point_source": "str",
    },
    required=("source", "precision", "point_precision", "point_source"),
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


def _outside(lat: pd.Series, lon: pd.Series, polygons: gpd.GeoSeries) -> np.ndarray:
    """True where the point (``lat``, ``lon``) is not covered by the polygon of the same row."""
    points = shapely.points(lon.to_numpy(dtype=float), lat.to_numpy(dtype=float))
    return ~shapely.covers(np.asarray(polygons.values), points)


def read_seats(*, catalogue: Catalogue, communes_2025: gpd.GeoDataFrame) -> pd.DataFrame:
    """The seat point of each 2025 commune, by code, from ``boundaries/commune_seats_2025.csv``.

    Parameters
    ----------
    catalogue
        The inputs; the file is read through it (key ``commune_seats``), so its checksum is
        checked.
    communes_2025
        The raw 2025 communes (``code`` and polygons): every code needs one seat row, and every
        seat must lie inside its polygon.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``code``, with ``seat_lat``, ``seat_lon``, ``seat_precision`` (see
        :data:`SEAT_METHOD_PRECISION`), ``seat_source`` (the row's source and the file) and
        ``seat_confidence``.

    Raises
    ------
    DataFileError
        When a commune has no row or several, a ``method`` is unknown, a row has no coordinates
        or a seat lies outside its commune.

    Examples
    --------
    >>> catalogue = Catalogue.load()
    >>> raw = catalogue.read_vector("communes_2025")
    >>> seats = read_seats(catalogue=catalogue, communes_2025=raw)
    >>> seats.loc["16813", "seat_precision"], seats.loc["15013", "seat_precision"]
    ('seat_published', 'former_commune_point')
    """
    path = catalogue.path("commune_seats")
    where = catalogue.entry("commune_seats").path
    rows = pd.read_csv(path, dtype={"code": str, "method": str, "confidence": str})
    codes = communes_2025["code"].astype(str)
    counts = rows["code"].value_counts()
    missing = sorted(set(codes) - set(rows["code"]))
    twice = sorted(counts.index[counts > 1])
    unknown = sorted(set(rows["method"]) - set(SEAT_METHOD_PRECISION))
    empty = sorted(rows.loc[rows["seat_lat"].isna() | rows["seat_lon"].isna(), "code"])
    problems = [
        f"{what} {values}"
        for what, values in (
            ("no row for communes", missing),
            ("several rows for communes", twice),
            (f"unknown methods (known: {sorted(SEAT_METHOD_PRECISION)})", unknown),
            ("no coordinates for communes", empty),
        )
        if values
    ]
    if problems:
        raise DataFileError(f"Seat file '{where}': {'; '.join(problems)}.")
    rows = rows.set_index("code").loc[codes]
    outside = _outside(rows["seat_lat"], rows["seat_lon"], communes_2025.geometry)
    if outside.any():
        raise DataFileError(
            f"Seat file '{where}': the seats of {list(codes[outside])} lie outside their "
            "commune's polygon; fix the rows (a seat is never drawn in another commune)."
        )
    return pd.DataFrame(
        {
            "seat_lat": rows["seat_lat"].astype(float),
            "seat_lon": rows["seat_lon"].astype(float),
            "seat_precision": rows["method"].map(SEAT_METHOD_PRECISION),
            "seat_source": rows["source"].astype(str)
            + f" ({where}, method "
            + rows["method"]
            + ")",
            "seat_confidence": rows["confidence"].fillna("").astype(str),
        },
        index=pd.Index(codes.to_numpy(), name="code"),
    )


def _geonames_communes(catalogue: Catalogue) -> pd.DataFrame:
    """GeoNames commune points (ADM3) of the bundle, hotel placeholders excluded."""
    rows = pd.read_csv(
        catalogue.path("geonames"),
        usecols=["geonameid", "name", "latitude", "longitude", "feature_code"],
        dtype={"geonameid": str, "feature_code": str},
    )
    keep = rows["feature_code"].isin(GEONAMES_COMMUNE_CODES) & ~rows["feature_code"].isin(
        GEONAMES_EXCLUDED_CODES
    )
    return rows[keep].set_index("geonameid")


def points_2024(raw: gpd.GeoDataFrame, *, catalogue: Catalogue) -> pd.DataFrame:
    """Where a stop for each 2020–2025 commune goes: its GeoNames point, else a point inside it.

    The bundle gives no seats for these communes. A commune gets the GeoNames ADM3 point of the
    same name (:func:`geo.names.match_name`: exact spelling first, a diacritic-free match only
    when unique; Nậm Cắn never takes Nậm Càn's point) when no other commune matches that point
    and it lies inside the polygon: ``former_commune_point``. Otherwise it gets shapely's
    ``representative_point`` of its polygon: ``inside_commune``.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``raw``: ``point_lat``, ``point_lon``, ``point_precision``,
        ``point_source``.

    Examples
    --------
    >>> catalogue = Catalogue.load()
    >>> raw = catalogue.read_vector("communes_2024")
    >>> points = points_2024(raw, catalogue=catalogue).set_index(raw["code"])
    >>> points.loc["16837", "point_source"].split(",")[1].strip()
    'geonameid 8627669 "Xã Nậm Cắn" ADM3 19.4605'
    >>> points.loc["19489", "point_precision"]  # Lìa: no GeoNames point of that name
    'inside_commune'
    """
    geonames = _geonames_communes(catalogue)
    where_geonames = catalogue.entry("geonames").path
    where_polygons = catalogue.entry("communes_2024").path
    candidates = geonames["name"].astype(str).to_dict()
    matches = [match_name(str(name), candidates) for name in raw["name"]]
    chosen = [match.ids[0] if match.matched else None for match in matches]
    taken = pd.Series([gid for gid in chosen if gid]).value_counts()
    records = []
    for name, geometry, match, gid in zip(raw["name"], raw.geometry, matches, chosen, strict=True):
        inside = geometry.representative_point()
        reason = f"no GeoNames ADM3 point named like '{name}'"
        if match.status == "ambiguous":
            reason = f"GeoNames ADM3 names {list(match.ids)} match '{name}' only ambiguously"
        if gid is not None:
            row = geonames.loc[gid]
            point = shapely.Point(float(row["longitude"]), float(row["latitude"]))
            if taken[gid] > 1:
                reason = f"GeoNames point {gid} matches several communes"
            elif not geometry.covers(point):
                reason = f"GeoNames point {gid} '{row['name']}' lies outside the polygon"
            else:
                records.append(
                    {
                        "point_lat": point.y,
                        "point_lon": point.x,
                        "point_precision": "former_commune_point",
                        "point_source": (
                            f"GeoNames dump Jan 2020 (CC BY 4.0), geonameid {gid} "
                            f'"{row["name"]}" ADM3 {point.y},{point.x} ({where_geonames})'
                        ),
                    }
                )
                continue
        records.append(
            {
                "point_lat": inside.y,
                "point_lon": inside.x,
                "point_precision": "inside_commune",
                "point_source": (
                    f"a point inside the GADM 4.1 polygon ({where_polygons}, shapely "
                    f"representative_point): {reason}"
                ),
            }
        )
    return pd.DataFrame.from_records(records, index=raw.index)


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
            **points_2024(raw, catalogue=catalogue),
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
    seat = read_seats(catalogue=catalogue, communes_2025=raw)
    seat_points = gpd.GeoSeries(
        gpd.points_from_xy(seat["seat_lon"], seat["seat_lat"]), crs=WGS84
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
            "border_distance_km": seat_points.distance(border).to_numpy() / 1000.0,
            "source": SOURCE_2025,
            "precision": "official_boundary",
            "unit_type": raw["type"].astype(str),
            "merged_from": raw["merged_from"].astype(str),
            "population_2025": population_2025,
            "area_km2_computed": raw["area_km2_computed"].astype(float),
            "density_2025": population_2025 / area,
            "seat_name": raw["admin_center"].astype(str),
            **{column: seat[column].to_numpy() for column in seat.columns},
        },
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    return SCHEMA_2025.validate(frame)


def seats(communes_2025: gpd.GeoDataFrame) -> pd.DataFrame:
    """Seat points by code (``name, seat_lat, seat_lon, seat_precision, seat_source``).

    Points placed "at their commune" stand on these; ``seat_precision`` says what each is.
    """
    columns = ["name", "seat_lat", "seat_lon", "seat_precision", "seat_source"]
    return communes_2025.set_index("code")[columns]
