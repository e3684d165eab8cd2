"""Whether a position lies where it claims to: in the three areas, in Vietnam, and — for VN-2000
TM-3 coordinates — in the province whose zone they were written in.

Numbers typed in the wrong TM-3 zone still make a valid point, about 26 km east or west of the
real one (the zones' central meridians are 0.25° apart), so they cannot be refused; they are
warned about instead. A point gets a :class:`PositionWarning` when it

- lies outside Vietnam (``position.outside_vietnam``, when Vietnam's communes are given), or
  more than :data:`FAR_KM` from every commune of the atlas (``position.far``);
- lies in another province than the one whose zone it was typed in (``position.wrong_province``);
- would land in the three areas, in the zone's own province, if the same numbers were read in
  another zone (``position.likely_zone``, whose ``likely_epsg`` is that zone; every warning of
  the point then carries it, so a page can offer the zone as a one-click choice).

The communes are indexed once per frame (:func:`layers.locate.commune_index`: projected to
metres, about 0.5 s for the atlas's and Vietnam's together) and kept while the frame lives; a
check then takes about 0.1 ms, or 4 ms when every other zone is tried, so a page can run it on
every keystroke.

Examples
--------
>>> import geopandas as gpd, shapely
>>> square = shapely.box(104.0, 19.3, 104.2, 19.5)  # a made-up commune of Nghệ An
>>> communes = gpd.GeoDataFrame(
...     {"name": ["Mẫu"], "province": ["Nghệ An"]}, geometry=[square], crs="EPSG:4326"
... )
>>> position_warnings(lat=19.4, lon=104.1, communes=communes)
[]
>>> [w.key for w in position_warnings(lat=21.03, lon=105.85, communes=communes)]
['position.far']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd

from geo import crs
from geo.names import fold
from i18n.messages import message
from i18n.numbers import format_number
from layers.locate import CommuneIndex, Place, commune_index, to_metres

FAR_KM = 5.0
"""A point farther than this from every commune of the atlas is "outside the three areas"."""
INSIDE_KM = 0.5
"""A point this close to a commune counts as in it (the communes' edges are simplified)."""
MIN_SHIFT_KM = 2.0
"""Zones that move a point less than this are not told apart: UTM 48N and TM-3 105°00′ share
their central meridian and differ by under a kilometre here (scale 0.9996 against 0.9999)."""
VIETNAM_TOLERANCE_KM = 0.2
"""A point this close to one of Vietnam's communes counts as in Vietnam: that layer is
simplified for display, about 60 m from the atlas's own communes."""


@dataclass(frozen=True)
class PositionWarning:
    """One reason to doubt a position: a message ``key`` of ``i18n/text_coords.py`` and its
    ``values`` (kilometres as floats, written in the page's language by :meth:`message`).

    Examples
    --------
    >>> warning = PositionWarning("position.far", {"km": 187.26}, likely_epsg=None)
    >>> warning.message("vi")[:46]
    'Điểm này cách xã gần nhất của bản đồ 187,3 km:'
    >>> warning.message("en")[:22]
    'This point is 187.3 km'
    """

    key: str
    values: Mapping[str, object]
    likely_epsg: int | None = None
    """The zone the typed numbers fit, when one fits better than the zone chosen."""

    def message(self, lang: str = "vi") -> str:
        """The warning in ``lang`` ("vi" or "en")."""
        shown = {
            name: format_number(value, lang=lang, decimals=1) if isinstance(value, float) else value
            for name, value in self.values.items()
        }
        return message(self.key, lang, **shown)


def _likely_zone(
    northing: float, easting: float, *, epsg: int, areas: CommuneIndex
) -> tuple[int, Place] | None:
    """The other zone in which the typed numbers land in the three areas, in that zone's own
    province: a province's TM-3 zone before UTM 48N, in the order of :data:`geo.crs.OPTIONS`."""
    fits: list[tuple[bool, int, int, Place]] = []
    lat, lon = crs.to_wgs84(northing=northing, easting=easting, epsg=epsg)
    as_read = to_metres(lat, lon)
    for order, other in enumerate(crs.PROJECTED_CHOICES):
        if other == epsg:
            continue
        lat, lon = crs.to_wgs84(northing=northing, easting=easting, epsg=other)
        moved = to_metres(lat, lon)
        place = areas.locate(moved)
        if place is None or place.km > INSIDE_KM or moved.distance(as_read) < MIN_SHIFT_KM * 1000:
            continue
        province = crs.zone_province(other)
        if province is None or fold(province) == fold(areas.provinces[place.index]):
            fits.append((province is None, order, other, place))
    if not fits:
        return None
    _, _, other, place = min(fits, key=lambda fit: fit[:2])
    return other, place


def position_warnings(
    *,
    lat: float,
    lon: float,
    communes: gpd.GeoDataFrame,
    epsg: int | None = None,
    northing: float | None = None,
    easting: float | None = None,
    vietnam: gpd.GeoDataFrame | None = None,
) -> list[PositionWarning]:
    """Why the WGS 84 position (``lat``, ``lon``) may not be where it was meant to be.

    Parameters
    ----------
    lat, lon
        The position in WGS 84, as read.
    communes
        The atlas's communes (``atlas.get("communes_2025")``: ``name``, ``province``).
    epsg
        The coordinate system the position was typed or stored in; a VN-2000 TM-3 zone is
        checked against its province (:func:`geo.crs.zone_province`).
    northing, easting
        The numbers as typed in ``epsg`` (X and Y); with them, every other projected zone is
        tried and the one that puts the point in the three areas is named.
    vietnam
        Vietnam's communes (``name``, ``province``: see
        :func:`planner.schedule.overnight_places`), to name the province of a point outside the
        three areas and to tell a point outside Vietnam. Without them only the atlas's
        communes are used.

    Returns
    -------
    list of PositionWarning
        Empty when the position raises no doubt.
    """
    areas = commune_index(communes)
    point = to_metres(lat, lon)
    in_areas = areas.locate(point)
    area_km = in_areas.km if in_areas is not None else float("inf")
    province: str | None = None
    outside_km: float | None = None
    if in_areas is not None and area_km <= INSIDE_KM:
        province = str(areas.provinces[in_areas.index])
    elif vietnam is not None:
        country = commune_index(vietnam)
        in_country = country.locate(point)
        if in_country is not None and in_country.km <= VIETNAM_TOLERANCE_KM:
            province = str(country.provinces[in_country.index])
        elif in_country is not None:
            outside_km = in_country.km
    zone_province = crs.zone_province(epsg) if epsg is not None else None
    wrong_province = (
        zone_province is not None and province is not None and fold(province) != fold(zone_province)
    )
    likely = None
    projected = epsg in crs.PROJECTED_CHOICES and northing is not None and easting is not None
    if projected and (area_km > INSIDE_KM or wrong_province):
        likely = _likely_zone(northing, easting, epsg=epsg, areas=areas)
    likely_epsg = likely[0] if likely else None
    warnings: list[PositionWarning] = []
    if outside_km is not None:
        warnings.append(
            PositionWarning("position.outside_vietnam", {"km": outside_km}, likely_epsg)
        )
    elif area_km > FAR_KM:
        warnings.append(PositionWarning("position.far", {"km": area_km}, likely_epsg))
    if wrong_province:
        values = {
            "province": province,
            "zone": crs.zone_label(epsg),
            "zone_province": zone_province,
        }
        warnings.append(PositionWarning("position.wrong_province", values, likely_epsg))
    if likely is not None:
        other, place = likely
        values = {
            "zone": crs.zone_label(other),
            "commune": str(areas.names[place.index]),
            "province": str(areas.provinces[place.index]),
        }
        warnings.append(PositionWarning("position.likely_zone", values, other))
    return warnings
