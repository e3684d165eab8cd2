"""Border markers (mốc quốc giới) known by number and place.

No marker has public coordinates. A marker known only by its place is shown at that place (its
border gate, or its commune's point: see :mod:`layers.points`) with ``precision`` ``at_gate``
or ``commune_seat`` ("placed at its commune's point, not its own position").

Cited facts (category ``marker`` of ``data/facts_map.csv``) name the commune of more markers
(336 at bản Yên, Sơn Điện; 389–397 in the Mỹ Lý sector; ...). Each marker whose facts point to
one 2025 commune is added at commune level: at that commune's point, ``precision``
``inside_commune``, labelled "Mốc 336 — trong xã Sơn Điện; vị trí mốc không công bố", with the
facts' pages as its source. A marker already in ``border_markers.csv`` only gains their
sources; a marker whose facts point to several communes is left out (its commune is unknown).

Surveyed coordinates imported by a border guard replace those positions through
:func:`with_surveyed_positions`, which sets ``precision`` to ``surveyed``: for border guards
and admins only. Everyone else gets :func:`with_public_positions` of the import's public
version (:func:`public_rows`: number, commune and gate, no coordinate): a known marker keeps
its commune- or gate-level position, a new one stands at its commune's point, labelled so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import geopandas as gpd
import pandas as pd
import shapely

from geo.catalogue import Catalogue
from geo.vocabulary import WGS84
from i18n.messages import EN, VI, both_languages, message
from layers import crosswalk
from layers.facts import facts_about
from layers.points import place_rows, point_schema, user_text

SCHEMA = point_schema(
    "markers", description="Border markers (mốc quốc giới)", extra={"marker_number": "str"}
)

_NUMBER = re.compile(r"(\d{1,4}(?:\(\d\))?)")
_CITED_NUMBERS = re.compile(r"^\s*Markers?\s+(\d{1,4})(?:\s*(?:to|–|-)\s*(\d{1,4}))?", re.I)
MAX_RANGE = 30
"""Longest run of marker numbers read from one fact ("Markers 389 to 397")."""


def marker_number(text: str) -> str:
    """Return the marker number written in ``text``: ``"Mốc quốc giới 606(1)"`` → ``"606(1)"``.

    Examples
    --------
    >>> marker_number("Mốc quốc giới 422 (đỉnh Pu Xai Lai Leng)")
    '422'
    >>> marker_number("mốc 606 (1)")
    '606(1)'
    """
    found = _NUMBER.search(str(text).replace(" (", "("))
    return found.group(1) if found else ""


def cited_numbers(value: str) -> list[str]:
    """Marker numbers a fact's value names: one number, or a run "389 to 397".

    Examples
    --------
    >>> cited_numbers("Markers 389 to 397; sector length 48.468 km")[:3]
    ['389', '390', '391']
    >>> cited_numbers("Marker 591 (site of VN–Lao exchange, 10/11/2023)"), cited_numbers("x")
    (['591'], [])
    """
    found = _CITED_NUMBERS.match(str(value))
    if not found:
        return []
    first = int(found.group(1))
    last = int(found.group(2)) if found.group(2) else first
    if last < first or last - first > MAX_RANGE:
        return [str(first)]
    return [str(number) for number in range(first, last + 1)]


def _base_number(number: str) -> str:
    return number.split("(")[0]


def _in_commune(number: str, *, code: str, seat: pd.Series) -> dict[str, object]:
    """The columns of marker ``number`` known only by its commune: at the commune's point,
    ``precision`` ``inside_commune``, labelled "Mốc 336 — trong xã Sơn Điện; vị trí mốc không
    công bố" (the cited markers, and surveyed ones for those who may not see the survey)."""
    labels = [
        message("places.marker_in_commune", lang, number=number, commune=seat["name"])
        for lang in (VI, EN)
    ]
    return {
        "name": f"Mốc quốc giới {number}",
        "label_vi": labels[0],
        "label_en": labels[1],
        "category": "border_marker",
        "former_district": str(seat["former_district"]),
        "province": str(seat["province"]),
        "commune_code": code,
        "lat": float(seat["seat_lat"]),
        "lon": float(seat["seat_lon"]),
        "precision": "inside_commune",
        "method": "text_only",
        "marker_number": number,
    }


def _cited_markers(
    *, catalogue: Catalogue, communes_2025: gpd.GeoDataFrame, listed: pd.DataFrame
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Rows for the markers the cited facts place in one 2025 commune, and the sources of
    the facts about markers already ``listed`` (by their ``marker_number``)."""
    facts = facts_about(catalogue=catalogue, categories=["marker"])
    to_2025 = crosswalk.new_codes(crosswalk.read_crosswalk(catalogue=catalogue))
    seats = communes_2025.set_index("code")
    facts["code_2025"] = [
        to_2025.get(code, []) if edition == "2024" else [code]
        for code, edition in zip(facts["code"], facts["edition"], strict=True)
    ]
    by_fact = facts.groupby("fact_key", sort=False).agg(
        value=("value", "first"),
        source=("citation", "first"),
        quote=("quote", "first"),
        codes=("code_2025", lambda lists: sorted({c for codes in lists for c in codes})),
    )
    evidence: dict[str, dict[str, list]] = {}
    for fact in by_fact.itertuples():
        for number in cited_numbers(fact.value):
            entry = evidence.setdefault(number, {"communes": set(), "sources": [], "quotes": []})
            if len(fact.codes) == 1:
                entry["communes"].add(fact.codes[0])
            entry["sources"].append(user_text(fact.source))
            entry["quotes"].append(user_text(fact.quote))
    known = {_base_number(str(n)): str(n) for n in listed["marker_number"]}
    merged = {known[n]: e["sources"] for n, e in evidence.items() if n in known}
    records = []
    for number, entry in sorted(evidence.items(), key=lambda item: int(item[0])):
        if number in known or len(entry["communes"]) != 1:
            continue
        code = next(iter(entry["communes"]))
        if code not in seats.index:
            continue
        records.append(
            {
                **_in_commune(number, code=code, seat=seats.loc[code]),
                "id": f"mk_cited_{number}",
                "confidence": "cited",
                "source": " ; ".join(dict.fromkeys(entry["sources"])),
                "note": " ; ".join(dict.fromkeys(q for q in entry["quotes"] if q)),
                "placement_basis": both_languages("places.marker_basis"),
                "marker_number": number,
            }
        )
    return pd.DataFrame.from_records(records, columns=list(SCHEMA.columns)), merged


def build(
    *, catalogue: Catalogue, communes_2025: gpd.GeoDataFrame, gates: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Build the markers layer from ``points/border_markers.csv`` and the cited facts."""
    rows = pd.read_csv(catalogue.path("border_markers"), dtype={"lat": float, "lon": float})
    frame = place_rows(rows, communes_2025=communes_2025, gates=gates)
    frame["marker_number"] = frame["name"].map(marker_number)
    cited, merged = _cited_markers(catalogue=catalogue, communes_2025=communes_2025, listed=frame)
    for number, sources in merged.items():
        hit = frame["marker_number"] == number
        known = frame.loc[hit, "source"].iloc[0]
        extra = [source for source in dict.fromkeys(sources) if source not in known]
        frame.loc[hit, "source"] = " ; ".join([known, *extra])
    geometry = gpd.points_from_xy(cited["lon"].astype(float), cited["lat"].astype(float))
    cited = gpd.GeoDataFrame(cited, geometry=geometry, crs=WGS84)
    frame = pd.concat([frame, cited], ignore_index=True)
    return SCHEMA.validate(gpd.GeoDataFrame(frame, geometry="geometry", crs=WGS84))


def with_surveyed_positions(
    markers: gpd.GeoDataFrame, surveyed: gpd.GeoDataFrame, *, source: str
) -> gpd.GeoDataFrame:
    """Replace marker positions by surveyed points matched on ``marker_number``.

    ``surveyed`` has a ``marker_number`` column (or a ``name`` from which the number is read)
    and Point geometries in WGS 84. Surveyed markers unknown to the layer are added as new rows.
    """
    surveyed = surveyed.copy()
    if "marker_number" not in surveyed.columns:
        surveyed["marker_number"] = surveyed["name"].map(marker_number)
    result = markers.copy()
    for row in surveyed.itertuples(index=False):
        number = str(row.marker_number)
        point = row.geometry
        values = {
            "lat": float(point.y),
            "lon": float(point.x),
            "precision": "surveyed",
            "method": "surveyed",
            "source": source,
            "geometry": point,
        }
        hit = result["marker_number"] == number
        if hit.any():
            for column, value in values.items():
                result.loc[hit, column] = value
            for column in ("label_vi", "label_en"):
                result.loc[hit, column] = result.loc[hit, "name"]
        else:
            new = {column: "" for column in SCHEMA.columns}
            new.update(values)
            new.update(
                {
                    "id": f"mk_import_{number}",
                    "name": f"Mốc quốc giới {number}",
                    "label_vi": f"Mốc quốc giới {number}",
                    "label_en": f"Mốc quốc giới {number}",
                    "category": "border_marker",
                    "marker_number": number,
                    "confidence": "surveyed",
                    "placement_basis": "imported survey",
                }
            )
            result = pd.concat([result, gpd.GeoDataFrame([new], crs=result.crs)], ignore_index=True)
    return SCHEMA.validate(gpd.GeoDataFrame(result, geometry="geometry", crs=markers.crs))


PUBLIC_FIELDS = ("marker_number", "commune_code", "gate")
"""What the public version of a surveyed-markers import keeps of each marker: no position."""

NEAREST_COMMUNE_DEGREES = 0.02
"""A surveyed marker just across the border line (within about 2 km) counts in the nearest
2025 commune."""


def public_rows(
    surveyed: gpd.GeoDataFrame, *, markers: gpd.GeoDataFrame, communes_2025: gpd.GeoDataFrame
) -> list[dict[str, str]]:
    """What may be said of surveyed markers to those who may not see their positions.

    Per marker of ``surveyed`` (``marker_number`` and Point geometries in WGS 84): its number,
    the code of the 2025 commune it lies in (or the nearest one within
    :data:`NEAREST_COMMUNE_DEGREES`; "" when none) and, when ``markers`` (the base layer)
    draws that number at a gate, the gate's label. Never a coordinate.

    Examples
    --------
    >>> import shapely
    >>> communes = gpd.GeoDataFrame({"code": ["1"]},
    ...     geometry=[shapely.box(104.0, 20.0, 105.0, 21.0)], crs=WGS84)
    >>> surveyed = gpd.GeoDataFrame({"marker_number": ["336", "999"]},
    ...     geometry=[shapely.Point(104.123456, 20.654321), shapely.Point(110.0, 10.0)], crs=WGS84)
    >>> empty = gpd.GeoDataFrame({"marker_number": [], "precision": [], "label_vi": []},
    ...     geometry=[], crs=WGS84)
    >>> public_rows(surveyed, markers=empty, communes_2025=communes)
    [{'marker_number': '336', 'commune_code': '1', 'gate': ''}, {'marker_number': '999', \
'commune_code': '', 'gate': ''}]
    """
    at_gate = markers[markers["precision"] == "at_gate"]
    gates = dict(zip(at_gate["marker_number"].astype(str), at_gate["label_vi"], strict=True))
    codes = commune_near(surveyed.geometry.to_numpy(), communes_2025=communes_2025)
    return [
        {"marker_number": number, "commune_code": code, "gate": gates.get(number, "")}
        for number, code in zip(surveyed["marker_number"].astype(str), codes, strict=True)
    ]


def commune_near(points: Sequence[object], *, communes_2025: gpd.GeoDataFrame) -> list[str]:
    """The code of the 2025 commune each point (WGS 84) lies in, or of the nearest one within
    :data:`NEAREST_COMMUNE_DEGREES` (a marker stands on the border line); "" when none.

    Examples
    --------
    >>> import shapely
    >>> communes = gpd.GeoDataFrame({"code": ["1"]},
    ...     geometry=[shapely.box(104.0, 20.0, 105.0, 21.0)], crs=WGS84)
    >>> commune_near([shapely.Point(104.5, 20.5), shapely.Point(105.01, 20.5),
    ...     shapely.Point(110, 10), None], communes_2025=communes)
    ['1', '1', '', '']
    """
    shapes = communes_2025.geometry.to_numpy()
    codes = communes_2025["code"].astype(str).to_numpy()
    found = []
    for point in points:
        code = ""
        if point is not None and len(shapes):
            distances = shapely.distance(shapes, point)
            nearest = int(distances.argmin())
            if distances[nearest] <= NEAREST_COMMUNE_DEGREES:
                code = str(codes[nearest])
        found.append(code)
    return found


def with_public_positions(
    markers: gpd.GeoDataFrame,
    public: list[dict[str, str]],
    *,
    communes_2025: gpd.GeoDataFrame,
    source: str,
) -> gpd.GeoDataFrame:
    """The markers layer as those who may not see surveyed positions get it.

    ``public`` holds :func:`public_rows` of a surveyed import. A number already in the layer
    keeps its commune- or gate-level position. A new number is added at its commune's point,
    ``precision`` ``inside_commune``, labelled like the cited markers ("Mốc 336 — trong xã
    Sơn Điện; vị trí mốc không công bố"); one with no commune is left out.
    """
    seats = communes_2025.set_index(communes_2025["code"].astype(str))
    known = set(markers["marker_number"].astype(str))
    records = []
    for row in public:
        number, code = str(row.get("marker_number", "")), str(row.get("commune_code", ""))
        if not number or number in known or code not in seats.index:
            continue
        known.add(number)
        records.append(
            {
                **{column: "" for column in SCHEMA.columns},
                **_in_commune(number, code=code, seat=seats.loc[code]),
                "id": f"mk_import_{number}",
                "confidence": "surveyed",
                "source": source,
                "placement_basis": both_languages("protect.marker_basis"),
                "marker_number": number,
            }
        )
    if not records:
        return markers.copy()
    added = pd.DataFrame.from_records(records)
    geometry = gpd.points_from_xy(added["lon"], added["lat"])
    added = gpd.GeoDataFrame(added, geometry=geometry, crs=markers.crs or WGS84)
    result = pd.concat([markers, added], ignore_index=True)
    return SCHEMA.validate(gpd.GeoDataFrame(result, geometry="geometry", crs=markers.crs))
