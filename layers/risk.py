"""Landslide and flash-flood risk as a transparent class per commune (both editions).

There is no official landslide zoning map in the bundle. This layer derives a commune-level
class from the evidence that exists, scores it with the constants below, and lists every
contributing item with its source. When a user imports an official zoning map,
:func:`apply_official_zoning` replaces the derived class where the map covers a commune.

Scoring (all thresholds are module constants)
---------------------------------------------
* **Relief** — P90−P10 elevation range of the SRTM30_PLUS cells in the commune
  (:func:`layers.terrain.relief_by_polygon`; relief only, the grid is too coarse for slope):
  :data:`RELIEF_BANDS_M` gives 3 / 2 / 1 / 0 points for ≥ 700 / ≥ 400 / ≥ 250 / < 250 m.
* **Reported events** (``landslide_event``, ``flood_event``) naming the commune: each
  *event-year* (reports of one category, commune and year count once — one storm is often
  reported several times; undated reports of one category count once) scores
  :data:`POINTS_RECENT_EVENT` when within :data:`EVENT_WINDOW_YEARS` years of
  :data:`REFERENCE_YEAR`, :data:`POINTS_OTHER_EVENT` when older or undated; at most
  :data:`EVENT_POINTS_MAX`. ``n_events`` counts these event-years.
* **Commune-level hotspots** (``landslide_hotspots``: designated risk points, households in a
  danger zone, warnings naming the commune; ``erosion``: river/stream-bank collapse):
  :data:`POINTS_HOTSPOT` each, at most :data:`HOTSPOT_POINTS_MAX`.
* **District-level reports** (hotspot counts such as "Hướng Hóa has 45 high-risk points",
  road-landslide counts on QL217 in Quan Sơn, district evacuations, Sê Pôn bank erosion) say
  the former district is prone but not where: they raise every commune of that district by
  :data:`POINTS_DISTRICT_HOTSPOTS`, once however many there are — half a recent
  commune-level event. All are listed in the reasons.
* **Facts and editions** — the classification of ``indicators/facts_cited.csv`` (category,
  level, GSO codes) is ``data/facts_map.csv`` read through :mod:`layers.facts`; this module
  does not classify facts. A fact coded in the other edition is moved through the crosswalk
  only when its commune lies wholly inside one commune of this edition; otherwise (split
  Thị trấn Sơn Lư, or a merged 2025 commune seen from 2024) it is listed as context, unscored.
* **Classes**: :data:`CLASS_THRESHOLDS` (score ≥ 7 very high, ≥ 5 high, ≥ 2 medium, else low).
* **Missing evidence is not low risk.** A commune no cited report names gets a *relief-only*
  class, at most :data:`RELIEF_ONLY_MAX_CLASS`; where that would be ``low`` it is ``unknown``
  instead (the coarse grid cannot see local steep slopes, and the news collection is not an
  inventory). The reasons say so. No relief cells and no reports: ``unknown``.
* **NASA Global Landslide Catalog** events are context only (distance to the nearest
  catalogued event), never points: none lies inside the three areas and their positions are
  good to only 10–50 km, so a catalogue point "nearby" says nothing reliable about a commune.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.catalogue import Catalogue
from geo.errors import SchemaError, UserInputError
from geo.names import fold
from geo.vocabulary import METRIC_CRS, RISK_CLASSES, RISK_RANK, WGS84
from i18n.messages import EN, LANGS, VI, message, risk_label
from layers.schema import LayerSchema
from layers.terrain import TERRAIN_SOURCE, relief_by_polygon

"""WGS 84 / UTM 48N, for areas and distances in all three areas."""

# --- scoring constants -----------------------------------------------------------------------
RELIEF_BANDS_M: tuple[tuple[float, float], ...] = ((700.0, 3.0), (400.0, 2.0), (250.0, 1.0))
"""(minimum P90−P10 relief in m, points), highest band first; below the last band: 0."""
REFERENCE_YEAR = 2025
"""Year the event window counts back from (the bundle was assembled in 2025–2026)."""
EVENT_WINDOW_YEARS = 10
"""Events dated REFERENCE_YEAR − 9 … REFERENCE_YEAR score as recent."""
POINTS_RECENT_EVENT = 2.0
POINTS_OTHER_EVENT = 1.0
"""An event older than the window, or whose year the source does not state."""
EVENT_POINTS_MAX = 6.0
POINTS_HOTSPOT = 1.0
HOTSPOT_POINTS_MAX = 2.0
POINTS_DISTRICT_HOTSPOTS = 1.0
CLASS_THRESHOLDS: tuple[tuple[str, float], ...] = (
    ("very_high", 7.0),
    ("high", 5.0),
    ("medium", 2.0),
)
"""(class, minimum score), worst first; below the last: ``low``."""
RELIEF_ONLY_MAX_CLASS = "medium"
"""Highest class a commune can get when no cited report names it."""

EVENT_CATEGORIES = ("landslide_event", "flood_event")
HOTSPOT_CATEGORIES = ("landslide_hotspots", "erosion")
FACT_CATEGORIES = EVENT_CATEGORIES + HOTSPOT_CATEGORIES

# --- official zoning -------------------------------------------------------------------------
ZONING_COVER_MIN = 0.5
"""A commune counts as covered when official zoning polygons cover ≥ 50 % of its area."""
ZONING_CLASS_MIN_SHARE = 0.1
"""Of a covered commune, the worst zone class covering ≥ 10 % of its area is taken."""

_ZONE_ALIASES = {
    **{
        fold(message(f"risk.{k}", lang)): k
        for k in RISK_CLASSES
        if k != "unknown"
        for lang in LANGS
    },
    **{k: k for k in RISK_CLASSES if k != "unknown"},
    "very high": "very_high",
    "rat cao": "very_high",
    "nguy co rat cao": "very_high",
    "nguy co cao": "high",
    "nguy co trung binh": "medium",
    "nguy co thap": "low",
}

NASA_SOURCE = "hazards/nasa_glc_vietnam.csv (NASA Global Landslide Catalog)"
FACTS_SOURCE = "indicators/facts_cited.csv"

METHOD_VI = (
    "Lớp nguy cơ sạt lở – lũ quét theo xã, suy ra từ dữ liệu sẵn có, KHÔNG phải bản đồ phân "
    "vùng chính thức.\n"
    "Điểm = chênh cao P90−P10 trong xã (lưới SRTM30 0,02° ≈ 2,2 km: ≥700 m 3 điểm, ≥400 m 2, "
    "≥250 m 1) + mỗi năm có sạt lở/lũ quét được báo chí, cơ quan nêu tên xã (2 điểm nếu trong "
    "10 năm gần đây, 1 nếu cũ hơn hoặc không rõ năm; tối đa 6) + điểm nguy cơ, sạt lở bờ suối "
    "cấp xã (1 điểm, tối đa 2) + 1 điểm nếu huyện cũ có báo cáo sạt lở cấp huyện.\n"
    "Lớp: ≥7 rất cao, ≥5 cao, ≥2 trung bình, còn lại thấp.\n"
    "Xã chưa có báo cáo nào chỉ xếp theo địa hình (tối đa trung bình, nếu thấp thì ghi 'chưa "
    "rõ'): không có tin không có nghĩa là an toàn.\n"
    "Lưới địa hình quá thô để tính độ dốc; danh mục NASA chỉ để tham khảo (sai số 10–50 km).\n"
    "Nơi có bản đồ phân vùng chính thức được nhập, lớp của bản đồ đó được dùng thay."
)
METHOD_EN = (
    "Commune-level landslide and flash-flood risk derived from the evidence in the bundle; NOT "
    "an official zoning map.\n"
    "Score = P90−P10 relief in the commune (SRTM30 0.02° ≈ 2.2 km grid: ≥700 m 3 points, "
    "≥400 m 2, ≥250 m 1) + each year with a landslide/flash flood that news or official pages "
    "report by commune (2 points within the last 10 years, 1 if older or undated; at most 6) "
    "+ commune-level risk points or bank collapse (1 point, at most 2) + 1 point when the "
    "former district has district-level landslide reports.\n"
    "Classes: ≥7 very high, ≥5 high, ≥2 medium, otherwise low.\n"
    "Communes no report names get a relief-only class (at most medium; 'unknown' rather than "
    "low): no news is not evidence of safety.\n"
    "The grid is too coarse for slope; NASA's catalogue is context only (10–50 km accuracy).\n"
    "Where an official zoning map is imported, its class is used instead."
)

SCHEMA = LayerSchema(
    name="risk",
    description="Landslide/flash-flood risk class per commune (derived, or official zoning)",
    geometry_types=("MultiPolygon", "Polygon"),
    columns={
        "code": "str",
        "name": "str",
        "edition": "str",
        "risk_class": "str",
        "risk_score": "float",
        "risk_reasons": "str",
        "risk_reasons_en": "str",
        "risk_sources": "str",
        "relief_p90_p10_m": "float",
        "elev_max_m": "float",
        "n_events": "int",
        "basis": "str",
        "source": "str",
        "precision": "str",
    },
    required=("code", "risk_class", "risk_reasons", "risk_reasons_en", "source", "precision"),
)

SOURCE_TEXT = (
    "Lớp suy ra: địa hình SRTM30_PLUS 0,02° + sự kiện/điểm nguy cơ trích dẫn trong "
    "indicators/facts_cited.csv; không phải bản đồ phân vùng chính thức"
)

_EDITIONS = {"2025": "communes_2025", "2024": "communes_2024"}
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_QUOTE_MAX = 220
_LABELS_MAX = 3


def relief_points(relief_m: float) -> float:
    """Return the relief points for a P90−P10 range in metres (0 when missing).

    Examples
    --------
    >>> relief_points(717.0), relief_points(450.0), relief_points(100.0)
    (3.0, 2.0, 0.0)
    """
    if relief_m is None or not np.isfinite(relief_m):
        return 0.0
    for minimum, points in RELIEF_BANDS_M:
        if relief_m >= minimum:
            return points
    return 0.0


def class_of(score: float) -> str:
    """Return the class of a score under :data:`CLASS_THRESHOLDS`.

    Examples
    --------
    >>> class_of(8.0), class_of(5.0), class_of(2.0), class_of(1.0)
    ('very_high', 'high', 'medium', 'low')
    """
    for name, minimum in CLASS_THRESHOLDS:
        if score >= minimum:
            return name
    return "low"


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


def _iso_date(value: object) -> str:
    """Return a NASA ``m/d/Y H:M`` date as ``YYYY-MM-DD`` (the text itself if unparsable)."""
    parsed = pd.to_datetime(str(value), format="%m/%d/%Y %H:%M", errors="coerce")
    return str(value) if pd.isna(parsed) else parsed.strftime("%Y-%m-%d")


def _host(url: str) -> str:
    host = urlparse(url).netloc
    return host.removeprefix("www.") or url


def _short(text: object) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1].rstrip() + "…"


# --- evidence ---------------------------------------------------------------------------------

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


def read_evidence(
    *, catalogue: Catalogue, edition: str, communes: gpd.GeoDataFrame
) -> pd.DataFrame:
    """Return the cited facts that bear on risk, attached to the communes of ``edition``.

    The classification of ``facts_cited.csv`` (category, unit, codes) is
    ``data/facts_map.csv``, read through :mod:`layers.facts`; this module does not classify
    facts itself. A fact coded in the other edition is moved through the crosswalk only when
    its commune lies wholly inside one commune of this edition (2024 → 2025 always, except the
    split Thị trấn Sơn Lư; 2025 → 2024 only for communes the merger left unchanged); otherwise
    it becomes ``context``.

    Parameters
    ----------
    catalogue
        The data catalogue (keys ``facts`` and ``crosswalk``).
    edition
        ``"2025"`` or ``"2024"``.
    communes
        The communes of ``edition`` with ``code`` and ``district`` (former district name).
    """
    from layers import facts
    from layers.communes import read_crosswalk

    loaded = facts.load_facts(catalogue=catalogue)
    loaded = loaded[loaded["category"].isin(FACT_CATEGORIES)]
    crosswalk = read_crosswalk(catalogue=catalogue)
    return normalise_facts(
        loaded,
        edition=edition,
        crosswalk=crosswalk,
        districts=communes.set_index("code")["district"],
    )


def _label_vi(fact: pd.Series) -> str:
    return _short(fact["quote"]) or _short(fact["indicator"])


def _label_en(fact: pd.Series) -> str:
    value = str(fact["value"]).strip()
    return _short(f"{fact['indicator']}: {value}" if value else fact["indicator"])


def normalise_facts(
    loaded: pd.DataFrame, *, edition: str, crosswalk: pd.DataFrame, districts: pd.Series
) -> pd.DataFrame:
    """Attach classified facts (:func:`layers.facts.load_facts` rows) to communes of ``edition``.

    ``districts`` maps each commune code of ``edition`` to its former district name. Returns
    rows with :data:`EVIDENCE_COLUMNS`.
    """
    from layers.facts import EDITION_OF_LEVEL

    other = "2024" if edition == "2025" else "2025"
    to_new = crosswalk.groupby("code_2024")["code_2025"].agg(list)
    to_old = crosswalk.groupby("code_2025")["code_2024"].agg(list)
    # An old commune lies wholly inside one new commune unless it was split; a new commune
    # equals one old commune only when the merger left it unchanged.
    if other == "2024":
        whole_in_other = {old: new[0] for old, new in to_new.items() if len(new) == 1}
    else:
        whole_in_other = {
            new: old[0] for new, old in to_old.items() if len(old) == 1 and len(to_new[old[0]]) == 1
        }
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
        if level not in EDITION_OF_LEVEL:
            continue  # province facts say nothing about a commune
        codes = [c.strip() for c in str(fact["unit_codes"]).split(";") if c.strip()]
        if EDITION_OF_LEVEL[level] == edition:
            rows += [{**base, "code": c, "level": LEVEL_COMMUNE} for c in codes]
            continue
        for code in codes:
            if code in whole_in_other:
                rows.append({**base, "code": whole_in_other[code], "level": LEVEL_COMMUNE})
                continue
            targets = (to_new if other == "2024" else to_old).get(code, [])
            rows += [{**base, "code": t, "level": LEVEL_CONTEXT} for t in targets]
    frame = pd.DataFrame(rows, columns=list(EVIDENCE_COLUMNS))
    frame["year"] = frame["year"].astype("object")
    return frame.drop_duplicates(
        subset=["code", "category", "level", "label_vi", "source_url"], ignore_index=True
    )


def strip_district(name: str) -> str:
    """Return a former district name without its ``Huyện`` prefix.

    Examples
    --------
    >>> strip_district("Huyện Kỳ Sơn")
    'Kỳ Sơn'
    """
    return re.sub(r"^\s*huyện\s+", "", name.strip(), flags=re.IGNORECASE)


# --- build ------------------------------------------------------------------------------------


def _nearest_nasa(catalogue: Catalogue, communes: gpd.GeoDataFrame) -> pd.DataFrame:
    """Distance (km) from each commune to the nearest NASA GLC event, with its description."""
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


def score_communes(
    communes: gpd.GeoDataFrame,
    *,
    relief: pd.DataFrame,
    evidence: pd.DataFrame,
    nasa: pd.DataFrame | None = None,
    edition: str,
) -> gpd.GeoDataFrame:
    """Score and classify ``communes`` from relief and normalised evidence.

    Parameters
    ----------
    communes
        Polygons with ``code`` and ``name``.
    relief
        Output of :func:`layers.terrain.relief_by_polygon` for the same polygons.
    evidence
        Rows with :data:`EVIDENCE_COLUMNS` (see :func:`read_evidence`).
    nasa
        Optional nearest-NASA-event context per commune (same index as ``communes``).
    edition
        ``"2025"`` or ``"2024"``.
    """
    relief_by_code = relief.set_index("code")
    evidence = evidence.copy()
    evidence["code"] = evidence["code"].astype(str)
    rows = []
    for index, commune in communes.iterrows():
        code = str(commune["code"])
        reasons_vi: list[str] = []
        reasons_en: list[str] = []
        sources: list[str] = []

        if code in relief_by_code.index:
            stats = relief_by_code.loc[code]
            r_m, max_m = float(stats["relief_p90_p10_m"]), float(stats["elev_max_m"])
            n_cells, rule = int(stats["n_cells"]), str(stats["cell_rule"])
        else:
            r_m, max_m, n_cells, rule = np.nan, np.nan, 0, ""
        r_points = relief_points(r_m)
        if np.isfinite(r_m):
            rule_vi = "ô chạm ranh giới" if rule == "all_touched" else "tâm ô trong xã"
            rule_en = (
                "cells touching the commune" if rule == "all_touched" else "cell centres inside"
            )
            reasons_vi.append(
                f"Địa hình: chênh cao P90−P10 {r_m:.0f} m, cao nhất {max_m:.0f} m "
                f"({n_cells} ô 2,2 km, {rule_vi}) (+{r_points:g}) [{TERRAIN_SOURCE}]"
            )
            reasons_en.append(
                f"Relief: P90−P10 range {r_m:.0f} m, max {max_m:.0f} m "
                f"({n_cells} cells of 2.2 km, {rule_en}) (+{r_points:g}) [{TERRAIN_SOURCE}]"
            )
            sources.append(TERRAIN_SOURCE)
        else:
            reasons_vi.append("Địa hình: không có ô lưới SRTM30 trong xã (không tính điểm)")
            reasons_en.append("Relief: no SRTM30 cell in the commune (no points)")

        mine = evidence[evidence["code"] == code]
        commune_level = mine[mine["level"] == "commune"]

        # Events: reports of one category in one year count once (one storm is often
        # reported several times); undated reports of one category count once too.
        events = commune_level[commune_level["category"].isin(EVENT_CATEGORIES)].copy()
        events["year_key"] = [-1 if y is None or pd.isna(y) else int(y) for y in events["year"]]
        event_points = 0.0
        n_events = 0
        for (category, year_key), group in events.groupby(["category", "year_key"], sort=True):
            recent = year_key >= REFERENCE_YEAR - EVENT_WINDOW_YEARS + 1
            points = POINTS_RECENT_EVENT if recent else POINTS_OTHER_EVENT
            points = max(0.0, min(points, EVENT_POINTS_MAX - event_points))
            event_points += points
            n_events += 1
            year_vi = str(year_key) if year_key > 0 else "không rõ năm"
            year_en = str(year_key) if year_key > 0 else "year not stated"
            _reason(
                reasons_vi,
                reasons_en,
                sources,
                group,
                head_vi=f"{_CATEGORY_VI[category]} {year_vi}",
                head_en=f"{_CATEGORY_EN[category]} {year_en}",
                points_vi=f"+{points:g}",
                points_en=f"+{points:g}",
            )

        hotspots = commune_level[commune_level["category"].isin(HOTSPOT_CATEGORIES)]
        hotspot_points = 0.0
        for _, item in hotspots.iterrows():
            points = max(0.0, min(POINTS_HOTSPOT, HOTSPOT_POINTS_MAX - hotspot_points))
            hotspot_points += points
            _reason(
                reasons_vi,
                reasons_en,
                sources,
                item.to_frame().T,
                head_vi=_CATEGORY_VI[item["category"]],
                head_en=_CATEGORY_EN[item["category"]],
                points_vi=f"+{points:g}",
                points_en=f"+{points:g}",
            )

        district = mine[mine["level"] == LEVEL_DISTRICT]
        district_points = POINTS_DISTRICT_HOTSPOTS if len(district) else 0.0
        if len(district):
            _reason(
                reasons_vi,
                reasons_en,
                sources,
                district,
                head_vi="Báo cáo cấp huyện cũ, không chỉ rõ xã",
                head_en="Former-district reports, commune not named",
                points_vi=f"+{district_points:g} cho cả huyện",
                points_en=f"+{district_points:g} for the whole district",
            )

        context = mine[mine["level"] == LEVEL_CONTEXT]
        if len(context):
            _reason(
                reasons_vi,
                reasons_en,
                sources,
                context,
                head_vi=_CONTEXT_VI[edition],
                head_en=_CONTEXT_EN[edition],
                points_vi="không tính điểm",
                points_en="not scored",
            )

        score = r_points + event_points + hotspot_points + district_points
        has_reports = len(commune_level) > 0
        if not has_reports and not np.isfinite(r_m):
            risk_class = "unknown"
            reasons_vi.append(
                "Chưa rõ: không có báo cáo nào nêu tên xã và không có số liệu địa hình"
            )
            reasons_en.append("Unknown: no report names the commune and no relief data")
        elif not has_reports:
            risk_class = class_of(score)
            if RISK_RANK[risk_class] > RISK_RANK[RELIEF_ONLY_MAX_CLASS]:
                risk_class = RELIEF_ONLY_MAX_CLASS
            reasons_vi.append(
                "Chỉ theo địa hình: chưa có báo cáo sự kiện nào nêu tên xã trong dữ liệu — "
                "không có tin không có nghĩa là không có nguy cơ"
            )
            reasons_en.append(
                "Relief only: no report in the data names this commune — no news is not "
                "evidence of safety"
            )
            if risk_class == "low":
                # A coarse grid cannot see local steep slopes: low relief alone is not 'low'.
                risk_class = "unknown"
                reasons_vi.append(
                    "Chưa rõ: lưới địa hình thô không thấy chênh cao lớn nhưng không thấy được "
                    "sườn dốc cục bộ; chưa đủ bằng chứng để xếp thấp"
                )
                reasons_en.append(
                    "Unknown: the coarse grid shows little relief but cannot see local steep "
                    "slopes; not enough evidence to call it low"
                )
        else:
            risk_class = class_of(score)

        if nasa is not None and index in nasa.index:
            context = nasa.loc[index]
            reasons_vi.append(
                f"Tham khảo, không tính điểm: sự kiện gần nhất trong danh mục NASA cách "
                f"{context['nasa_km']:.0f} km ({context['nasa_place']}, {context['nasa_date']}; "
                f"sai số vị trí {context['nasa_accuracy']}) [{NASA_SOURCE}]"
            )
            reasons_en.append(
                f"Context, not scored: nearest NASA catalogue event {context['nasa_km']:.0f} km "
                f"away ({context['nasa_place']}, {context['nasa_date']}; location accuracy "
                f"{context['nasa_accuracy']}) [{NASA_SOURCE}]"
            )
            sources.append(NASA_SOURCE)
        if len(mine):
            sources.append(FACTS_SOURCE)

        rows.append(
            {
                "code": code,
                "name": str(commune["name"]),
                "edition": edition,
                "risk_class": risk_class,
                "risk_score": float(score),
                "risk_reasons": "; ".join(reasons_vi),
                "risk_reasons_en": "; ".join(reasons_en),
                "risk_sources": " ; ".join(dict.fromkeys(sources)),
                "relief_p90_p10_m": r_m,
                "elev_max_m": max_m,
                "n_events": n_events,
                "basis": "derived_commune_class",
                "source": SOURCE_TEXT,
                "precision": "commune_class",
            }
        )
    frame = gpd.GeoDataFrame(rows, geometry=communes.geometry.to_crs(WGS84).values, crs=WGS84)
    frame["n_events"] = frame["n_events"].astype("int64")
    return frame


def _reason(
    reasons_vi: list[str],
    reasons_en: list[str],
    sources: list[str],
    items: pd.DataFrame,
    *,
    head_vi: str,
    head_en: str,
    points_vi: str,
    points_en: str,
) -> None:
    """Append one reason (both languages) citing every report in ``items``."""
    urls = list(dict.fromkeys(items["source_url"].astype(str)))
    labels_vi = list(dict.fromkeys(items["label_vi"].astype(str)))
    labels_en = list(dict.fromkeys(items["label_en"].astype(str)))
    more_vi = f", {len(urls)} nguồn" if len(urls) > 1 else ""
    more_en = f", {len(urls)} sources" if len(urls) > 1 else ""
    cite = ", ".join(_host(u) for u in urls)
    reasons_vi.append(
        f"{head_vi}: {' / '.join(labels_vi[:_LABELS_MAX])}"
        f"{' …' if len(labels_vi) > _LABELS_MAX else ''} ({points_vi}{more_vi}) [{cite}]"
    )
    reasons_en.append(
        f"{head_en}: {' / '.join(labels_en[:_LABELS_MAX])}"
        f"{' …' if len(labels_en) > _LABELS_MAX else ''} ({points_en}{more_en}) [{cite}]"
    )
    sources.extend(urls)


_CONTEXT_VI = {
    "2024": "Báo cáo về xã mới (2025) gộp từ xã này và xã khác, không rõ thuộc xã cũ nào",
    "2025": "Báo cáo về xã cũ bị chia cho nhiều xã mới năm 2025, không rõ thuộc xã mới nào",
}
_CONTEXT_EN = {
    "2024": "Reports about the merged 2025 commune that includes this one; old commune unknown",
    "2025": "Reports about an old commune split between new communes in 2025; which unknown",
}

_CATEGORY_VI = {
    "landslide_event": "Sạt lở",
    "flood_event": "Lũ quét/lũ",
    "landslide_hotspots": "Điểm nguy cơ sạt lở",
    "erosion": "Sạt lở bờ sông/xói lở",
}
_CATEGORY_EN = {
    "landslide_event": "Landslide",
    "flood_event": "Flash flood/flood",
    "landslide_hotspots": "Landslide hotspot",
    "erosion": "River-bank erosion",
}


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


def build(*, catalogue: Catalogue, edition: str) -> gpd.GeoDataFrame:
    """Build the risk layer for the communes of ``edition`` (``"2025"`` or ``"2024"``).

    Examples
    --------
    >>> from geo.catalogue import Catalogue
    >>> risk = build(catalogue=Catalogue.load(), edition="2025")
    >>> risk.set_index("code").at["15013", "risk_class"] in {"high", "very_high"}
    True
    """
    communes = read_communes(catalogue=catalogue, edition=edition)
    relief = relief_by_polygon(catalogue=catalogue, polygons=communes)
    evidence = read_evidence(catalogue=catalogue, edition=edition, communes=communes)
    nasa = _nearest_nasa(catalogue, communes)
    frame = score_communes(communes, relief=relief, evidence=evidence, nasa=nasa, edition=edition)
    return SCHEMA.validate(frame)


# --- official zoning --------------------------------------------------------------------------


def zone_class(label: object) -> str:
    """Return the class vocabulary value of a zoning label (Vietnamese or English).

    Examples
    --------
    >>> zone_class("Rất cao"), zone_class("high"), zone_class("nguy cơ trung bình")
    ('very_high', 'high', 'medium')
    """
    key = fold(str(label)).replace("_", " ")
    if key in _ZONE_ALIASES:
        return _ZONE_ALIASES[key]
    raise UserInputError(
        f"Không hiểu cấp nguy cơ '{label}' trong bản đồ phân vùng; dùng: rất cao, cao, "
        "trung bình, thấp (hoặc very_high, high, medium, low).",
        f"Unknown zone class '{label}' in the zoning map; use very_high, high, medium, low "
        "(or rất cao, cao, trung bình, thấp).",
    )


def apply_official_zoning(risk: gpd.GeoDataFrame, zoning: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Replace the derived class by an official zoning map where the map covers a commune.

    Rule: a commune is *covered* when the union of the zoning polygons covers at least
    :data:`ZONING_COVER_MIN` (50 %) of its area. A covered commune takes the worst
    ``zone_class`` among the zones that each cover at least :data:`ZONING_CLASS_MIN_SHARE`
    (10 %) of its area; ``basis`` becomes ``official_zoning``, the reasons start with
    "theo bản đồ phân vùng chính thức …" and keep the derived reasons after it. Other
    communes are returned unchanged.

    Parameters
    ----------
    risk
        A layer from :func:`build`.
    zoning
        Polygons with ``zone_class`` (very_high/high/medium/low, or Vietnamese labels) and
        ``source``, in any CRS.
    """
    missing = [c for c in ("zone_class", "source") if c not in zoning.columns]
    if missing:
        raise UserInputError(
            f"Bản đồ phân vùng thiếu cột {missing}; cần cột zone_class và source.",
            f"The zoning map lacks columns {missing}; it needs zone_class and source.",
        )
    if zoning.crs is None:
        raise UserInputError(
            "Bản đồ phân vùng không có hệ toạ độ; hãy lưu kèm CRS (ví dụ EPSG:4326).",
            "The zoning map has no CRS; save it with one (e.g. EPSG:4326).",
        )
    result = risk.copy()
    zones = zoning.loc[zoning.geometry.notna() & ~zoning.geometry.is_empty].copy()
    zones["zone"] = zones["zone_class"].map(zone_class)
    zones = zones.to_crs(METRIC_CRS)
    if zones.empty:
        return result
    zones["geometry"] = zones.geometry.make_valid()
    union = zones.geometry.union_all()
    communes = result.to_crs(METRIC_CRS).geometry
    for index, commune in communes.items():
        area = commune.area
        if area <= 0 or commune.intersection(union).area / area < ZONING_COVER_MIN:
            continue
        shares = zones.geometry.intersection(commune).area / area
        eligible = zones[shares >= ZONING_CLASS_MIN_SHARE]
        if eligible.empty:
            continue
        ranks = eligible["zone"].map(RISK_RANK)
        worst = eligible.loc[ranks.idxmax()]
        covered = commune.intersection(union).area / area
        sources = list(dict.fromkeys(eligible["source"].astype(str)))
        label = risk_label(worst["zone"], VI)
        result.at[index, "risk_reasons"] = (
            f"Theo bản đồ phân vùng chính thức ({', '.join(sources)}): cấp {label}, "
            f"phủ {covered:.0%} diện tích xã; lớp suy ra trước đó "
            f"{risk_label(result.at[index, 'risk_class'], VI)}: " + result.at[index, "risk_reasons"]
        )
        result.at[index, "risk_reasons_en"] = (
            f"By the official zoning map ({', '.join(sources)}): class "
            f"{risk_label(worst['zone'], EN)}, covering {covered:.0%} of the commune; previously "
            f"derived class {risk_label(result.at[index, 'risk_class'], EN)}: "
            + result.at[index, "risk_reasons_en"]
        )
        result.at[index, "risk_class"] = worst["zone"]
        result.at[index, "risk_sources"] = " ; ".join(
            dict.fromkeys([*sources, *str(result.at[index, "risk_sources"]).split(" ; ")])
        )
        result.at[index, "source"] = f"Bản đồ phân vùng chính thức: {'; '.join(sources)}"
        result.at[index, "basis"] = "official_zoning"
    return SCHEMA.validate(result)


def class_counts(risk: gpd.GeoDataFrame) -> dict[str, int]:
    """Return how many communes fall in each class (all classes listed, zeros included)."""
    counts = risk["risk_class"].value_counts()
    return {name: int(counts.get(name, 0)) for name in RISK_CLASSES}
