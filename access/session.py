"""Who this Streamlit session is: the gate every page passes, signing in and out.

- *Personal mode* (``make run``, the default): when no account exists and the server listens on
  a loopback address only, the session is the single local user
  (:func:`userdata.roles.local_principal`), and there is no sign-in page.
- Otherwise (``BORDER_ATLAS_MODE=shared``, any account exists, or ``server.address`` is not a
  loopback address) ``app.py`` shows the sign-in page (:mod:`ui.sign_in`) until someone signs
  in with an account (:func:`sign_in_with_password`) or through the organisation's identity
  provider (``st.login``, when Streamlit's secrets hold an ``[auth]`` section; :mod:`access.oidc`).

The signed-in :class:`~userdata.roles.Principal` is kept in ``st.session_state[SESSION_KEY]``;
``ba_signed_in_at`` and ``ba_seen_at`` hold ``time.time()`` (missing means now). Each run
reads the account again, once (:func:`begin_run`): a changed role applies at once, a disabled
or deleted account is signed out, and so is a session idle for
``settings.SESSION_IDLE_MINUTES`` or older than ``settings.SESSION_MAX_HOURS`` (the sign-in
page then says the session ended). Signing out clears the session's state (but its language),
so the next person at the browser finds nothing of the last one's.
"""

from __future__ import annotations

import ipaddress
import time
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from access import accounts, oidc
from geo import settings
from userdata.roles import Principal, Role, local_principal
from userdata.store import Store, default_path

SESSION_KEY = "ba_principal"
SIGNED_IN_AT = "ba_signed_in_at"
SEEN_AT = "ba_seen_at"
NOTICE_KEY = "ba_sign_in_notice"
"""Why the sign-in page shows (catalogue key): the session ended, the user signed out…"""
_OIDC_REFUSED = "_ba_oidc_refused"
RUN_KEY = "_ba_principal_this_run"
"""The principal :func:`begin_run` worked out for the current run."""
_KEEP_ON_SIGN_OUT = ("lang", "lang_choice", NOTICE_KEY)


def session_id() -> str:
    """This Streamlit session's id ("" outside a session)."""
    context = get_script_run_ctx(suppress_warning=True)
    return context.session_id if context is not None else ""


def session_store() -> Store:
    """The session's one store of what users save, kept open: one SQLite connection for the
    whole session (``keep_open``: reruns run on new threads, so it is shared across threads under
    the store's lock); a new one only when the path changes (``BORDER_ATLAS_USER_DIR``). The
    accounts live there too; sign-in's calls need no principal, and :func:`ui.state.store` sets
    the run's principal on it for everything else."""
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
    st.session_state[RUN_KEY] = principal
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


def begin_run() -> Principal | None:
    """Work out who this run acts as (see the module docstring), once: ``app.py`` calls it
    first, and every :func:`current_principal` of the run returns the same principal (the
    account is read, and an ended session signed out, once per run; a role cannot change
    between two readers of one run)."""
    principal = _resolve()
    st.session_state[RUN_KEY] = principal
    return principal


def current_principal() -> Principal | None:
    """Who this session acts as in this run (:func:`begin_run`); None: nobody is signed in."""
    if RUN_KEY in st.session_state:
        return st.session_state[RUN_KEY]
    return _resolve()  # outside app.py (a page script run alone)


def _resolve() -> Principal | None:
    store = session_store()
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
        accounts.sign_out(session_store(), held)
    _clear("signin.signed_out")
    if isinstance(held, Principal) and held.via == "oidc":
        st.logout()


def sign_in_with_password(name: str, password: str) -> Principal:
    """Sign this session in with an account (:func:`access.accounts.sign_in`: lockout, audit);
    :class:`geo.errors.LoginError` when refused."""
    principal = accounts.sign_in(session_store(), name, password, session=session_id())
    _start(principal)
    return principal


def notice() -> str | None:
    """Why the sign-in page shows (a catalogue key: the session ended, was revoked, the user
    signed out), or None."""
    return st.session_state.get(NOTICE_KEY)


def oidc_refusal() -> str | None:
    """Why someone the identity provider signed in is not let in, as a catalogue key
    (``signin.oidc_no_role``: no known role; ``signin.revoked``: their account here is
    disabled); None when nobody is signed in there."""
    claims = _user_claims()
    if claims is None:
        return None
    return "signin.oidc_no_role" if oidc.role_from_claims(claims) is None else "signin.revoked"
