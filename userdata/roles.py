"""Roles and what each may do; the principal (who is acting) every store operation checks.

Roles are cumulative, each adding to the one before it:

========================  ============================================================
``viewer`` / xem          maps, filters, public layers (and plans shared with them)
``planner`` / lập kế hoạch  + their own plans, exports of plans
``data_editor`` / biên tập  + imports of indicators and layers
``border_guard`` / biên phòng + surveyed marker positions and their imports
``admin`` / quản trị      + accounts, the audit trail, every plan and import
========================  ============================================================

Examples
--------
>>> guard = Principal(name="an", role=Role.BORDER_GUARD)
>>> guard.may(Permission.PROTECTED), guard.may(Permission.ADMIN)
(True, False)
>>> Principal(name="binh", role=Role.VIEWER).may(Permission.EXPORT)
False
>>> role_label(Role.DATA_EDITOR, "vi")
'biên tập dữ liệu'
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import StrEnum

from geo.errors import AccessDenied
from i18n.messages import message


class Role(StrEnum):
    """A role, from the least to the most trusted (the order is the order of :data:`ROLES`)."""

    VIEWER = "viewer"
    PLANNER = "planner"
    DATA_EDITOR = "data_editor"
    BORDER_GUARD = "border_guard"
    ADMIN = "admin"


class Permission(StrEnum):
    """What an action needs."""

    VIEW = "view"
    """Maps, filters, public layers, plans shared with them (read-only)."""
    PLAN = "plan"
    """Make and keep their own plans."""
    EXPORT = "export"
    """Download plans (GPX, KML, CSV, GeoPackage, field pack) and tables."""
    IMPORT = "import"
    """Import indicators and layers (not surveyed markers)."""
    PROTECTED = "protected"
    """See surveyed marker positions and import them."""
    ADMIN = "admin"
    """Accounts, the audit trail, every plan and import, the whole bin."""


ROLES: tuple[Role, ...] = tuple(Role)
_ADDS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.VIEW}),
    Role.PLANNER: frozenset({Permission.PLAN, Permission.EXPORT}),
    Role.DATA_EDITOR: frozenset({Permission.IMPORT}),
    Role.BORDER_GUARD: frozenset({Permission.PROTECTED}),
    Role.ADMIN: frozenset({Permission.ADMIN}),
}
GRANTS: dict[Role, frozenset[Permission]] = {
    role: frozenset().union(*(_ADDS[r] for r in ROLES[: i + 1])) for i, role in enumerate(ROLES)
}
"""Every permission of each role (its own and those of the roles before it)."""


def role_label(role: Role | str, lang: str = "vi") -> str:
    """The role's name for users (``role.<value>`` in the message catalogue)."""
    return message(f"role.{Role(role).value}", lang)


def parse_role(text: str) -> Role:
    """The role written as its code or its label in either language; :class:`ValueError` naming
    the valid codes otherwise.

    Examples
    --------
    >>> parse_role("Border guard"), parse_role("xem")
    (<Role.BORDER_GUARD: 'border_guard'>, <Role.VIEWER: 'viewer'>)
    """
    wanted = text.strip().casefold().replace("-", "_")
    for role in ROLES:
        names = {role.value, role_label(role, "vi").casefold(), role_label(role, "en").casefold()}
        if wanted in names or wanted.replace("_", " ") in names:
            return role
    codes = ", ".join(role.value for role in ROLES)
    raise ValueError(f"unknown role {text!r}: use one of {codes}")


@dataclass(frozen=True)
class Principal:
    """Who is acting: an account's ``name`` and ``role``, how they signed in (``via``: ``local``
    for the personal mode's single user, ``password``, ``oidc`` or ``cli``) and the Streamlit
    session (for the audit trail)."""

    name: str
    role: Role
    via: str = "password"
    session: str = ""

    def may(self, permission: Permission) -> bool:
        """Whether this principal's role grants ``permission``."""
        return permission in GRANTS[Role(self.role)]

    def require(self, permission: Permission, *, action: str = "") -> None:
        """Raise :class:`geo.errors.AccessDenied` (both languages) unless :meth:`may`."""
        if not self.may(permission):
            raise AccessDenied.of(
                "access.denied",
                role=role_label(self.role, "vi"),
                role_en=role_label(self.role, "en"),
                action=action or permission.value,
            )


def local_principal(session: str = "") -> Principal:
    """The personal mode's single local user, who may do everything (named by the OS account)."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "local"
    return Principal(name=name, role=Role.ADMIN, via="local", session=session)


SYSTEM = Principal(name="system", role=Role.ADMIN, via="cli")
"""For scripts and tests that act outside any session (e.g. the accounts command line)."""
