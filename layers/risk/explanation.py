"""The words of the risk layer: each commune's reasons in Vietnamese and English, the method.

The texts are in the message catalogue (``risk_text.*`` in :mod:`i18n.messages`); this module
puts them together with the numbers and the cited reports, in the order the reasons are read:
relief, reported events, commune hotspots, former-district reports, unplaceable reports, what
the class rests on, and the NASA context.

Examples
--------
>>> reasons = Reasons()
>>> reasons.relief(relief_m=717.0, max_m=1850.0, n_cells=12, rule="centre", points=3.0)
>>> reasons.en[0]  # doctest: +ELLIPSIS
'Relief: P90−P10 range 717 m, max 1850 m (12 cells of 2.2 km, cell centres inside) (+3) [...'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from geo.terrain import TERRAIN_SOURCE
from i18n.messages import EN, VI, message, pair
from layers.risk.evidence import FACTS_SOURCE, NASA_SOURCE

METHOD_VI, METHOD_EN = pair("risk_text.method")
"""How the classes are made, in a few lines (shown next to the map's risk legend)."""

_LABELS_MAX = 3
"""At most this many report labels are quoted in one reason."""


def _host(url: str) -> str:
    host = urlparse(url).netloc
    return host.removeprefix("www.") or url


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
                source=TERRAIN_SOURCE,
            )
        )
        self.sources.append(TERRAIN_SOURCE)

    def cited(self, items: pd.DataFrame, *, head: tuple[str, str], points: tuple[str, str]) -> None:
        """One reason citing every report in ``items`` (``head``, ``points``: ``(vi, en)``)."""
        urls = list(dict.fromkeys(items["source_url"].astype(str)))
        quoted = []
        for lang in (VI, EN):
            labels = list(dict.fromkeys(items[f"label_{lang}"].astype(str)))
            more = " …" if len(labels) > _LABELS_MAX else ""
            quoted.append(" / ".join(labels[:_LABELS_MAX]) + more)
        self._add(
            _both(
                "risk_text.cited",
                head=head,
                labels=(quoted[0], quoted[1]),
                points=points,
                sources=_both("risk_text.n_sources", n=len(urls)) if len(urls) > 1 else "",
                cite=", ".join(_host(u) for u in urls),
            )
        )
        self.sources.extend(urls)

    def event(self, items: pd.DataFrame, *, category: str, year: int, points: float) -> None:
        """Reports of one event category in one year (``year`` < 0: year not stated)."""
        head = _both(
            "risk_text.event",
            category=_both(f"risk_text.category.{category}"),
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
                accuracy=nearest["nasa_accuracy"],
                source=NASA_SOURCE,
            )
        )
        self.sources.append(NASA_SOURCE)

    def facts_file(self) -> None:
        """Cite the facts file itself (any report was placed on the commune)."""
        self.sources.append(FACTS_SOURCE)

    def joined(self) -> tuple[str, str, str]:
        """``(risk_reasons, risk_reasons_en, risk_sources)`` as the layer stores them."""
        return "; ".join(self.vi), "; ".join(self.en), " ; ".join(dict.fromkeys(self.sources))
