"""Sign-in through an organisation's identity provider (Streamlit's ``st.login``, OIDC).

Configured by an ``[auth]`` section in Streamlit's secrets (README "Accounts and roles"). The
user's name is their ``email`` claim (else ``sub``); their role is read from the claim named by
``BORDER_ATLAS_OIDC_ROLE_CLAIM`` (default ``border_atlas_role``), a string or a list of strings
(codes or labels in either language): the highest known role wins; none known, no access.

Examples
--------
>>> role_from_claims({"border_atlas_role": ["viewer", "biên phòng", "pilot"]})
<Role.BORDER_GUARD: 'border_guard'>
>>> role_from_claims({"border_atlas_role": "pilot"}) is None
True
>>> name_from_claims({"sub": "42", "email": "an@bp.gov.vn"})
'an@bp.gov.vn'
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from geo import settings
from userdata.roles import ROLES, Role, parse_role


def role_claim() -> str:
    """The claim that names the role (``BORDER_ATLAS_OIDC_ROLE_CLAIM``, else the default)."""
    return os.environ.get(settings.OIDC_ROLE_CLAIM_ENV, "").strip() or (
        settings.DEFAULT_OIDC_ROLE_CLAIM
    )


def role_from_claims(claims: Mapping[str, Any], claim: str | None = None) -> Role | None:
    """The highest known role among the values of ``claim`` in ``claims``; None if none.

    Examples
    --------
    >>> role_from_claims({"roles": "Planner"}, "roles")
    <Role.PLANNER: 'planner'>
    >>> role_from_claims({"roles": ["admin", "viewer"]}, "roles")
    <Role.ADMIN: 'admin'>
    >>> role_from_claims({}, "roles") is None
    True
    """
    value = claims.get(claim or role_claim())
    values = [value] if isinstance(value, str) else list(value or ()) if _listish(value) else []
    known: list[Role] = []
    for item in values:
        if isinstance(item, str):
            try:
                known.append(parse_role(item))
            except ValueError:
                continue
    return max(known, key=ROLES.index) if known else None


def _listish(value: object) -> bool:
    return isinstance(value, list | tuple | set | frozenset)


def name_from_claims(claims: Mapping[str, Any]) -> str:
    """The user's name: their ``email`` claim, else ``sub`` ("" when neither is given)."""
    for key in ("email", "sub"):
        value = claims.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def auth_section(secrets: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """Streamlit's ``[auth]`` secrets section, when it configures a provider; else None.

    Examples
    --------
    >>> auth_section({"auth": {"redirect_uri": "x", "client_id": "y"}}) is not None
    True
    >>> auth_section({"password_pepper": "z"}) is None
    True
    """
    section = secrets.get("auth")
    return section if isinstance(section, Mapping) and section else None


def provider(section: Mapping[str, Any]) -> str | None:
    """The provider to pass to ``st.login``: None when ``[auth]`` holds one provider itself
    (``client_id`` at its top), else the first ``[auth.<name>]`` subsection's name.

    Examples
    --------
    >>> provider({"client_id": "a"}) is None
    True
    >>> provider({"redirect_uri": "x", "microsoft": {"client_id": "a"}})
    'microsoft'
    """
    if "client_id" in section:
        return None
    names = [key for key, value in section.items() if isinstance(value, Mapping)]
    return names[0] if names else None
