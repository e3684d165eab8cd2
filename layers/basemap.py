"""The vector part of the offline basemap: rivers, national roads and place labels.

The offline basemap is drawn from the bundle alone, so the map keeps its bearings without
internet: relief shading (:func:`geo.terrain.relief_image`) under thin rivers
(:mod:`layers.rivers`), national roads (:mod:`layers.roads`) and the names of villages, peaks and
passes from GeoNames (:func:`layers.points.read_geonames`, which already leaves out the
misplaced hotel records). This module assembles the vector part as one compact, language-free
structure (:func:`vector_basemap`); the browser draws it with ``static/atlas/basemap.js``.

Labels
------
Each label has a kind (:data:`LABEL_KINDS`) and the first zoom at which it is drawn: district
towns from zoom 8, high peaks and passes from 9, villages and other peaks from
:data:`VILLAGE_MIN_ZOOM` (about where one former district fills a phone's map). Labels come in
drawing priority (towns, passes, peaks by height, villages); the browser hides any label that
would overlap one already placed.

Examples
--------
>>> label_kind("PPLA2"), label_kind("PPL"), label_kind("HTL"), label_kind("STM")
('town', 'village', None, None)
>>> min_zoom("peak", elevation=2064), min_zoom("peak", elevation=700), min_zoom("village")
(9, 10, 9)
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pandas as pd
import shapely

from geo.catalogue import Catalogue
from geo.terrain import relief_image
from i18n.messages import message
from layers import rivers, roads
from layers.points import read_geonames

Box = tuple[float, float, float, float]
"""``(west, south, east, north)`` in degrees."""

AREA_MARGIN_DEGREES = 0.8
"""The basemap covers the three areas' communes grown by this (~90 km, the Lao side too): enough
for a phone's view of one area to show relief to its edges."""
DECIMALS = 4
"""Decimals of the coordinates written (about 11 m; rivers are good to 0.5–1 km)."""
SIMPLIFY_DEGREES = 0.001
"""Simplification tolerance of the lines (about 110 m)."""

LABEL_KINDS = ("town", "pass", "peak", "village")
"""Label kinds in drawing priority."""
VILLAGE_MIN_ZOOM = 9
"""First zoom at which villages are labelled: a former district (40–60 km) fills a phone."""
HIGH_PEAK_M = 1500
"""Peaks at least this high (GeoNames ``dem``) are labelled from zoom 9, the rest from 10."""
_KIND_MIN_ZOOM = {"town": 8, "pass": 9, "peak": 10, "village": VILLAGE_MIN_ZOOM}
_CODES = {
    "PPL": "village",
    "PPLX": "village",
    "PPLW": "village",
    "MT": "peak",
    "MTS": "peak",
    "PASS": "pass",
}
"""GeoNames feature codes drawn, besides ``PPLA*`` (seats of administrative units: towns)."""


def label_kind(feature_code: str) -> str | None:
    """The label kind of a GeoNames feature code, ``None`` for a code that is not drawn."""
    code = str(feature_code)
    if code.startswith("PPLA"):
        return "town"
    return _CODES.get(code)


def min_zoom(kind: str, *, elevation: float | None = None) -> int:
    """The first zoom at which a label of ``kind`` is drawn (peaks by their height)."""
    if kind == "peak" and elevation is not None and elevation >= HIGH_PEAK_M:
        return 9
    return _KIND_MIN_ZOOM[kind]


def area_box(*, catalogue: Catalogue, margin: float = AREA_MARGIN_DEGREES) -> Box:
    """The three areas' communes (2025) grown by ``margin`` degrees: what the basemap covers.

    Examples
    --------
    >>> west, south, east, north = area_box(catalogue=Catalogue.load())
    >>> west < 104.0 < 106.5 < east, south < 16.5 < 20.4 < north
    (True, True)
    """
    west, south, east, north = catalogue.read_vector("communes_2025").total_bounds
    return (
        round(float(west) - margin, 2),
        round(float(south) - margin, 2),
        round(float(east) + margin, 2),
        round(float(north) + margin, 2),
    )


def labels(*, catalogue: Catalogue, box: Box | None = None) -> pd.DataFrame:
    """Place labels from GeoNames, in drawing priority.

    Returns
    -------
    pandas.DataFrame
        ``name``, ``lat``, ``lon``, ``kind`` (:data:`LABEL_KINDS`), ``min_zoom`` and
        ``feature_code``; only the codes :func:`label_kind` knows, inside ``box`` when given.

    Examples
    --------
    >>> frame = labels(catalogue=Catalogue.load())
    >>> sorted(frame["kind"].unique()) == sorted(LABEL_KINDS)
    True
    """
    rows = read_geonames(
        catalogue=catalogue, usecols=["name", "latitude", "longitude", "feature_code", "dem"]
    )
    kinds = rows["feature_code"].map(label_kind)
    rows = rows.assign(kind=kinds).dropna(subset=["kind"])
    if box is not None:
        west, south, east, north = box
        inside = rows["longitude"].between(west, east) & rows["latitude"].between(south, north)
        rows = rows[inside]
    elevation = pd.to_numeric(rows["dem"], errors="coerce")
    frame = pd.DataFrame(
        {
            "name": rows["name"].astype(str).str.strip(),
            "lat": rows["latitude"].astype(float).round(DECIMALS),
            "lon": rows["longitude"].astype(float).round(DECIMALS),
            "kind": rows["kind"],
            "min_zoom": [
                min_zoom(kind, elevation=None if math.isnan(h) else float(h))
                for kind, h in zip(rows["kind"], elevation, strict=True)
            ],
            "feature_code": rows["feature_code"],
            "_priority": rows["kind"].map(LABEL_KINDS.index),
            "_height": -elevation.fillna(0),
        }
    )
    frame = frame[frame["name"] != ""].drop_duplicates(["name", "lat", "lon"])
    frame = frame.sort_values(["_priority", "min_zoom", "_height", "name"], kind="stable")
    return frame.drop(columns=["_priority", "_height"]).reset_index(drop=True)


def _lines(geometries: np.ndarray, box: Box | None) -> list[list[list[list[float]]]]:
    """Each geometry as a list of ``[[lat, lon], ...]`` parts: clipped, simplified, rounded."""
    if box is not None:
        geometries = shapely.clip_by_rect(geometries, *box)
    simple = shapely.set_precision(
        shapely.simplify(geometries, SIMPLIFY_DEGREES, preserve_topology=False), 10.0**-DECIMALS
    )
    out = []
    for geometry in simple:
        parts = [] if geometry is None or geometry.is_empty else shapely.get_parts(geometry)
        lines = [
            [[round(y, DECIMALS), round(x, DECIMALS)] for x, y in part.coords]
            for part in parts
            if part.geom_type == "LineString" and len(part.coords) > 1
        ]
        out.append(lines)
    return out


def vector_basemap(*, catalogue: Catalogue, box: Box | None = None) -> dict[str, Any]:
    """Rivers, national roads and labels of the offline basemap, ready for the browser.

    Parameters
    ----------
    catalogue
        The data catalogue (rivers, roads, GeoNames).
    box
        ``(west, south, east, north)``: lines are clipped to it and labels kept inside it;
        ``None`` keeps everything (the bundle covers the three areas only).

    Returns
    -------
    dict
        ``rivers``: ``[order, [[[lat, lon], ...], ...]]`` per river (Strahler order, 1–3);
        ``roads``: ``[name, [[[lat, lon], ...], ...]]`` per road; ``labels``:
        ``[name, lat, lon, kind, min_zoom]`` in drawing priority; ``kinds``:
        :data:`LABEL_KINDS`.

    Examples
    --------
    >>> data = vector_basemap(catalogue=Catalogue.load(), box=(104.6, 20.1, 105.1, 20.4))
    >>> sorted(data), all(label[3] in LABEL_KINDS for label in data["labels"])
    (['kinds', 'labels', 'rivers', 'roads'], True)
    """
    river_layer = rivers.build(catalogue=catalogue)
    road_layer = roads.build(catalogue=catalogue)
    river_lines = _lines(river_layer.geometry.to_numpy(), box)
    road_lines = _lines(road_layer.geometry.to_numpy(), box)
    frame = labels(catalogue=catalogue, box=box)
    return {
        "kinds": list(LABEL_KINDS),
        "rivers": [
            [int(order), lines]
            for order, lines in zip(river_layer["strahler"], river_lines, strict=True)
            if lines
        ],
        "roads": [
            [str(name), lines]
            for name, lines in zip(road_layer["name"], road_lines, strict=True)
            if lines
        ],
        "labels": [
            [row.name, row.lat, row.lon, row.kind, int(row.min_zoom)]
            for row in frame.itertuples(index=False)
        ],
    }


def basemap_json(data: dict[str, Any]) -> bytes:
    """Compact UTF-8 JSON of :func:`vector_basemap`'s result (no spaces, names unescaped).

    Examples
    --------
    >>> basemap_json({"labels": [["Mường Xén", 19.4, 104.1, "town", 8]]})
    b'{"labels":[["M\\xc6\\xb0\\xe1\\xbb\\x9dng X\\xc3\\xa9n",19.4,104.1,"town",8]]}'
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def basemap_options(
    *,
    relief_url: str | None,
    relief_bounds: Any,
    vector: dict[str, Any] | None,
    lang: str,
    standby: bool = False,
) -> dict[str, Any]:
    """The options ``BorderAtlasBasemap.add`` takes (``static/atlas/basemap.js``).

    ``vector`` is ``{"url": ...}`` (the app serves the JSON) or ``{"data": ...}`` (inline);
    ``standby``: the map shows tiles and the basemap only takes over when they fail.

    Examples
    --------
    >>> options = basemap_options(relief_url=None, relief_bounds=None, vector=None, lang="en")
    >>> options["relief"], options["mode"], options["words"]["tiles_failed"][:24]
    (None, 'on', 'Online basemap unreachab')
    """
    relief = None
    if relief_url and relief_bounds:
        relief = {
            "url": relief_url,
            "bounds": [list(corner) for corner in relief_bounds],
            "attribution": message("basemap.attribution.relief", lang),
        }
    return {
        "relief": relief,
        "vector": vector,
        "attribution": message("basemap.attribution.vector", lang),
        "mode": "standby" if standby else "on",
        "words": {
            key: message(f"basemap.{key}", lang)
            for key in ("tiles_failed", "offline_now", "pack_note")
        },
    }


def inline_basemap(
    *,
    catalogue: Catalogue,
    box: Box,
    lang: str,
    standby: bool = False,
    pixel_deg: float = 0.0025,
    max_side: int = 1200,
) -> dict[str, Any]:
    """The basemap of ``box`` with everything inside: the relief as a ``data:`` URI.

    For a page that must work as one file (the field pack's map): the relief picture of
    ``box`` (:func:`geo.terrain.relief_image`, finer pixels than the app's, at most
    ``max_side`` on a side) and :func:`vector_basemap` clipped to ``box``, as
    :func:`basemap_options`.

    Raises
    ------
    geo.errors.DataFileError
        When the terrain grid or a vector input cannot be read.
    """
    relief = relief_image(
        catalogue=catalogue, box=box, pixel_deg=pixel_deg, max_side=max_side, quality=70
    )
    return basemap_options(
        relief_url=relief.data_uri(),
        relief_bounds=relief.bounds,
        vector={"data": vector_basemap(catalogue=catalogue, box=box)},
        lang=lang,
        standby=standby,
    )
