"""Coordinate systems of Border Atlas: WGS 84 and VN-2000, by EPSG code.

EPSG codes make pyproj apply the VN-2000 → WGS 84 datum shift (the 7-parameter ``towgs84`` of
EPSG 4756). Vietnamese surveyors write projected VN-2000 coordinates as **X = northing** and
**Y = easting** (with its 500 000 m false easting); the functions here take them by those names,
keyword-only, so they cannot be swapped by accident.

Examples
--------
>>> lat, lon = to_wgs84(northing=2245000.0, easting=462000.0, epsg=NGHE_AN_TM3)
>>> round(lat, 3), round(lon, 3)
(20.295, 104.388)
>>> [round(v, 6) for v in parse_wgs84("20°17′49″N 104°37′21″E")]
[20.296944, 104.6225]

What cannot be read raises :class:`~geo.errors.CoordinateError` in both languages, with the fix:

>>> try:
...     parse_wgs84("104.6224, 20.2969, 7")
... except CoordinateError as error:
...     print(error.key)
coords.error.unreadable_decimal
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pyproj import CRS, Transformer

from geo.errors import CoordinateError
from geo.names import fold
from geo.vocabulary import WGS84_EPSG
from i18n.messages import LANGS, message, pair
from i18n.numbers import parse_number

VN2000_GEOGRAPHIC = 4756
VN2000_UTM48N = 3405
THANH_HOA_TM3 = 5897
"""VN-2000 / TM-3 105°00′ (EPSG calls it "TM-3 zone 482")."""
NGHE_AN_TM3 = 9208
"""VN-2000 / TM-3 104°45′."""
QUANG_TRI_TM3 = 9212
"""VN-2000 / TM-3 106°15′ (Quảng Trị before the 2025 merger)."""
QUANG_TRI_TM3_2025 = 9211
"""VN-2000 / TM-3 106°00′: a 2025 circular may have moved the merged Quảng Trị here."""

VIETNAM_BOUNDS = (8.0, 23.5, 102.0, 110.0)
"""South, north, west, east of the box every point must fall in."""


@dataclass(frozen=True)
class CrsOption:
    """A coordinate system a user can pick."""

    epsg: int
    label_vi: str
    label_en: str
    kind: str  # "geographic" or "projected"
    central_meridian: float | None = None

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en


OPTIONS: dict[int, CrsOption] = {
    option.epsg: option
    for option in (
        CrsOption(WGS84_EPSG, *pair("crs.wgs84"), "geographic"),
        CrsOption(VN2000_GEOGRAPHIC, *pair("crs.vn2000_geographic"), "geographic"),
        CrsOption(VN2000_UTM48N, *pair("crs.vn2000_utm48n"), "projected", 105.0),
        CrsOption(THANH_HOA_TM3, *pair("crs.tm3_thanh_hoa"), "projected", 105.0),
        CrsOption(NGHE_AN_TM3, *pair("crs.tm3_nghe_an"), "projected", 104.75),
        CrsOption(QUANG_TRI_TM3, *pair("crs.tm3_quang_tri"), "projected", 106.25),
        CrsOption(QUANG_TRI_TM3_2025, *pair("crs.tm3_quang_tri_2025"), "projected", 106.0),
    )
}
"""The systems a user can pick; their names are in the catalogue (``i18n/text_coords.py``)."""
ALL_CHOICES = tuple(OPTIONS)

_ZONE_PROVINCES = (
    ("Thanh Hóa", (THANH_HOA_TM3,)),
    ("Nghệ An", (NGHE_AN_TM3,)),
    ("Quảng Trị", (QUANG_TRI_TM3, QUANG_TRI_TM3_2025)),
)
"""Each province's TM-3 zone(s), the zone it used before the 2025 merger first."""
_PROVINCE_ZONES = {fold(name): codes for name, codes in _ZONE_PROVINCES}
PROJECTED_CHOICES = tuple(code for code, o in OPTIONS.items() if o.kind == "projected")


def zone_province(epsg: int) -> str | None:
    """The province whose TM-3 zone ``epsg`` is (``None`` for UTM 48N and geographic systems).

    Examples
    --------
    >>> zone_province(NGHE_AN_TM3), zone_province(QUANG_TRI_TM3_2025), zone_province(VN2000_UTM48N)
    ('Nghệ An', 'Quảng Trị', None)
    """
    return next((name for name, codes in _ZONE_PROVINCES if epsg in codes), None)


def zone_label(epsg: int) -> str:
    """A zone's short name as surveyors say it, the same in both languages.

    Examples
    --------
    >>> zone_label(NGHE_AN_TM3), zone_label(QUANG_TRI_TM3), zone_label(VN2000_UTM48N)
    ('TM-3 104°45′', 'TM-3 106°15′', 'UTM 48N')
    """
    if epsg == VN2000_UTM48N:
        return "UTM 48N"
    option = OPTIONS.get(epsg)
    if option is None or option.central_meridian is None:
        return f"EPSG:{epsg}"
    degrees, minutes = divmod(round(option.central_meridian * 60), 60)
    return f"TM-3 {degrees}°{minutes:02d}′"


def zones_for_province(province: str) -> list[CrsOption]:
    """The provincial TM-3 zone(s) of ``province``, then UTM 48N.

    Examples
    --------
    >>> [option.epsg for option in zones_for_province("Quảng Trị")]
    [9212, 9211, 3405]
    """
    codes = _PROVINCE_ZONES.get(fold(province), ())
    return [OPTIONS[code] for code in (*codes, VN2000_UTM48N)]


def province_zone(province: str) -> int | None:
    """EPSG code of the TM-3 zone ``province`` uses for cadastral and survey work, if known.

    The first of :func:`zones_for_province`'s zones: for Quảng Trị the zone it used before the
    2025 merger (the move to :data:`QUANG_TRI_TM3_2025` is not confirmed).

    Examples
    --------
    >>> province_zone("Nghệ An") == NGHE_AN_TM3, province_zone("Hà Nội")
    (True, None)
    """
    codes = _PROVINCE_ZONES.get(fold(province), ())
    return codes[0] if codes else None


@lru_cache(maxsize=32)
def _transformer(source: int, target: int) -> Transformer:
    return Transformer.from_crs(CRS.from_epsg(source), CRS.from_epsg(target), always_xy=True)


def is_projected(epsg: int) -> bool:
    return CRS.from_epsg(epsg).is_projected


def to_wgs84(*, northing: float, easting: float, epsg: int) -> tuple[float, float]:
    """(lat, lon) in WGS 84 of a point given in ``epsg``.

    For projected systems ``northing`` is X and ``easting`` is Y as Vietnamese surveyors write
    them; for geographic ones ``northing`` is the latitude and ``easting`` the longitude.
    """
    lon, lat = _transformer(epsg, WGS84_EPSG).transform(easting, northing)
    return float(lat), float(lon)


def from_wgs84(lat: float, lon: float, *, epsg: int) -> tuple[float, float]:
    """(northing, easting) — or (lat, lon) for a geographic ``epsg`` — of a WGS 84 point."""
    x, y = _transformer(WGS84_EPSG, epsg).transform(lon, lat)
    return float(y), float(x)


def in_vietnam(lat: float, lon: float) -> bool:
    south, north, west, east = VIETNAM_BOUNDS
    return south <= lat <= north and west <= lon <= east


@dataclass(frozen=True)
class CoordinateHint:
    """What a misplaced projected point most likely got wrong: a message ``key`` of the
    catalogue (``i18n/text_coords.py``) and its ``values``.

    Examples
    --------
    >>> hint = CoordinateHint("coords.hint.other_zone", {"zone": "TM-3 104°45′"})
    >>> hint.message("en").startswith("The numbers fall inside Vietnam when read in TM-3 104°45′")
    True
    """

    key: str
    values: dict[str, object]

    def message(self, lang: str = "vi") -> str:
        """The hint in ``lang`` ("vi" or "en")."""
        return message(self.key, lang, **self.values)


def diagnose_projected(northing: float, easting: float, *, epsg: int) -> list[CoordinateHint]:
    """Why a projected point (X = ``northing``, Y = ``easting`` in ``epsg``) falls outside
    Vietnam: X and Y swapped, or another zone where the numbers fit.

    Examples
    --------
    >>> [hint.key for hint in diagnose_projected(436788.0, 2145726.0, epsg=NGHE_AN_TM3)]
    ['coords.hint.swapped_xy']
    """
    hints: list[CoordinateHint] = []
    lat, lon = to_wgs84(northing=easting, easting=northing, epsg=epsg)
    if in_vietnam(lat, lon):
        hints.append(CoordinateHint("coords.hint.swapped_xy", {}))
    for other in PROJECTED_CHOICES:
        if other == epsg:
            continue
        lat, lon = to_wgs84(northing=northing, easting=easting, epsg=other)
        if in_vietnam(lat, lon):
            hints.append(CoordinateHint("coords.hint.other_zone", {"zone": zone_label(other)}))
            break
    return hints


def _error(key: str, hints: Sequence[CoordinateHint] = (), /, **values: object) -> CoordinateError:
    """:class:`CoordinateError` ``key`` in both languages, its ``hints`` after it."""
    texts = [
        " ".join([message(key, lang, **values), *(hint.message(lang) for hint in hints)])
        for lang in LANGS
    ]
    error = CoordinateError(*texts)
    error.key = key
    return error


def _degrees(value: float) -> str:
    """A coordinate in degrees as GPS receivers write it, whatever the page's language."""
    return f"{value:.5f}"


def check_in_vietnam(lat: float, lon: float) -> None:
    """Raise :class:`CoordinateError` when (lat, lon) is outside Vietnam, saying when latitude
    and longitude look swapped.

    Examples
    --------
    >>> try:
    ...     check_in_vietnam(104.6, 20.3)
    ... except CoordinateError as error:
    ...     print(error.key)
    coords.error.swapped_lat_lon
    """
    if in_vietnam(lat, lon):
        return
    key = "coords.error.swapped_lat_lon" if in_vietnam(lon, lat) else "coords.error.outside_vietnam"
    raise _error(key, lat=_degrees(lat), lon=_degrees(lon))


_NUMBER = r"[-+]?\d+(?:[.,]\d+)?"
_DMS = re.compile(
    r"(?P<deg>\d{1,3})(?:\s*[°º:d]\s*|\s+)(?P<min>\d{1,2}(?:[.,]\d+)?)"
    r"(?:(?:\s*['′’:m]\s*|\s+)(?P<sec>\d{1,2}(?:[.,]\d+)?)\s*(?:[\"″”s]|'')?|\s*['′’m])?"
    r"\s*(?P<hem>[NSEWnsew]|Bắc|Nam|Đông|Tây)?"
)
_LOOKS_DMS = re.compile(r"[°º′'″\"]|\d\s*(?:[NSEWnsew]|Bắc|Nam|Đông|Tây)\b")
"""Degree, minute or second marks, or a hemisphere after a number: read as DMS."""
_SHOWN_TEXT = 60
"""How much of what was typed an error message repeats."""


def _shown(text: str) -> str:
    cleaned = " ".join(str(text).split())
    return cleaned if len(cleaned) <= _SHOWN_TEXT else cleaned[: _SHOWN_TEXT - 1] + "…"


def _number(text: str, *, key: str, typed: str) -> float:
    """``text`` as a number; else :class:`CoordinateError` ``key`` repeating ``typed``."""
    try:
        number = parse_number(text)
    except ValueError:
        number = None
    if number is None:
        raise _error(key, text=_shown(typed))
    return number


def _dms_values(text: str) -> list[tuple[float, str]]:
    values = []
    key = "coords.error.unreadable_dms"
    for found in _DMS.finditer(text):
        value = _number(found["deg"], key=key, typed=text)
        value += _number(found["min"], key=key, typed=text) / 60
        if found["sec"]:
            value += _number(found["sec"], key=key, typed=text) / 3600
        hemisphere = (found["hem"] or "").upper()[:1]
        hemisphere = {"B": "N", "Đ": "E", "T": "W"}.get(hemisphere, hemisphere)
        if hemisphere in ("S", "W"):
            value = -value
        values.append((value, hemisphere))
    return values


def parse_wgs84(text: str) -> tuple[float, float]:
    """(lat, lon) from decimal degrees or degrees-minutes-seconds.

    Accepts ``"20.2969, 104.6224"``, ``"20,2969; 104,6224"``, ``"20°17′49″N 104°37′21″E"``
    and ``"20 17 49 N, 104 37 21 E"``. Longitude first is accepted only when unambiguous
    (a latitude in Vietnam is below 24, a longitude above 100).

    Raises :class:`CoordinateError` (message keys ``coords.error.*``) when the text is empty,
    is not two coordinates, or lies outside Vietnam.

    Examples
    --------
    >>> parse_wgs84("104.6224 20.2969")
    (20.2969, 104.6224)
    """
    cleaned = str(text).strip()
    if not cleaned:
        raise _error("coords.error.empty")
    if _LOOKS_DMS.search(cleaned):
        values = _dms_values(cleaned)
        if len(values) != 2:
            raise _error("coords.error.unreadable_dms", text=_shown(text))
        (first, hemisphere_1), (second, _) = values
        lat, lon = (second, first) if hemisphere_1 in ("E", "W") else (first, second)
    else:
        key = "coords.error.unreadable_decimal"
        if ";" in cleaned or cleaned.count(",") >= 2 or re.search(r"\d,\d+\s+\d", cleaned):
            parts = re.split(r"\s*;\s*|\s+", cleaned.replace(", ", " "))
            numbers = [_number(p, key=key, typed=text) for p in parts if re.fullmatch(_NUMBER, p)]
        else:
            numbers = [float(p) for p in re.findall(r"[-+]?\d+(?:\.\d+)?", cleaned)]
        if len(numbers) != 2:
            raise _error(key, text=_shown(text))
        lat, lon = numbers
        if abs(lat) > 90 or (lat > 100 and lon < 30):
            lat, lon = lon, lat
    check_in_vietnam(lat, lon)
    return lat, lon


def read_vn2000(text: str) -> tuple[float, float]:
    """(X, Y) — northing, easting — as typed: ``"X=2243567.12 Y=512345.67"`` or two numbers,
    X first, in either language's way of writing numbers.

    Examples
    --------
    >>> read_vn2000("Y=512.345,67 X=2.243.567,12")
    (2243567.12, 512345.67)
    """
    cleaned = str(text)
    key = "coords.error.unreadable_xy"
    if not cleaned.strip():
        raise _error("coords.error.empty")
    tagged = dict(
        (name.upper(), value)
        for name, value in re.findall(r"([XYxy])\s*[=:]\s*([-+]?[\d.,\s]*\d)", cleaned)
    )
    if "X" in tagged and "Y" in tagged:
        return (
            _number(tagged["X"], key=key, typed=text),
            _number(tagged["Y"], key=key, typed=text),
        )
    parts = [p for p in re.split(r"\s*[;\t]\s*|\s+|,\s+", cleaned.strip()) if p]
    if len(parts) != 2:
        raise _error(key, text=_shown(text))
    return _number(parts[0], key=key, typed=text), _number(parts[1], key=key, typed=text)


def parse_vn2000(text: str, *, epsg: int) -> tuple[float, float]:
    """(lat, lon) in WGS 84 from VN-2000 ``"X=2243567.12 Y=512345.67"`` or two numbers (X first).

    Raises :class:`CoordinateError` naming the likely mistake (swapped X/Y, wrong zone).

    Examples
    --------
    >>> [round(v, 3) for v in parse_vn2000("X=2245000 Y=462000", epsg=NGHE_AN_TM3)]
    [20.295, 104.388]
    """
    northing, easting = read_vn2000(text)
    lat, lon = to_wgs84(northing=northing, easting=easting, epsg=epsg)
    if not in_vietnam(lat, lon):
        hints = diagnose_projected(northing, easting, epsg=epsg) if is_projected(epsg) else []
        raise _error(
            "coords.error.projected_outside",
            hints or [CoordinateHint("coords.hint.check_numbers", {})],
            x=f"{northing:.2f}",
            y=f"{easting:.2f}",
            zone=zone_label(epsg),
            lat=_degrees(lat),
            lon=_degrees(lon),
        )
    return lat, lon


def read_position(text: str, *, epsg: int) -> tuple[float, float, tuple[float, float] | None]:
    """A position typed in ``epsg`` (any of :data:`OPTIONS`): (lat, lon) in WGS 84, and the
    numbers as typed, (X, Y), when ``epsg`` is projected (else ``None``).

    Raises :class:`CoordinateError` as :func:`parse_wgs84` and :func:`parse_vn2000` do.

    Examples
    --------
    >>> lat, lon, typed = read_position("X=2245000 Y=462000", epsg=NGHE_AN_TM3)
    >>> round(lat, 3), round(lon, 3), typed
    (20.295, 104.388, (2245000.0, 462000.0))
    >>> read_position("20.2969, 104.6224", epsg=WGS84_EPSG)
    (20.2969, 104.6224, None)
    """
    if epsg == WGS84_EPSG:
        return (*parse_wgs84(text), None)
    if not is_projected(epsg):  # VN-2000 in degrees: read as degrees, then moved to WGS 84
        v_lat, v_lon = parse_wgs84(text)
        return (*to_wgs84(northing=v_lat, easting=v_lon, epsg=epsg), None)
    return (*parse_vn2000(text, epsg=epsg), read_vn2000(text))


VN2000_TOWGS84 = (
    "-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278"
)
"""EPSG "VN-2000 to WGS 84 (2)" (coordinate-frame rotations) written as PROJ's ``+towgs84``,
whose rotations are position-vector: the rotation signs are flipped so that proj4js in the
browser gives the same positions as pyproj here."""


@lru_cache(maxsize=32)
def proj4_definition(epsg: int) -> str:
    """PROJ string of ``epsg`` for proj4js, with the VN-2000 datum shift made explicit.

    ``CRS.to_proj4()`` alone drops the datum shift (~300 m for VN-2000); the web map's cursor
    readout gives proj4js this string so the browser agrees with pyproj within a metre.

    Examples
    --------
    >>> "+towgs84=-191.9" in proj4_definition(NGHE_AN_TM3)
    True
    """
    definition = CRS.from_epsg(epsg)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        text = definition.to_proj4()
    if "VN-2000" in definition.name and "+towgs84" not in text:
        text = text.replace(" +no_defs", f" +towgs84={VN2000_TOWGS84} +no_defs")
    return text.replace(" +type=crs", "")
