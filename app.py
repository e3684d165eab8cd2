"""Border Atlas: the Streamlit entry point (``streamlit run app.py``). Pages live in ``ui/``.

The language switch and the header come first on every page; the pages' menu sits in the top
bar, so no sidebar is needed (on a phone nothing slides over the map). The header and the page
run inside :func:`ui.pages.run_guarded`: an unexpected error shows an incident id, never a
traceback.

Who the run acts as is worked out once, first (:func:`access.session.begin_run`). While nobody
is signed in (shared mode, or once any account exists) the sign-in page (:mod:`ui.sign_in`)
stands where the page would be and the menu stays hidden: ``st.navigation`` only registers the
pages, and none runs (only the layers are loaded, once per process, so that the first map
after signing in does not wait for them).
"""

from __future__ import annotations

import streamlit as st

from access import session
from ui import header, pages, sign_in, state

st.set_page_config(
    page_title="Atlas Biên giới / Border Atlas",
    layout="wide",
    initial_sidebar_state="collapsed",
)
signed_in = session.begin_run() is not None
navigation = st.navigation(pages.all_pages(), position="top" if signed_in else "hidden")
pages.run_guarded(header.render, where="header")
if not signed_in:
    # The layers, once per process, while the sign-in page is drawn (make serve's warm-up run
    # stops here, and the first map after signing in should not wait for them).
    pages.run_guarded(state.get_atlas, where="warm-up")
    pages.run_guarded(sign_in.render, where="sign-in")
    st.stop()  # no page runs before signing in
pages.run_guarded(navigation.run, where=f"page {navigation.url_path or 'ban-do'}")
