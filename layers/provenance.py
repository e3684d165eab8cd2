"""Where each figure the map shows comes from, per commune, in the user's language.

:func:`provenance_rows` (read through :func:`layers.commune_view.provenance_table`) turns the
commune view (:func:`layers.commune_view.commune_view`) into
one row per commune for one indicator: the value as the language writes it with the source's
qualifier ("trên 32 (ước tính 2025)"), unit, year (or "không nêu năm / year not stated"), level
(the commune's own figure, its former district's, or none), method (cited figure, census, 2025
published figure, population ÷ area, derived risk class, user import …), poverty standard,
a source a person can follow and its link, whether the page is a copy, and notes. No file path
or internal word reaches it (:func:`geo.citations.without_paths`).

Examples
--------
>>> view = pd.DataFrame({"code": ["16813"], "name": ["Mường Xén"], "edition": ["2025"],
...     "former_district": ["Kỳ Sơn"], "x": [32.0], "x_year": [2025], "x_level": ["commune"],
...     "x_qualifier": ["lower_bound"], "x_estimate": [True], "x_source": ["b.vn — https://b.vn"]})
>>> row = provenance_rows(view, indicator="x", lang="en", unit="million VND").iloc[0]
>>> row["value"], row["year"], row["level"], row["method"]
('over 32 (estimate 2025)', '2025', 'commune', 'cited figure')
>>> provenance_rows(view, indicator="x", lang="vi", unit="").iloc[0]["value"]
'trên 32 (ước tính 2025)'
"""

from __future__ import annotations

import re

import pandas as pd

from geo.citations import localized, without_paths
from i18n.messages import message, message_or, risk_label
from i18n.numbers import format_number, format_year
from layers.facts import district_name

PROVENANCE_COLUMNS = (
    "code",
    "name",
    "value",
    "unit",
    "year",
    "level",
    "method",
    "standard",
    "source",
    "source_link",
    "mirror",
    "note",
    "detail",
)
"""Columns of :func:`provenance_table`; their headers are ``provenance.col.<column>``."""

_POPULATION_METHOD = {
    "census_2019": "census_2019",
    "census_2019_area_share": "area_share_estimate",
    "published_2025": "published_2025",
}
_INTERNAL = re.compile(r"\s*\btừ\s+\S+\.(?:csv|xlsx|xls|geojson|json|zip|gpkg)\b", re.IGNORECASE)


def provenance_headers(lang: str) -> dict[str, str]:
    """Column → header of :func:`provenance_table` in ``lang`` (for ``DataFrame.rename``)."""
    return {column: message(f"provenance.col.{column}", lang) for column in PROVENANCE_COLUMNS}


def _words(key: str, lang: str, **values: object) -> str:
    return message(key, lang, **values)


def _clean(text: object, lang: str) -> str:
    """A source or note as users read it: no file path, fixed words in ``lang`` only."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return localized(without_paths(_INTERNAL.sub("", str(text))), lang)


def unit_words(unit: str, lang: str) -> str:
    """The part of a bilingual unit (``"người · people"``) in ``lang``; Vietnamese first.

    Examples
    --------
    >>> unit_words("triệu đồng/năm · million VND/yr", "en"), unit_words("%", "en")
    ('million VND/yr', '%')
    """
    parts = [part.strip() for part in unit.split(" · ")]
    return parts[0] if lang == "vi" or len(parts) == 1 else parts[1]


def _year_words(year: object, lang: str) -> str:
    return format_year(year) or _words("provenance.year_not_stated", lang)


def _value_words(
    value: object, *, lang: str, qualifier: str = "", estimate: bool = False, year: object = None
) -> str:
    """The number as ``lang`` writes it, with the source's qualifier and "estimate" kept."""
    text = format_number(float(value), lang=lang)  # type: ignore[arg-type]
    if qualifier:
        text = _words(f"provenance.qualifier.{qualifier}", lang, value=text)
    if estimate:
        dated = year is not None and not pd.isna(year)
        words = (
            _words("provenance.estimate_year", lang, year=int(float(year)))  # type: ignore[arg-type]
            if dated
            else _words("provenance.estimate", lang)
        )
        text = f"{text} ({words})"
    return text


def _level_words(level: str, district: str, lang: str) -> str:
    if level in ("district", "former_district"):
        return _words("provenance.level.former_district", lang, district=district).strip()
    return _words(f"provenance.level.{level if level == 'commune' else 'none'}", lang)


def _label(prefix: str, code: str, lang: str) -> str:
    """A vocabulary label from another part of the catalogue, or "" when it has none."""
    return message_or(f"{prefix}.{code}", lang)


def _row(frame_row: pd.Series, **values: object) -> dict[str, object]:
    out: dict[str, object] = {column: "" for column in PROVENANCE_COLUMNS}
    out.update(code=str(frame_row["code"]), name=str(frame_row.get("name", "")), mirror=False)
    out.update(values)
    return out


def _cited_rows(view: pd.DataFrame, key: str, lang: str, unit: str) -> list[dict[str, object]]:
    rows = []
    for _, line in view.iterrows():
        level = str(line.get(f"{key}_level", "none") or "none")
        value = line.get(key)
        if level == "none" or value is None or pd.isna(value):
            none = _words("provenance.no_figure", lang)
            rows.append(
                _row(line, value=none, unit=unit, year=none, level=_level_words("none", "", lang))
                | {"method": _words("provenance.method.none", lang), "source": none}
            )
            continue
        year = line.get(f"{key}_year")
        method = str(line.get(f"{key}_method", "") or "cited_figure")
        if method == "none":
            method = "cited_figure"
        standard = str(line.get(f"{key}_standard", "") or "")
        notes = []
        unit_level = str(line.get(f"{key}_unit_level", "") or "")
        edition = str(line.get("edition", ""))
        if unit_level.startswith("commune_") and unit_level != f"commune_{edition}":
            notes.append(
                _words("provenance.note.other_edition", lang, edition=unit_level.split("_")[1])
            )
        reported = str(line.get(f"{key}_source_date", "") or "")
        if pd.isna(year) and reported:
            notes.append(_words("provenance.reported", lang, date=reported))
        if bool(line.get(f"{key}_conflict", False)):
            notes.append(_words("provenance.note.conflict", lang))
        rows.append(
            _row(
                line,
                value=_value_words(
                    value,
                    lang=lang,
                    qualifier=str(line.get(f"{key}_qualifier", "") or ""),
                    estimate=bool(line.get(f"{key}_estimate", False)),
                    year=year,
                ),
                unit=unit,
                year=_year_words(year, lang),
                level=_level_words(level, district_name(line.get("former_district", "")), lang),
                method=_words(f"provenance.method.{method}", lang),
                standard=_words(f"provenance.standard.{standard}", lang) if standard else "",
                source=_clean(line.get(f"{key}_source", ""), lang)
                or _words("provenance.unknown", lang),
                source_link=str(line.get(f"{key}_source_link", "") or ""),
                mirror=bool(line.get(f"{key}_source_mirror", False)),
                note="; ".join(notes),
                detail=_clean(line.get(f"{key}_note", ""), lang),
            )
        )
    return rows


def _population_rows(view: pd.DataFrame, key: str, lang: str) -> list[dict[str, object]]:
    rows = []
    for _, line in view.iterrows():
        edition = str(line.get("edition", ""))
        fallback = "published_2025" if edition == "2025" else "census_2019"
        method = _POPULATION_METHOD.get(str(line.get("population_method", "")), fallback)
        source_key = "population_2025" if method == "published_2025" else "census_2019"
        source = _words(f"provenance.source.{source_key}", lang)
        value = line.get(key)
        if key == "density":
            area = _label("area_method", str(line.get("area_method", "")), lang)
            source = f"{source}; {area or _words('provenance.source.area', lang)}"
            method = "computed_density"
        if value is None or pd.isna(value):
            none = _words("provenance.no_figure", lang)
            rows.append(_row(line, value=none, year=none, source=none) | {"level": none})
            continue
        unit = "người" if lang == "vi" else "people"
        rows.append(
            _row(
                line,
                value=format_number(
                    float(value), lang=lang, decimals=0 if key == "population" else 1
                ),
                unit=unit if key == "population" else f"{unit}/km²",
                year=_year_words(line.get("population_year"), lang),
                level=_level_words("commune", "", lang),
                method=_words(f"provenance.method.{method}", lang),
                source=source,
            )
        )
    return rows


def _risk_source(text: str, lang: str) -> str:
    parts = []
    for part in (p.strip() for p in str(text).split(" ; ")):
        cleaned = _clean(part, lang).strip("() ")
        if cleaned and cleaned not in parts:
            parts.append(cleaned)
        elif not cleaned and part:
            cited = _words("provenance.source.cited_reports", lang)
            if cited not in parts:
                parts.append(cited)
    return " ; ".join(parts) or _words("provenance.unknown", lang)


def _risk_rows(view: pd.DataFrame, lang: str) -> list[dict[str, object]]:
    rows = []
    for _, line in view.iterrows():
        basis = str(line.get("risk_basis", "") or "")
        reasons = line.get("risk_reasons" if lang == "vi" else "risk_reasons_en", "")
        rows.append(
            _row(
                line,
                value=risk_label(str(line.get("risk_class", "unknown")), lang),
                year=_words("provenance.year_no_single", lang),
                level=_level_words("commune", "", lang),
                method=_words(
                    "provenance.method.official_zoning"
                    if basis == "official_zoning"
                    else "provenance.method.derived_class",
                    lang,
                ),
                source=_risk_source(str(line.get("risk_sources", "") or ""), lang),
                detail=_clean(reasons, lang),
            )
        )
    return rows


def provenance_rows(view: pd.DataFrame, *, indicator: str, lang: str, unit: str) -> pd.DataFrame:
    """Where each commune's figure of ``indicator`` comes from, in ``lang``.

    Parameters
    ----------
    view
        The commune view (:func:`layers.commune_view.commune_view`), or some of its rows.
    indicator
        An indicator key of the view: ``population``, ``density``, ``risk_class`` or a cited
        or imported one (with ``<key>_year``, ``<key>_level`` … beside it).
    lang
        ``"vi"`` or ``"en"``.
    unit
        The indicator's unit; ``"người · people"`` gives the part of ``lang``.

    Returns
    -------
    pandas.DataFrame
        One row per commune of ``view``, columns :data:`PROVENANCE_COLUMNS` (headers:
        :func:`provenance_headers`): ``value`` as ``lang`` writes it with the source's
        qualifier ("trên 32 (ước tính 2025)"), ``unit``, ``year`` (the year, or "không nêu năm /
        year not stated"), ``level`` (commune / former district <name> / none), ``method``,
        ``standard`` (poverty only), ``source`` (a citation a person can follow, or
        "unknown"), ``source_link``, ``mirror`` (the page is a copy: verify), ``note``
        (localized) and ``detail`` (the recorded notes). No file path or internal word.

    Raises
    ------
    KeyError
        When ``view`` has no column ``indicator``.
    """
    if indicator not in view.columns:
        raise KeyError(f"the commune view has no indicator {indicator!r}")
    if indicator == "risk_class":
        rows = _risk_rows(view, lang)
    elif indicator in ("population", "density"):
        rows = _population_rows(view, indicator, lang)
    else:
        rows = _cited_rows(view, indicator, lang, unit_words(unit, lang))
    frame = pd.DataFrame(rows, columns=list(PROVENANCE_COLUMNS))
    frame["mirror"] = frame["mirror"].astype(bool)
    return frame
