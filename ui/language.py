"""The interface language: the switch at the top of every page and the current language's texts.

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
    # The switch's own value first: it is updated before the run starts, so the menu drawn
    # above the switch already speaks the newly chosen language.
    value = (
        st.session_state.get("lang_choice")
        or st.session_state.get("lang")
        or st.query_params.get("lang", "vi")
    )
    return value if value in LANGS else "vi"


def t(key: str, **values: object) -> str:
    """The catalogue text ``key`` in the current language, ``values`` filled in."""
    return message(key, lang(), **values)


def pick(vi: str, en: str) -> str:
    """Return ``vi`` or ``en`` by the current language (for texts that come with data)."""
    return vi if lang() == "vi" else en


def language_switch() -> None:
    """The switch between Vietnamese and English at the top of the page, kept in the URL
    (``?lang=en``); every page after it reads :func:`lang`."""
    choice = st.segmented_control(
        "Ngôn ngữ / Language",
        options=list(LANGS),
        format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
        default=lang(),
        required=True,
        selection_mode="single",
        label_visibility="collapsed",
        key="lang_choice",
    )
    choice = choice if choice in LANGS else "vi"
    st.session_state["lang"] = choice
    if choice == "vi":
        if "lang" in st.query_params:
            del st.query_params["lang"]
    else:
        st.query_params["lang"] = choice


def keep_choices(*keys: str) -> None:
    """Let the choice widgets ``keys`` show their choice in a newly switched language.

    Call before drawing them. A keyed widget keeps its identity when its labels change, and
    the browser then goes on showing the label of the old language, which matches no option
    (a radio shows nothing chosen). Writing each current value back when the language has
    changed since the widget was last drawn makes Streamlit send it again with the new label.
    """
    drawn: dict[str, str] = st.session_state.setdefault("_choice_lang", {})
    current = lang()
    for key in keys:
        if drawn.get(key, current) != current and key in st.session_state:
            st.session_state[key] = st.session_state[key]
        drawn[key] = current


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
