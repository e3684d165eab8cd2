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
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

from pyproj import CRS, Transformer

from geo.errors import CoordinateError
from geo.names import fold
from geo.vocabulary import WGS84_EPSG
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
        CrsOption(WGS84_EPSG, "WGS 84 (GPS, độ)", "WGS 84 (GPS, degrees)", "geographic"),
        CrsOption(VN2000_GEOGRAPHIC, "VN-2000 địa lý (độ)", "VN-2000 geographic", "geographic"),
        CrsOption(VN2000_UTM48N, "VN-2000 / UTM 48N", "VN-2000 / UTM 48N", "projected", 105.0),
        CrsOption(
            THANH_HOA_TM3,
            "VN-2000 / TM-3 105°00′ (Thanh Hóa)",
            "VN-2000 / TM-3 105°00′ (Thanh Hóa)",
            "projected",
            105.0,
        ),
        CrsOption(
            NGHE_AN_TM3,
            "VN-2000 / TM-3 104°45′ (Nghệ An)",
            "VN-2000 / TM-3 104°45′ (Nghệ An)",
            "projected",
            104.75,
        ),
        CrsOption(
            QUANG_TRI_TM3,
            "VN-2000 / TM-3 106°15′ (Quảng Trị)",
            "VN-2000 / TM-3 106°15′ (Quảng Trị)",
            "projected",
            106.25,
        ),
        CrsOption(
            QUANG_TRI_TM3_2025,
            "VN-2000 / TM-3 106°00′ (Quảng Trị, theo quy định 2025?)",
            "VN-2000 / TM-3 106°00′ (Quảng Trị, 2025 rule?)",
            "projected",
            106.0,
        ),
    )
}
ALL_CHOICES = tuple(OPTIONS)

_PROVINCE_ZONES = {
    "thanh hoa": (THANH_HOA_TM3,),
    "nghe an": (NGHE_AN_TM3,),
    "quang tri": (QUANG_TRI_TM3, QUANG_TRI_TM3_2025),
}
PROJECTED_CHOICES = tuple(code for code, o in OPTIONS.items() if o.kind == "projected")


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


def diagnose_projected(northing: float, easting: float, *, epsg: int) -> list[str]:
    """Hints (English) for a projected point that falls outside Vietnam."""
    hints: list[str] = []
    lat, lon = to_wgs84(northing=easting, easting=northing, epsg=epsg)
    if in_vietnam(lat, lon):
        hints.append("X and Y look swapped: X is the northing (about 1,000,000–2,600,000 m)")
    for other in PROJECTED_CHOICES:
        if other == epsg:
            continue
        lat, lon = to_wgs84(northing=northing, easting=easting, epsg=other)
        if in_vietnam(lat, lon):
            hints.append(f"the point fits in {OPTIONS[other].label_en}: wrong zone?")
            break
    return hints


def check_in_vietnam(lat: float, lon: float) -> None:
    """Raise :class:`CoordinateError` when (lat, lon) is outside Vietnam, with a hint."""
    if in_vietnam(lat, lon):
        return
    hint = ""
    if in_vietnam(lon, lat):
        hint = " Latitude and longitude look swapped."
    raise CoordinateError(
        f"The point {lat:.5f}, {lon:.5f} lies outside Vietnam (8–23.5° N, 102–110° E).{hint}"
    )


_NUMBER = r"[-+]?\d+(?:[.,]\d+)?"
_DMS = re.compile(
    r"(?P<deg>\d{1,3})(?:\s*[°º:d]\s*|\s+)(?P<min>\d{1,2}(?:[.,]\d+)?)"
    r"(?:(?:\s*['′’:m]\s*|\s+)(?P<sec>\d{1,2}(?:[.,]\d+)?)\s*(?:[\"″”s]|'')?|\s*['′’m])?"
    r"\s*(?P<hem>[NSEWnsew]|Bắc|Nam|Đông|Tây)?"
)


def _number(text: str) -> float:
    number = parse_number(text)
    if number is None:
        raise ValueError(f"not a number: {text!r}")
    return number


def _dms_values(text: str) -> list[tuple[float, str]]:
    values = []
    for found in _DMS.finditer(text):
        value = _number(found["deg"]) + _number(found["min"]) / 60
        if found["sec"]:
            value += _number(found["sec"]) / 3600
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

    Examples
    --------
    >>> parse_wgs84("104.6224 20.2969")
    (20.2969, 104.6224)
    """
    cleaned = str(text).strip()
    if not cleaned:
        raise CoordinateError("No coordinates given.")
    if re.search(r"[°º′'″\"NSEWnsew]|Bắc|Đông", cleaned):
        values = _dms_values(cleaned)
        if len(values) != 2:
            raise CoordinateError(
                f"Could not read two coordinates in {text!r}: write e.g. 20°17′49″N 104°37′21″E."
            )
        (first, hemisphere_1), (second, _) = values
        lat, lon = (second, first) if hemisphere_1 in ("E", "W") else (first, second)
    else:
        if ";" in cleaned or cleaned.count(",") >= 2 or re.search(r"\d,\d+\s+\d", cleaned):
            parts = re.split(r"\s*;\s*|\s+", cleaned.replace(", ", " "))
            numbers = [_number(p) for p in parts if re.fullmatch(_NUMBER, p)]
        else:
            numbers = [float(p) for p in re.findall(r"[-+]?\d+(?:\.\d+)?", cleaned)]
        if len(numbers) != 2:
            raise CoordinateError(
                f"Could not read two coordinates in {text!r}: write e.g. 20.2969, 104.6224."
            )
        lat, lon = numbers
        if abs(lat) > 90 or (lat > 100 and lon < 30):
            lat, lon = lon, lat
    check_in_vietnam(lat, lon)
    return lat, lon


def parse_vn2000(text: str, *, epsg: int) -> tuple[float, float]:
    """(lat, lon) in WGS 84 from VN-2000 ``"X=2243567.12 Y=512345.67"`` or two numbers (X first).

    Raises :class:`CoordinateError` naming the likely mistake (swapped X/Y, wrong zone).
    """
    cleaned = str(text)
    tagged = dict(
        (key.upper(), value)
        for key, value in re.findall(r"([XYxy])\s*[=:]\s*([-+]?[\d.,\s]*\d)", cleaned)
    )
    if "X" in tagged and "Y" in tagged:
        northing, easting = _number(tagged["X"]), _number(tagged["Y"])
    else:
        parts = [p for p in re.split(r"\s*[;\t]\s*|\s+|,\s+", cleaned.strip()) if p]
        if len(parts) != 2:
            raise CoordinateError(
                f"Could not read X and Y in {text!r}: write e.g. X=2243567.12 Y=512345.67."
            )
        northing, easting = _number(parts[0]), _number(parts[1])
    lat, lon = to_wgs84(northing=northing, easting=easting, epsg=epsg)
    if not in_vietnam(lat, lon):
        hints = diagnose_projected(northing, easting, epsg=epsg) if is_projected(epsg) else []
        name = OPTIONS[epsg].label_en if epsg in OPTIONS else f"EPSG:{epsg}"
        advice = " " + "; ".join(hints) + "." if hints else ""
        raise CoordinateError(
            f"X={northing:.2f} Y={easting:.2f} in {name} falls outside Vietnam "
            f"({lat:.4f}, {lon:.4f}).{advice}"
        )
    return lat, lon


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
