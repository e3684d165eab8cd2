"""The legend of the commune layer: classes, what solid / hatched / grey / faded mean, years.

Examples
--------
>>> level_text("district", "en"), level_text("other", "en")
('former-district figure', 'other')
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from i18n.messages import Lang, message, message_or
from ui.webmap.classes import DEFAULT_FILL, NO_DATA_COLOR, ColorClass

LEVELS = ("commune", "district", "province")
"""Levels a figure can come from (``<indicator>_level``), finest first; ``none``: no figure."""


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


def hatch_url(color: str) -> str:
    """The fill of the hatch pattern ``BorderAtlas.hatch`` makes for ``color``."""
    return "url(#ba-hatch-" + "".join(ch for ch in color if ch.isalnum()) + ")"


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
    """The legend: title, classes, then what solid / hatched / grey / faded mean.

    ``counts`` is the number of communes per level (``commune``, ``district``, ``province``,
    ``none``); ``years`` the years of the figures per level; ``notices`` say what the figures
    mix (standards, years: :func:`layers.filters.mix_notices`), shown under the title.
    """
    title = html.escape(label + (f" ({unit})" if unit else ""))
    parts = [f"<h4>{title}</h4>"]
    word = message("map.communes", lang)
    unknown = message("map.unknown", lang)
    for level in LEVELS:
        if counts.get(level):
            found = years.get(level, set())
            year_text = ", ".join([*sorted(found - {unknown}), *sorted(found & {unknown})])
            year_text = year_text or unknown
            parts.append(
                f"<p>{html.escape(level_text(level, lang).capitalize())}: "
                f"{counts[level]} {html.escape(word)} · "
                f"{html.escape(message('map.year', lang))} {html.escape(year_text)}</p>"
            )
    parts += [f'<p class="ba-notice">{html.escape(text)}</p>' for text in notices]
    for c in classes:
        parts.append(f'<div class="ba-row">{swatch(c.color)}{html.escape(c.label(lang))}</div>')
    hatched = any(counts.get(level) for level in LEVELS[1:])
    if hatched and classes:
        sample = classes[len(classes) // 2].color
        solid = html.escape(message("map.solid", lang))
        parts.append(f'<div class="ba-row">{swatch(sample)}{solid}</div>')
        parts.append(
            f'<div class="ba-row">{swatch(hatch_url(sample), dashed=True, opacity=0.9)}'
            f"{html.escape(message('map.hatched', lang))}</div>"
        )
    no_data = counts.get("none", 0)
    parts.append(
        f'<div class="ba-row">{swatch(NO_DATA_COLOR, opacity=0.55)}'
        f"{html.escape(message('map.no_data', lang).capitalize())} "
        f"({no_data} {html.escape(word)})</div>"
    )
    if dimmed:
        parts.append(
            f'<div class="ba-row">{swatch(DEFAULT_FILL, opacity=0.2)}'
            f"{html.escape(message('map.dimmed', lang))}</div>"
        )
    return "".join(parts)
