"""Everything a user can search for or visit: communes, gates, markers and sites.

Each place has a key ``"<kind>:<id>"`` (``commune:15013``, ``gate:gate_na_meo``), a display
name, a position with its precision, and its 2025 commune.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.names import search
from layers.registry import Atlas


@dataclass(frozen=True)
class Place:
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


def places(atlas: Atlas, *, edition: str = "2025") -> dict[str, Place]:
    """All places with a position, by key. Communes are placed at their seat (2025) or their
    representative point (2024: the bundle gives no seats for the old communes)."""
    result: dict[str, Place] = {}
    communes = atlas.get(f"communes_{edition}")
    for row in communes.itertuples(index=False):
        if edition == "2025":
            lat, lon, precision = row.seat_lat, row.seat_lon, "commune_seat"
        else:
            point = row.geometry.representative_point()
            lat, lon, precision = point.y, point.x, "commune_seat"
        code_2025 = row.code if edition == "2025" else row.codes_2025.split(";")[0]
        result[f"commune:{row.code}"] = Place(
            key=f"commune:{row.code}",
            kind="commune",
            name=row.name,
            label=f"{row.name} ({row.former_district})",
            lat=float(lat),
            lon=float(lon),
            precision=precision,
            commune_code=code_2025,
            source=row.source,
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
                source=row.source,
            )
    return result


def find(query: str, catalogue: dict[str, Place], *, limit: int = 12) -> list[Place]:
    """Places whose name contains ``query``, ignoring diacritics; communes first on ties."""
    order = {"commune": 0, "gate": 1, "marker": 2, "site": 3}
    items = sorted(catalogue.values(), key=lambda place: order[place.kind])
    keys = search(query, [(place.key, place.name) for place in items], limit=limit)
    return [catalogue[key] for key in keys]
