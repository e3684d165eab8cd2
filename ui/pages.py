"""The pages of the app, in the order of the navigation menu."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t


def _data() -> None:
    from ui import page_data

    page_data.render()


def all_pages() -> list[st.Page]:
    """Streamlit pages with titles in the current language (url paths stay fixed)."""
    return [
        st.Page(_data, title=t("page_data"), url_path="nguon-du-lieu", icon="📚", default=True),
    ]
