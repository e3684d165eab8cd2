"""Surveyed marker positions for those who may not see them: what is said instead.

Who sees surveyed positions is decided by the store alone (``Store.sees_protected``; its
``get_import`` returns the public version of a protected import, ``withheld``, to everyone
else; its ``get_plan`` passes each surveyed stop to ``Store.public_stop``). This module makes
those public versions:

* :func:`public_body`, stored with a markers import: per marker its number, 2025 commune and
  gate (:func:`layers.markers.public_rows`), never a coordinate;
* :func:`public_markers`, how such a body joins the markers layer
  (:func:`layers.markers.with_public_positions`: at commune level, labelled so);
* :func:`stop_hook`, the store's ``public_stop``: a surveyed plan stop moved to its commune's
  point (``inside_commune``), or dropped when its commune is unknown.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import geopandas as gpd
import shapely

from geo.vocabulary import WGS84
from i18n.messages import both_languages
from layers import markers
from layers.registry import Atlas
from userdata.store_core import PublicStop


def public_body(usable: gpd.GeoDataFrame, *, atlas: Atlas | None) -> str:
    """The public version of a surveyed-markers import (JSON text: a list of
    :func:`layers.markers.public_rows`); without the layers, numbers only (no commune)."""
    if atlas is None or not atlas.available("communes_2025"):
        rows = [
            {"marker_number": str(number), "commune_code": "", "gate": ""}
            for number in usable["marker_number"]
        ]
        return json.dumps(rows, ensure_ascii=False)
    base = atlas.get("markers") if atlas.available("markers") else _no_markers()
    rows = markers.public_rows(usable, markers=base, communes_2025=atlas.get("communes_2025"))
    return json.dumps(rows, ensure_ascii=False)


def _no_markers() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"marker_number": [], "precision": [], "label_vi": []}, geometry=[], crs=WGS84
    )


def public_markers(
    record: dict[str, Any], *, communes_2025: gpd.GeoDataFrame | None
) -> Callable[[gpd.GeoDataFrame], gpd.GeoDataFrame] | None:
    """How a withheld markers import (``record`` from ``Store.get_import``, its ``body`` the
    public version or None) joins the markers layer; None when it adds nothing."""
    if not record.get("body") or communes_2025 is None:
        return None
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    source = str(meta.get("source") or record.get("name") or "")

    def build(base: gpd.GeoDataFrame) -> gpd.GeoDataFrame:  # a damaged body fails the join
        rows = json.loads(record["body"])
        if not isinstance(rows, list):
            raise ValueError(f"public body of {record.get('name')!r}: a list expected")
        return markers.with_public_positions(base, rows, communes_2025=communes_2025, source=source)

    return build


def stop_hook(communes_2025: gpd.GeoDataFrame) -> PublicStop:
    """The store's ``public_stop``: a surveyed stop (a plan's stop as a dict) at its 2025
    commune's point (:func:`layers.markers.commune_near`, the rule of the markers' public
    version), ``precision`` ``inside_commune``; None (dropped) when it has no commune.

    Examples
    --------
    >>> import shapely
    >>> communes = gpd.GeoDataFrame({"code": ["1"], "name": ["Sơn Điện"], "seat_lat": [20.5],
    ...     "seat_lon": [104.5]}, geometry=[shapely.box(104.0, 20.0, 105.0, 21.0)], crs=WGS84)
    >>> hook = stop_hook(communes)
    >>> stop = {"id": "m", "name": "Mốc 336", "kind": "marker", "lat": 20.123456,
    ...     "lon": 104.654321, "precision": "surveyed", "commune_code": None, "source": "BĐBP"}
    >>> moved = hook(stop)
    >>> moved["lat"], moved["lon"], moved["precision"], moved["commune_code"]
    (20.5, 104.5, 'inside_commune', '1')
    >>> hook({**stop, "lat": 10.0, "lon": 110.0}) is None
    True
    """
    seats = communes_2025.set_index(communes_2025["code"].astype(str))

    def public_stop(stop: dict[str, Any]) -> dict[str, Any] | None:
        code = str(stop.get("commune_code") or "")
        if code not in seats.index:
            try:
                point = shapely.Point(float(stop["lon"]), float(stop["lat"]))
            except (KeyError, TypeError, ValueError):
                return None
            [code] = markers.commune_near([point], communes_2025=communes_2025)
        if code not in seats.index:
            return None
        seat = seats.loc[code]
        return {
            **stop,
            "lat": float(seat["seat_lat"]),
            "lon": float(seat["seat_lon"]),
            "precision": "inside_commune",
            "commune_code": code,
            "source": both_languages("protect.stop_basis", commune=seat["name"]),
        }

    return public_stop
