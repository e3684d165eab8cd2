"""The import widget of field observations: a file, a button, and what happened.

The one widget both "Dữ liệu của bạn" (its *Ghi nhận thực địa* tab) and the planner page hold
(each with its own ``key``). The file is read by :func:`userdata.observations.read_observations`
(the field pack's zip, its bare GeoJSON, or an ODK Central / KoboToolbox export) and stored by
the store's ``add_observations``, which needs ``IMPORT`` and adds nothing twice (by UUID). After
the rerun the page says how many were added, already there and refused, each refused record with
its reason. A user's mistake is said in their words; anything else only as an incident id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from access.session import current_principal
from geo import incidents
from geo.errors import UserInputError
from i18n.messages import message, message_or
from i18n.numbers import format_count, format_datetime, format_number
from layers.observations import Observation, Refused
from planner.schedule import overnight_places
from ui import flash
from ui.downloads import csv_bytes
from ui.language import as_text, lang, t
from ui.state import get_atlas, get_catalogue, store
from userdata.observations import commune_finder, read_observations, vietnam_check
from userdata.roles import Permission

InsideVietnam = Callable[[float, float], bool]
CommuneOf = Callable[[float, float], str | None]
UPLOAD_TYPES = ("zip", "geojson", "json", "csv")
"""What the uploader offers: the field pack's export, its GeoJSON, ODK/Kobo exports."""
REFUSED_SHOWN = 20
"""At most this many refused records are listed one by one (then "… and n more")."""


@st.cache_resource(show_spinner=False)
def position_checks() -> tuple[InsideVietnam, CommuneOf]:
    """``(inside_vietnam, commune_of)`` for :func:`~userdata.observations.read_observations`,
    built once per process from the atlas (the three areas' 2025 communes) and Vietnam's
    communes."""
    communes = get_atlas().get("communes_2025")
    vietnam = overnight_places(get_catalogue())
    return vietnam_check(communes=communes, vietnam=vietnam), commune_finder(communes)


def result_text(
    *, file: str, added: int, already: int, refused: Sequence[Refused], language: str
) -> str:
    """What an import did, as Markdown (file name and reasons shown as text): the counts, then
    one line per refused record (at most :data:`REFUSED_SHOWN`).

    Examples
    --------
    >>> gone = Refused(record="7", reason_vi="không có vị trí", reason_en="no *position*")
    >>> print(result_text(file="a_b.zip", added=2, already=1, refused=[gone], language="en"))
    File a\\_b\\.zip: 2 added, 1 already imported, 1 refused.
    <BLANKLINE>
    - Record 7: no \\*position\\*
    """
    values = {"added": added, "already": already, "refused": len(refused)}
    lines = [message("obs_ui.result", language, file=as_text(file), **values)]
    if refused:
        lines.append("")
        lines.extend(
            "- "
            + message(
                "obs_ui.refused_line",
                language,
                record=as_text(item.record),
                reason=as_text(item.reason(language)),
            )
            for item in refused[:REFUSED_SHOWN]
        )
        if len(refused) > REFUSED_SHOWN:
            more = len(refused) - REFUSED_SHOWN
            lines.append("- " + message("obs_ui.refused_more", language, n=more))
    return "\n".join(lines)


def _import(key: str) -> None:
    """The button's action: read, store, leave what happened for the next run."""
    slot = f"obs_import_{key}"
    upload = st.session_state.get(f"{key}_file")
    if upload is None:
        flash.put(slot, "warning", t("obs_ui.no_file"))
        return
    inside_vietnam, commune_of = position_checks()
    try:
        batch = read_observations(
            upload.getvalue(),
            filename=upload.name,
            inside_vietnam=inside_vietnam,
            commune_of=commune_of,
        )
        outcome = store().add_observations(batch, source_file=upload.name)
    except UserInputError as error:
        flash.failure(slot, error, where="observations import")
        return
    except Exception as error:  # shown as an incident id, never a traceback
        flash.put(slot, "error", incidents.shown(incidents.record(error, where=slot), lang()))
        return
    text = result_text(
        file=upload.name,
        added=len(outcome.added),
        already=len(outcome.already),
        refused=batch.refused,
        language=lang(),
    )
    kind = "success" if outcome.added and not batch.refused else "info"
    if batch.refused:
        kind = "warning"
    flash.put(slot, kind, text)


def render_observation_import(*, key: str) -> None:
    """The uploader and its "Import" button (``key`` keeps two pages' widgets apart), or why
    the user may not import."""
    flash.show(f"obs_import_{key}")
    principal = current_principal()
    if principal is None or not principal.may(Permission.IMPORT):
        st.info(t("obs_ui.need_import"), icon=":material/lock:")
        return
    st.caption(t("obs_ui.import_intro"))
    st.file_uploader(t("obs_ui.upload"), type=list(UPLOAD_TYPES), key=f"{key}_file")
    st.button(
        t("obs_ui.import_button"),
        type="primary",
        key=f"{key}_button",
        on_click=_import,
        args=(key,),
    )


def observations_table(observations: Sequence[Observation], *, language: str) -> pd.DataFrame:
    """One row per observation with its provenance, headed in ``language`` (plain text: for
    ``st.dataframe`` and the CSV download, never Markdown).

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> seen = Observation(uuid="u-1", kind="marker", note="=cmd", lat=20.0, lon=104.0,
    ...     observed_at=datetime(2026, 11, 30, 1, 15, tzinfo=timezone.utc), accuracy_m=None,
    ...     position_source="map", observer="Lan", source="fieldpack", marker_condition="missing")
    >>> row = observations_table([seen], language="en").iloc[0]
    >>> row["Kind"], row["Marker condition"], row["Time"], row["Accuracy (m)"]
    ('Border marker condition', 'Missing', '30 Nov 2026, 08:15', 'none (not a GPS fix)')
    """

    def words(prefix: str, code: str | None) -> str:
        return message_or(f"{prefix}.{code}", language, code) if code else ""

    columns = {key: message(f"obs_ui.col.{key}", language) for key in _TABLE_COLUMNS}
    rows = [
        {
            "kind": words("obs_kind", item.kind),
            "condition": words("marker_condition", item.marker_condition),
            "observed_at": format_datetime(item.observed_at, lang=language),
            "observer": item.observer,
            "position": words("obs_position", item.position_source),
            "accuracy_m": message("obs_ui.no_accuracy", language)
            if item.accuracy_m is None
            else format_number(item.accuracy_m, lang=language, decimals=0),
            "lat": item.lat,
            "lon": item.lon,
            "plan": item.plan_name or "",
            "stop": item.stop_name or item.stop_id or "",
            "note": item.note,
            "photos": len(item.photos),
            "commune": item.commune_code or "",
            "source": words("obs_source", item.source),
            "file": item.source_file or "",
            "imported_by": item.imported_by or "",
            "imported_at": format_datetime(item.imported_at, lang=language),
            "uuid": item.uuid,
        }
        for item in observations
    ]
    return pd.DataFrame(rows, columns=list(_TABLE_COLUMNS)).rename(columns=columns)


_TABLE_COLUMNS = (
    *("kind", "condition", "observed_at", "observer", "position", "accuracy_m", "lat", "lon"),
    *("plan", "stop", "note", "photos", "commune", "source", "file", "imported_by"),
    *("imported_at", "uuid"),
)


def render_stored_observations() -> None:
    """The stored observations this session may see, with their provenance, and the table as
    CSV (what is withheld from this role is counted, not listed)."""
    current = store()
    if current.principal is None:
        return
    found = current.list_observations()
    withheld = current.withheld_observations()
    st.markdown(f"**{t('obs_ui.stored_title', n=format_count(len(found), lang=lang()))}**")
    if withheld:
        st.caption(t("obs_ui.withheld", n=format_count(withheld, lang=lang())))
    if not found:
        st.caption(t("obs_ui.none_stored"))
        return
    frame = observations_table(found, language=lang())
    st.dataframe(frame, hide_index=True, width="stretch", key="obs_stored_table")
    st.download_button(
        t("obs_ui.download_csv"),
        lambda: csv_bytes(frame),
        "ghi-nhan-thuc-dia.csv",
        "text/csv",
        key="obs_stored_csv",
    )
