"""The one way a page asks before it deletes: the question in a box, *Xóa* and *Hủy* below it.

Nothing a user saved is deleted on the first click: the delete button only asks (the page keeps
the question in its session state), and :func:`ask_to_confirm` draws the question until it is
answered.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui.language import t


def ask_to_confirm(
    question: str,
    *,
    confirm_key: str,
    on_confirm: Callable[[], None],
    cancel_key: str,
    on_cancel: Callable[[], None],
    confirm_label: str | None = None,
) -> None:
    """Draw ``question`` (Markdown: values already escaped, e.g. by :func:`ui.language.said`)
    with a primary confirm button (``confirm_label``, default message ``plan.delete_confirmed``)
    and a cancel button, whose callbacks do the answer."""
    box = st.container(border=True)
    box.warning(question)
    buttons = box.container(horizontal=True)
    buttons.button(
        confirm_label or t("plan.delete_confirmed"),
        key=confirm_key,
        on_click=on_confirm,
        type="primary",
    )
    buttons.button(t("plan.cancel"), key=cancel_key, on_click=on_cancel)
