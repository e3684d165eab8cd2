"""*Quản trị / Admin*: the accounts (role, unlock, disable) and the audit trail with its CSV.

The page needs ``ADMIN``; every change goes through the store's ADMIN methods, which check the
role again on the server and record the change in the audit trail. A change of role and
disabling an account ask first. The trail is filtered by user, action and date range and shown
as a table (user text stays text); its CSV download holds the filtered rows and is itself
recorded (``export_audit``).
"""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from geo.errors import BorderAtlasError
from i18n.numbers import format_datetime
from ui import flash
from ui.confirm import ask_to_confirm
from ui.downloads import csv_bytes
from ui.language import lang, said, t
from ui.pages import allowed
from ui.state import store
from userdata.roles import ROLES, Permission, role_label

log = logging.getLogger(__name__)
QUESTION_KEY = "admin_question"
FLASH_SLOT = "admin"
AUDIT_ACTIONS = (
    "login",
    "login_failed",
    "locked",
    "logout",
    "import",
    "delete",
    "restore",
    "share",
    "unshare",
    "purge",
    "role_change",
    "account_add",
    "account_unlock",
    "account_disable",
    "export_plan",
    "export_protected",
    "export_audit",
    "denied",
)
"""The actions the audit trail records (filter choices; others are shown by their code)."""
CSV_COLUMNS = ("seq", "at", "actor", "role", "session", "action", "target", "detail")


def _run(action: Any, done: str, **values: object) -> None:
    """Run a store change; say what happened (or why not) on the next run."""
    st.session_state.pop(QUESTION_KEY, None)
    try:
        action()
    except BorderAtlasError as error:
        flash.failure(FLASH_SLOT, error, where="admin page")
        return
    flash.put(FLASH_SLOT, "success", said(done, **values))


def _ask(kind: str, name: str, role: str = "") -> None:
    st.session_state[QUESTION_KEY] = {"kind": kind, "name": name, "role": role}


def _confirmed() -> None:
    question = st.session_state.get(QUESTION_KEY) or {}
    name, role = question.get("name", ""), question.get("role", "")
    if question.get("kind") == "role":
        _run(
            lambda: store().set_role(name, role),
            "admin_page.done_role",
            name=name,
            role=role_label(role, lang()),
        )
    elif question.get("kind") == "disable":
        _run(lambda: store().disable(name), "admin_page.done_disable", name=name)


def _unlock(name: str) -> None:
    _run(lambda: store().unlock(name), "admin_page.done_unlock", name=name)


def _cancel() -> None:
    st.session_state.pop(QUESTION_KEY, None)


def _yes_no(value: object) -> str:
    return t("admin_page.yes") if value else t("admin_page.no")


def _accounts_table(accounts: list[dict[str, Any]]) -> None:
    code = lang()
    st.dataframe(
        pd.DataFrame(
            {
                t("admin_page.col_name"): [a["name"] for a in accounts],
                t("admin_page.col_role"): [role_label(a["role"], code) for a in accounts],
                t("admin_page.col_via"): [a.get("via") or "" for a in accounts],
                t("admin_page.col_last"): [
                    format_datetime(a.get("last_login"), lang=code) for a in accounts
                ],
                t("admin_page.col_locked"): [
                    format_datetime(a.get("locked_until"), lang=code) for a in accounts
                ],
                t("admin_page.col_disabled"): [_yes_no(a.get("disabled")) for a in accounts],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _question(accounts: dict[str, dict[str, Any]]) -> None:
    question = st.session_state.get(QUESTION_KEY)
    if not question or question["name"] not in accounts:
        return
    name = question["name"]
    if question["kind"] == "role":
        text = said(
            "admin_page.confirm_role",
            name=name,
            old=role_label(accounts[name]["role"], lang()),
            new=role_label(question["role"], lang()),
        )
    else:
        text = said("admin_page.confirm_disable", name=name)
    ask_to_confirm(
        text,
        confirm_key="w_admin_confirmed",
        on_confirm=_confirmed,
        cancel_key="w_admin_cancel",
        on_cancel=_cancel,
        confirm_label=t("admin_page.confirm"),
    )


def accounts_panel() -> None:
    """Every account, and the changes an admin makes to one (each through the store)."""
    st.subheader(t("admin_page.accounts"))
    accounts = {a["name"]: a for a in store().list_accounts()}
    if not accounts:
        st.caption(t("admin_page.no_accounts"))
        return
    _accounts_table(list(accounts.values()))
    _question(accounts)
    name = st.selectbox(t("admin_page.account"), list(accounts), key="w_admin_account")
    account = accounts[name]
    roles = [role.value for role in ROLES]
    left, right = st.columns([2, 3])
    role = left.selectbox(
        t("admin_page.new_role"),
        roles,
        index=roles.index(str(account["role"])) if str(account["role"]) in roles else 0,
        format_func=lambda r: role_label(r, lang()),
        key=f"w_admin_role_{name}",
    )
    row = right.container(horizontal=True)
    row.button(
        t("admin_page.set_role"),
        key="w_admin_set_role",
        on_click=_ask,
        args=("role", name, role),
        disabled=role == account["role"],
    )
    row.button(t("admin_page.unlock"), key="w_admin_unlock", on_click=_unlock, args=(name,))
    row.button(
        t("admin_page.disable"),
        key="w_admin_disable",
        on_click=_ask,
        args=("disable", name),
        disabled=bool(account.get("disabled")),
    )


def _detail_text(detail: object) -> str:
    if detail in (None, "", {}):
        return ""
    if isinstance(detail, str):
        return detail
    return json.dumps(detail, ensure_ascii=False, sort_keys=True)


def audit_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The audit rows with their stored codes, as the CSV holds them.

    Examples
    --------
    >>> audit_frame([{"seq": 1, "at": "2026-12-01T08:00:00+00:00", "actor": "an",
    ...   "role": "admin", "session": "s1", "action": "delete", "target": "Trip",
    ...   "detail": {"kind": "plan"}}]).loc[0, "detail"]
    '{"kind": "plan"}'
    """
    return pd.DataFrame(
        [
            {**{c: row.get(c, "") for c in CSV_COLUMNS}, "detail": _detail_text(row.get("detail"))}
            for row in rows
        ],
        columns=list(CSV_COLUMNS),
    )


def _filters() -> dict[str, Any]:
    user_store = store()
    everyone = user_store.audit_rows()
    actors = sorted({str(row["actor"]) for row in everyone if row.get("actor")})
    actions = list(AUDIT_ACTIONS) + sorted(
        {str(row["action"]) for row in everyone} - set(AUDIT_ACTIONS)
    )
    cols = st.columns(4)
    actor = cols[0].selectbox(
        t("admin_page.f_actor"),
        [None, *actors],
        format_func=lambda a: t("admin_page.all") if a is None else a,
        key="w_audit_actor",
    )
    action = cols[1].selectbox(
        t("admin_page.f_action"),
        [None, *actions],
        format_func=lambda a: t("admin_page.all") if a is None else _action_label(a),
        key="w_audit_action",
    )
    since = cols[2].date_input(
        t("admin_page.f_since"), value=None, format="DD/MM/YYYY", key="w_audit_since"
    )
    until = cols[3].date_input(
        t("admin_page.f_until"), value=None, format="DD/MM/YYYY", key="w_audit_until"
    )
    return {
        "actor": actor,
        "action": action,
        "since": since.isoformat() if isinstance(since, date) else None,
        "until": (until + timedelta(days=1)).isoformat() if isinstance(until, date) else None,
    }


def _action_label(code: str) -> str:
    return t(f"audit_action.{code}") if code in AUDIT_ACTIONS else code


def _record_csv(filters: dict[str, Any], count: int) -> None:
    try:
        store().record(
            "export_audit",
            target="audit",
            detail={"rows": count, **{k: v for k, v in filters.items() if v}},
        )
    except BorderAtlasError as error:
        log.error("admin page: the audit export was not recorded: %s", error)


def audit_panel() -> None:
    """The audit trail, filtered, newest first, and its CSV."""
    st.subheader(t("admin_page.audit"))
    filters = _filters()
    rows = store().audit_rows(**filters)
    if not rows:
        st.caption(t("admin_page.no_rows"))
        return
    st.caption(t("admin_page.rows", n=len(rows)))
    code = lang()
    frame = audit_frame(rows)
    st.dataframe(
        pd.DataFrame(
            {
                t("admin_page.col_at"): [format_datetime(r["at"], lang=code) for r in rows],
                t("admin_page.col_actor"): frame["actor"],
                t("admin_page.col_role"): [
                    role_label(r["role"], code) if r.get("role") in ROLES else r.get("role")
                    for r in rows
                ],
                t("admin_page.col_action"): [_action_label(str(r["action"])) for r in rows],
                t("admin_page.col_target"): frame["target"],
                t("admin_page.col_detail"): frame["detail"],
                t("admin_page.col_session"): frame["session"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.download_button(
        t("admin_page.csv"),
        csv_bytes(frame),
        "audit.csv",
        "text/csv",
        key="dl_audit",
        on_click=_record_csv,
        args=(filters, len(rows)),
    )


def render() -> None:
    st.header(t("admin_page.title"))
    if allowed(Permission.ADMIN, action=t("admin_page.title")) is None:
        return
    flash.show(FLASH_SLOT)
    accounts_panel()
    audit_panel()
