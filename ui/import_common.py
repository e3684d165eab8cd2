"""What the three import tabs of *Dữ liệu của bạn* share: errors shown in the user's words, column
choices and the communes of an edition."""

from __future__ import annotations

import streamlit as st

from geo.errors import CoordinateError, UserInputError
from ui.language import as_text, keep_choices, lang, t
from ui.state import get_atlas


def show_error(error: UserInputError | CoordinateError) -> None:
    """Show ``error`` in the page's language."""
    if isinstance(error, CoordinateError):
        # it repeats what was typed: shown as text, never as Markdown
        st.error(f"{t('coords_invalid')}: {as_text(error.message(lang()))}")
    elif isinstance(error, UserInputError):
        st.error(as_text(error.message(lang())))


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


def edition_units(edition: str) -> dict[str, str]:
    """Code → name of the communes of ``edition`` (``"2025"`` or ``"2024"``)."""
    frame = get_atlas().get(f"communes_{edition}")
    return dict(zip(frame["code"], frame["name"], strict=True))
