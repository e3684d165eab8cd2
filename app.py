"""Border Atlas: entry point (`streamlit run app.py`). Pages live in ``ui/``."""

from __future__ import annotations

import streamlit as st

from ui import i18n

st.set_page_config(page_title="Atlas Biên giới / Border Atlas", page_icon="🗺️", layout="wide")

with st.sidebar:
    choice = st.radio(
        "Ngôn ngữ / Language",
        options=list(i18n.LANGS),
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        index=list(i18n.LANGS).index(i18n.lang()),
        horizontal=True,
        key="lang_choice",
    )
    st.session_state["lang"] = choice
    st.query_params["lang"] = choice

from ui import page_data  # noqa: E402  (after the language is known)

st.title(i18n.t("app_title"))
st.caption(i18n.t("app_subtitle"))
page_data.render()
