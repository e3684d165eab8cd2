"""The evidence behind the risk classes: cited facts placed on the communes of an edition.

The classification of ``indicators/facts_cited.csv`` (category, level, GSO codes) is
``data/facts_map.csv`` read through :mod:`layers.facts`; this module does not classify facts.
A fact coded in the other edition is moved through the crosswalk only when its commune lies
wholly inside one commune of this edition (:func:`layers.crosswalk.lies_within`); otherwise
(split Thị trấn Sơn Lư, or a merged 2025 commune seen from 2024) it is listed as context,
unscored. District-level facts are repeated on every commune of the former district.

The NASA Global Landslide Catalog is read here too, as context only (:func:`nearest_nasa`).
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.catalogue import Catalogue
from geo.errors import SchemaError
from geo.vocabulary import METRIC_CRS, WGS84
from layers import crosswalk as xwalk
from layers import facts

EVENT_CATEGORIES = ("landslide_event", "flood_event")
HOTSPOT_CATEGORIES = ("landslide_hotspots", "erosion")
FACT_CATEGORIES = EVENT_CATEGORIES + HOTSPOT_CATEGORIES

NASA_SOURCE = "hazards/nasa_glc_vietnam.csv (NASA Global Landslide Catalog)"
FACTS_SOURCE = "indicators/facts_cited.csv"

EVIDENCE_COLUMNS = (
    "code",
    "category",
    "level",
    "year",
    "label_vi",
    "label_en",
    "source_url",
)
"""Normalised evidence: one row per (fact, commune code) of the edition being built.

``level`` is ``commune`` (the fact names the commune, or a commune of the other edition that
lies wholly inside it), ``district`` (a figure for the former district, repeated on each of its
communes) or ``context`` (a fact about a commune of the other edition that was split or merged,
so it cannot be placed in one commune of this edition: listed, never scored).
"""

LEVEL_COMMUNE = "commune"
LEVEL_DISTRICT = "district"
LEVEL_CONTEXT = "context"

_EDITIONS = {"2025": "communes_2025", "2024": "communes_2024"}
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_QUOTE_MAX = 220


def strip_district(name: str) -> str:
    """Return a former district name without its ``Huyện`` prefix.

    Examples
    --------
    >>> strip_district("Huyện Kỳ Sơn")
    'Kỳ Sơn'
    """
    return re.sub(r"^\s*huyện\s+", "", name.strip(), flags=re.IGNORECASE)


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
    """Return the four-digit year stated in ``value`` (first one), or None.

    Examples
    --------
    >>> event_year("2019-08-03"), event_year("12 June (year not stated)"), event_year(2020)
    (2019, None, 2020)
    """
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return int(value)
    match = _YEAR.search(str(value))
    return int(match.group(1)) if match else None


def _short(text: object) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1].rstrip() + "…"


def _label_vi(fact: pd.Series) -> str:
    return _short(fact["quote"]) or _short(fact["indicator"])


def _label_en(fact: pd.Series) -> str:
    value = str(fact["value"]).strip()
    return _short(f"{fact['indicator']}: {value}" if value else fact["indicator"])


def read_evidence(
    *, catalogue: Catalogue, edition: str, communes: gpd.GeoDataFrame
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
    """
    loaded = facts.load_facts(catalogue=catalogue)
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
            "source_url": str(fact["citation"]).strip(),
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
        subset=["code", "category", "level", "label_vi", "source_url"], ignore_index=True
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
