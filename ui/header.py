"""The top of every page: the language switch, the app's name, what it is for, and the date of
its data.

Kept to one row and one line so that on a phone the map still shows on load; the page's own
stylesheet (``static/atlas/page.css``) trims Streamlit's top padding for the same reason.
"""

from __future__ import annotations

import streamlit as st

from access import session
from layers.facts import latest_source_date
from ui import language, map_data
from ui.assets import STATIC_DIR
from ui.language import as_text, lang, t
from userdata.roles import role_label

PAGE_CSS = STATIC_DIR / "atlas" / "page.css"


def data_date_text() -> str:
    """What the data is as of: both commune editions, and the newest date a cited source states."""
    facts = map_data.cited_facts()
    newest = latest_source_date(facts) if facts is not None else ""
    return t("header.data_date", newest=newest) if newest else t("header.data_date_unknown")


def account_corner() -> None:
    """Who is signed in (name and role) and the sign-out button; nothing for personal mode's
    local user or before anyone signs in."""
    principal = session.current_principal()
    if principal is None or principal.via == "local":
        return
    role = role_label(principal.role, lang())
    st.caption(as_text(t("header.signed_in", name=principal.name, role=role)))
    if st.button(
        t("header.sign_out"), key="ba_sign_out", icon=":material/logout:", type="tertiary"
    ):
        session.sign_out()
        st.rerun()


def render() -> None:
    """Write the header: language switch and name on one row (with who is signed in, when
    accounts are in use), then purpose and data date."""
    st.html(f"<style>{PAGE_CSS.read_text(encoding='utf-8')}</style>")
    with st.container(horizontal=True, vertical_alignment="center", key="ba_header"):
        language.language_switch()
        st.markdown(f"**{as_text(t('app_title'))}**")
        account_corner()
    st.caption(f"{as_text(t('header.purpose'))} · {as_text(data_date_text())}")
