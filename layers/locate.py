"""Which commune a point lies in, or is nearest to: one spatial index per frame of communes.

A frame of communes (``name``, ``province``, polygons in any CRS) is projected to metres and
indexed once (:func:`commune_index`; about 0.5 s for Vietnam's 10,000 communes) and kept while
the frame lives, so the map's position checks and the planner's overnight names ask the same
index on every rerun without rebuilding it. A point inside no commune gets the nearest one, with
its distance in kilometres.

Examples
--------
>>> import geopandas as gpd, shapely
>>> square = shapely.box(104.0, 19.3, 104.2, 19.5)
>>> communes = gpd.GeoDataFrame(
...     {"name": ["Mẫu"], "province": ["Nghệ An"]}, geometry=[square], crs="EPSG:4326"
... )
>>> index = commune_index(communes)
>>> index.name_at(19.4, 104.1)
('Mẫu', 'Nghệ An')
>>> place = index.locate(to_metres(19.4, 104.3))
>>> place.index, round(place.km, 1)
(0, 10.5)
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer

from geo.vocabulary import METRIC_CRS, WGS84


@dataclass(frozen=True)
class Place:
    """The commune at ``index`` of the frame, and the distance to it (0 inside it)."""

    index: int
    km: float


class CommuneIndex:
    """Communes in metres with a spatial index: which one a point is in, or is nearest to."""

    def __init__(self, frame: gpd.GeoDataFrame) -> None:
        metric = frame.to_crs(METRIC_CRS)
        self.geometries = metric.geometry.values
        self.tree = shapely.STRtree(self.geometries)
        self.names = np.asarray(frame["name"].astype(str))
        self.provinces = np.asarray(frame["province"].astype(str))

    def locate(self, point: shapely.Point) -> Place | None:
        """The commune holding ``point`` (in metres, :func:`to_metres`), else the nearest."""
        if not len(self.names):
            return None
        hits = self.tree.query(point, predicate="intersects")
        if len(hits):
            return Place(int(hits[0]), 0.0)
        indices, distances = self.tree.query_nearest(point, return_distance=True)
        return Place(int(indices[0]), float(distances[0]) / 1000)

    def name_at(self, lat: float, lon: float) -> tuple[str, str] | None:
        """``(name, province)`` of the commune holding the WGS 84 point, else the nearest."""
        place = self.locate(to_metres(lat, lon))
        if place is None:
            return None
        return str(self.names[place.index]), str(self.provinces[place.index])


_INDEXES: dict[int, tuple[weakref.ref, CommuneIndex]] = {}


def commune_index(frame: gpd.GeoDataFrame) -> CommuneIndex:
    """The index of ``frame``'s communes, made on the first call and kept while it lives."""
    kept = _INDEXES.get(id(frame))
    if kept is not None and kept[0]() is frame:
        return kept[1]
    for key in [key for key, (ref, _) in _INDEXES.items() if ref() is None]:
        del _INDEXES[key]
    index = CommuneIndex(frame)
    _INDEXES[id(frame)] = (weakref.ref(frame), index)
    return index


@lru_cache(maxsize=1)
def _transformer() -> Transformer:
    return Transformer.from_crs(WGS84, METRIC_CRS, always_xy=True)


def to_metres(lat: float, lon: float) -> shapely.Point:
    """The WGS 84 point in the metric CRS the index uses."""
    return shapely.Point(*_transformer().transform(lon, lat))
