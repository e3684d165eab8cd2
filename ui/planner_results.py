"""What the planner computed: the trip summary beside its exports, the legs, the days and the
warnings (one line each, grouped by stop, details folded away).

The downloads need ``EXPORT`` (hidden otherwise). Each download, when clicked, is recorded in the
audit trail (``export_plan`` with its format; also ``export_protected`` when the user may see
surveyed positions and the plan holds one) by the button's ``on_click`` callback, while the file
itself is still built only then (deferred data). Beside the field pack, the plan's ODK
XLSForm (:func:`planner.xlsform.plan_xlsform`) lets teams on ODK Collect / KoboCollect record
the same observations.
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial

import pandas as pd
import streamlit as st

from geo.errors import BorderAtlasError
from i18n.numbers import format_datetime, format_number
from planner import exports, fieldpack, itinerary, xlsform
from planner.plan import Plan
from planner.plan_warnings import PlanWarning, group_warnings
from planner.schedule import DayRow
from planner.travel import Leg, trip_summary
from ui import assets
from ui.language import as_text, lang, pick, t
from ui.state import store
from userdata.roles import Permission

log = logging.getLogger(__name__)

LEAFLET_DIR = assets.VENDOR_DIR / "leaflet"
"""Leaflet's files, inlined into the field pack's offline map."""
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEVERITY_MARKS = {"high": ":red[●]", "warning": ":orange[●]", "info": ":blue[●]"}
"""A coloured dot before each warning (Streamlit colour syntax; no emoji font needed)."""


def holds_surveyed(plan: Plan) -> bool:
    """Whether a stop of ``plan`` (its base included) stands on a surveyed position."""
    return any(stop.precision == "surveyed" for stop in [plan.base, *plan.stops])


def record_export(name: str, fmt: str, protected: bool) -> None:
    """Record a download of the plan ``name`` as ``fmt`` in the audit trail (``on_click`` of
    each download button): ``export_plan``, and ``export_protected`` when it held surveyed
    positions this user may see. A failure to record is logged, never shown as a traceback."""
    user_store = store()
    try:
        user_store.record("export_plan", target=name, detail={"format": fmt})
        if protected:
            user_store.record("export_protected", target=name, detail={"format": fmt})
    except BorderAtlasError as error:
        log.error("planner: the export of %r was not recorded: %s", name, error)


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name)[:40] or "plan"


def summary_and_exports(
    plan: Plan,
    legs: list[Leg],
    rows: list[DayRow],
    warnings: list[PlanWarning],
    *,
    context: dict,
) -> None:
    """Distance, driving time and days, with every download right beside them.

    The files are built only when a button is pressed (deferred data), not on every rerun.
    """
    summary = trip_summary(legs)
    days = max((row.day for row in rows), default=1)
    code = lang()
    st.subheader(t("plan.summary"))
    st.markdown(
        t(
            "plan.summary_line",
            km=format_number(summary["distance_km"], lang=code, decimals=0),
            hours=format_number(summary["hours"], lang=code, decimals=1),
            days=days,
            n=len(plan.stops),
        )
    )
    straight = sum(1 for leg in legs if leg.method != "road")
    if straight:
        st.caption(t("plan.summary_straight", n=straight))
    user_store = store()
    principal = user_store.principal
    if principal is None or not principal.may(Permission.EXPORT):
        return
    protected = user_store.sees_protected and holds_surveyed(plan)

    def audited(fmt: str) -> dict:
        return {"on_click": record_export, "args": (plan.name, fmt, protected)}

    slug = _slug(plan.name)
    buttons = st.container(horizontal=True, gap="small")
    buttons.download_button(
        t("field_pack"),
        partial(
            fieldpack.field_pack,
            plan,
            legs,
            rows,
            warnings,
            leaflet_dir=LEAFLET_DIR,
            lang=code,
            **context,
        ),
        f"{slug}_field_pack.zip",
        "application/zip",
        type="primary",
        key="dl_pack",
        **audited("field_pack"),
    )
    buttons.download_button(
        t("obs_warn.xlsform"),
        partial(xlsform.plan_xlsform, plan, lang=code),
        f"odk-{slug}.xlsx",
        XLSX_MIME,
        key="dl_xlsform",
        **audited("xlsform"),
    )
    buttons.download_button(
        t("itinerary"),
        partial(itinerary.itinerary_html, plan, legs, rows, warnings, lang=code),
        f"{slug}_{code}.html",
        "text/html",
        key="dl_html",
        **audited("itinerary"),
    )
    for label, build, suffix, mime in (
        ("GPX", partial(exports.to_gpx, plan, legs), "gpx", "application/gpx+xml"),
        ("KML", partial(exports.to_kml, plan, legs), "kml", "application/vnd.google-earth.kml+xml"),
        ("CSV", partial(_csv_bytes, plan, legs, rows), "csv", "text/csv"),
        (
            "GeoPackage",
            partial(exports.to_geopackage, plan, legs),
            "gpkg",
            "application/geopackage+sqlite3",
        ),
    ):
        buttons.download_button(
            label, build, f"{slug}.{suffix}", mime, key=f"dl_{suffix}", **audited(suffix)
        )
    st.caption(t("obs_warn.xlsform_caption"))


def _csv_bytes(plan: Plan, legs: list[Leg], rows: list[DayRow]) -> bytes:
    return exports.to_csv(plan, legs, rows).encode("utf-8")


def legs_table(plan: Plan, legs: list[Leg]) -> None:
    route = plan.route_stops()
    code = lang()
    st.subheader(t("legs"))
    st.dataframe(
        pd.DataFrame(
            {
                t("from"): [route[i].name for i in range(len(legs))],
                t("to"): [route[i + 1].name for i in range(len(legs))],
                t("km"): [format_number(leg.distance_km, lang=code, decimals=1) for leg in legs],
                t("hours"): [format_number(leg.hours, lang=code, decimals=1) for leg in legs],
                t("method"): [leg.explanation(code) for leg in legs],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def _when(value: datetime | None) -> str:
    """Day and time: a departure the next morning must not read as before the arrival."""
    return format_datetime(value, lang=lang(), year=False)


def days_table(rows: list[DayRow]) -> None:
    st.subheader(t("days"))
    st.dataframe(
        pd.DataFrame(
            {
                t("day"): [row.day for row in rows],
                t("name"): [row.name(lang()) for row in rows],
                t("arrive"): [_when(row.arrival) for row in rows],
                t("leave"): [_when(row.departure) for row in rows],
                t("plan.note"): [pick(row.note_vi, row.note_en) for row in rows],
            }
        ),
        hide_index=True,
        width="stretch",
    )


def warnings_panel(plan: Plan, warnings: list[PlanWarning]) -> None:
    """One line per warning, grouped by stop, most severe first; details folded away."""
    st.subheader(t("warnings"))
    if not warnings:
        st.caption(t("no_warnings"))
        return
    code = lang()
    groups = group_warnings(plan, warnings)
    for group in groups:
        number = f"{group.label()}. " if group.label() else ""
        lines = [
            f"{SEVERITY_MARKS.get(w.severity, '')} {as_text(w.text(code))}" for w in group.warnings
        ]
        st.markdown(f"**{as_text(number + group.title(code))}**  \n" + "  \n".join(lines))
    with st.expander(t("plan.warning_details")):
        for group in groups:
            for warning in group.warnings:
                st.markdown(f"**{as_text(warning.text(code))}**")
                details = warning.details(code)
                if details:
                    st.caption(as_text(details))
                for source in warning.sources:
                    st.caption(f"{t('sources')}: {as_text(source)}")
