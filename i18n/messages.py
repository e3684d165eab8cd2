"""The message catalogue: every word users read, in Vietnamese (first) and English.

Streamlit-free, so ``geo``, ``layers``, ``planner``, ``userdata`` and ``ui`` all take their words
from here. A key maps to ``(vi, en)``; a text may hold ``{placeholders}``. English plurals use
``{n}`` with a dict ``{"one": ..., "other": ...}`` (Vietnamese has no plural forms).

The texts are kept in one module per part of the app (``text_pages``, ``text_vocabulary``,
``text_map``, ``text_risk``, ``text_uploads``, ``text_planner``, ``text_travel``,
``text_warnings``, ``text_itinerary``, ``text_fieldpack``, ``text_import_tables``,
``text_import_layers``, ``text_coords``, ``text_safety``, ``text_access`` …) and merged here;
a key defined in two of them is an error. Codes from the vocabulary (:mod:`geo.vocabulary`)
are shown by their labels: ``precision.<code>``, ``risk.<code>``, ``stop_kind.<kind>``,
``layer.<name>``.

Examples
--------
>>> message("risk.very_high", "vi"), message("risk.very_high", "en")
('rất cao', 'very high')
>>> message("no_data_count", "en", n=1)
'1 commune has no figure for the filtered indicator (not counted as matching)'
>>> message("no_data_count", "vi", n=3)
'3 xã không có số liệu cho chỉ tiêu lọc (không tính là phù hợp)'
"""

from __future__ import annotations

from typing import Literal

from i18n import (
    text_access,
    text_admin,
    text_basemap,
    text_communes,
    text_coords,
    text_fieldpack,
    text_fieldpack_observe,
    text_import_layers,
    text_import_tables,
    text_itinerary,
    text_layout,
    text_legend,
    text_links,
    text_map,
    text_observation_files,
    text_observation_warnings,
    text_observations,
    text_observations_ui,
    text_odk,
    text_pages,
    text_places,
    text_planner,
    text_protect,
    text_provenance,
    text_risk,
    text_safety,
    text_store_access,
    text_travel,
    text_uploads,
    text_vocabulary,
    text_warnings,
)

Lang = Literal["vi", "en"]
VI: Lang = "vi"
EN: Lang = "en"
LANGS: tuple[Lang, ...] = (VI, EN)

Text = str | dict[str, str]
"""A text, or English plural forms ``{"one": ..., "other": ...}`` chosen by ``n``."""


def _merge(*sections: dict[str, tuple[Text, Text]]) -> dict[str, tuple[Text, Text]]:
    merged: dict[str, tuple[Text, Text]] = {}
    for section in sections:
        twice = sorted(set(merged) & set(section))
        if twice:
            raise KeyError(f"message keys defined twice in i18n: {twice}")
        merged.update(section)
    return merged


MESSAGES: dict[str, tuple[Text, Text]] = _merge(
    text_pages.TEXT,
    text_vocabulary.TEXT,
    text_map.TEXT,
    text_risk.TEXT,
    text_uploads.TEXT,
    text_planner.TEXT,
    text_travel.TEXT,
    text_warnings.TEXT,
    text_itinerary.TEXT,
    text_fieldpack.TEXT,
    text_communes.TEXT,
    text_places.TEXT,
    text_protect.TEXT,
    text_provenance.TEXT,
    text_basemap.TEXT,
    text_links.TEXT,
    text_legend.TEXT,
    text_layout.TEXT,
    text_import_tables.TEXT,
    text_import_layers.TEXT,
    text_coords.TEXT,
    text_safety.TEXT,
    text_access.TEXT,
    text_admin.TEXT,
    text_store_access.TEXT,
    text_observations.TEXT,
    text_observation_files.TEXT,
    text_odk.TEXT,
    text_observations_ui.TEXT,
    text_observation_warnings.TEXT,
    text_fieldpack_observe.TEXT,
)
"""Every key → ``(vi, en)``; the texts live in the ``text_*`` modules, one per part of the app."""


def message(key: str, lang: str = "vi", /, **values: object) -> str:
    """The text ``key`` in ``lang`` with ``values`` filled in.

    Raises ``KeyError`` naming the key when it is not in the catalogue.
    """
    try:
        vi, en = MESSAGES[key]
    except KeyError:
        raise KeyError(
            f"no message {key!r} in the catalogue: add it, in both languages, to the "
            "i18n/text_*.py module of its part of the app"
        ) from None
    text = vi if lang == "vi" else en
    if isinstance(text, dict):
        n = values.get("n", 0)
        text = text["one"] if n == 1 else text["other"]
    return text.format(**values) if values else text


def message_or(key: str, lang: str, default: str = "") -> str:
    """The text ``key`` in ``lang`` when the catalogue has it, else ``default`` (for words of a
    code that may have none: a precision, a method, a kind).

    Examples
    --------
    >>> message_or("yes", "en"), message_or("precision.no_such_code", "en", "no_such_code")
    ('yes', 'no_such_code')
    """
    return message(key, lang) if key in MESSAGES else default


def pair(key: str) -> tuple[str, str]:
    """``(vi, en)`` of a plain text (no plural forms), for places that show both languages."""
    vi, en = MESSAGES[key]
    if isinstance(vi, dict) or isinstance(en, dict):
        raise TypeError(f"message {key!r} has plural forms: use message(key, lang, n=...)")
    return vi, en


def both_languages(key: str, /, **values: object) -> str:
    """Message ``key`` as one line, Vietnamese then English (for lists shown in either language).

    Examples
    --------
    >>> both_languages("risk.high")
    'cao / high'
    """
    return f"{message(key, VI, **values)} / {message(key, EN, **values)}"


def risk_label(risk_class: str, lang: str) -> str:
    """The words for a risk class code, e.g. ``very_high``, in ``lang``."""
    return message(f"risk.{risk_class}", lang)


def precision_label(precision: str, lang: str) -> str:
    """The words for a position precision code (see :data:`geo.vocabulary.PRECISIONS`)."""
    return message(f"precision.{precision}", lang)
