"""Border Atlas: the Streamlit entry point (``streamlit run app.py``). Pages live in ``ui/``."""

from __future__ import annotations

import streamlit as st

from ui import language, pages

st.set_page_config(page_title="Atlas Biên giới / Border Atlas", layout="wide")
language.language_switch()
st.navigation(pages.all_pages()).run()
