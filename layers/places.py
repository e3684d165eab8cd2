"""Everything a user can search for or visit: communes, gates, markers and sites.

Each place has a key ``"<kind>:<id>"`` (``commune:15013``, ``gate:gate_na_meo``), a display
name, a position with its precision and source, and its 2025 commune.

A commune is visited at the point its edition gives (see :mod:`layers.communes`):

* 2025 edition: its seat point (``seat_lat``, ``seat_lon``) with ``seat_precision`` and
  ``seat_source``: a town point of the seat for 4 communes, a GeoNames point of the former
  commune that held the office (``former_commune_point``, not the office) for the others.
* 2024 edition: its own GeoNames point (``former_commune_point``) when the name matches
  without ambiguity and the point lies in its polygon, else a point inside the polygon
  (``inside_commune``): ``point_lat``, ``point_lon``, ``point_precision``, ``point_source``.

Examples
--------
>>> from geo.catalogue import Catalogue
>>> from layers.registry import build_atlas
>>> catalogue = places(build_atlas(catalogue=Catalogue.load()), edition="2025")
>>> xen = find("muong xen", catalogue)[0]
>>> xen.key, xen.precision
('commune:16813', 'seat_published')
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from geo.citations import without_paths
from geo.names import exact_key, folded_key, search
from layers.registry import Atlas


@dataclass(frozen=True)
class Place:
    """A place a stop can be made at; ``precision`` is a code of ``geo.vocabulary.PRECISIONS``."""

    key: str
    kind: str
    name: str
    label: str
    lat: float
    lon: float
    precision: str
    commune_code: str
    source: str


KIND_LABELS = {
    "commune": ("Xã", "Commune"),
    "gate": ("Cửa khẩu", "Gate"),
    "marker": ("Mốc", "Marker"),
    "site": ("Địa điểm", "Site"),
}

_COMMUNE_POINT = {
    "2025": ("seat_lat", "seat_lon", "seat_precision", "seat_source"),
    "2024": ("point_lat", "point_lon", "point_precision", "point_source"),
}
"""Per edition, the columns of the point a commune stop goes to: lat, lon, precision, source."""


def places(atlas: Atlas, *, edition: str = "2025") -> dict[str, Place]:
    """All places with a position, by key.

    Parameters
    ----------
    atlas
        The built layers (communes of ``edition``; gates, markers and sites when available).
    edition
        ``"2025"`` (communes at their seat point) or ``"2024"`` (communes at their GeoNames
        point, or a point inside them).

    Returns
    -------
    dict[str, Place]
        Communes first, then gates, markers and sites that have a position.
    """
    if edition not in _COMMUNE_POINT:
        raise ValueError(f"unknown edition {edition!r}: expected one of {sorted(_COMMUNE_POINT)}")
    lat_column, lon_column, precision_column, source_column = _COMMUNE_POINT[edition]
    result: dict[str, Place] = {}
    communes = atlas.get(f"communes_{edition}")
    for row in communes.to_dict("records"):
        code = str(row["code"])
        code_2025 = code if edition == "2025" else str(row["codes_2025"]).split(";")[0]
        result[f"commune:{code}"] = Place(
            key=f"commune:{code}",
            kind="commune",
            name=row["name"],
            label=f"{row['name']} ({row['former_district']})",
            lat=float(row[lat_column]),
            lon=float(row[lon_column]),
            precision=str(row[precision_column]),
            commune_code=code_2025,
            source=without_paths(str(row[source_column])),
        )
    for kind, layer in (("gate", "gates"), ("marker", "markers"), ("site", "sites")):
        if not atlas.available(layer):
            continue
        for row in atlas.get(layer).itertuples(index=False):
            if pd.isna(row.lat):
                continue
            result[f"{kind}:{row.id}"] = Place(
                key=f"{kind}:{row.id}",
                kind=kind,
                name=row.name,
                label=row.name,
                lat=float(row.lat),
                lon=float(row.lon),
                precision=row.precision,
                commune_code=row.commune_code,
                source=without_paths(str(row.source)),
            )
    return result


FORMER_EDITION_YEARS = "2020–2025"
"""The years the communes of the 2024 edition existed (until the merger of 1 July 2025)."""


def trip_places(atlas: Atlas) -> dict[str, Place]:
    """What a field plan can visit: the places of 2025 and the communes of 2020–2025.

    Users still know many places by their former commune (Nậm Càn, merged into Na Ngoi), so
    those communes can be searched too, under keys ``former:<code>`` (their codes are reused
    by 2025 communes) and at their own point (:func:`places`, edition ``"2024"``).

    Examples
    --------
    >>> from geo.catalogue import Catalogue
    >>> from layers.registry import build_atlas
    >>> catalogue = trip_places(build_atlas(catalogue=Catalogue.load()))
    >>> [place.label for place in find("nam can", catalogue)][:3]
    ['Nậm Cắn (Kỳ Sơn)', 'Xã Nậm Cắn (Kỳ Sơn, 2020–2025)', 'Xã Nậm Càn (Kỳ Sơn, 2020–2025)']
    """
    result = places(atlas, edition="2025")
    for place in places(atlas, edition="2024").values():
        if place.kind != "commune":
            continue
        key = f"former:{place.key.split(':', 1)[1]}"
        label = f"{place.label[:-1]}, {FORMER_EDITION_YEARS})"
        result[key] = replace(place, key=key, label=label)
    return result


def _spelled(query: str) -> bool:
    """Whether ``query`` carries Vietnamese marks (then its spelling is meant).

    Examples
    --------
    >>> _spelled("Nậm Cắn"), _spelled("nam can"), _spelled("Đ")
    (True, False, True)
    """
    return exact_key(query) != folded_key(query)


def find(query: str, catalogue: dict[str, Place], *, limit: int = 12) -> list[Place]:
    """Places whose name contains ``query``, ignoring diacritics; communes first on ties.

    A query typed without marks finds every spelling (``"nam can"`` finds both Nậm Cắn and
    Nậm Càn, for the user to choose). A query typed with marks keeps to names spelled that way
    (``"Nậm Cắn"`` never finds Nậm Càn), unless no name is: then marks are ignored, so a
    mistyped tone still finds the place.

    Examples
    --------
    >>> def place(key, name):
    ...     return Place(key, "commune", name, name, 19.0, 104.0, "inside_commune", "", "test")
    >>> catalogue = {p.key: p for p in [place("a", "Nậm Cắn"), place("b", "Nậm Càn")]}
    >>> [p.key for p in find("Nậm Cắn", catalogue)], [p.key for p in find("nam can", catalogue)]
    (['a'], ['a', 'b'])
    """
    order = {"commune": 0, "gate": 1, "marker": 2, "site": 3}
    items = sorted(catalogue.values(), key=lambda place: order[place.kind])
    keys = search(query, [(place.key, place.name) for place in items], limit=len(items))
    if _spelled(query):
        wanted = exact_key(query)
        spelled = [key for key in keys if wanted in exact_key(catalogue[key].name)]
        keys = spelled or keys
    return [catalogue[key] for key in keys[:limit]]
