"""Border Atlas: the Streamlit entry point (``streamlit run app.py``). Pages live in ``ui/``.

The language switch and the header come first on every page; the pages' menu sits in the top
bar, so no sidebar is needed (on a phone nothing slides over the map). The header and the page
run inside :func:`ui.pages.run_guarded`: an unexpected error shows an incident id, never a
traceback.
"""

from __future__ import annotations

import streamlit as st

from ui import header, pages

st.set_page_config(
    page_title="Atlas Biên giới / Border Atlas",
    layout="wide",
    initial_sidebar_state="collapsed",
)
navigation = st.navigation(pages.all_pages(), position="top")
pages.run_guarded(header.render, where="header")
pages.run_guarded(navigation.run, where=f"page {navigation.url_path or 'ban-do'}")
