"""Sharing a saved plan: with a named account or with everyone of a role, read-only or editable.

Only the plan's owner or an administrator sees this panel; the store checks again
(:meth:`userdata.store.Store.share_plan`, :meth:`~userdata.store.Store.unshare_plan`) and audits
each change. Account names come from :meth:`~userdata.store.Store.account_names`.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from geo.errors import BorderAtlasError
from ui import planner_state as state
from ui.language import lang, said, t
from ui.state import store
from userdata.roles import ROLES, Permission, Principal, role_label


def may_manage(principal: Principal | None, record: dict[str, Any]) -> bool:
    """Whether ``principal`` may share or delete the plan ``record`` (owner or admin; a plan
    from before accounts, with no owner, only an admin).

    Examples
    --------
    >>> from userdata.roles import Role
    >>> mine = {"owner": "an", "access": "owner"}
    >>> may_manage(Principal(name="an", role=Role.PLANNER), mine)
    True
    >>> may_manage(Principal(name="binh", role=Role.PLANNER), {**mine, "access": "edit"})
    False
    >>> may_manage(Principal(name="root", role=Role.ADMIN), {"owner": None, "access": "edit"})
    True
    """
    if principal is None:
        return False
    if principal.may(Permission.ADMIN):
        return True
    return bool(record.get("owner")) and record.get("owner") == principal.name


def _share(name: str) -> None:
    kind = st.session_state.get("w_share_kind", "user")
    grantee = st.session_state.get("w_share_user" if kind == "user" else "w_share_role")
    if not grantee:
        return
    try:
        store().share_plan(
            name,
            grantee_kind=kind,
            grantee=str(grantee),
            can_edit=bool(st.session_state.get("w_share_edit", False)),
        )
    except BorderAtlasError as error:
        state.flash_failure(error)
        return
    state.flash("success", said("plan_share.shared", name=name))


def _unshare(name: str, grantee_kind: str, grantee: str) -> None:
    try:
        store().unshare_plan(name, grantee_kind=grantee_kind, grantee=grantee)
    except BorderAtlasError as error:
        state.flash_failure(error)
        return
    state.flash("success", said("plan_share.removed", name=name))


def _share_line(share: dict[str, Any]) -> str:
    how = t("plan_share.how_edit" if share["can_edit"] else "plan_share.how_read")
    if share["grantee_kind"] == "role":
        return said("plan_share.role_line", grantee=role_label(share["grantee"], lang()), how=how)
    return said("plan_share.user_line", grantee=share["grantee"], how=how)


def render_sharing(record: dict[str, Any]) -> None:
    """The shares of the plan ``record`` (from ``list_plans``), each with a remove button, and
    the form to add one."""
    name = record["name"]
    with st.expander(said("plan_share.title", name=name)):
        shares = record.get("shares") or []
        if not shares:
            st.caption(t("plan_share.none"))
        for number, share in enumerate(shares):
            left, right = st.columns([4, 1])
            left.markdown(_share_line(share))
            right.button(
                t("plan_share.remove"),
                key=f"w_unshare_{number}",
                on_click=_unshare,
                args=(name, share["grantee_kind"], share["grantee"]),
            )
        kind = st.radio(
            t("plan_share.kind"),
            ["user", "role"],
            format_func=lambda k: t(f"plan_share.kind_{k}"),
            key="w_share_kind",
            horizontal=True,
        )
        if kind == "user":
            owner = record.get("owner")
            names = [n for n in store().account_names() if n != owner]
            if not names:
                st.caption(t("plan_share.no_accounts"))
                return
            st.selectbox(t("plan_share.user"), names, key="w_share_user")
        else:
            st.selectbox(
                t("plan_share.role"),
                [role.value for role in ROLES],
                format_func=lambda r: role_label(r, lang()),
                key="w_share_role",
            )
        st.checkbox(t("plan_share.can_edit"), key="w_share_edit")
        st.button(t("plan_share.add"), key="w_share_add", on_click=_share, args=(name,))
