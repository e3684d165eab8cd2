"""Field observations on the map page: the layer's filters, the commune panel's list and the
field-reported landslides of its risk section.

What a session sees comes from the store alone (``list_observations``): nobody signed in sees
none, and kind ``marker`` observations reach only a principal who sees protected positions (the
others are told how many are withheld). Every text from a file is shown as text
(:func:`ui.language.as_text`), never read as Markdown.

Field-reported landslides are listed beside the risk reasons, not counted in the risk class:
the class stays the bundle's method (:mod:`layers.risk`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime, time

import pandas as pd
import shapely
import streamlit as st

from geo.vocabulary import OBSERVATION_KINDS
from i18n.numbers import VIETNAM_TIME, format_count, format_date, format_datetime
from layers.observations import Observation
from ui.language import as_text, keep_choices, lang, t
from ui.state import store
from ui.webmap.observations import kind_words, observations_overlay, position_words
from ui.webmap.overlays import Overlay

PANEL_THUMB_WIDTH = 96
"""Width of a thumbnail in the commune panel (pixels)."""


def visible_observations(
    *, commune_codes: Collection[str] | None = None, kinds: Collection[str] | None = None
) -> tuple[list[Observation], int]:
    """The observations this session may see (newest first) and how many kind ``marker``
    observations are withheld from it; none for nobody signed in."""
    current = store()
    if current.principal is None:
        return [], 0
    found = current.list_observations(kinds=kinds, commune_codes=commune_codes)
    return found, current.withheld_observations()


def filtered(
    observations: Sequence[Observation], *, kinds: Collection[str], since: date | None
) -> list[Observation]:
    """Those of ``kinds`` seen on or after ``since`` (a day in Vietnam's time; ``None``: all).

    Examples
    --------
    >>> from datetime import timezone
    >>> seen = Observation(uuid="u", kind="landslide", note="", lat=20.0, lon=104.0,
    ...     observed_at=datetime(2026, 11, 29, 18, tzinfo=timezone.utc), accuracy_m=None,
    ...     position_source="map", observer="Lan", source="fieldpack")
    >>> len(filtered([seen], kinds={"landslide"}, since=date(2026, 11, 30)))  # 01:00 on 30/11
    1
    >>> len(filtered([seen], kinds={"other"}, since=None))
    0
    """
    start = datetime.combine(since, time(), tzinfo=VIETNAM_TIME) if since else None
    return [
        item
        for item in observations
        if item.kind in kinds and (start is None or item.observed_at >= start)
    ]


def observation_layer() -> Overlay | None:
    """The filters (a collapsed expander: kinds, since), the count shown and hidden, and the
    overlay of what passes them; ``None`` when this session sees no observation at all.

    The date filter starts empty (every date): an import is on the map at once, whatever its
    age; the count says what a filter hides.
    """
    observations, withheld = visible_observations()
    if not observations and not withheld:
        return None
    keep_choices("w_obs_kinds", "w_obs_since")
    with st.expander(t("obs_ui.filter"), icon=":material/filter_alt:"):
        kinds = st.multiselect(
            t("obs_ui.filter_kinds"),
            list(OBSERVATION_KINDS),
            default=list(OBSERVATION_KINDS),
            format_func=lambda kind: t(f"obs_kind.{kind}"),
            key="w_obs_kinds",
        )
        since = st.date_input(t("obs_ui.filter_since"), value=None, key="w_obs_since")
    shown = filtered(observations, kinds=set(kinds), since=since)
    count = t(
        "obs_ui.count",
        shown=format_count(len(shown), lang=lang()),
        hidden=format_count(len(observations) - len(shown), lang=lang()),
    )
    if withheld:
        count = f"{count} {t('obs_ui.withheld', n=format_count(withheld, lang=lang()))}"
    st.caption(count)
    return observations_overlay(shown, lang=lang()) if shown else None


def commune_observations(code: str, edition: str, row: pd.Series) -> tuple[list[Observation], int]:
    """The observations inside the commune ``row`` of ``edition`` (2025: by the commune code
    set on import; 2024: the point inside the row's geometry) and how many are withheld."""
    if edition == "2025":
        return visible_observations(commune_codes=[code])
    codes = [c for c in str(row.get("codes_2025", "")).split(";") if c.strip()]
    found, withheld = visible_observations(commune_codes=codes) if codes else ([], 0)
    shape = row.get("geometry")
    if shape is None:
        return [], withheld
    inside = shapely.contains_xy(shape, [o.lon for o in found], [o.lat for o in found])
    return [o for o, keep in zip(found, inside, strict=True) if keep], withheld


def _entry(observation: Observation) -> None:
    when = format_datetime(observation.observed_at, lang=lang())
    head = " · ".join(
        as_text(part) for part in (when, kind_words(observation, lang()), observation.observer)
    )
    lines = [f"**{head}**"]
    if observation.note.strip():
        lines.append(as_text(observation.note))
    st.markdown("  \n".join(lines))
    st.caption(as_text(position_words(observation, lang())))
    thumbs = [photo.thumb for photo in observation.photos if photo.thumb]
    if thumbs:
        st.image(thumbs, width=PANEL_THUMB_WIDTH)


def render_commune_observations(found: Sequence[Observation]) -> None:
    """The commune panel's list of ``found`` (:func:`commune_observations`), newest first: date,
    kind and condition, observer, note as text, position source, thumbnails."""
    if store().principal is None:
        return
    title = t("obs_ui.panel_title", n=format_count(len(found), lang=lang()))
    with st.expander(title, expanded=bool(found)):
        if not found:
            st.caption(t("obs_ui.panel_none"))
        for observation in found:
            with st.container(border=True):
                _entry(observation)


def render_field_landslides(found: Sequence[Observation]) -> None:
    """The risk section's "Landslides reported in the field" among ``found``: date and observer
    of each, and that they are reports, not counted in the risk class. Nothing when none."""
    landslides = [o for o in found if o.kind == "landslide"]
    if not landslides:
        return
    st.markdown(f"**{as_text(t('obs_ui.risk_title'))}**")
    st.markdown(
        "  \n".join(
            "• "
            + as_text(
                t(
                    "obs_ui.risk_line",
                    date=format_date(o.observed_at, lang=lang()),
                    observer=o.observer,
                )
            )
            for o in landslides
        )
    )
    st.caption(t("obs_ui.risk_caption"))
