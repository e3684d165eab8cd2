"""What the import tabs of *Dữ liệu của bạn* share: errors in the user's words, column choices."""

from __future__ import annotations

import streamlit as st

from geo.errors import CoordinateError, UserInputError
from ui.language import as_text, keep_choices, lang, t


def show_error(error: UserInputError) -> None:
    """Show ``error`` in the page's language (it may repeat what was typed: shown as text)."""
    text = as_text(error.message(lang()))
    st.error(f"{t('coords_invalid')}: {text}" if isinstance(error, CoordinateError) else text)


def column_choice(label: str, columns: list[str], guess: str | None, key: str) -> str | None:
    """A select box of ``columns`` (or none) starting on ``guess``; kept across languages."""
    options = [None, *columns]
    keep_choices(key)
    return st.selectbox(
        label,
        options,
        index=options.index(guess) if guess in options else 0,
        format_func=lambda c: t("none_option") if c is None else c,
        key=key,
    )
