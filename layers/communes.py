"""Communes in two editions: the 27 communes since 1 July 2025 and the 54 of 2020–2025.

Every figure says how it was obtained, in method columns of codes labelled in
:mod:`i18n.text_communes` (``<column>.<code>``). Populations are whole people (``Int64``):
``population_2025`` as published (``published_2025``), ``population_2019`` from the census by
GADM id (``census_2019``), moved across the crosswalk; Thị trấn Sơn Lư, split between Quan Sơn
and Tam Lư, is divided by area share, so those two are rounded estimates
(``census_2019_area_share``, :func:`layers.crosswalk.population_2025`). ``population_method``
is that of the edition's own population (2025: ``population_2025``). ``area_method``: 2025,
``official`` else ``computed_portal``; 2024, the official 2025 area of a commune the merger left
whole (``official_2025``) else the coarse GADM polygon's (``computed_gadm``, an estimate: Bắc
Lý's has 56 km² against 109 official). Densities: :func:`density_method`.

``is_border`` / ``border_method``: ``cited_list`` where a cited source names the district's
border communes (:func:`cited_border_communes`: Kỳ Sơn), else ``derived_geometry``: a 2025
portal polygon within 100 m of the derived border line; a 2020–2025 commune takes its unchanged
2025 unit's flag, else is a border commune only when its 2025 commune is one and its GADM
polygon holds 1.5 km of the line within 300 m (Quan Sơn: 7 against the cited count of 6).

2025 seats (:func:`read_seats`; 23 of 27 are GeoNames points of a former commune, not the
office) and ``seat_name`` (:func:`seat_name`); 2024 stops (:func:`points_2024`). ``source`` /
``source_en`` and every other text column cite inputs as people can follow them, no file path.
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.catalogue import Catalogue
from geo.citations import followable
from geo.errors import BorderAtlasError, DataFileError, SchemaError
from geo.names import exact_key, match_name, strip_admin_prefix
from geo.vocabulary import METRIC_CRS, WGS84
from i18n.messages import EN, VI, message
from layers import crosswalk
from layers.facts import citation, load_facts
from layers.points import read_geonames
from layers.schema import LayerSchema

BORDER_TOUCH_M_2025 = 100.0
BORDER_BUFFER_M_2024 = 300.0
BORDER_MIN_LENGTH_M_2024 = 1500.0

POPULATION_METHODS = ("census_2019", "census_2019_area_share", "published_2025")
"""How a population figure was obtained (labels ``population_method.<code>``)."""
AREA_METHODS = ("official", "computed_portal", "official_2025", "computed_gadm")
"""Which area ``area_km2`` is (labels ``area_method.<code>``)."""
_AREA_KIND = {"official_2025": "official", "computed_portal": "portal", "computed_gadm": "gadm"}
DENSITY_METHODS = tuple(
    f"{population}_per_{area}_area"
    for population in POPULATION_METHODS
    for area in ("official", "portal", "gadm")
)
"""Population method per area kind (labels ``density_method.<code>``): :func:`density_method`."""
BORDER_METHODS = ("cited_list", "derived_geometry")
"""Why ``is_border`` holds (labels ``border_method.<code>``)."""
_VOCABULARIES = {
    "population_method": POPULATION_METHODS,
    "population_2019_method": POPULATION_METHODS,
    "area_method": AREA_METHODS,
    "density_method": DENSITY_METHODS,
    "density_2019_method": DENSITY_METHODS,
    "border_method": BORDER_METHODS,
}

SEAT_METHOD_PRECISION = {
    "published": "seat_published",
    "osm_node": "seat_osm_node",
    "geonames_populated_place": "seat_geonames_place",
    "geonames_admin_point": "former_commune_point",
    "centroid": "inside_commune",
}
"""``method`` of the seat file's rows → precision code of the seat point.

``geonames_admin_point`` is a GeoNames point of the pre-2025 commune the seat's name points to:
somewhere in that former commune, not the office, so it is not a seat precision.
"""

GEONAMES_COMMUNE_CODES = ("ADM3",)
"""GeoNames feature codes of commune (xã, thị trấn) points."""
_COMMON = {
    "code": "str",
    "name": "str",
    "edition": "str",
    "province": "str",
    "former_district": "str",
    "area_km2": "float",
    "area_km2_computed": "float",
    "area_method": "str",
    "population_method": "str",
    "population_2019": "int",
    "population_2019_method": "str",
    "density_method": "str",
    "density_2019": "float",
    "density_2019_method": "str",
    "is_border": "bool",
    "border_method": "str",
    "border_source": "str",
    "border_distance_km": "float",
    "source": "str",
    "source_en": "str",
    "precision": "str",
}
_REQUIRED = ("source", "source_en", "precision", *_VOCABULARIES, "border_source")

SCHEMA_2025 = LayerSchema(
    name="communes_2025",
    description="27 communes since 1 July 2025",
    geometry_types=("MultiPolygon", "Polygon"),
    columns={
        **_COMMON,
        "unit_type": "str",
        "merged_from": "str",
        "population_2025": "int",
        "density_2025": "float",
        "seat_name": "str",
        "seat_lat": "float",
        "seat_lon": "float",
        "seat_precision": "str",
        "seat_source": "str",
        "seat_confidence": "str",
    },
    required=(*_REQUIRED, "seat_precision", "seat_source"),
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
    required=(*_REQUIRED, "point_precision", "point_source"),
)


def validate(frame: gpd.GeoDataFrame, *, schema: LayerSchema) -> gpd.GeoDataFrame:
    """``schema.validate(frame)``; a method column with an unknown code is a SchemaError."""
    frame = schema.validate(frame)
    for column, codes in _VOCABULARIES.items():
        unknown = sorted(set(frame[column].dropna()) - set(codes))
        if unknown:
            raise SchemaError(f"Layer '{schema.name}': unknown {column} codes {unknown}.")
    return frame


def density_method(population_method: str, area_method: str) -> str:
    """The code of a density: its population's method over the kind of area it used.

    Examples
    --------
    >>> density_method("census_2019", "computed_gadm")
    'census_2019_per_gadm_area'
    >>> density_method("published_2025", "official")
    'published_2025_per_official_area'
    """
    return f"{population_method}_per_{_AREA_KIND.get(area_method, area_method)}_area"


def _density(population: pd.Series, area: pd.Series) -> np.ndarray:
    people = pd.array(population, dtype="Int64").to_numpy(dtype=float, na_value=np.nan)
    return people / area.to_numpy(dtype=float)


def seat_name(name: str, *, commune: str) -> str:
    """The seat's name, with "(cũ)" when it names an office of a unit that no longer exists.

    Districts and towns were abolished on 1 July 2025; a merged commune's office is current
    only when the new commune took its name.

    Examples
    --------
    >>> seat_name("UBND huyện Kỳ Sơn", commune="Mường Xén")
    'UBND huyện Kỳ Sơn (cũ)'
    >>> seat_name("UBND xã Hữu Lập", commune="Hữu Kiệm")
    'UBND xã Hữu Lập (cũ)'
    >>> seat_name("UBND xã Mỹ Lý", commune="Mỹ Lý"), seat_name("Xã Tam Lư (cũ)", commune="Tam Lư")
    ('UBND xã Mỹ Lý', 'Xã Tam Lư (cũ)')
    """
    text = name.strip()
    if text.endswith("(cũ)"):
        return text
    unit = strip_admin_prefix(re.sub(r"^\s*UBND\s+", "", text, flags=re.IGNORECASE))
    former = re.search(r"\b(huyện|thị trấn)\b", text, re.IGNORECASE) is not None
    if former or exact_key(unit) != exact_key(commune):
        return f"{text} (cũ)"
    return text


def census_by_gid(*, catalogue: Catalogue) -> pd.Series:
    """2019 census population by GADM ``GID_3``, in whole people (``Int64``)."""
    census = pd.read_csv(catalogue.path("census_2019"), usecols=["ward_id", "total"])
    return census.set_index("ward_id")["total"].astype("Int64")


def _border_union(catalogue: Catalogue) -> shapely.Geometry:
    border = catalogue.read_vector("border_line").to_crs(METRIC_CRS)
    return shapely.union_all(border.geometry.values)


def _population_2019_2024(communes_2024: gpd.GeoDataFrame, census: pd.Series) -> pd.Series:
    def total(gids: str) -> object:
        ids = [gid.strip() for gid in gids.split(",") if gid.strip()]
        if not ids or any(gid not in census.index for gid in ids) or census[ids].isna().any():
            return pd.NA
        return int(census[ids].sum())

    totals = [total(str(gids)) for gids in communes_2024["gadm_gids"]]
    return pd.Series(totals, index=communes_2024.index, dtype="Int64")


def read_seats(*, catalogue: Catalogue, communes_2025: gpd.GeoDataFrame) -> pd.DataFrame:
    """The seat point of each 2025 commune (catalogue key ``commune_seats``), by code.

    Every code of ``communes_2025`` (the raw 2025 communes) needs one seat row, inside its
    polygon. Returns ``seat_lat``, ``seat_lon``, ``seat_precision``
    (:data:`SEAT_METHOD_PRECISION`), ``seat_source`` (:func:`geo.citations.followable`),
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
    points = shapely.points(rows["seat_lon"].to_numpy(float), rows["seat_lat"].to_numpy(float))
    outside = ~shapely.covers(np.asarray(communes_2025.geometry.values), points)
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
            "seat_source": [followable(str(source)) for source in rows["source"]],
            "seat_confidence": rows["confidence"].fillna("").astype(str),
        },
        index=pd.Index(codes.to_numpy(), name="code"),
    )


def _geonames_communes(catalogue: Catalogue) -> pd.DataFrame:
    """GeoNames commune points (ADM3) of the bundle (misplaced records left out by
    :func:`layers.points.read_geonames`)."""
    rows = read_geonames(
        catalogue=catalogue, usecols=["geonameid", "name", "latitude", "longitude"]
    )
    return rows[rows["feature_code"].isin(GEONAMES_COMMUNE_CODES)].set_index("geonameid")


def points_2024(raw: gpd.GeoDataFrame, *, catalogue: Catalogue) -> pd.DataFrame:
    """Where a stop for each 2020–2025 commune goes: its GeoNames point, else a point inside it.

    A commune gets the GeoNames ADM3 point of the same name (:func:`geo.names.match_name`;
    Nậm Cắn never takes Nậm Càn's point) when no other commune matches that point and it lies
    inside the polygon: ``former_commune_point``; else a point inside its polygon:
    ``inside_commune``. Returns ``point_lat``, ``point_lon``, ``point_precision``,
    ``point_source`` (GeoNames or the GADM polygon, and why), indexed like ``raw``.

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
                            f'"{row["name"]}" ADM3 {point.y},{point.x}'
                        ),
                    }
                )
                continue
        records.append(
            {
                "point_lat": inside.y,
                "point_lon": inside.x,
                "point_precision": "inside_commune",
                "point_source": f"a point inside the GADM 4.1 polygon: {reason}",
            }
        )
    return pd.DataFrame.from_records(records, index=raw.index)


def cited_border_communes(
    *, catalogue: Catalogue, communes_2024: pd.DataFrame
) -> dict[str, tuple[frozenset[str], str]]:
    """Border communes of 2020–2025 that a cited source names, by former district.

    A cited fact (category ``border``, indicator ``border_communes``, about a district) whose
    value names the communes, ``"11 (Mỹ Lý, Bắc Lý, …)"``, gives that district's list when
    every name matches one commune of the district (``code``, ``name``, ``former_district`` of
    ``communes_2024``) and their number is the count stated. Returns district → (2024 codes,
    ``border_source`` text). Quan Sơn (6) and Hướng Hóa (11) have counts only; when the facts
    cannot be read, no district has a list.
    """
    try:
        facts = load_facts(catalogue=catalogue)
    except BorderAtlasError:
        return {}
    chosen = facts[
        (facts["category"] == "border")
        & (facts["indicator_key"] == "border_communes")
        & (facts["unit_level"] == "district")
    ]
    lists: dict[str, tuple[frozenset[str], str]] = {}
    for fact in chosen.to_dict("records"):
        named = re.fullmatch(r"\s*(\d+)\s*\((.+)\)\s*", str(fact["value"]))
        if named is None:
            continue
        district = str(fact["unit_codes"])
        members = communes_2024[communes_2024["former_district"] == district]
        candidates = dict(
            zip(members["code"].astype(str), members["name"].astype(str), strict=True)
        )
        names = [name.strip() for name in named[2].split(",") if name.strip()]
        found = {m.ids[0] for m in (match_name(n, candidates) for n in names) if m.matched}
        if len(found) != len(names) or len(names) != int(named[1]):
            continue
        source = message(
            "communes.border_source_cited",
            VI,
            n=len(found),
            district=district,
            year=fact["year"],
            citation=citation(fact),
        )
        lists[district] = (frozenset(found), source)
    return lists


def _touches_border(polygons: gpd.GeoDataFrame, border: shapely.Geometry) -> pd.Series:
    """By code: the (2025 portal) polygon lies within :data:`BORDER_TOUCH_M_2025` of the line.

    The same answer as ``distance <= BORDER_TOUCH_M_2025`` (tests/test_border_index.py checks
    every commune of both editions), but the polygons are prepared (GEOS indexes their edges), so
    the test takes milliseconds instead of a brute-force distance over every pair of segments.
    """
    metric = polygons.to_crs(METRIC_CRS).geometry.to_numpy()  # new objects: preparing is local
    shapely.prepare(metric)
    near = shapely.dwithin(metric, border, BORDER_TOUCH_M_2025)
    return pd.Series(near, index=polygons["code"].astype(str))


def _border_2024(
    frame: gpd.GeoDataFrame,
    *,
    verdict: pd.Series,
    border: shapely.Geometry,
    cited: dict[str, tuple[frozenset[str], str]],
) -> pd.DataFrame:
    """``is_border``, ``border_method``, ``border_source`` of the 2020–2025 communes.

    ``verdict`` is :func:`layers.crosswalk.border_2024_from_2025`; ``check`` rows are decided on
    their GADM polygon (:data:`BORDER_MIN_LENGTH_M_2024` of the line within
    :data:`BORDER_BUFFER_M_2024`). A district with a cited list takes it instead.
    """
    derived = message("communes.border_source_2024", VI)
    metric = frame.to_crs(METRIC_CRS).geometry
    rows = []
    for code, district, geometry in zip(
        frame["code"], frame["former_district"], metric, strict=True
    ):
        if district in cited:
            codes, source = cited[district]
            rows.append((code in codes, "cited_list", source))
            continue
        flag = verdict[code] == "yes"
        if verdict[code] == "check":
            inside = shapely.intersection(border, shapely.buffer(geometry, BORDER_BUFFER_M_2024))
            flag = inside.length >= BORDER_MIN_LENGTH_M_2024
        rows.append((bool(flag), "derived_geometry", derived))
    return pd.DataFrame(rows, columns=["is_border", "border_method", "border_source"])


def build_2024(*, catalogue: Catalogue) -> gpd.GeoDataFrame:
    """Build the 54 communes of 2020–2025 with their 2019 population and border attributes."""
    raw = catalogue.read_vector("communes_2024")
    raw_2025 = catalogue.read_vector("communes_2025")
    table = crosswalk.read_crosswalk(catalogue=catalogue)
    codes = raw["code"].astype(str)
    codes_2025 = {code: ";".join(t) for code, t in crosswalk.new_codes(table).items()}
    population = _population_2019_2024(raw, census_by_gid(catalogue=catalogue))
    official = crosswalk.official_area_2024(
        table, official_2025=raw_2025.set_index(raw_2025["code"].astype(str))["area_km2_official"]
    )
    official = codes.map(official).astype(float)
    computed = raw["area_km2_computed"].astype(float)
    area_method = np.where(official.notna(), "official_2025", "computed_gadm")
    border = _border_union(catalogue)
    verdict = crosswalk.border_2024_from_2025(
        table, is_border_2025=_touches_border(raw_2025, border)
    )
    frame = gpd.GeoDataFrame(
        {
            "code": codes,
            "name": raw["name"].astype(str),
            "former_district": raw["district"].str.replace("Huyện ", "", regex=False),
        },
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    cited = cited_border_communes(catalogue=catalogue, communes_2024=frame)
    flags = _border_2024(frame, verdict=verdict, border=border, cited=cited)
    density = [density_method("census_2019", method) for method in area_method]
    frame = frame.assign(
        edition="2024",
        province=raw["province"].str.replace("Tỉnh ", "", regex=False),
        area_km2=official.fillna(computed).to_numpy(),
        area_km2_computed=computed.to_numpy(),
        area_method=area_method,
        population_method="census_2019",
        population_2019=population.array,
        population_2019_method="census_2019",
        density_method=density,
        density_2019=_density(population, official.fillna(computed)),
        density_2019_method=density,
        **{column: flags[column].to_numpy() for column in flags.columns},
        border_distance_km=np.nan,
        source=message("communes.source_2024", VI),
        source_en=message("communes.source_2024", EN),
        precision="gadm_boundary",
        gadm_gids=raw["gadm_gids"].astype(str),
        codes_2025=codes.map(codes_2025).fillna(""),
        **points_2024(raw, catalogue=catalogue),
    )
    columns = [*SCHEMA_2024.columns, "geometry"]
    return validate(frame[columns], schema=SCHEMA_2024)


def build_2025(
    *, catalogue: Catalogue, communes_2024: gpd.GeoDataFrame | None = None
) -> gpd.GeoDataFrame:
    """Build the 27 communes since 1 July 2025 with population, area, density and border data."""
    raw = catalogue.read_vector("communes_2025")
    old = communes_2024 if communes_2024 is not None else build_2024(catalogue=catalogue)
    table = crosswalk.read_crosswalk(catalogue=catalogue)
    weights = crosswalk.transfer_weights(catalogue=catalogue, communes_2024=old, communes_2025=raw)
    codes = raw["code"].astype(str)
    population_2019 = codes.map(crosswalk.population_2025(weights)).astype("Int64")
    population_2019_method = codes.map(crosswalk.population_2025_method(weights))
    population_2025 = raw["population_2025"].astype("Int64")
    official = raw["area_km2_official"].astype(float)
    area = official.fillna(raw["area_km2_computed"].astype(float))
    area_method = np.where(official.notna(), "official", "computed_portal")

    border = _border_union(catalogue)
    touches = _touches_border(raw, border)
    cited = cited_border_communes(catalogue=catalogue, communes_2024=old)
    listed = crosswalk.listed_2025(table, listed_2024=set().union(*(c for c, _ in cited.values())))
    by_list = [
        district in cited and not pd.isna(listed[code])
        for code, district in zip(codes, raw["former_district"], strict=True)
    ]
    sources = {district: source for district, (_, source) in cited.items()}
    seat = read_seats(catalogue=catalogue, communes_2025=raw)
    seat_points = gpd.GeoSeries(
        gpd.points_from_xy(seat["seat_lon"], seat["seat_lat"]), crs=WGS84
    ).to_crs(METRIC_CRS)
    frame = gpd.GeoDataFrame(
        {
            "code": codes,
            "name": raw["name"].astype(str),
            "edition": "2025",
            "province": raw["province"].astype(str),
            "former_district": raw["former_district"].astype(str),
            "area_km2": area,
            "area_km2_computed": raw["area_km2_computed"].astype(float),
            "area_method": area_method,
            "population_method": "published_2025",
            "population_2019": population_2019,
            "population_2019_method": population_2019_method,
            "density_method": [density_method("published_2025", m) for m in area_method],
            "density_2019": _density(population_2019, area),
            "density_2019_method": [
                density_method(p, m)
                for p, m in zip(population_2019_method, area_method, strict=True)
            ],
            "is_border": [
                bool(listed[code]) if cited_row else bool(touches[code])
                for code, cited_row in zip(codes, by_list, strict=True)
            ],
            "border_method": ["cited_list" if row else "derived_geometry" for row in by_list],
            "border_source": [
                sources[district] if row else message("communes.border_source_2025", VI)
                for district, row in zip(raw["former_district"], by_list, strict=True)
            ],
            "border_distance_km": seat_points.distance(border).to_numpy() / 1000.0,
            "source": message("communes.source_2025", VI),
            "source_en": message("communes.source_2025", EN),
            "precision": "official_boundary",
            "unit_type": raw["type"].astype(str),
            "merged_from": raw["merged_from"].astype(str),
            "population_2025": population_2025,
            "density_2025": _density(population_2025, area),
            "seat_name": [
                seat_name(str(text), commune=str(name))
                for text, name in zip(raw["admin_center"], raw["name"], strict=True)
            ],
            **{column: seat[column].to_numpy() for column in seat.columns},
        },
        geometry=raw.geometry.values,
        crs=WGS84,
    )
    return validate(frame, schema=SCHEMA_2025)
