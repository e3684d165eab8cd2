"""What the map's element scripts carry: script-safe JSON, encoded geometries, shared styles.

Features travel as ``{"g": geometry, ...properties}`` with the geometry's rings and lines as
Google-encoded polylines, which ``BorderAtlas.decode`` (``static/atlas/webmap.js``) reads back.

Examples
--------
>>> script_json({"name": "</script>{{ x }}"})
'{"name":"<\\\\/script>\\\\u007b{ x }}"}'
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely

DISPLAY_DECIMALS = 4
"""Decimals of the coordinates sent for lines and polygons (~11 m); points keep 5 (~1 m)."""

_JINJA_OPENERS = re.compile(r"\{(?=[{%#])")


def script_json(value: Any) -> str:
    """JSON safe to place inside an inline ``<script>`` of a folium element.

    ``</`` cannot close the script; and because branca compiles each element's rendered script
    as a Jinja template once more, ``{{``, ``{%`` and ``{#`` (which only occur inside JSON
    strings, in data text or encoded coordinates) are written ``\\u007b{`` so Jinja sees
    plain text and JavaScript still reads ``{{``.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = text.replace("</", "<\\/").replace("<!--", "<\\!--")
    return _JINJA_OPENERS.sub(r"\\u007b", text)


def encode_polyline(coords: np.ndarray, *, decimals: int) -> str:
    """Encode ``(lon, lat)`` pairs with Google's polyline algorithm (lat first), rounded.

    About 5 bytes a point instead of ~18 in JSON; ``BorderAtlas.decode`` reads it back.

    Examples
    --------
    >>> encode_polyline(np.array([[-120.2, 38.5], [-120.95, 40.7], [-126.453, 43.252]]),
    ...                 decimals=5)
    '_p~iF~ps|U_ulLnnqC_mqNvxq`@'
    """
    if len(coords) == 0:
        return ""
    ints = np.round(np.asarray(coords, dtype=float)[:, 1::-1] * 10.0**decimals).astype(np.int64)
    deltas = np.diff(ints, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel()
    zigzag = np.where(deltas < 0, ~(deltas << 1), deltas << 1)
    k = np.arange(7)
    chunks = (zigzag[:, None] >> (5 * k)) & 31
    count = 1 + (zigzag[:, None] >= (32 ** np.arange(1, 7))).sum(axis=1)
    keep = k[None, :] < count[:, None]
    more = k[None, :] < (count[:, None] - 1)
    codes = chunks + 0x20 * more + 63
    return codes[keep].astype(np.uint8).tobytes().decode("ascii")


_ENCODE_CACHE: dict[tuple[bytes, int], Any] = {}
_ENCODE_CACHE_MAX = 20_000


def encode_geometry(geom: Any, decimals: int) -> Any:
    """Compact geometry for ``BorderAtlas.build``: kind and encoded rings or lines."""
    key = (shapely.to_wkb(geom), decimals)
    cached = _ENCODE_CACHE.get(key)
    if cached is not None:
        return cached

    def ring(r: Any) -> str:
        return encode_polyline(shapely.get_coordinates(r)[:-1], decimals=decimals)

    def polygon(poly: Any) -> list[str]:
        return [ring(poly.exterior), *(ring(hole) for hole in poly.interiors)]

    kind = geom.geom_type
    if kind == "Polygon":
        out: Any = {"k": "P", "c": polygon(geom)}
    elif kind == "MultiPolygon":
        out = {"k": "MP", "c": [polygon(part) for part in geom.geoms]}
    elif kind == "LineString":
        out = {"k": "L", "c": encode_polyline(shapely.get_coordinates(geom), decimals=decimals)}
    elif kind == "MultiLineString":
        lines = [encode_polyline(shapely.get_coordinates(g), decimals=decimals) for g in geom.geoms]
        out = {"k": "ML", "c": lines}
    elif kind in ("Point", "MultiPoint"):
        places = max(decimals, 5)
        points = [[round(y, places), round(x, places)] for x, y in shapely.get_coordinates(geom)]
        out = {"k": "Pt", "c": points}
    else:
        raise ValueError(f"cannot draw a {kind}; explode collections into simple geometries first")
    if len(_ENCODE_CACHE) >= _ENCODE_CACHE_MAX:
        _ENCODE_CACHE.clear()
    _ENCODE_CACHE[key] = out
    return out


def drawable(geoms: Sequence[Any]) -> np.ndarray:
    """Which geometries can be drawn: not missing, not empty.

    Examples
    --------
    >>> drawable([shapely.Point(1, 2), None, shapely.Point()]).tolist()
    [True, False, False]
    """
    array = np.asarray(geoms, dtype=object)
    return ~(shapely.is_missing(array) | shapely.is_empty(array))


def features(
    geoms: np.ndarray, properties: Sequence[Mapping[str, Any]], *, decimals: int = 5
) -> tuple[str, int]:
    """Script-safe JSON list of features (``g`` geometry, then properties), and its length.

    Missing or empty geometries are left out (:func:`drawable`).
    """
    parts = []
    for geom, props, shown in zip(geoms, properties, drawable(geoms), strict=True):
        if shown:
            parts.append(script_json({"g": encode_geometry(geom, decimals), **props}))
    return "[" + ",".join(parts) + "]", len(parts)


class StyleRegistry:
    """Deduplicates style dicts so each feature carries only an index.

    Examples
    --------
    >>> registry = StyleRegistry()
    >>> [registry.add({"color": color}) for color in ("#111", "#222", "#111")]
    [0, 1, 0]
    """

    def __init__(self) -> None:
        self.styles: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}

    def add(self, style: Mapping[str, Any]) -> int:
        key = json.dumps(style, sort_keys=True)
        if key not in self._index:
            self._index[key] = len(self.styles)
            self.styles.append(dict(style))
        return self._index[key]
