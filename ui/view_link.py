"""The map page's view in the URL query string, so a copied link reopens the same view.

Every value is URL-encoded (:func:`share_url`); areas travel as ASCII slugs (``ky-son``) and
old links with names (``area=Kỳ Sơn``) still open. A link with an unknown or cut value opens the
nearest valid view, and :func:`read_link` says what it ignored (:class:`LinkNotice`): a cut area
(``area=Kỳ``) opens the one area whose diacritic-free name starts with it; anything else
invalid falls back to the default.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import quote, urlencode

from geo.names import fold
from geo.vocabulary import POVERTY_STANDARDS, RISK_CLASSES
from i18n.messages import LANGS, message, message_or, risk_label
from i18n.numbers import format_number
from layers.filters import Filters
from ui import webmap

AREAS = ("all", "Quan Sơn", "Kỳ Sơn", "Hướng Hóa")
FIRST_AREA = AREAS[1]
"""The area a first visit opens on (the first in the list)."""
EDITIONS = ("2025", "2024")
RANKED_STANDARDS = tuple(code for code in POVERTY_STANDARDS if code != "unknown")
"""The poverty standards the poverty filter can be limited to."""
OFFLINE = "offline"
"""The app's own basemap (no tiles from outside): the default."""
BASEMAP_KEYS: tuple[str, ...] = (OFFLINE, *(key for key in webmap.BASEMAPS if key != OFFLINE))
"""Every basemap a link may name, the offline one first."""
YEARS = (1990, 2100)
"""First and last year the poverty-year filter accepts."""


def area_slug(area: str) -> str:
    """The ASCII form of ``area`` used in links.

    Examples
    --------
    >>> [area_slug(area) for area in AREAS]
    ['all', 'quan-son', 'ky-son', 'huong-hoa']
    """
    return fold(area).replace(" ", "-")


SLUGS = {area_slug(area): area for area in AREAS}


@dataclass(frozen=True)
class ViewState:
    """Everything a copied link restores: view, indicator, filters and selection."""

    area: str = "all"
    edition: str = "2025"
    indicator: str = "poverty_rate_pct"
    basemap: str = OFFLINE
    selected: str = ""
    filters: Filters = field(default_factory=Filters)


@dataclass(frozen=True)
class LinkNotice:
    """One value of a link that was not used as given.

    ``param`` is the query parameter, ``given`` its value as the link holds it, ``used`` the
    value opened instead, written as a link writes it (``""``: the parameter's default/off).
    """

    param: str
    given: str
    used: str


@dataclass(frozen=True)
class LinkReading:
    """What a link opens: the view, and a notice for each value that was not used as given."""

    state: ViewState
    notices: tuple[LinkNotice, ...] = ()
    lang: str = "vi"
    """The interface language the link asks for (``vi`` when absent or unknown)."""
    area_given: bool = False
    """Whether the link names an area (else the page may open the remembered one)."""


def _number(value: float) -> str:
    """``value`` exactly as a link writes it: ``30`` not ``30.0``; no digit lost."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def to_query(state: ViewState) -> dict[str, str]:
    """Query-string parameters for ``state`` (defaults omitted), values not yet encoded.

    The area is always written (as its slug): a link without one opens the visitor's own
    remembered area, so it would not reopen the same view.

    Examples
    --------
    >>> to_query(ViewState(filters=Filters(poverty_min=30, risk_classes=("high",))))
    {'area': 'all', 'pov': '30', 'risk': 'high'}
    >>> to_query(ViewState(area="Kỳ Sơn", edition="2024"))
    {'area': 'ky-son', 'ed': '2024'}
    """
    default = ViewState()
    params: dict[str, str] = {"area": area_slug(state.area)}
    for key, value, base in (
        ("ed", state.edition, default.edition),
        ("ind", state.indicator, default.indicator),
        ("map", state.basemap, default.basemap),
        ("sel", state.selected, default.selected),
    ):
        if value != base:
            params[key] = value
    f = state.filters
    if f.poverty_min is not None:
        params["pov"] = _number(f.poverty_min)
    if f.risk_classes:
        params["risk"] = ",".join(f.risk_classes)
    if f.districts:
        params["dist"] = ",".join(area_slug(area) for area in f.districts)
    if f.border_only:
        params["border"] = "1"
    if f.indicator_min is not None:
        params["min"] = f"{f.indicator_min[0]}:{_number(f.indicator_min[1])}"
    if f.poverty_standard is not None:
        params["pstd"] = f.poverty_standard
    if f.poverty_year_from is not None:
        params["pyr"] = str(f.poverty_year_from)
    return params


def share_url(*, base: str, state: ViewState, lang: str) -> str:
    """The link that reopens ``state`` in ``lang``: every value URL-encoded, ASCII only.

    ``base`` is the page's address without a query; the language is written only when it is
    not Vietnamese.

    Examples
    --------
    >>> share_url(base="http://x/ban-do", state=ViewState(area="Kỳ Sơn"), lang="vi")
    'http://x/ban-do?area=ky-son'
    >>> state = ViewState(selected="site:Bản Na", filters=Filters(risk_classes=("high", "low")))
    >>> share_url(base="http://x/", state=state, lang="en")
    'http://x/?area=all&sel=site%3AB%E1%BA%A3n%20Na&risk=high%2Clow&lang=en'
    """
    params = to_query(state)
    if lang != "vi":
        params["lang"] = lang
    query = urlencode(params, quote_via=quote, safe="")
    return f"{base.split('?')[0]}?{query}"


def _match_area(value: str) -> tuple[str | None, bool]:
    """(area, exact) for a link's area value: exact name or slug, else a unique prefix."""
    if value in AREAS:
        return value, True
    key = fold(value.replace("-", " ").replace("_", " "))
    by_folded = {fold(area): area for area in AREAS}
    if area_slug(key) in SLUGS:
        return SLUGS[area_slug(key)], True
    if not key:
        return None, False
    starts = [area for folded, area in by_folded.items() if folded.startswith(key)]
    return (starts[0], False) if len(starts) == 1 else (None, False)


def _float(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


_SELECTION = re.compile(r"[a-z_]+:\S+")


class _Reader:
    """Reads one link's parameters, collecting a notice for every value not used as given."""

    def __init__(self, params: Mapping[str, str]) -> None:
        self.params = params
        self.notices: list[LinkNotice] = []

    def get(self, key: str) -> str | None:
        value = self.params.get(key)
        return None if value is None or value == "" else str(value)

    def note(self, key: str, used: str) -> None:
        self.notices.append(LinkNotice(key, str(self.params.get(key, "")), used))

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        value = self.get(key)
        if value is None:
            return default
        if value in allowed:
            return value
        self.note(key, default)
        return default

    def items(self, key: str, allowed: Mapping[str, str]) -> tuple[str, ...]:
        value = self.get(key)
        if value is None:
            return ()
        given = [item for item in value.split(",") if item]
        kept = tuple(dict.fromkeys(allowed[item] for item in given if item in allowed))
        if len(kept) != len(given):
            self.note(key, ",".join(kept))
        return kept


def _area_items(reader: _Reader) -> tuple[str, ...]:
    value = reader.get("dist")
    if value is None:
        return ()
    kept: list[str] = []
    exact = True
    for item in (item for item in value.split(",") if item):
        area, whole = _match_area(item)
        if area is None or area == "all":
            exact = False
            continue
        exact = exact and whole
        if area not in kept:
            kept.append(area)
    if not exact:
        reader.note("dist", ",".join(area_slug(area) for area in kept))
    return tuple(kept)


def read_link(params: Mapping[str, str], *, indicators: tuple[str, ...] = ()) -> LinkReading:
    """The view a link opens, and what of it was not used as given.

    ``indicators`` are the keys that may colour the map (any when empty). A cut or misspelt
    area opens the only area whose diacritic-free name starts with it; any other invalid value
    opens the default, with a notice.

    Examples
    --------
    >>> reading = read_link({"area": "Kỳ", "pov": "abc", "risk": "high,bogus"})
    >>> reading.state.area, reading.state.filters.poverty_min, reading.state.filters.risk_classes
    ('Kỳ Sơn', None, ('high',))
    >>> [(n.param, n.given, n.used) for n in reading.notices]
    [('area', 'Kỳ', 'ky-son'), ('pov', 'abc', ''), ('risk', 'high,bogus', 'high')]
    >>> read_link({"area": "Kỳ Sơn"}).notices
    ()
    """
    reader = _Reader(params)
    default = ViewState()
    area = default.area
    given_area = reader.get("area")
    if given_area is not None:
        found, exact = _match_area(given_area)
        area = found or default.area
        if not exact:
            reader.note("area", area_slug(area))
    edition = reader.choice("ed", EDITIONS, default.edition)
    indicator = reader.choice(
        "ind", indicators or (reader.get("ind") or default.indicator,), default.indicator
    )
    basemap = reader.choice("map", BASEMAP_KEYS, default.basemap)
    selected = reader.get("sel") or ""
    if selected and not _SELECTION.fullmatch(selected):
        reader.note("sel", "")
        selected = ""
    poverty = None
    if (text := reader.get("pov")) is not None:
        poverty = _float(text)
        if poverty is None or not 0 <= poverty <= 100:
            reader.note("pov", "")
            poverty = None
    risk = reader.items("risk", {code: code for code in RISK_CLASSES})
    districts = _area_items(reader)
    border = reader.get("border")
    if border not in (None, "0", "1"):
        reader.note("border", "")
    indicator_min = None
    if (text := reader.get("min")) is not None:
        key, _, number = text.partition(":")
        value = _float(number)
        if value is None or not key or (indicators and key not in indicators):
            reader.note("min", "")
        else:
            indicator_min = (key, value)
    standard = reader.choice("pstd", RANKED_STANDARDS, "") or None
    year_text = reader.get("pyr")
    year_from = None
    if year_text is not None:
        if year_text.isdigit() and YEARS[0] <= int(year_text) <= YEARS[1]:
            year_from = int(year_text)
        else:
            reader.note("pyr", "")
    lang = reader.choice("lang", LANGS, "vi")
    state = ViewState(
        area=area,
        edition=edition,
        indicator=indicator,
        basemap=basemap,
        selected=selected,
        filters=Filters(
            poverty_min=poverty,
            risk_classes=risk,
            districts=districts,
            border_only=border == "1",
            indicator_min=indicator_min,
            poverty_standard=standard,
            poverty_year_from=year_from,
        ),
    )
    return LinkReading(
        state=state, notices=tuple(reader.notices), lang=lang, area_given=given_area is not None
    )


def from_query(params: Mapping[str, str], *, indicators: tuple[str, ...] = ()) -> ViewState:
    """Rebuild a :class:`ViewState` from query parameters, ignoring anything invalid.

    Examples
    --------
    >>> from_query({"pov": "30", "risk": "high,bogus", "area": "Kỳ Sơn"}).filters.risk_classes
    ('high',)
    >>> f = from_query({"pstd": "2021-2025", "pyr": "2021"}).filters
    >>> f.poverty_standard, f.poverty_year_from
    ('2021-2025', 2021)
    >>> from_query({"pstd": "bogus", "pyr": "20x1"}).filters == Filters()
    True
    """
    return read_link(params, indicators=indicators).state


def with_area(reading: LinkReading, area: str | None) -> ViewState:
    """The view of ``reading``, opened on ``area`` when the link names none.

    Examples
    --------
    >>> with_area(read_link({}), "Hướng Hóa").area
    'Hướng Hóa'
    >>> with_area(read_link({"area": "all"}), "Hướng Hóa").area
    'all'
    """
    if reading.area_given:
        return reading.state
    return replace(reading.state, area=area if area in AREAS else FIRST_AREA)


def _used_words(notice: LinkNotice, lang: str) -> str:
    """What was used instead, in words (never a raw code)."""
    used = notice.used
    param = notice.param
    if param == "area":
        area = SLUGS.get(used, "all")
        return message("area_all", lang) if area == "all" else area
    if param == "ed":
        return message(f"edition_{used}", lang)
    if param == "ind":
        return message("links.default_indicator", lang)
    if param == "map":
        return message_or(f"map.basemap.{used}", lang, message("links.default_basemap", lang))
    if param == "lang":
        return message(f"links.lang.{used}", lang)
    if param == "sel" and not used:
        return message("links.nothing_selected", lang)
    if not used:
        return message("links.off", lang)
    if param == "risk":
        return ", ".join(risk_label(code, lang) for code in used.split(","))
    if param == "dist":
        return ", ".join(SLUGS[slug] for slug in used.split(","))
    return format_number(float(used), lang=lang) if _float(used) is not None else used


def notice_text(notice: LinkNotice, *, lang: str) -> str:
    """One line for the page saying what of the link was ignored and what opened instead.

    Plain text: show it with ``ui.language.as_text`` (the value comes from the link).

    Examples
    --------
    >>> notice_text(LinkNotice("area", "Kỳ", "ky-son"), lang="vi")
    'Liên kết: Vùng «Kỳ» không rõ, đang mở: Kỳ Sơn.'
    >>> notice_text(LinkNotice("pov", "abc", ""), lang="en")
    'Link: Minimum poverty rate “abc” not understood, showing: no filter.'
    """
    given = notice.given if len(notice.given) <= 40 else notice.given[:39] + "…"
    return message(
        "links.notice",
        lang,
        param=message_or(f"links.param.{notice.param}", lang, notice.param),
        given=given,
        used=_used_words(notice, lang),
    )
