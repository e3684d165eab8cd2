"""The commune panel of the map page: what is known about one commune, each figure with its
provenance, every cited fact about it and its former district, the risk reasons (with the
landslides reported in the field, not counted in the class), the field observations in it
(:mod:`ui.observations_panel`), the places in it.

Readable on a phone: label–value pairs are lines of text that wrap (no table cut off at the
screen's edge), each figure is a short block headed by its indicator. Everything from data is
escaped (:func:`ui.language.as_text`), never read as Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import pandas as pd
import streamlit as st

from i18n.messages import precision_label
from i18n.numbers import format_count, format_year
from layers.commune_view import provenance_table
from layers.facts import facts_for_commune
from layers.observations import Observation
from layers.places import KIND_LABELS, Place
from layers.risk import REASON_SEPARATOR, SOURCE_SEPARATOR
from ui import webmap
from ui.language import as_text, lang, pick, risk_label, t
from ui.observations_panel import (
    commune_observations,
    render_commune_observations,
    render_field_landslides,
)
from ui.webmap.communes import UNCHANGED, method_text
from ui.webmap.popups import is_missing


def _fmt(value: Any) -> str:
    return webmap.format_value(value, lang=lang())


def _people(value: Any) -> str:
    """A person count: a whole number, never ``2.991,0``."""
    return _fmt(value) if is_missing(value) else format_count(float(value), lang=lang())


def _with_method(value: str, row: pd.Series, column: str) -> str:
    """``value`` followed by how the figure in ``column`` was obtained, when the row says."""
    words = method_text(row, column, lang())
    return f"{value} ({words})" if words else value


def _line(label: str, value: object) -> str:
    """One "label: value" line of Markdown, both escaped."""
    return f"**{as_text(label)}:** {as_text(value)}"


def _lines(pairs: Sequence[tuple[str, object]]) -> str:
    """Label–value pairs as Markdown lines (empty values left out); they wrap on a phone."""
    return "  \n".join(_line(label, value) for label, value in pairs if str(value).strip())


def _link(url: object) -> str:
    """A Markdown link to ``url`` (http/https only), its text "Đường dẫn / Link"; "" when there
    is none. Made also when the source shown holds the address: a source is shown as text
    (:func:`ui.language.as_text`), so an address in it is no link."""
    text = str(url or "").strip()
    if not text.lower().startswith(("http://", "https://")):
        return ""
    safe = quote(text, safe=":/?#[]@!$&'*+,;=%~-._")
    safe = safe.replace("(", "%28").replace(")", "%29")
    return f"[{t('provenance.col.source_link')}]({safe})"


def _basic_facts(row: pd.Series, edition: str) -> list[tuple[str, str]]:
    year = format_year(row.get("population_year"))
    border = t("yes") if row["is_border"] else t("no")
    facts: list[tuple[str, str]] = [
        (
            f"{t('population')} {year}".strip(),
            _with_method(_people(row["population"]), row, "population"),
        ),
        (t("area_km2"), _with_method(_fmt(row["area_km2"]), row, "area_km2")),
        (t("density"), _with_method(_fmt(row["density"]), row, "density")),
        (t("border_commune"), _with_method(border, row, "is_border")),
    ]
    if edition == "2025":
        facts.append((t("border_distance"), _fmt(row["border_distance_km"])))
        merged = str(row["merged_from"])
        merged = t("map.merged_unchanged") if merged == UNCHANGED else merged
        facts.append((t("merged_from"), merged))
    facts.append((t("risk"), risk_label(str(row["risk_class"]))))
    return facts


def _figures(row: pd.Series, indicators: Sequence[Any]) -> list[tuple[str, str, str]]:
    """Per numeric indicator: its name, its figure, and the lines saying where it comes from."""
    frame = row.to_frame().T
    blocks = []
    for item in indicators:
        if item.kind != "number" or item.key not in row.index:
            continue
        figure = provenance_table(frame, indicator=item.key, lang=lang(), unit=item.unit).iloc[0]
        details = _lines(
            [
                (t("year"), figure["year"]),
                (t("level"), figure["level"]),
                (t("provenance.col.method"), figure["method"]),
                (t("provenance.col.standard"), figure.get("standard", "")),
                (t("source"), figure["source"]),
                (t("provenance.col.mirror"), t("yes") if figure["mirror"] else ""),
                (t("provenance.col.note"), figure["note"]),
            ]
        )
        link = _link(figure["source_link"])
        blocks.append(
            (
                pick(item.label_vi, item.label_en),
                f"{figure['value']} {figure['unit']}".strip(),
                f"{details}  \n{link}" if link else details,
            )
        )
    return blocks


def _show_figures(blocks: list[tuple[str, str, str]]) -> None:
    st.markdown(f"**{as_text(t('panel.figures'))}**")
    for name, value, details in blocks:
        with st.container(border=True):
            st.markdown(f"**{as_text(name)}: {as_text(value)}**  \n{details}")


def _cited_facts(row: pd.Series, facts: pd.DataFrame, crosswalk: pd.DataFrame | None) -> None:
    found = facts_for_commune(
        facts,
        code=str(row["code"]),
        edition=str(row["edition"]),
        former_district=str(row["former_district"]),
        crosswalk=crosswalk,
        lang=lang(),
    )
    title = t("cited_facts", n=len(found))
    with st.expander(title):
        if not len(found):
            st.caption(t("no_cited_facts"))
            return
        st.caption(t("cited_facts_hint"))
        district = str(row["former_district"])
        for fact in found.itertuples(index=False):
            source = str(fact.source)
            if fact.source_mirror:
                source = f"{source} ({t('provenance.col.mirror')})"
            about = t(f"fact_level.{fact.level}", district=district)
            head = " · ".join(
                as_text(part) for part in (fact.year, fact.indicator, about) if str(part).strip()
            )
            lines = [
                f"**{as_text(fact.figure)}** · {head}",
                _line(t("source"), source),
            ]
            link = _link(fact.source_link)
            if link:
                lines.append(link)
            if str(fact.quote).strip():
                lines.append(_line(t("quote"), fact.quote))
            st.markdown("  \n".join(lines))


def _risk(row: pd.Series, observations: list[Observation]) -> None:
    reasons = row["risk_reasons"] if lang() == "vi" else row["risk_reasons_en"]
    title = f"{t('risk')}: {risk_label(str(row['risk_class']))} — {t('risk_reasons')}"
    with st.expander(title):
        reasons = [r.strip() for r in str(reasons).split(REASON_SEPARATOR) if r.strip()]
        st.markdown("  \n".join(f"• {as_text(reason)}" for reason in reasons))
        sources = [s for s in str(row["risk_sources"]).split(SOURCE_SEPARATOR) if s.strip()]
        if sources:
            st.caption(as_text(t("sources")))
            st.markdown("  \n".join(f"– {as_text(source.strip())}" for source in sources))
        render_field_landslides(observations)


def _places_inside(row: pd.Series, catalogue: dict[str, Place], edition: str) -> None:
    codes = {str(row["code"])} if edition == "2025" else set(str(row["codes_2025"]).split(";"))
    inside = [
        place
        for place in catalogue.values()
        if place.kind != "commune" and place.commune_code in codes
    ]
    if not inside:
        return
    st.markdown(f"**{as_text(t('inside'))}**")
    st.markdown(
        "  \n".join(
            f"• **{as_text(place.name)}** — {as_text(pick(*KIND_LABELS[place.kind]))} · "
            f"{as_text(t('precision'))}: {as_text(precision_label(place.precision, lang()))}"
            for place in inside
        )
    )


def commune_details(
    row: pd.Series,
    *,
    catalogue: dict[str, Place],
    edition: str,
    indicators: Sequence[Any],
    facts: pd.DataFrame | None,
    crosswalk: pd.DataFrame | None,
) -> None:
    """Draw the panel of the commune ``row`` (a row of the commune view of ``edition``)."""
    st.subheader(as_text(f"{row['name']} · {row['former_district']}, {row['province']}"))
    st.markdown(_lines(_basic_facts(row, edition)))
    figures = _figures(row, indicators)
    if figures:
        _show_figures(figures)
    # read once for the risk section and the list (the withheld count is not per commune)
    observations, _ = commune_observations(str(row["code"]), edition, row)
    _risk(row, observations)
    render_commune_observations(observations)
    if facts is not None:
        _cited_facts(row, facts, crosswalk)
    _places_inside(row, catalogue, edition)
    source = row.get("source_en") if lang() == "en" and row.get("source_en") else row["source"]
    st.caption(_line(t("source"), source))
