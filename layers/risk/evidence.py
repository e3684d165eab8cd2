"""The evidence behind the risk classes: cited facts placed on the communes of an edition.

The classification of the cited facts (category, level, GSO codes) is the project's facts map
read through :mod:`layers.facts`; this module does not classify facts.
A fact coded in the other edition is moved through the crosswalk only when its commune lies
wholly inside one commune of this edition (:func:`layers.crosswalk.lies_within`); otherwise
(split Thị trấn Sơn Lư, or a merged 2025 commune seen from 2024) it is listed as context,
unscored. District-level facts are repeated on every commune of the former district.

An event's year is the year the report states for the event (:func:`event_year`): a date the
facts give as the page's own (page date, page metadata, URL timestamp) is never taken for it,
so such an event stays undated.

Each fact is cited as a person can follow it (:func:`layers.facts.citation`: outlet, headline,
date and link) in the sources and by outlet and date in the reasons; a copy on a mirror site
says "bản sao, cần kiểm chứng / mirror, verify".

The NASA Global Landslide Catalog is read here too, as context only (:func:`nearest_nasa`).
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.catalogue import Catalogue
from geo.citations import host, is_mirror, outlet_name, stated_date
from geo.errors import SchemaError
from geo.vocabulary import METRIC_CRS, WGS84
from i18n.messages import EN, VI, both_languages, message
from layers import crosswalk as xwalk
from layers import facts

EVENT_CATEGORIES = ("landslide_event", "flood_event")
HOTSPOT_CATEGORIES = ("landslide_hotspots", "erosion")
SCORED_CATEGORIES = EVENT_CATEGORIES + HOTSPOT_CATEGORIES
WARNING_CATEGORIES = ("warning",)
"""Forecasts and warnings naming a unit: listed in the reasons, never scored (a warning is not
evidence of a hazard site)."""
FACT_CATEGORIES = SCORED_CATEGORIES + WARNING_CATEGORIES

NASA_SOURCE = "NASA Global Landslide Catalog"
"""How the NASA catalogue is cited (context only, never points)."""
FACTS_SOURCE = both_languages("risk_text.facts_source")
"""The cited news and official pages as a whole; each report is cited by its own link."""

EVIDENCE_COLUMNS = (
    "code",
    "category",
    "level",
    "year",
    "label_vi",
    "label_en",
    "source",
    "cite_vi",
    "cite_en",
)
"""Normalised evidence: one row per (fact, commune code) of the edition being built.

``level`` is ``commune`` (the fact names the commune, or a commune of the other edition that
lies wholly inside it), ``district`` (a figure for the former district, repeated on each of its
communes) or ``context`` (a fact about a commune of the other edition that was split or merged,
so it cannot be placed in one commune of this edition: listed, never scored). ``year`` is the
event's year or None (:func:`event_year`). ``source`` is the report as a person can follow it
(:func:`layers.facts.citation`), ``cite_vi`` / ``cite_en`` its outlet and date for the reasons.
"""

LEVEL_COMMUNE = "commune"
LEVEL_DISTRICT = "district"
LEVEL_CONTEXT = "context"

_EDITIONS = {"2025": "communes_2025", "2024": "communes_2024"}
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_PAGE_DATE = re.compile(
    r"\b(?:page|metadata|url|timestamp|published|posted)\b[^;,()]*?"
    r"(?<!\d)(?:19[5-9]\d|20\d\d)(?:-\d\d){0,2}(?!\d)"
    r"|(?<!\d)(?:19[5-9]\d|20\d\d)(?:-\d\d){0,2}(?!\d)\s*\([^)]*?"
    r"\b(?:page|metadata|url|timestamp|published|posted)\b[^)]*\)",
    re.IGNORECASE,
)
"""A date the facts give as the page's own (``page date 2017``, ``2017 (page metadata)``)."""
_QUOTE_MAX = 220
_TITLE_MAX = 90


strip_district = facts.district_name
"""A former district name without its ``Huyện`` prefix (:func:`layers.facts.district_name`)."""


def read_communes(*, catalogue: Catalogue, edition: str) -> gpd.GeoDataFrame:
    """Return the commune polygons (``code``, ``name``, ``district``) of ``edition``."""
    if edition not in _EDITIONS:
        raise SchemaError(f"edition must be one of {sorted(_EDITIONS)}, got {edition!r}")
    raw = catalogue.read_vector(_EDITIONS[edition])
    raw["code"] = raw["code"].astype(str)
    raw["name"] = raw["name"].astype(str)
    column = "former_district" if edition == "2025" else "district"
    raw["district"] = raw[column].astype(str).map(strip_district)
    return raw


def event_year(value: object) -> int | None:
    """Return the event's four-digit year stated in ``value`` (the first one), or None.

    A year the text gives as the page's date (page date, page metadata, URL timestamp,
    published/posted) is not the event's and is skipped: such an event stays undated.

    Examples
    --------
    >>> event_year("2019-08-03"), event_year("12 June (year not stated)"), event_year(2020)
    (2019, None, 2020)
    >>> event_year("not stated (30 June; page date 2017)"), event_year("2017 (page metadata)")
    (None, None)
    >>> event_year("not stated (2020)")  # the year of the same event in another report
    2020
    >>> event_year("19 Sept (storm no.4; year not on page, same event as 2024-09 reports)")
    2024
    """
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return int(value)
    match = _YEAR.search(_PAGE_DATE.sub(" ", str(value)))
    return int(match.group(1)) if match else None


def _short(text: object) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1].rstrip() + "…"


def _label_vi(fact: pd.Series) -> str:
    return _short(fact["quote"]) or _short(fact["indicator"])


def _label_en(fact: pd.Series) -> str:
    value = str(fact["value"]).strip()
    return _short(f"{fact['indicator']}: {value}" if value else fact["indicator"])


def _text(fact: pd.Series, column: str) -> str:
    value = fact.get(column, "")
    return "" if value is None or pd.isna(value) else " ".join(str(value).split())


def cite_short(fact: pd.Series, lang: str) -> str:
    """The outlet and date of a cited report, for the reasons (the full citation, with its
    link, is in the sources).

    The outlet's own remarks in brackets are left out; an unknown outlet gives way to the
    headline; a copy on a mirror host says so (:func:`geo.citations.is_mirror`).

    Examples
    --------
    >>> cite_short(pd.Series({"source_outlet": "vnexpress.net", "source_date": "2019-08",
    ...                       "source_url": "https://vnexpress.net/a"}), "vi")
    'vnexpress.net, 08/2019'
    >>> cite_short(pd.Series({"source_outlet": "m.example (mirror site; outlet not recorded)",
    ...                       "source_date": "2024-09-30 (URL timestamp)"}), "en")
    'm.example, 30/09/2024, mirror, verify'
    >>> cite_short(pd.Series({"source_outlet": "không rõ / unknown", "source_date": "2019-10",
    ...                       "source_title": "Kết luận"}), "vi")
    'Kết luận, 10/2019'
    """
    outlet_text, url = _text(fact, "source_outlet"), _text(fact, "source_url")
    outlet = outlet_name(outlet_text, url)
    if not outlet or outlet.casefold().startswith(("không rõ", "unknown")):
        title = _text(fact, "source_title")
        if len(title) > _TITLE_MAX:
            title = title[: _TITLE_MAX - 1].rstrip() + "…"
        outlet = title or host(url)
    parts = [outlet, stated_date(_text(fact, "source_date"))]
    if is_mirror(outlet=outlet_text, url=url):
        parts.append(message("provenance.mirror", lang))
    return ", ".join(part for part in parts if part)


def read_evidence(
    *,
    catalogue: Catalogue,
    edition: str,
    communes: gpd.GeoDataFrame,
    map_file: Path | None = None,
) -> pd.DataFrame:
    """Return the cited facts that bear on risk, attached to the communes of ``edition``.

    A fact coded in the other edition is moved through the crosswalk only when its commune
    lies wholly inside one commune of this edition (2024 → 2025 always, except the split Thị
    trấn Sơn Lư; 2025 → 2024 only for communes the merger left unchanged); otherwise it
    becomes ``context``.

    Parameters
    ----------
    catalogue
        The data catalogue (keys ``facts`` and ``crosswalk``).
    edition
        ``"2025"`` or ``"2024"``.
    communes
        The communes of ``edition`` with ``code`` and ``district`` (former district name).
    map_file
        The facts classification to use (:func:`layers.facts.load_facts`); the project's by
        default.
    """
    loaded = facts.load_facts(catalogue=catalogue, map_file=map_file)
    loaded = loaded[loaded["category"].isin(FACT_CATEGORIES)]
    return normalise_facts(
        loaded,
        edition=edition,
        crosswalk=xwalk.read_crosswalk(catalogue=catalogue),
        districts=communes.set_index("code")["district"],
    )


def normalise_facts(
    loaded: pd.DataFrame, *, edition: str, crosswalk: pd.DataFrame, districts: pd.Series
) -> pd.DataFrame:
    """Attach classified facts (:func:`layers.facts.load_facts` rows) to communes of ``edition``.

    ``districts`` maps each commune code of ``edition`` to its former district name. Returns
    rows with :data:`EVIDENCE_COLUMNS`.
    """
    # Codes of the other edition → the communes of this edition they overlap, and → the one
    # commune of this edition they lie wholly inside (when there is one).
    overlapping = xwalk.new_codes(crosswalk) if edition == "2025" else xwalk.old_codes(crosswalk)
    whole_in = xwalk.lies_within(crosswalk, edition="2025" if edition == "2025" else "2024")
    rows: list[dict[str, object]] = []
    for _, fact in loaded.iterrows():
        base = {
            "category": fact["category"],
            "year": event_year(fact["year"]),
            "label_vi": _label_vi(fact),
            "label_en": _label_en(fact),
            "source": _text(fact, "citation") or _text(fact, "source_url"),
            "cite_vi": cite_short(fact, VI),
            "cite_en": cite_short(fact, EN),
        }
        level = str(fact["unit_level"])
        if level == "district":
            district = strip_district(str(fact["unit_codes"]))
            for code in districts.index[districts == district]:
                rows.append({**base, "code": code, "level": LEVEL_DISTRICT})
            continue
        if level not in facts.EDITION_OF_LEVEL:
            continue  # province facts say nothing about a commune
        codes = [c.strip() for c in str(fact["unit_codes"]).split(";") if c.strip()]
        if facts.EDITION_OF_LEVEL[level] == edition:
            rows += [{**base, "code": c, "level": LEVEL_COMMUNE} for c in codes]
            continue
        for code in codes:
            if code in whole_in:
                rows.append({**base, "code": whole_in[code], "level": LEVEL_COMMUNE})
                continue
            targets = overlapping.get(code, [])
            rows += [{**base, "code": t, "level": LEVEL_CONTEXT} for t in targets]
    frame = pd.DataFrame(rows, columns=list(EVIDENCE_COLUMNS))
    frame["year"] = frame["year"].astype("object")
    return frame.drop_duplicates(
        subset=["code", "category", "level", "label_vi", "source"], ignore_index=True
    )


def _iso_date(value: object) -> str:
    """Return a NASA ``m/d/Y H:M`` date as ``YYYY-MM-DD`` (the text itself if unparsable)."""
    parsed = pd.to_datetime(str(value), format="%m/%d/%Y %H:%M", errors="coerce")
    return str(value) if pd.isna(parsed) else parsed.strftime("%Y-%m-%d")


def nearest_nasa(*, catalogue: Catalogue, communes: gpd.GeoDataFrame) -> pd.DataFrame:
    """Distance (km) from each commune to the nearest NASA GLC event, with its description.

    Context only, never points: no catalogued event lies inside the three areas and their
    positions are good to only 10–50 km.
    """
    events = pd.read_csv(catalogue.path("landslides_nasa"))
    events = events.dropna(subset=["longitude", "latitude"]).reset_index(drop=True)
    points = gpd.GeoSeries(
        gpd.points_from_xy(events["longitude"], events["latitude"]), crs=WGS84
    ).to_crs(METRIC_CRS)
    shapes = communes.to_crs(METRIC_CRS).geometry
    rows = []
    for geometry in shapes:
        distance = points.distance(geometry)
        index = int(distance.idxmin())
        event = events.loc[index]
        rows.append(
            {
                "nasa_km": float(distance[index]) / 1000.0,
                "nasa_place": str(event["location_description"]),
                "nasa_date": _iso_date(event["event_date"]),
                "nasa_accuracy": str(event["location_accuracy"]),
            }
        )
    return pd.DataFrame(rows, index=communes.index)
