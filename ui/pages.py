"""The pages of the app, in the order of the navigation menu (in the top bar), and the guard
every page runs inside.

Each page is a small script in ``ui/views/`` that calls the ``render`` function of its module,
so that Streamlit's ``AppTest.switch_page`` can open it in tests. :func:`run_guarded` runs the
chosen page (and the header above it): an unexpected exception is logged in full by
:func:`geo.incidents.record` and the page shows message ``incident.shown`` with its id instead
of Streamlit's exception box (no traceback, no library English, no server path). Streamlit's
own control flow (``st.rerun``, ``st.stop``, ``st.switch_page``) derives from
``BaseException``, not ``Exception``, and passes through untouched.

The menu follows the signed-in role (:func:`access.session.current_principal`): the planner for
``PLAN``, *Dữ liệu của bạn* for ``IMPORT``, *Quản trị* for ``ADMIN``; the map and data pages for
everyone. A page the role may not use stays reachable by its URL only to say so: its ``render``
starts with :func:`allowed`, which shows the catalogue's refusal instead of the page. The store
checks every action again on the server.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from access.session import current_principal
from geo import incidents
from geo.errors import AccessDenied
from ui.language import as_text, lang, t
from userdata.roles import Permission, Principal

VIEWS = Path(__file__).resolve().parent / "views"


PAGE_NEEDS: dict[str, Permission] = {
    "ke-hoach": Permission.PLAN,
    "du-lieu-cua-ban": Permission.IMPORT,
    "quan-tri": Permission.ADMIN,
}
"""What each page needs, by url path (the others are open to every role)."""


def visible_to(principal: Principal | None, url_path: str) -> bool:
    """Whether the menu shows the page at ``url_path`` to ``principal`` (None: nobody signed in).

    Examples
    --------
    >>> from userdata.roles import Role
    >>> viewer = Principal(name="v", role=Role.VIEWER)
    >>> [visible_to(viewer, p) for p in ("ban-do", "ke-hoach", "du-lieu-cua-ban", "quan-tri")]
    [True, False, False, False]
    >>> visible_to(Principal(name="p", role=Role.PLANNER), "ke-hoach")
    True
    >>> visible_to(None, "ban-do"), visible_to(None, "nguon-du-lieu")
    (True, False)
    """
    if principal is None:
        return url_path == "ban-do"
    need = PAGE_NEEDS.get(url_path)
    return need is None or principal.may(need)


def allowed(permission: Permission, *, action: str) -> Principal | None:
    """The signed-in principal if it may ``permission``; else the catalogue's refusal is shown
    (``action`` names what was refused) and None is returned: the page draws nothing more."""
    principal = current_principal()
    if principal is None:
        st.error(t("admin_page.signed_out"), icon=":material/lock:")
        return None
    try:
        principal.require(permission, action=action)
    except AccessDenied as error:
        st.error(as_text(error.message(lang())), icon=":material/lock:")
        return None
    return principal


def all_pages() -> list[st.Page]:
    """Streamlit pages with titles in the current language (url paths stay fixed); those the
    role may not use are hidden from the menu (their URL still opens them, to say why not)."""
    principal = current_principal()
    return [
        st.Page(
            VIEWS / script,
            title=t(title),
            url_path=url_path,
            default=url_path == "ban-do",
            visibility="visible" if visible_to(principal, url_path) else "hidden",
        )
        for script, title, url_path in (
            ("map.py", "page_map", "ban-do"),
            ("planner.py", "page_planner", "ke-hoach"),
            ("imports.py", "page_import", "du-lieu-cua-ban"),
            ("data.py", "page_data", "nguon-du-lieu"),
            ("admin.py", "admin_page.title", "quan-tri"),
        )
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
