"""The map's legend: the commune classes (solid / hatched / grey / faded, with years) and one
entry per visible overlay, each with its inline-SVG symbol.

The runtime (``static/atlas/webmap.js``) keeps one collapsible legend per map: the commune
group sets its part (:func:`legend_html`), each overlay registers its entry
(:func:`entry_html`, shown while the overlay is on), and the open/closed choice lives on the
map, so it survives the swap of the commune group on a rerun.

Examples
--------
>>> level_text("district", "en"), level_text("other", "en")
('former-district figure', 'other')
>>> "stroke-dasharray" in line_symbol("#d7191c", dash="10 4")
True
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from i18n.messages import Lang, message, message_or
from i18n.numbers import format_count
from ui.webmap.classes import DEFAULT_FILL, NO_DATA_COLOR, ColorClass

LEVELS = ("commune", "district", "province")
"""Levels a figure can come from (``<indicator>_level``), finest first; ``none``: no figure."""

APPROXIMATE_RING = (
    '<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="#222" stroke-width="1.6" '
    'stroke-dasharray="3 2.2"/>'
)
"""The dashed ring drawn around a point whose position is approximate (``{c}``, ``{r}``)."""


def level_text(level: str, lang: Lang) -> str:
    """Words for the level of a figure (``commune``, ``district``, ``province``)."""
    return message_or(f"map.level_{level}", lang, level)


def swatch(fill: str, *, dashed: bool = False, opacity: float = 0.8) -> str:
    """A legend square of ``fill`` (a colour or ``url(#pattern)``) as inline SVG."""
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    return (
        f'<svg width="22" height="14" aria-hidden="true"><rect x="1" y="1" width="20" height="12" '
        f'fill="{fill}" fill-opacity="{opacity}" stroke="#333" stroke-width="1"{dash}/></svg>'
    )


def line_symbol(color: str, *, weight: float = 2.5, dash: str = "", opacity: float = 0.9) -> str:
    """A legend sample of a line (border, road, river, outline) as inline SVG."""
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="22" height="14" aria-hidden="true"><line x1="1" y1="7" x2="21" y2="7" '
        f'stroke="{color}" stroke-width="{weight}" stroke-opacity="{opacity}"{dash_attr}/></svg>'
    )


def approximate_symbol() -> str:
    """The legend sample of an approximate position: a dashed ring around a small dot."""
    ring = APPROXIMATE_RING.format(c=9, r=7.5)
    return (
        f'<svg width="22" height="18" viewBox="-2 0 22 18" aria-hidden="true">{ring}'
        '<circle cx="9" cy="9" r="3" fill="#555"/></svg>'
    )


def hatch_url(color: str) -> str:
    """The fill of the hatch pattern ``BorderAtlas.hatch`` makes for ``color``."""
    return "url(#ba-hatch-" + "".join(ch for ch in color if ch.isalnum()) + ")"


def legend_row(symbol: str, text: str) -> str:
    """One legend row: a symbol (inline SVG, trusted) and its words (escaped here)."""
    return f'<div class="ba-row">{symbol}<span>{html.escape(text)}</span></div>'


def entry_html(title: str, rows: Sequence[tuple[str, str]] = (), *, symbol: str = "") -> str:
    """An overlay's legend entry: one row with ``symbol``, or a title over ``(symbol, text)``
    rows (the risk classes of the risk zones).

    Examples
    --------
    >>> entry_html("Roads <QL>", symbol=line_symbol("#e66101")).endswith(
    ...     "<span>Roads &lt;QL&gt;</span></div>")
    True
    """
    if not rows:
        return legend_row(symbol, title)
    body = "".join(legend_row(sym, text) for sym, text in rows)
    return f'<div class="ba-entry-title">{html.escape(title)}</div><div class="ba-sub">{body}</div>'


def legend_html(
    *,
    label: str,
    unit: str,
    classes: Sequence[ColorClass],
    counts: Mapping[str, int],
    years: Mapping[str, set[str]],
    dimmed: bool,
    lang: Lang,
    notices: Sequence[str] = (),
) -> str:
    """The commune part of the legend: levels and years, classes, what solid / hatched / grey /
    faded mean. The indicator's name (``label`` and ``unit``) is the legend's header, written
    by the runtime; :func:`legend_title` gives it.

    ``counts`` is the number of communes per level (``commune``, ``district``, ``province``,
    ``none``); ``years`` the years of the figures per level; ``notices`` say what the figures
    mix (standards, years: :func:`layers.filters.mix_notices`), shown first. Counts are written
    per language (:func:`i18n.numbers.format_count`).
    """
    parts = [f'<p class="ba-notice">{html.escape(text)}</p>' for text in notices]
    unknown = message("map.unknown", lang)
    for level in LEVELS:
        if counts.get(level):
            found = years.get(level, set())
            year_text = ", ".join([*sorted(found - {unknown}), *sorted(found & {unknown})])
            line = message(
                "legend.level_line",
                lang,
                level=level_text(level, lang).capitalize(),
                count=format_count(counts[level], lang=lang, noun="count.commune"),
                years=year_text or unknown,
            )
            parts.append(f"<p>{html.escape(line)}</p>")
    for c in classes:
        parts.append(legend_row(swatch(c.color), c.label(lang)))
    hatched = any(counts.get(level) for level in LEVELS[1:])
    if hatched and classes:
        sample = classes[len(classes) // 2].color
        parts.append(legend_row(swatch(sample), message("map.solid", lang)))
        parts.append(
            legend_row(
                swatch(hatch_url(sample), dashed=True, opacity=0.9), message("map.hatched", lang)
            )
        )
    no_data = format_count(counts.get("none", 0), lang=lang, noun="count.commune")
    parts.append(
        legend_row(
            swatch(NO_DATA_COLOR, opacity=0.55),
            f"{message('map.no_data', lang).capitalize()} ({no_data})",
        )
    )
    if dimmed:
        parts.append(legend_row(swatch(DEFAULT_FILL, opacity=0.2), message("map.dimmed", lang)))
    return "".join(parts)


def legend_title(label: str, unit: str) -> str:
    """The legend's header for an indicator: its name and unit (plain text).

    Examples
    --------
    >>> legend_title("Tỷ lệ hộ nghèo", "%"), legend_title("Nguy cơ", "")
    ('Tỷ lệ hộ nghèo (%)', 'Nguy cơ')
    """
    return label + (f" ({unit})" if unit else "")
