"""The commune panel of the map page: what is known about one commune, each figure with its
provenance, every cited fact about it and its former district, the risk reasons, the places in
it. Everything from data is shown as text (``st.dataframe`` / ``st.text``), never as Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from i18n.messages import precision_label
from i18n.numbers import format_year
from layers.commune_view import provenance_table
from layers.facts import facts_for_commune
from layers.places import KIND_LABELS, Place
from layers.risk import REASON_SEPARATOR, SOURCE_SEPARATOR
from ui import webmap
from ui.language import lang, pick, risk_label, t
from ui.webmap.communes import UNCHANGED, method_text

LINK_COLUMN = "link"


def _fmt(value: Any) -> str:
    return webmap.format_value(value, lang=lang())


def _with_method(value: str, row: pd.Series, column: str) -> str:
    """``value`` followed by how the figure in ``column`` was obtained, when the row says."""
    words = method_text(row, column, lang())
    return f"{value} ({words})" if words else value


def _basic_facts(row: pd.Series, edition: str) -> pd.DataFrame:
    year = format_year(row.get("population_year"))
    border = t("yes") if row["is_border"] else t("no")
    facts: list[tuple[str, str]] = [
        (
            f"{t('population')} {year}".strip(),
            _with_method(_fmt(row["population"]), row, "population"),
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
    return pd.DataFrame(facts, columns=[t("name"), t("value")])


def _figures(row: pd.Series, indicators: Sequence[Any]) -> pd.DataFrame:
    """One row per numeric indicator: the commune's figure and where it comes from."""
    frame = row.to_frame().T
    rows = []
    for item in indicators:
        if item.kind != "number" or item.key not in row.index:
            continue
        figure = provenance_table(frame, indicator=item.key, lang=lang(), unit=item.unit).iloc[0]
        rows.append(
            {
                t("provenance.col.indicator"): pick(item.label_vi, item.label_en),
                t("value"): f"{figure['value']} {figure['unit']}".strip(),
                t("year"): figure["year"],
                t("level"): figure["level"],
                t("provenance.col.method"): figure["method"],
                t("provenance.col.standard"): figure.get("standard", ""),
                t("source"): figure["source"],
                LINK_COLUMN: figure["source_link"] or None,
                t("provenance.col.note"): figure["note"],
            }
        )
    return pd.DataFrame(rows)


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
        table = pd.DataFrame(
            {
                t("value"): found["figure"],
                t("year"): found["year"],
                t("fact_about"): [
                    t(f"fact_level.{level}", district=district) for level in found["level"]
                ],
                t("provenance.col.indicator"): found["indicator"],
                t("source"): [
                    f"{source} ({t('provenance.col.mirror')})" if mirror else source
                    for source, mirror in zip(found["source"], found["source_mirror"], strict=True)
                ],
                LINK_COLUMN: [link or None for link in found["source_link"]],
                t("quote"): found["quote"],
            }
        )
        _show(table)


def _show(table: pd.DataFrame) -> None:
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={LINK_COLUMN: st.column_config.LinkColumn(t("provenance.col.source_link"))},
    )


def _risk(row: pd.Series) -> None:
    reasons = row["risk_reasons"] if lang() == "vi" else row["risk_reasons_en"]
    with st.expander(f"{t('risk')}: {risk_label(str(row['risk_class']))} — {t('risk_reasons')}"):
        for reason in str(reasons).split(REASON_SEPARATOR):
            st.text(f"• {reason}")
        sources = [s for s in str(row["risk_sources"]).split(SOURCE_SEPARATOR) if s.strip()]
        if sources:
            st.caption(t("sources"))
            for source in sources:
                st.text(f"– {source.strip()}")


def _places_inside(row: pd.Series, catalogue: dict[str, Place], edition: str) -> None:
    codes = {str(row["code"])} if edition == "2025" else set(str(row["codes_2025"]).split(";"))
    inside = [
        place
        for place in catalogue.values()
        if place.kind != "commune" and place.commune_code in codes
    ]
    if not inside:
        return
    st.markdown(f"**{t('inside')}**")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("name"): place.name,
                    "": pick(*KIND_LABELS[place.kind]),
                    t("precision"): precision_label(place.precision, lang()),
                }
                for place in inside
            ]
        ),
        hide_index=True,
        width="stretch",
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
    st.subheader(f"{row['name']} · {row['former_district']}, {row['province']}")
    st.dataframe(_basic_facts(row, edition), hide_index=True, width="stretch")
    figures = _figures(row, indicators)
    if len(figures):
        _show(figures)
    _risk(row)
    if facts is not None:
        _cited_facts(row, facts, crosswalk)
    _places_inside(row, catalogue, edition)
    source = row.get("source_en") if lang() == "en" and row.get("source_en") else row["source"]
    st.caption(f"{t('source')}: {source}")
