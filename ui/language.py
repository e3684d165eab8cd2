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


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#+\-.!|<>~$:=&@^])")
_NUMBERED = re.compile(r"^(\s*\d+)\)", re.MULTILINE)
"""``1)`` at the start of a line, which Markdown reads as a numbered list (``(`` and ``)``
elsewhere are plain: with ``[`` and ``]`` escaped no link can form)."""
WORD_JOINER = "\u2060"
"""An invisible character that keeps two characters from forming a link or an icon."""
_AFTER_ESCAPING = re.compile(r"(?<=\\:)(?=[/A-Za-z])|(?<=\\@)(?=\w)|(?<=www)(?=\\\.)", re.I)
"""Where Streamlit would still find a link or an icon in escaped text: after ``:`` before a
letter or ``/`` (``http://``, ``:material/home:``, ``:smile:``), after ``@`` (an e-mail
address) and between ``www`` and ``.``."""


def as_text(value: object) -> str:
    """``value`` for any text Streamlit reads as Markdown, so that it shows as typed.

    Markdown is read by ``st.markdown``, ``st.caption``, ``st.subheader``, ``st.success``,
    ``st.info``, ``st.warning``, ``st.error``, every widget label and help text, and the
    options of ``st.radio``, ``st.pills`` and ``st.segmented_control`` (not those of
    ``st.selectbox`` or ``st.multiselect``, nor cells of ``st.dataframe``: those are plain).
    Text from data or users may hold ``![x](http://…)`` (an image every viewer would fetch),
    ``[a](javascript:…)``, ``<img …>``, ``**``, ``$…$`` (LaTeX), ``:red[…]``, ``&lt;`` or a
    heading underline ``===``: each character that could start one is escaped with a
    backslash, which Markdown shows as the character itself. Streamlit finds links
    (``http://…``, ``www.…``, ``a@b.vn``) and icons (``:material/home:``) in the text *after*
    the escapes are read, so a :data:`WORD_JOINER` (invisible) is put inside each of them too.

    Examples
    --------
    >>> as_text("Bản *Na* [x](y) $1")
    'Bản \\\\*Na\\\\* \\\\[x\\\\](y) \\\\$1'
    >>> as_text("1) Bản (cũ)")
    '1\\\\) Bản (cũ)'
    >>> shown = as_text("![x](http://evil.example/x.png) :material/home: www.a.vn")
    >>> print(shown.replace(WORD_JOINER, "⁀"))
    \\!\\[x\\](http\\:⁀//evil\\.example/x\\.png) \\:⁀material/home\\: www⁀\\.a\\.vn
    >>> as_text("Tỷ lệ: 30,02 % lúc 07:00")
    'Tỷ lệ\\\\: 30,02 % lúc 07\\\\:00'
    """
    escaped = _NUMBERED.sub(r"\1\\)", _MARKDOWN_SPECIAL.sub(r"\\\1", str(value)))
    return _AFTER_ESCAPING.sub(WORD_JOINER, escaped)


def said(key: str, **values: object) -> str:
    """The catalogue text ``key`` for Markdown, each text value shown as typed (:func:`as_text`).

    For messages that carry a name from data or users (a plan, a place): the catalogue's own
    words and Markdown stay as written, only the values are escaped.

    Examples
    --------
    >>> said("saved_ok", name="**B** (2)", version=1)
    'Đã lưu kế hoạch “\\\\*\\\\*B\\\\*\\\\* (2)” (phiên bản 1).'
    """
    return t(key, **{k: as_text(v) if isinstance(v, str) else v for k, v in values.items()})
