"""The notice the map page and the planner show when a stored import cannot be drawn.

:func:`userdata.apply.join_imports` leaves off (and logs) every stored import, or feature, that
does not fit its layer, whatever wrote it (an older version, a hand edit); this module lists
them above the map: "1 lớp nhập không hiển thị được: <name> — <reason>". Names come from users
and are shown as plain text (``st.text``). The list comes with the joined layers
(:func:`ui.state.get_joined`), worked out once per imports version for the whole server.
"""

from __future__ import annotations

import streamlit as st

from i18n.messages import message
from ui.language import as_text, lang
from ui.state import get_joined, imports_version
from userdata import apply as imports


def notice_lines(unshown: list[imports.Unshown], *, lang: str) -> list[str]:
    """The notice's head and one line per import, in ``lang`` (names and reasons as given).

    Examples
    --------
    >>> item = imports.Unshown("moc.geojson", "markers", "lý do", "the reason")
    >>> notice_lines([item], lang="en")
    ['1 imported layer cannot be shown (logged):', 'moc.geojson — the reason']
    """
    if not unshown:
        return []
    lines = [message("layer.unshown_head", lang, n=len(unshown))]
    for item in unshown:
        values = {"name": item.name, "reason": item.reason(lang)}
        if item.features:
            lines.append(message("layer.unshown_some", lang, n=item.features, **values))
        else:
            lines.append(message("layer.unshown_whole", lang, **values))
    return lines


def withheld_lines(joined: imports.Joined, *, lang: str) -> list[str]:
    """What the session's role is not shown of the surveyed-markers imports, in ``lang``.

    Examples
    --------
    >>> from layers.registry import Atlas
    >>> withheld_lines(imports.Joined(Atlas(layers={}), withheld=2, unpublished=1), lang="en")[0]
    '2 surveyed-marker imports are shown at commune level only: your role does not see \
surveyed positions.'
    >>> withheld_lines(imports.Joined(Atlas(layers={})), lang="en")
    []
    """
    lines = []
    if joined.withheld:
        lines.append(message("protect.withheld_notice", lang, n=joined.withheld))
    if joined.unpublished:
        lines.append(message("protect.withheld_unpublished", lang, n=joined.unpublished))
    return lines


def show_import_notices() -> None:
    """Say which stored imports the map cannot show, and why (nothing when all are shown), and
    how many surveyed-markers imports the session's role sees at commune level only."""
    joined = get_joined(imports_version())
    for line in withheld_lines(joined, lang=lang()):
        st.caption(as_text(line))
    lines = notice_lines(joined.unshown, lang=lang())
    if lines:
        head, *items = lines
        # Plain text for the names: Markdown would turn a name holding a URL into a link even
        # escaped (GFM autolinks), so the lines are drawn by st.text, never read as Markdown.
        with st.container(key="ba_import_notices"):
            st.warning(as_text(head), icon=":material/warning:")
            for item in items:
                st.text(f"• {item}")
