"""Who this Streamlit session is: the gate every page passes, the sign-in page, signing out.

- *Personal mode* (``make run``, the default): when no account exists and the server listens on
  a loopback address only, the session is the single local user
  (:func:`userdata.roles.local_principal`), and there is no sign-in page.
- Otherwise (``BORDER_ATLAS_MODE=shared``, any account exists, or ``server.address`` is not a
  loopback address) :func:`require_sign_in` shows the sign-in page until someone signs in with
  an account (:func:`access.accounts.sign_in`) or through the organisation's identity provider
  (``st.login``, when Streamlit's secrets hold an ``[auth]`` section; :mod:`access.oidc`).

The signed-in :class:`~userdata.roles.Principal` is kept in ``st.session_state[SESSION_KEY]``;
``ba_signed_in_at`` and ``ba_seen_at`` hold ``time.time()`` (missing means now). Each rerun
reads the account again: a changed role applies at once, a disabled or deleted account is
signed out, and so is a session idle for ``settings.SESSION_IDLE_MINUTES`` or older than
``settings.SESSION_MAX_HOURS`` (the sign-in page then says the session ended). Signing out
clears the session's state (but its language), so the next person at the browser finds nothing
of the last one's.
"""

from __future__ import annotations

import ipaddress
import time
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from access import accounts, oidc
from geo import settings
from geo.errors import LoginError
from i18n.messages import LANGS, message
from userdata.roles import Principal, Role, local_principal
from userdata.store import Store, default_path

SESSION_KEY = "ba_principal"
SIGNED_IN_AT = "ba_signed_in_at"
SEEN_AT = "ba_seen_at"
NOTICE_KEY = "ba_sign_in_notice"
"""Why the sign-in page shows (catalogue key): the session ended, the user signed out…"""
_OIDC_REFUSED = "_ba_oidc_refused"
_KEEP_ON_SIGN_OUT = ("lang", "lang_choice", NOTICE_KEY)


def _lang() -> str:
    """The interface language (as :func:`ui.language.lang`, which this package may not use)."""
    value = (
        st.session_state.get("lang_choice")
        or st.session_state.get("lang")
        or st.query_params.get("lang", "vi")
    )
    return value if value in LANGS else "vi"


def _t(key: str, **values: object) -> str:
    return message(key, _lang(), **values)


def session_id() -> str:
    """This Streamlit session's id ("" outside a session)."""
    context = get_script_run_ctx(suppress_warning=True)
    return context.session_id if context is not None else ""


def _store() -> Store:
    """The session's one store, kept open (``ui.state.store()`` sets its principal each call):
    the accounts live there, and sign-in's calls need no principal. One connection per session,
    however often the gate, the header and the menu ask who is signed in."""
    path = default_path()
    current = st.session_state.get("_userdata_store")
    if not isinstance(current, Store) or current.path != path:
        if isinstance(current, Store):
            current.close()
        current = Store(path, keep_open=True, principal=None)
        st.session_state["_userdata_store"] = current
    return current


def is_loopback(address: str | None) -> bool:
    """Whether a server bound to ``address`` is reachable from this machine only.

    Examples
    --------
    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1")
    (True, True, True)
    >>> is_loopback("0.0.0.0"), is_loopback(""), is_loopback(None)
    (False, False, False)
    """
    if not address:
        return False  # Streamlit then listens on every interface
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def sign_in_required(store: Store) -> bool:
    """Shared mode, any account, or a server reachable from other machines."""
    return (
        settings.access_mode() == "shared"
        or store.count_accounts() > 0
        or not is_loopback(st.get_option("server.address"))
    )


def _secrets() -> dict[str, Any]:
    """Streamlit's secrets, {} when there is no secrets file (nothing printed on the page)."""
    try:
        return st.secrets.to_dict() if st.secrets.load_if_toml_exists() else {}
    except Exception:  # an unreadable file: Streamlit logs it; the page goes on without it
        return {}


def oidc_section() -> Any:
    """The ``[auth]`` section of Streamlit's secrets when OIDC sign-in is configured."""
    return oidc.auth_section(_secrets())


def _user_claims() -> dict[str, Any] | None:
    """The identity provider's claims when signed in through it; else None."""
    if oidc_section() is None:
        return None
    try:
        user = st.user.to_dict()
    except Exception:  # no auth configured after all
        return None
    return user if user.get("is_logged_in") else None


def _clear(notice: str = "") -> None:
    for key in list(st.session_state.keys()):
        if key not in _KEEP_ON_SIGN_OUT:
            value = st.session_state[key]
            if isinstance(value, Store):
                value.close()  # the session's own store connection (ui.state makes a new one)
            del st.session_state[key]
    if notice:
        st.session_state[NOTICE_KEY] = notice


def _start(principal: Principal) -> None:
    now = time.time()
    st.session_state[SESSION_KEY] = principal
    st.session_state[SIGNED_IN_AT] = now
    st.session_state[SEEN_AT] = now
    st.session_state.pop(NOTICE_KEY, None)


def _expired(now: float) -> bool:
    signed_in = float(st.session_state.setdefault(SIGNED_IN_AT, now))
    seen = float(st.session_state.get(SEEN_AT, now))
    return (
        now - seen > settings.SESSION_IDLE_MINUTES * 60
        or now - signed_in > settings.SESSION_MAX_HOURS * 3600
    )


def _refreshed(store: Store, principal: Principal) -> Principal | None:
    """``principal`` with its role as stored now; None when the account may no longer sign in."""
    account = store.get_account(principal.name)
    if principal.via == "oidc":
        claims = _user_claims()
        role = oidc.role_from_claims(claims) if claims else None
        if role is None or (account is not None and account.get("disabled")):
            return None
    else:
        if account is None or account.get("disabled"):
            return None
        try:
            role = Role(str(account["role"]))
        except ValueError:
            return None
    session = principal.session or session_id()
    if role != principal.role or session != principal.session:
        principal = Principal(name=principal.name, role=role, via=principal.via, session=session)
    return principal


def current_principal() -> Principal | None:
    """Who this session acts as (see the module docstring); None: nobody is signed in."""
    store = _store()
    held = st.session_state.get(SESSION_KEY)
    if isinstance(held, Principal):
        now = time.time()
        if _expired(now):
            accounts.sign_out(store, held, reason="expired")
            _clear("signin.ended")
            return None
        fresh = _refreshed(store, held)
        if fresh is None:
            accounts.sign_out(store, held, reason="revoked")
            _clear("signin.revoked")
            return None
        st.session_state[SESSION_KEY] = fresh
        st.session_state[SEEN_AT] = now
        return fresh
    if not sign_in_required(store):
        return local_principal(session=session_id())
    return _oidc_principal(store)


def _oidc_principal(store: Store) -> Principal | None:
    """Start a session for a user the identity provider has just signed in (with a known role)."""
    claims = _user_claims()
    if claims is None:
        return None
    name, role = oidc.name_from_claims(claims), oidc.role_from_claims(claims)
    account = store.get_account(name) if name else None
    if not name or role is None or (account is not None and account.get("disabled")):
        if not st.session_state.get(_OIDC_REFUSED):  # once per session, not every rerun
            st.session_state[_OIDC_REFUSED] = True
            reason = "no_role" if role is None else "disabled"
            store.record(
                "login_failed", target=name, detail={"via": "oidc", "reason": reason}, actor=name
            )
        return None
    principal = Principal(name=name, role=role, via="oidc", session=session_id())
    store.record(
        "login",
        target=name,
        detail={"via": "oidc"},
        actor=name,
        role=role.value,
        session=principal.session,
    )
    _start(principal)
    return principal


def sign_out() -> None:
    """End this session's sign-in (audited ``logout``); clear what it held; through the
    identity provider too when signed in there."""
    held = st.session_state.get(SESSION_KEY)
    if isinstance(held, Principal):
        accounts.sign_out(_store(), held)
    _clear("signin.signed_out")
    if isinstance(held, Principal) and held.via == "oidc":
        st.logout()


def require_sign_in() -> Principal:
    """The session's principal; when there is none, draw the sign-in page and stop the run."""
    principal = current_principal()
    if principal is not None:
        return principal
    sign_in_page()
    st.stop()
    raise AssertionError("unreachable")  # st.stop raises


def _oidc_refusal() -> None:
    """Why someone the identity provider signed in is not let in (no known role, or their
    account here is disabled), and the way out of the provider's session."""
    claims = _user_claims()
    if claims is None:
        return
    if oidc.role_from_claims(claims) is None:
        st.error(_t("signin.oidc_no_role", claim=oidc.role_claim()), icon=":material/block:")
    else:
        st.error(_t("signin.revoked"), icon=":material/block:")
    if st.button(_t("header.sign_out"), key="ba_oidc_sign_out"):
        st.logout()


def sign_in_page() -> None:
    """The sign-in page: title, why it shows, the organisation's sign-in when configured, and
    the name and password form. Every word comes from the catalogue."""
    with st.container(key="ba_sign_in", width=420):
        st.subheader(_t("signin.title"), anchor=False)
        notice = st.session_state.get(NOTICE_KEY)
        if notice:
            hours = settings.SESSION_MAX_HOURS
            st.info(_t(notice, hours=hours), icon=":material/info:")
        else:
            st.caption(_t("signin.intro"))
        section = oidc_section()
        if section is not None:
            _oidc_refusal()
            if st.button(_t("signin.oidc"), key="ba_oidc_sign_in", type="primary"):
                st.login(oidc.provider(section))
            st.caption(_t("signin.or"))
        with st.form("ba_sign_in_form", enter_to_submit=True, border=True):
            name = st.text_input(_t("signin.name"), key="ba_sign_in_name", max_chars=64)
            password = st.text_input(
                _t("signin.password"), key="ba_sign_in_password", type="password"
            )
            submitted = st.form_submit_button(_t("signin.submit"), type="primary")
        if submitted:
            _try_sign_in(name, password)


def _try_sign_in(name: str, password: str) -> None:
    if not name.strip() or not password:
        st.warning(_t("signin.empty"), icon=":material/warning:")
        return
    try:
        principal = accounts.sign_in(_store(), name, password, session=session_id())
    except LoginError as error:
        icon = ":material/lock:" if error.locked else ":material/error:"
        st.error(error.message(_lang()), icon=icon)
        return
    _start(principal)
    st.session_state.pop("ba_sign_in_password", None)
    st.rerun()
