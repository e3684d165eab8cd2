"""The *Đã nhập* tab of *Dữ liệu của bạn*: what was imported, by which account, when; deleting.

The importer is the signed-in account (:meth:`userdata.store.Store.put_import` records it), never
a name typed in. Only the import's owner (who may still import that kind) or an administrator
sees a delete button; deleting asks first and moves the import to the bin for
:data:`geo.settings.BIN_DAYS` days (:mod:`ui.bin_panel`), where it can be restored. The store
checks every delete and restore again.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from geo import settings
from geo.errors import BorderAtlasError
from i18n.numbers import format_datetime
from ui import flash
from ui.bin_panel import render_bin
from ui.confirm import ask_to_confirm
from ui.language import as_text, lang, said, t
from ui.state import store
from userdata.roles import Permission, Principal

DELETE_QUESTION = "import_delete_question"
FLASH_SLOT = "imports"


def may_delete(principal: Principal | None, row: dict[str, Any]) -> bool:
    """Whether ``principal`` may delete the import ``row`` (the store decides again).

    Examples
    --------
    >>> from userdata.roles import Role
    >>> editor = Principal(name="lan", role=Role.DATA_EDITOR)
    >>> may_delete(editor, {"owner": "lan", "kind": "indicator"})
    True
    >>> may_delete(editor, {"owner": "lan", "kind": "markers"}), may_delete(editor, {"owner": None})
    (False, False)
    >>> may_delete(Principal(name="root", role=Role.ADMIN), {"owner": "lan", "kind": "markers"})
    True
    """
    if principal is None:
        return False
    if principal.may(Permission.ADMIN):
        return True
    if not row.get("owner") or row["owner"] != principal.name:
        return False
    need = Permission.PROTECTED if row.get("kind") == "markers" else Permission.IMPORT
    return principal.may(need)


def _ask_delete_import(import_id: str, name: str) -> None:
    st.session_state[DELETE_QUESTION] = (import_id, name)


def _delete_import_confirmed() -> None:
    import_id, name = st.session_state.pop(DELETE_QUESTION, (None, None))
    if import_id is None:
        return
    try:
        store().delete_import(import_id)
    except BorderAtlasError as error:  # refused (role, owner): said in the user's words
        flash.failure(FLASH_SLOT, error, where="import page")
        return
    flash.put(
        FLASH_SLOT, "success", said("import_owner.deleted", name=name, days=settings.BIN_DAYS)
    )


def _cancel_delete_import() -> None:
    st.session_state.pop(DELETE_QUESTION, None)


def _line(row: dict[str, Any]) -> str:
    meta = row["meta"]
    kind = t(f"kind_{row['kind']}")
    if row.get("protected"):
        kind = f"{kind} ({t('import_owner.protected')})"
    owner = row.get("owner")
    by = said("import_owner.by", name=owner) if owner else as_text(t("import_owner.nobody"))
    loaded_at = format_datetime(row["loaded_at"], lang=lang())
    return (
        f"**{as_text(row['name'])}** · {as_text(kind)} · {as_text(row['filename'] or '')}  \n"
        f"{by} · {as_text(loaded_at)} · {as_text(t('source'))}: "
        f"{as_text(meta.get('source', ''))}"
    )


def render_loaded_tab() -> None:
    flash.show(FLASH_SLOT)
    user_store = store()
    rows = user_store.list_imports()
    question = st.session_state.get(DELETE_QUESTION)
    if question:
        ask_to_confirm(
            said("import_owner.confirm_delete", name=question[1], days=settings.BIN_DAYS),
            confirm_key="w_delete_import_confirmed",
            on_confirm=_delete_import_confirmed,
            cancel_key="w_delete_import_cancel",
            on_cancel=_cancel_delete_import,
        )
    if not rows:
        st.caption(t("nothing_loaded"))
    for row in rows:
        left, right = st.columns([5, 1])
        left.markdown(_line(row))
        if may_delete(user_store.principal, row):
            right.button(
                t("delete_import"),
                key=f"del_{row['id']}",
                on_click=_ask_delete_import,
                args=(row["id"], row["name"]),
            )
    render_bin("import")
