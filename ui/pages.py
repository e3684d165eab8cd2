"""The pages of the app, in the order of the navigation menu (in the top bar).

Each page is a small script in ``ui/views/`` that calls the ``render`` function of its module,
so that Streamlit's ``AppTest.switch_page`` can open it in tests.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.language import t

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
