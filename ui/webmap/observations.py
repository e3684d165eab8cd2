"""The field observations overlay: one symbol per kind, a popup with what was seen.

Observations are user data: the overlay always goes inline in the map's script (never a file
served by URL, which anyone knowing the address could fetch), and each popup carries a small
thumbnail of the first photo re-encoded to at most :data:`POPUP_THUMB_PX` pixels (a few KB: the
map's inline data is sent on every rerun). Every text from a file (note, observer, plan, stop,
file name) is escaped; a tap on the map is said to be one, never passed off as a measured
position.

Examples
--------
>>> from datetime import datetime, timezone
>>> from layers.observations import Observation
>>> seen = Observation(uuid="0b7c7a8e-5b1d-4c53-9a55-1f7e1c1b2a3d", kind="road_blocked",
...     note="<b>đá</b>", observed_at=datetime(2026, 11, 30, 1, 15, tzinfo=timezone.utc),
...     lat=19.38, lon=104.12, accuracy_m=None, position_source="map", observer="Lan",
...     source="fieldpack")
>>> overlay = observations_overlay([seen], lang="en")
>>> overlay.kind, overlay.label, overlay.data.startswith("[")
('observations', 'Field observations', True)
>>> "&lt;b&gt;đá&lt;/b&gt;" in overlay.data, "not a measured position" in overlay.data
(True, True)
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import shapely
from PIL import Image

from geo.vocabulary import OBSERVATION_KINDS
from i18n.messages import Lang, message, message_or
from i18n.numbers import format_datetime, format_number
from layers.observations import Observation
from ui.webmap.encoding import StyleRegistry, features
from ui.webmap.legend import entry_html, legend_row
from ui.webmap.overlays import Overlay
from ui.webmap.popups import table
from userdata.photos import smaller_jpeg

POPUP_THUMB_PX = 96
"""Longest side of the thumbnail in a popup."""
OBSERVATION_DECIMALS = 6
"""Decimals of a drawn position (about 0.1 m): what the file holds is not moved."""
_ICON_SIZE = 22
_OUTLINE = 'stroke="#fff" stroke-width="1.5"'
_SHAPES = {
    # A warning triangle (landslide), a square with a bar (road blocked), a diamond (crossing),
    # a flag (marker), a circle with a tick (site visited), a plain circle (other).
    "landslide": f'<path d="M11 1.5 20.5 19.5H1.5Z" fill="#8c2d04" {_OUTLINE}/>'
    '<path d="M6 16l3-4 2 2 3-5 3 7" stroke="#fff" stroke-width="1.6" fill="none"/>',
    "road_blocked": f'<rect x="2" y="2" width="18" height="18" rx="3" fill="#d7301f" {_OUTLINE}/>'
    '<path d="M5.5 11h11" stroke="#fff" stroke-width="3"/>',
    "crossing_impassable": f'<path d="M11 1 21 11 11 21 1 11Z" fill="#0868ac" {_OUTLINE}/>'
    '<path d="M7 7l8 8M15 7l-8 8" stroke="#fff" stroke-width="2"/>',
    "marker": f'<rect x="3" y="2" width="16" height="18" rx="2" fill="#3f007d" {_OUTLINE}/>'
    '<path d="M8 17V5l7 3-7 3" stroke="#fff" stroke-width="1.6" fill="none"/>',
    "site_visited": f'<circle cx="11" cy="11" r="9.5" fill="#238b45" {_OUTLINE}/>'
    '<path d="M6.5 11.5l3 3 6-6.5" stroke="#fff" stroke-width="2.2" fill="none"/>',
    "other": f'<circle cx="11" cy="11" r="8" fill="#525252" {_OUTLINE}/>'
    '<circle cx="11" cy="11" r="2.5" fill="#fff"/>',
}


def kind_icon(kind: str) -> str:
    """The inline SVG symbol of an observation ``kind`` (``other`` for an unknown code).

    Examples
    --------
    >>> len({kind_icon(kind) for kind in OBSERVATION_KINDS}) == len(OBSERVATION_KINDS)
    True
    """
    shape = _SHAPES.get(kind, _SHAPES["other"])
    return (
        f'<svg width="{_ICON_SIZE}" height="{_ICON_SIZE}" viewBox="0 0 22 22" '
        f'aria-hidden="true">{shape}</svg>'
    )


def kind_words(observation: Observation, lang: Lang) -> str:
    """The kind in words, with the marker's condition when there is one (plain text).

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> seen = Observation(uuid="u", kind="marker", note="", lat=20.0, lon=104.0,
    ...     observed_at=datetime(2026, 11, 30, tzinfo=timezone.utc), accuracy_m=5.0,
    ...     position_source="gps", observer="Lan", source="fieldpack", marker_condition="damaged")
    >>> kind_words(seen, "en")
    'Border marker condition: Damaged'
    """
    words = message_or(f"obs_kind.{observation.kind}", lang, observation.kind)
    if observation.marker_condition:
        condition = message_or(
            f"marker_condition.{observation.marker_condition}", lang, observation.marker_condition
        )
        words = f"{words}: {condition}"
    return words


def position_words(observation: Observation, lang: Lang) -> str:
    """Where the position came from, with the GPS accuracy in metres when known.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> seen = Observation(uuid="u", kind="other", note="", lat=20.0, lon=104.0,
    ...     observed_at=datetime(2026, 11, 30, tzinfo=timezone.utc), accuracy_m=12.5,
    ...     position_source="gps", observer="Lan", source="fieldpack")
    >>> position_words(seen, "vi")
    'GPS của điện thoại, ± 12,5 m'
    """
    words = message_or(
        f"obs_position.{observation.position_source}", lang, observation.position_source
    )
    if observation.accuracy_m is not None:
        metres = format_number(float(observation.accuracy_m), lang=lang)
        words = f"{words}, {message('obs_ui.accuracy', lang, m=metres)}"
    return words


@lru_cache(maxsize=2048)
def popup_thumb(thumb: bytes) -> bytes:
    """``thumb`` (a stored JPEG thumbnail) re-encoded to at most :data:`POPUP_THUMB_PX` pixels
    on its longest side; ``b""`` when it cannot be read.

    Examples
    --------
    >>> buffer = io.BytesIO()
    >>> Image.new("RGB", (240, 180), "#468").save(buffer, "JPEG")
    >>> small = Image.open(io.BytesIO(popup_thumb(buffer.getvalue())))
    >>> small.size, popup_thumb(b"not a picture")
    ((96, 72), b'')
    """
    return smaller_jpeg(thumb, longest=POPUP_THUMB_PX, quality=60)


def _thumb_html(observation: Observation, lang: Lang) -> str:
    if not observation.photos:
        return ""
    small = popup_thumb(observation.photos[0].thumb) if observation.photos[0].thumb else b""
    more = len(observation.photos) - 1
    extra = f"<br>{html.escape(message('obs_ui.more_photos', lang, n=more))}" if more else ""
    if not small:
        return extra.removeprefix("<br>")
    alt = html.escape(message("obs_ui.photo_alt", lang))
    data = base64.b64encode(small).decode("ascii")
    with Image.open(io.BytesIO(small)) as image:  # its size: the popup is placed at its height
        width, height = image.size
    return (
        f'<img class="ba-obs-thumb" alt="{alt}" width="{width}" height="{height}" '
        f'src="data:image/jpeg;base64,{data}">{extra}'
    )


def popup_html(observation: Observation, lang: Lang) -> str:
    """The popup of one observation: every field escaped, the thumbnail inline."""

    def label(key: str) -> str:
        return html.escape(message(f"obs_ui.col.{key}", lang))

    when = format_datetime(observation.observed_at, lang=lang)
    imported = format_datetime(observation.imported_at, lang=lang)
    if observation.imported_by:
        imported = f"{observation.imported_by}, {imported}".rstrip(", ")
    fields = [
        ("kind", kind_words(observation, lang)),
        ("observed_at", when),
        ("observer", observation.observer),
        ("position", position_words(observation, lang)),
        ("plan", observation.plan_name or ""),
        ("stop", observation.stop_name or observation.stop_id or ""),
        ("imported_by", imported),
        ("file", observation.source_file or ""),
    ]
    rows = [(label(key), html.escape(str(value))) for key, value in fields if str(value).strip()]
    if observation.note.strip():
        note = html.escape(observation.note).replace("\n", "<br>")
        rows.insert(4, (label("note"), note))
    thumb = _thumb_html(observation, lang)
    if thumb:
        rows.append((html.escape(message("obs_ui.photo", lang)), thumb))
    return table(rows)


def _tooltip(observation: Observation, lang: Lang) -> str:
    when = format_datetime(observation.observed_at, lang=lang)
    return f"<b>{html.escape(kind_words(observation, lang))}</b><br>{html.escape(when)}"


def observations_overlay(observations: Sequence[Observation], *, lang: Lang) -> Overlay:
    """The observations as an overlay drawn inline, one legend row per kind present.

    Each observation is its own symbol (two records at one place stay two: each has its own
    popup); the legend lists the kinds in :data:`geo.vocabulary.OBSERVATION_KINDS` order.
    """
    registry = StyleRegistry()
    properties = []
    for observation in observations:
        style = registry.add({"icon": kind_icon(observation.kind), "size": _ICON_SIZE})
        properties.append(
            {
                "t": _tooltip(observation, lang),
                "p": popup_html(observation, lang),
                "s": style,
            }
        )
    geoms = np.array([shapely.Point(o.lon, o.lat) for o in observations] or [], dtype=object)
    data, _ = features(geoms, properties, decimals=OBSERVATION_DECIMALS)
    present = {o.kind for o in observations}
    rows = [
        (kind_icon(kind), message(f"obs_kind.{kind}", lang))
        for kind in OBSERVATION_KINDS
        if kind in present
    ]
    label = message("obs_ui.layer", lang)
    body = entry_html(label, rows) if rows else legend_row(kind_icon("other"), label)
    return Overlay(
        kind="observations",
        label=label,
        show=True,
        data=data,
        styles=tuple(registry.styles),
        options={"pane": "ba-points", "sticky": False, "factor": 10**OBSERVATION_DECIMALS},
        legend=(("observations", 60, body),),
    )
