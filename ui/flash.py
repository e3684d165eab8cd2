"""What an action leaves for the next run of its page: what happened, or why not.

Actions run as widget callbacks, before the page is drawn again; they leave one message in
their page's ``slot`` (``st.session_state``) and the page shows it, once, where it draws
that part. A refusal or a user's mistake (:class:`geo.errors.UserInputError`, e.g.
:class:`~geo.errors.AccessDenied`) is said in the user's words; any other failure only in the
server log, the page saying the catalogue's ``server_error`` (no path, no SQL).
"""

from __future__ import annotations

import logging

import streamlit as st

from geo.errors import BorderAtlasError, UserInputError
from ui.language import as_text, lang, t

log = logging.getLogger(__name__)


def put(slot: str, kind: str, text: str) -> None:
    """Leave ``text`` (Markdown: names from data or users escaped, e.g. by
    :func:`ui.language.said`) as a ``kind`` message (``success``, ``info``, ``warning``,
    ``error``) for the next run."""
    st.session_state[f"flash_{slot}"] = (kind, text)


def failure(slot: str, error: BorderAtlasError, *, where: str) -> None:
    """Leave why an action failed: the error's own words for a user's mistake or a refusal,
    else a generic message (the details go to the log under ``where``)."""
    if isinstance(error, UserInputError):
        put(slot, "error", as_text(error.message(lang())))
    else:
        log.error("%s: %s", where, error)
        put(slot, "error", t("server_error"))


def show(slot: str) -> None:
    """Show, once, the message the last action left in ``slot``."""
    kind, text = st.session_state.pop(f"flash_{slot}", (None, None))
    if kind:
        getattr(st, kind)(text)
