"""The *Thùng rác / Bin* panel: what was deleted and may still be restored by this user.

Deleted plans and imports stay in the store's bin for :data:`geo.settings.BIN_DAYS` days
(:meth:`userdata.store.Store.list_bin` lists the entries the principal may restore: their own,
or all for an admin). The planner page shows the plans, *Dữ liệu của bạn* the imports; the
store checks the restore again.
"""

from __future__ import annotations

import streamlit as st

from geo import settings
from geo.errors import BorderAtlasError
from i18n.numbers import format_datetime
from ui import flash
from ui.language import lang, said, t
from ui.state import store

FLASH_SLOT = "bin"


def _restore(bin_id: int | str) -> None:
    try:
        name = store().restore(bin_id)
    except BorderAtlasError as error:
        flash.failure(FLASH_SLOT, error, where="bin")
        return
    flash.put(FLASH_SLOT, "success", said("bin_panel.restored", name=name))


def entries(kind: str) -> list[dict]:
    """The bin entries of ``kind`` (``plan`` or ``import``) this user may restore."""
    return [entry for entry in store().list_bin() if entry["kind"] == kind]


def render_bin(kind: str) -> None:
    """The bin's entries of ``kind``, each with its expiry date and a Restore button."""
    flash.show(FLASH_SLOT)
    found = entries(kind)
    with st.expander(f"{t('bin_panel.title')} ({len(found)})", expanded=False):
        st.caption(t("bin_panel.intro", days=settings.BIN_DAYS))
        if not found:
            st.caption(t("bin_panel.empty"))
            return
        code = lang()
        for entry in found:
            left, right = st.columns([5, 1])
            left.markdown(
                said(
                    "bin_panel.line",
                    name=entry["name"],
                    kind=t(f"bin_panel.kind_{entry['kind']}"),
                    by=entry.get("deleted_by") or "—",
                    at=format_datetime(entry["deleted_at"], lang=code),
                    expires=format_datetime(entry["expires_at"], lang=code),
                )
            )
            right.button(
                t("bin_panel.restore"),
                key=f"w_restore_{entry['id']}",
                on_click=_restore,
                args=(entry["id"],),
            )
