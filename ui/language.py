"""The interface language: the sidebar switch and the current language's texts.

The words themselves live in the message catalogue (:mod:`i18n.messages`). Pages call
:func:`t` with a key; the language lives in ``st.session_state["lang"]`` and in the
URL (``?lang=en``) so a copied link reopens in the same language.
"""

from __future__ import annotations

import re

import streamlit as st

from i18n import messages
from i18n.messages import LANGS, message


def lang() -> str:
    """The current interface language, ``"vi"`` unless the user chose English."""
    value = st.session_state.get("lang") or st.query_params.get("lang", "vi")
    return value if value in LANGS else "vi"


def t(key: str, **values: object) -> str:
    """The catalogue text ``key`` in the current language, ``values`` filled in."""
    return message(key, lang(), **values)


def pick(vi: str, en: str) -> str:
    """Return ``vi`` or ``en`` by the current language (for texts that come with data)."""
    return vi if lang() == "vi" else en


def language_switch() -> None:
    """Sidebar switch between Vietnamese and English, kept in the URL (``?lang=en``)."""
    with st.sidebar:
        choice = st.radio(
            "Ngôn ngữ / Language",
            options=list(LANGS),
            format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
            index=list(LANGS).index(lang()),
            horizontal=True,
            key="lang_choice",
        )
    st.session_state["lang"] = choice
    if choice == "vi":
        if "lang" in st.query_params:
            del st.query_params["lang"]
    else:
        st.query_params["lang"] = choice


def risk_label(risk_class: str) -> str:
    """Risk class in the current language."""
    return messages.risk_label(risk_class, lang())


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def as_text(value: object) -> str:
    """``value`` for ``st.markdown``/``st.caption`` so that it shows as typed, never formatted.

    Text from data or users may hold ``*``, ``#``, ``[]()``, ``<b>`` or ``$``: each is escaped
    (Streamlit already refuses raw HTML).

    Examples
    --------
    >>> as_text("Bản *Na* [x](y) $1")
    'Bản \\\\*Na\\\\* \\\\[x\\\\]\\\\(y\\\\) \\\\$1'
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))
