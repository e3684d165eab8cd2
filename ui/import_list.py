"""The *Đã nhập* tab of *Dữ liệu của bạn*: what was imported, by whom, when; deleting it."""

from __future__ import annotations

import logging

import streamlit as st

from geo.errors import BorderAtlasError
from i18n.numbers import format_datetime
from ui.confirm import ask_to_confirm
from ui.language import as_text, lang, said, t
from ui.state import store

log = logging.getLogger(__name__)
DELETE_QUESTION = "import_delete_question"
DELETE_FLASH = "import_delete_flash"


def _ask_delete_import(import_id: str, name: str) -> None:
    st.session_state[DELETE_QUESTION] = (import_id, name)


def _delete_import_confirmed() -> None:
    import_id, name = st.session_state.pop(DELETE_QUESTION, (None, None))
    if import_id is None:
        return
    try:
        store().delete_import(import_id)
    except BorderAtlasError as error:
        log.error("import page: %s", error)
        st.session_state[DELETE_FLASH] = ("error", t("server_error"))
        return
    st.session_state[DELETE_FLASH] = ("success", t("import_deleted", name=name))


def _cancel_delete_import() -> None:
    st.session_state.pop(DELETE_QUESTION, None)


def render_loaded_tab() -> None:
    kind, text = st.session_state.pop(DELETE_FLASH, (None, None))
    if kind:
        getattr(st, kind)(text)
    rows = store().list_imports()
    if not rows:
        st.caption(t("nothing_loaded"))
        return
    question = st.session_state.get(DELETE_QUESTION)
    if question:
        ask_to_confirm(
            said("import_confirm_delete", name=question[1]),
            confirm_key="w_delete_import_confirmed",
            on_confirm=_delete_import_confirmed,
            cancel_key="w_delete_import_cancel",
            on_cancel=_cancel_delete_import,
        )
    for row in rows:
        meta = row["meta"]
        left, right = st.columns([5, 1])
        kind = t(f"kind_{row['kind']}")
        loaded_at = format_datetime(row["loaded_at"], lang=lang())
        left.markdown(
            f"**{as_text(row['name'])}** · {as_text(kind)} · {as_text(row['filename'] or '')}  \n"
            f"{as_text(t('loaded_by'))}: {as_text(row['loaded_by'] or '—')} · "
            f"{as_text(loaded_at)} · {as_text(t('source'))}: {as_text(meta.get('source', ''))}"
        )
        right.button(
            t("delete_import"),
            key=f"del_{row['id']}",
            on_click=_ask_delete_import,
            args=(row["id"], row["name"]),
        )
