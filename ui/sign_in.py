"""The sign-in page, drawn by ``app.py`` instead of any page while nobody is signed in.

Who is signed in, sessions, lockout and the audit trail are :mod:`access.session` and
:mod:`access.accounts`; this page only asks and says, in the current language.
"""

from __future__ import annotations

import streamlit as st

from access import oidc, session
from geo import settings
from geo.errors import LoginError
from ui.language import lang, t


def _organisation_sign_in() -> None:
    """The identity provider's button (when configured), after why its last sign-in was
    refused and the way out of the provider's session."""
    section = session.oidc_section()
    if section is None:
        return
    refusal = session.oidc_refusal()
    if refusal is not None:
        st.error(t(refusal, claim=oidc.role_claim()), icon=":material/block:")
        if st.button(t("header.sign_out"), key="ba_oidc_sign_out"):
            st.logout()
    if st.button(t("signin.oidc"), key="ba_oidc_sign_in", type="primary"):
        st.login(oidc.provider(section))
    st.caption(t("signin.or"))


def render() -> None:
    """The sign-in page: title, why it shows, the organisation's sign-in when configured, and
    the name and password form. Every word comes from the catalogue."""
    with st.container(key="ba_sign_in", width=420):
        st.subheader(t("signin.title"), anchor=False)
        notice = session.notice()
        if notice:
            st.info(t(notice, hours=settings.SESSION_MAX_HOURS), icon=":material/info:")
        else:
            st.caption(t("signin.intro"))
        _organisation_sign_in()
        with st.form("ba_sign_in_form", enter_to_submit=True, border=True):
            name = st.text_input(t("signin.name"), key="ba_sign_in_name", max_chars=64)
            password = st.text_input(
                t("signin.password"), key="ba_sign_in_password", type="password"
            )
            submitted = st.form_submit_button(t("signin.submit"), type="primary")
        if submitted:
            _try_sign_in(name, password)


def _try_sign_in(name: str, password: str) -> None:
    if not name.strip() or not password:
        st.warning(t("signin.empty"), icon=":material/warning:")
        return
    try:
        session.sign_in_with_password(name, password)
    except LoginError as error:
        icon = ":material/lock:" if error.locked else ":material/error:"
        st.error(error.message(lang()), icon=icon)
        return
    st.session_state.pop("ba_sign_in_password", None)
    st.rerun()
