"""The area of the user's last visit, remembered in a cookie so the map reopens on it.

Only the area's ASCII slug is stored (``border_atlas_area=ky-son``), in the browser, for a
year; nothing is sent anywhere else. The cookie is written by a tiny script of the app's own
(``static/atlas/remember_area.js``, run in the page by ``st.html``) and read back from the
request when a session starts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace

import streamlit as st

from ui.assets import STATIC_DIR
from ui.view_link import AREAS, SLUGS, LinkReading, area_slug, read_link, with_area

COOKIE = "border_atlas_area"
SCRIPT = STATIC_DIR / "atlas" / "remember_area.js"


def _cookies() -> Mapping[str, str]:
    """The cookies the browser sent when this session started."""
    try:
        return st.context.cookies
    except Exception:  # no browser request behind this run (a bare script)
        return {}


def remembered_area() -> str | None:
    """The area of the last visit (one of ``AREAS[1:]``), or ``None`` on a first visit."""
    value = _cookies().get(COOKIE)
    area = SLUGS.get(str(value)) if value else None
    return area if area in AREAS[1:] else None


def remember_area(area: str) -> None:
    """Store ``area`` in the browser's cookie for the next visit (call on every run: the same
    script each run, so the page's layout does not move).

    "All three areas" is not stored: a first view shows one area, legibly.
    """
    if area not in AREAS[1:]:
        return
    values = json.dumps({"name": COOKIE, "value": area_slug(area)})
    script = SCRIPT.read_text(encoding="utf-8")
    st.html(
        f"<script>window.borderAtlasArea = {values};</script><script>{script}</script>",
        unsafe_allow_javascript=True,
    )


def opening_view(params: Mapping[str, str], *, indicators: tuple[str, ...]) -> LinkReading:
    """What the map opens on: the link's view; with no area in it, the remembered area, else
    the first area (one area, legible, rather than all three)."""
    reading = read_link(params, indicators=indicators)
    return replace(reading, state=with_area(reading, remembered_area()))
