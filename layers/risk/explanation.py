"""The words of the risk layer: each commune's reasons in Vietnamese and English, the method.

The texts are in the message catalogue (``risk_text.*`` in :mod:`i18n.messages`); this module
puts them together with the numbers and the cited reports, in the order the reasons are read:
relief, event-years, commune hotspots, former-district reports, warnings, unplaceable reports,
what the class rests on, and the NASA context.

``risk_reasons`` and ``risk_reasons_en`` hold one reason per line (:data:`REASON_SEPARATOR`;
no reason contains a line break); ``risk_sources`` holds the sources separated by
:data:`SOURCE_SEPARATOR`, each one a person can follow (a link, a headline with outlet and
date, or the name of a dataset), never a file path.

Examples
--------
>>> reasons = Reasons()
>>> reasons.relief(relief_m=717.0, max_m=1850.0, n_cells=12, rule="centre", points=3.0)
>>> reasons.en[0]
'Relief: P90−P10 range 717 m, max 1850 m (12 cells of 2.2 km, cell centres inside) (+3) \
[SRTM30_PLUS v9 elevation, 0.02° grid]'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from i18n.messages import EN, VI, both_languages, message, risk_label
from layers.risk import rules
from layers.risk.evidence import EVENT_CATEGORIES, HOTSPOT_CATEGORIES, NASA_SOURCE

REASON_SEPARATOR = "\n"
"""Between two reasons in ``risk_reasons`` / ``risk_reasons_en`` (a reason never holds one)."""
SOURCE_SEPARATOR = " ; "
"""Between two sources in ``risk_sources``."""
TERRAIN_CITATION = both_languages("risk_text.terrain_source")
"""How the elevation grid is cited in ``risk_sources``."""


def method_text(lang: str) -> str:
    """The method in a few lines, every number taken from :mod:`layers.risk.rules`.

    Examples
    --------
    >>> print(method_text("en").splitlines()[1])
    Relief: P90−P10 elevation range in the commune (SRTM30_PLUS 0.02° ≈ 2.2 km grid): ≥700 m \
3 points, ≥400 m 2, ≥250 m 1, less 0.
    """
    bands = {}
    for number, (minimum, points) in enumerate(rules.RELIEF_BANDS_M, start=1):
        bands[f"relief_{number}"], bands[f"relief_points_{number}"] = minimum, points
    return message(
        "risk_text.method",
        lang,
        **bands,
        recent=rules.POINTS_RECENT_EVENT,
        other=rules.POINTS_OTHER_EVENT,
        first_recent=rules.first_recent_year(),
        reference=rules.REFERENCE_YEAR,
        events_max=rules.EVENT_POINTS_MAX,
        hotspot=rules.POINTS_HOTSPOT,
        hotspots_max=rules.HOTSPOT_POINTS_MAX,
        district=rules.POINTS_DISTRICT_HOTSPOTS,
        **dict(rules.CLASS_THRESHOLDS),
        cap=risk_label(rules.RELIEF_ONLY_MAX_CLASS, lang),
        cover=rules.ZONING_COVER_MIN,
        share=rules.ZONING_CLASS_MIN_SHARE,
    )


METHOD_VI, METHOD_EN = method_text(VI), method_text(EN)
"""How the classes are made, in a few lines (shown next to the map's risk legend)."""

_LABELS_MAX = 3
"""At most this many report labels are quoted in one reason."""


def _both(key: str, **values: object) -> tuple[str, str]:
    """``key`` in both languages; a ``(vi, en)`` tuple value is taken per language."""

    def fill(index: int) -> dict[str, object]:
        return {k: v[index] if isinstance(v, tuple) else v for k, v in values.items()}

    return message(key, VI, **fill(0)), message(key, EN, **fill(1))


@dataclass
class Reasons:
    """The reasons of one commune in both languages, and the sources they cite, in order."""

    vi: list[str] = field(default_factory=list)
    en: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def _add(self, texts: tuple[str, str]) -> None:
        self.vi.append(texts[0])
        self.en.append(texts[1])

    def relief(
        self, *, relief_m: float, max_m: float, n_cells: int, rule: str, points: float
    ) -> None:
        """The relief item; a commune without grid cells says so, for no points."""
        if not np.isfinite(relief_m):
            self._add(_both("risk_text.no_relief"))
            return
        rule_key = (
            "risk_text.rule_all_touched" if rule == "all_touched" else "risk_text.rule_centre"
        )
        self._add(
            _both(
                "risk_text.relief",
                relief=relief_m,
                top=max_m,
                cells=n_cells,
                rule=_both(rule_key),
                points=points,
                source=_both("risk_text.terrain_source"),
            )
        )
        self.sources.append(TERRAIN_CITATION)

    def cited(self, items: pd.DataFrame, *, head: tuple[str, str], points: tuple[str, str]) -> None:
        """One reason citing every report in ``items`` (``head``, ``points``: ``(vi, en)``)."""
        reports = items.drop_duplicates(subset="source")
        quoted, cites = [], []
        for lang in (VI, EN):
            labels = list(dict.fromkeys(items[f"label_{lang}"].astype(str)))
            more = " …" if len(labels) > _LABELS_MAX else ""
            quoted.append(" / ".join(labels[:_LABELS_MAX]) + more)
            cites.append("; ".join(dict.fromkeys(reports[f"cite_{lang}"].astype(str))))
        self._add(
            _both(
                "risk_text.cited",
                head=head,
                labels=(quoted[0], quoted[1]),
                points=points,
                sources=(_both("risk_text.n_sources", n=len(reports)) if len(reports) > 1 else ""),
                cite=(cites[0], cites[1]),
            )
        )
        self.sources.extend(reports["source"].astype(str))

    def event(self, items: pd.DataFrame, *, year: int, points: float) -> None:
        """The reports of one event-year, whatever their kind (``year`` < 0: not stated)."""
        kinds = [c for c in EVENT_CATEGORIES if c in set(items["category"])]
        key = f"risk_text.category.{kinds[0]}" if len(kinds) == 1 else "risk_text.kinds_both"
        head = _both(
            "risk_text.event",
            category=_both(key),
            year=str(year) if year > 0 else _both("risk_text.undated"),
        )
        self.cited(items, head=head, points=(f"+{points:g}", f"+{points:g}"))

    def hotspot(self, items: pd.DataFrame, *, category: str, points: float) -> None:
        """A commune-level hotspot or bank-erosion report."""
        head = _both(f"risk_text.category.{category}")
        self.cited(items, head=head, points=(f"+{points:g}", f"+{points:g}"))

    def district(self, items: pd.DataFrame, *, points: float) -> None:
        """Former-district reports, which raise every commune of the district."""
        self.cited(
            items,
            head=_both("risk_text.district"),
            points=_both("risk_text.district_points", points=points),
        )

    def warning(self, items: pd.DataFrame) -> None:
        """Warnings and forecasts naming the commune: listed, never scored."""
        self.cited(items, head=_both("risk_text.warning"), points=_both("risk_text.not_scored"))

    def context(self, items: pd.DataFrame, *, edition: str) -> None:
        """Reports about a split or merged commune of the other edition: listed, not scored."""
        self.cited(
            items,
            head=_both(f"risk_text.context_{edition}"),
            points=_both("risk_text.not_scored"),
        )

    def no_evidence(self) -> None:
        """No report names the commune and the grid has no cell in it."""
        self._add(_both("risk_text.no_evidence"))

    def relief_only(self) -> None:
        """The class rests on relief alone: no news is not evidence of safety."""
        self._add(_both("risk_text.relief_only"))

    def relief_only_unknown(self) -> None:
        """Low relief alone is not 'low': the coarse grid cannot see local steep slopes."""
        self._add(_both("risk_text.relief_only_unknown"))

    def nasa(self, nearest: pd.Series) -> None:
        """The nearest NASA catalogue event, as context (never points)."""
        self._add(
            _both(
                "risk_text.nasa",
                km=nearest["nasa_km"],
                place=nearest["nasa_place"],
                date=nearest["nasa_date"],
                accuracy=(
                    _both("risk_text.accuracy_unknown")
                    if str(nearest["nasa_accuracy"]).strip().casefold() in {"", "unknown", "nan"}
                    else nearest["nasa_accuracy"]
                ),
                source=NASA_SOURCE,
            )
        )
        self.sources.append(NASA_SOURCE)

    def joined(self) -> tuple[str, str, str]:
        """``(risk_reasons, risk_reasons_en, risk_sources)`` as the layer stores them."""
        return (
            join_reasons(self.vi),
            join_reasons(self.en),
            SOURCE_SEPARATOR.join(dict.fromkeys(" ".join(s.split()) for s in self.sources)),
        )


def join_reasons(reasons: list[str]) -> str:
    """Reasons one per line; a line break inside a reason becomes a space.

    Examples
    --------
    >>> join_reasons(["Relief: 700 m; max 900 m", "Landslide\\n2020"]).split(REASON_SEPARATOR)
    ['Relief: 700 m; max 900 m', 'Landslide 2020']
    """
    return REASON_SEPARATOR.join(" ".join(reason.split()) for reason in reasons)


@dataclass(frozen=True)
class ReasonCounts:
    """What a commune's Vietnamese reasons (:func:`reason_counts`) count."""

    years: tuple[int, ...]
    """The stated years of its event-years, oldest first."""
    undated: int
    """1 when its undated reports make an event-year, else 0."""
    hotspots: int
    """Commune-level hotspot and bank-erosion items."""
    district: bool
    """Whether former-district reports are listed."""


def _heads(keys: list[str]) -> str:
    names = sorted((message(key, VI) for key in keys), key=len, reverse=True)
    return "|".join(re.escape(name) for name in names)


_EVENT_HEADS = [f"risk_text.category.{c}" for c in EVENT_CATEGORIES] + ["risk_text.kinds_both"]
_EVENT_LINE = re.compile(
    rf"^(?:{_heads(_EVENT_HEADS)}) (\d{{4}}|{re.escape(message('risk_text.undated', VI))}): ",
    re.MULTILINE,
)
_HOTSPOT_LINE = re.compile(
    rf"^(?:{_heads([f'risk_text.category.{c}' for c in HOTSPOT_CATEGORIES])}): ", re.MULTILINE
)
_DISTRICT_LINE = re.compile(rf"^{re.escape(message('risk_text.district', VI))}", re.MULTILINE)


def reason_counts(reasons_vi: str) -> ReasonCounts:
    """Count the event-years, hotspots and district reports in a ``risk_reasons`` text.

    For readers of the layer (the planner's short reasons) that must not parse it themselves.

    Examples
    --------
    >>> reason_counts("Địa hình: … (+3)\\nSạt lở và lũ quét/lũ 2020: … (+2)\\n"
    ...               "Lũ quét/lũ không rõ năm: … (+1)\\nĐiểm nguy cơ sạt lở: … (+1)")
    ReasonCounts(years=(2020,), undated=1, hotspots=1, district=False)
    """
    found = _EVENT_LINE.findall(reasons_vi)
    return ReasonCounts(
        years=tuple(sorted(int(y) for y in found if y.isdigit())),
        undated=sum(not y.isdigit() for y in found),
        hotspots=len(_HOTSPOT_LINE.findall(reasons_vi)),
        district=bool(_DISTRICT_LINE.search(reasons_vi)),
    )
