"""Shared machinery of the point layers (gates, markers, sites): placing rows without inventing.

A row is placed at its own coordinate only when its source gives one that is a position
(published, an OSM node, a road-end or junction estimate). A row known only by place is shown
at that place — its border gate, or its commune's point — and its ``precision`` says so
(``at_gate``; ``commune_seat``, whose label reads "placed at its commune's point, not its own
position"). A commune's point is the seat point of the 2025 communes (``seat_lat``,
``seat_lon``; for most communes a GeoNames point of a former commune, not the office).
Machine-geocoded hints (``llm_geocoded_repo``) are not positions: such rows go to their
commune's point, and the hint is kept in ``note`` for a surveyor to check.

Where a text-only row lies (which commune, which gate, which side of the border) is the
project's own reading of the source text, kept with its reason in ``data/placements.csv``. That
table also gives the name shown when the source's name carries more than a name (its kind,
height or how it was found), and what a drawn point stands for (``label_vi`` / ``label_en``):
a name is a name; precision and provenance live in their own columns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo import settings
from geo.catalogue import Catalogue
from geo.citations import without_paths
from geo.errors import DataFileError
from geo.vocabulary import WGS84
from i18n.messages import EN, VI, message, pair
from layers.schema import LayerSchema

PLACEMENTS_FILE = settings.PROJECT_DATA_DIR / "placements.csv"

METHOD_PRECISION = {
    "published": "published",
    "osm_node": "osm_node",
    "derived_road_endpoint": "road_end_estimate",
    "derived_road_intersection": "road_junction_estimate",
    "derived_road_border_crossing": "road_border_crossing_estimate",
}
"""Source ``method`` values that are positions, and the precision they give."""

LAO_SIDE = "lao"
"""``side`` of a placement on the Lao side of the border: it is in no Vietnamese commune."""

POINT_COLUMNS = {
    "id": "str",
    "name": "str",
    "label_vi": "str",
    "label_en": "str",
    "category": "str",
    "former_district": "str",
    "province": "str",
    "commune_code": "str",
    "lat": "float",
    "lon": "float",
    "precision": "str",
    "method": "str",
    "confidence": "str",
    "source": "str",
    "note": "str",
    "placement_basis": "str",
}
"""Columns of every point layer. ``name`` is the name only; ``label_vi`` / ``label_en`` say what
the drawn point is when it is not the thing itself (its commune's point, its gate, a road)."""

GEONAMES_EXCLUDED_CODES = ("HTL",)
"""GeoNames feature codes never read: the 10 hotel records of other provinces that the dump
puts at one placeholder point in Hướng Phùng (16.7603, 106.6566)."""

_JARGON = (
    (re.compile(r"\s*\((?:town|village)?,?\s*OSM place node \d+\)", re.I), ""),
    (re.compile(r"\bOSM place node \d+", re.I), "OpenStreetMap label point"),
    (re.compile(r"\bOSM place node\b", re.I), "OpenStreetMap label point"),
    (re.compile(r"\bterminal vertex\b", re.I), "end point"),
    (re.compile(r"\bas (?:a )?proxy\b", re.I), "in its place"),
    (re.compile(r"\bproxy\b", re.I), "stand-in"),
)
"""Working words of the bundle's notes and their plain replacements."""
_NAME_EXTRAS = re.compile(
    r"\s*\((?=[^()]*(?:\btown\b|\bplateau\b|\bproxy\b|terminal vertex|OSM place node|\d[\d,.]* ?m\b"
    r"|\bLao side\b))[^()]*\)",
    re.I,
)
"""A bracket in a name that holds no name: a kind, a height, a how-found or a side."""
_ESTIMATES = frozenset(METHOD_PRECISION.values()) - {"published", "osm_node"}
"""Own positions that are estimates: their label says so."""
_ROW_ID = re.compile(r"\b(?:gate|site|mk)_[a-z0-9_]+\b")


def clean_name(name: str) -> str:
    """``name`` without brackets that say what kind of thing, how high or how it was found.

    Examples
    --------
    >>> clean_name("Khe Sanh (town, OSM place node 369494918)")
    'Khe Sanh'
    >>> clean_name("Mường Lống (plateau ~1,500 m)"), clean_name("Mốc quốc giới 405(1)")
    ('Mường Lống', 'Mốc quốc giới 405(1)')
    >>> clean_name("QL217 terminal vertex (proxy for Na Mèo gate)")
    'QL217 end point'
    """
    text = _NAME_EXTRAS.sub("", str(name))
    for pattern, replacement in _JARGON:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s{2,}", " ", text).strip()


def user_text(text: object, *, names: Mapping[str, str] | None = None) -> str:
    """A source or note as users read it: no file path, no working word, no row id.

    Row ids (``gate_na_meo``) become the row's name when ``names`` knows it.

    Examples
    --------
    >>> user_text("Use gate point as proxy. Near gate_na_meo (points/x.csv)",
    ...           names={"gate_na_meo": "Na Mèo"})
    'Use gate point in its place. Near Na Mèo'
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return ""
    out = without_paths(str(text))
    for pattern, replacement in _JARGON:
        out = pattern.sub(replacement, out)
    out = _ROW_ID.sub(lambda match: (names or {}).get(match.group(0), "another entry"), out)
    return re.sub(r"\s{2,}", " ", out).strip()


def point_schema(
    name: str, *, description: str, extra: dict[str, str] | None = None
) -> LayerSchema:
    """Schema shared by the point layers, with ``extra`` columns."""
    return LayerSchema(
        name=name,
        description=description,
        geometry_types=("Point",),
        columns={**POINT_COLUMNS, **(extra or {})},
    )


def read_placements(path: Path = PLACEMENTS_FILE) -> pd.DataFrame:
    """Read the project's placements table (id → commune, placement, gate, side, name, label)."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("side", "name", "label_vi", "label_en"):
        if column not in table.columns:
            table[column] = ""
    return table.set_index("id")


def read_geonames(*, catalogue: Catalogue, usecols: list[str] | None = None) -> pd.DataFrame:
    """GeoNames features of the three areas, without the misplaced records.

    The hotel records (feature code ``HTL``, see :data:`GEONAMES_EXCLUDED_CODES`) are dropped
    here, so every reader of the file is spared them.
    """
    columns = None if usecols is None else sorted({*usecols, "feature_code"})
    rows = pd.read_csv(
        catalogue.path("geonames"),
        usecols=columns,
        dtype={"geonameid": str, "feature_code": str},
    )
    keep = ~rows["feature_code"].isin(GEONAMES_EXCLUDED_CODES)
    return rows.loc[keep].reset_index(drop=True)


def commune_of_points(lat: pd.Series, lon: pd.Series, communes_2025: gpd.GeoDataFrame) -> pd.Series:
    """Code of the 2025 commune containing each point ("" outside the three areas)."""
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs=WGS84, index=lat.index)
    joined = gpd.sjoin(points, communes_2025[["code", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated()]
    return joined["code"].fillna("").astype(str)


def point_labels(
    *,
    name: str,
    precision: str,
    commune: str = "",
    gate: str = "",
    side: str = "",
    what: tuple[str, str] = ("", ""),
) -> tuple[str, str]:
    """``(label_vi, label_en)``: the name, and what the drawn point is when not the thing.

    ``what`` (from the placements table) says it in the project's words; otherwise it is said
    from the precision: at its commune's point, at its gate, or the precision's own words for
    road estimates. A point with its own published or surveyed position is labelled by its name.

    Examples
    --------
    >>> point_labels(name="Thác Pa", precision="commune_seat", commune="Tam Thanh")[1]
    "Thác Pa — in Tam Thanh commune; drawn at the commune's point, not its own position"
    >>> point_labels(name="Cửa khẩu quốc tế Na Mèo", precision="published")
    ('Cửa khẩu quốc tế Na Mèo', 'Cửa khẩu quốc tế Na Mèo')
    """
    labels = []
    for lang, given in zip((VI, EN), what, strict=True):
        phrase = given
        if not phrase and precision == "commune_seat" and commune:
            phrase = message("places.at_commune", lang, commune=commune)
        elif not phrase and precision == "at_gate" and gate:
            phrase = message("places.at_gate", lang, gate=gate)
        elif not phrase and precision in _ESTIMATES:
            phrase = message(f"precision.{precision}", lang)
        if side == LAO_SIDE and not phrase:
            phrase = message("places.lao_side", lang)
        labels.append(f"{name} — {phrase}" if phrase else name)
    return labels[0], labels[1]


def place_rows(
    rows: pd.DataFrame,
    *,
    communes_2025: gpd.GeoDataFrame,
    gates: pd.DataFrame | None = None,
    placements: pd.DataFrame | None = None,
) -> gpd.GeoDataFrame:
    """Place point rows read from a bundle CSV (columns as in ``points/*.csv``).

    Parameters
    ----------
    rows
        Rows with ``id, name, category, district_pre2025, province_pre2025, lat, lon,
        method, confidence, source, note``.
    communes_2025
        The 2025 communes: rows placed ``commune_seat`` stand on their ``seat_lat`` /
        ``seat_lon``; rows with their own position get the commune that contains them.
    gates
        Placed gates (``id, name, lat, lon``) for rows placed ``at_gate``. Such a row keeps the
        commune its placement names: the gate's commune is not the row's (a market on the
        Lao side drawn at the gate is in no Vietnamese commune).
    placements
        The placements table; read from ``data/placements.csv`` when omitted.

    Raises
    ------
    DataFileError
        When a row has no placement, or a placement gives no position, or a row with its own
        position lies outside the three areas and is not marked as on the Lao side.
    """
    placements = read_placements() if placements is None else placements
    unplaced = sorted(set(rows["id"]) - set(placements.index))
    if unplaced:
        raise DataFileError(
            f"Rows {unplaced} have no entry in {PLACEMENTS_FILE}: add one saying in which "
            f"commune (and at which gate) the source puts them, or 'exclude'."
        )
    seats = communes_2025.set_index("code")[["seat_lat", "seat_lon", "name"]]
    gate_rows = gates.set_index("id") if gates is not None else pd.DataFrame()
    names = {
        str(row.id): _shown_name(str(row.name), placements.loc[row.id]) for row in rows.itertuples()
    }
    if len(gate_rows):
        names.update(gate_rows["name"].astype(str).to_dict())
    records = []
    for row in rows.itertuples(index=False):
        placement = placements.loc[row.id]
        how = placement["placement"]
        if how == "exclude":
            continue
        lat, lon, precision, gate_name = np.nan, np.nan, "", ""
        commune_code = placement["commune_code_2025"]
        if how == "own":
            if row.method not in METHOD_PRECISION or pd.isna(row.lat):
                raise DataFileError(
                    f"Row {row.id} is placed 'own' in {PLACEMENTS_FILE} but its method "
                    f"'{row.method}' gives no position: place it 'commune_seat' (at its commune's "
                    "point) instead."
                )
            lat, lon, precision = float(row.lat), float(row.lon), METHOD_PRECISION[row.method]
        elif how == "at_gate":
            if placement["at_gate"] not in gate_rows.index:
                raise DataFileError(
                    f"Row {row.id} is placed at unknown gate {placement['at_gate']}"
                )
            gate = gate_rows.loc[placement["at_gate"]]
            lat, lon, precision = float(gate["lat"]), float(gate["lon"]), "at_gate"
            gate_name = str(gate["name"])
        elif how == "commune_seat":
            if commune_code not in seats.index:
                raise DataFileError(
                    f"Row {row.id} is placed 'commune_seat' in {PLACEMENTS_FILE} but names no "
                    f"2025 commune of the three areas ('{commune_code}')"
                )
            seat = seats.loc[commune_code]
            lat, lon, precision = float(seat["seat_lat"]), float(seat["seat_lon"]), "commune_seat"
        else:
            raise DataFileError(f"Unknown placement '{how}' for {row.id} in {PLACEMENTS_FILE}")
        note = user_text(row.note, names=names)
        if row.method == "llm_geocoded_repo" and pd.notna(row.lat):
            hint = " / ".join(pair("data.unverified_location_hint"))
            note = f"{note} [{hint}: {row.lat}, {row.lon}]".strip()
        records.append(
            {
                "id": row.id,
                "name": names[str(row.id)],
                "category": row.category,
                "former_district": row.district_pre2025,
                "province": row.province_pre2025,
                "commune_code": "" if placement["side"] == LAO_SIDE else commune_code,
                "lat": lat,
                "lon": lon,
                "precision": precision,
                "method": row.method,
                "confidence": row.confidence,
                "source": user_text(row.source),
                "note": note,
                "placement_basis": user_text(placement["basis"], names=names),
                "_side": placement["side"],
                "_gate": gate_name,
                "_what": (placement["label_vi"], placement["label_en"]),
            }
        )
    frame = pd.DataFrame.from_records(records)
    own = frame["precision"].isin(list(METHOD_PRECISION.values()))
    missing_commune = (frame["commune_code"] == "") & own & (frame["_side"] != LAO_SIDE)
    if missing_commune.any():
        inside = commune_of_points(
            frame.loc[missing_commune, "lat"], frame.loc[missing_commune, "lon"], communes_2025
        )
        frame.loc[missing_commune, "commune_code"] = inside
        outside = sorted(frame.loc[missing_commune & (frame["commune_code"] == ""), "id"])
        if outside:
            raise DataFileError(
                f"Rows {outside} lie outside the three areas: mark them 'exclude' in "
                f"{PLACEMENTS_FILE}, or side '{LAO_SIDE}' when they are across the border."
            )
    commune_names = seats["name"].astype(str).to_dict()
    labels = [
        point_labels(
            name=row["name"],
            precision=row["precision"],
            commune=commune_names.get(row["commune_code"], ""),
            gate=row["_gate"],
            side=row["_side"],
            what=row["_what"],
        )
        for row in frame.to_dict("records")
    ]
    frame["label_vi"] = [vi for vi, _ in labels]
    frame["label_en"] = [en for _, en in labels]
    frame = frame.drop(columns=["_side", "_gate", "_what"])
    return gpd.GeoDataFrame(
        frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs=WGS84
    )


def _shown_name(source_name: str, placement: pd.Series) -> str:
    """The name shown for a bundle row: the placements table's, else the cleaned source name."""
    given = str(placement.get("name", "") or "").strip()
    return given or clean_name(source_name)
