"""The pages of the app, in the order of the navigation menu (in the top bar), and the guard
every page runs inside.

Each page is a small script in ``ui/views/`` that calls the ``render`` function of its module,
so that Streamlit's ``AppTest.switch_page`` can open it in tests. :func:`run_guarded` runs the
chosen page (and the header above it): an unexpected exception is logged in full by
:func:`geo.incidents.record` and the page shows message ``incident.shown`` with its id instead
of Streamlit's exception box (no traceback, no library English, no server path). Streamlit's
own control flow (``st.rerun``, ``st.stop``, ``st.switch_page``) derives from
``BaseException``, not ``Exception``, and passes through untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from geo import incidents
from ui.language import lang, t

VIEWS = Path(__file__).resolve().parent / "views"


def all_pages() -> list[st.Page]:
    """Streamlit pages with titles in the current language (url paths stay fixed)."""
    return [
        st.Page(
            VIEWS / "map.py",
            title=t("page_map"),
            url_path="ban-do",
            default=True,
        ),
        st.Page(
            VIEWS / "planner.py",
            title=t("page_planner"),
            url_path="ke-hoach",
        ),
        st.Page(
            VIEWS / "imports.py",
            title=t("page_import"),
            url_path="du-lieu-cua-ban",
        ),
        st.Page(
            VIEWS / "data.py",
            title=t("page_data"),
            url_path="nguon-du-lieu",
        ),
    ]


def run_guarded(step: Callable[[], object], *, where: str) -> bool:
    """Run ``step`` (a page, the header); on an unexpected error show its incident id instead.

    Returns whether ``step`` finished. ``where`` names the page in the server log.

    Examples
    --------
    >>> run_guarded(lambda: None, where="doctest")
    True
    >>> run_guarded(lambda: 1 / 0, where="doctest")
    False
    """
    try:
        step()
    except Exception as error:  # Streamlit's rerun/stop are BaseExceptions: they pass
        show_incident(error, where=where)
        return False
    return True


def show_incident(error: Exception, *, where: str) -> None:
    """Log ``error`` in full under a new id (:func:`geo.incidents.record`) and show only that id:
    never a traceback, a library's words or a server path."""
    code = incidents.record(error, where=where)
    st.error(incidents.shown(code, lang()), icon=":material/error:")
