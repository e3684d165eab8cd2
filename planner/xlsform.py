"""The plan as an ODK XLSForm, for teams that record with ODK Collect or KoboCollect.

The form asks what the field pack's form asks (:mod:`layers.observations`): ``kind`` (one of
:data:`geo.vocabulary.OBSERVATION_KINDS`), ``marker_condition`` (when the kind is ``marker``),
``note``, ``photo_1..3`` (images downscaled by the phone to
:data:`geo.settings.PHOTO_MAX_PX`), ``position`` (a geopoint: latitude, longitude, altitude and
accuracy), ``stop`` (the plan's stops), ``observer`` (the phone's user name by default),
``observed_at`` (now by default) and ``plan`` (the plan's name, calculated). Labels are in
Vietnamese and English; the default language is the user's.

Stop choices: a choice name must be one XML token, so a stop id made of letters, digits and
``_ . : -`` is the name itself; any other id is written ``hex_<its UTF-8 bytes in hex>``
(:func:`stop_choice_name`), which :func:`stop_id_of_choice` turns back on import. The hidden
``stop_name`` field keeps the chosen stop's label (``jr:choice-name``).

:func:`check_xlsform` converts a form with ``pyxform`` (ODK Validate needs Java, which this
app does not ship, so only pyxform's own checks run).

Examples
--------
>>> stop_choice_name("gate:gate_na_meo"), stop_choice_name("Bản Ná 1")
('gate:gate_na_meo', 'hex_42e1baa36e204ec3a12031')
>>> stop_id_of_choice("hex_42e1baa36e204ec3a12031"), stop_id_of_choice("commune:15013")
('Bản Ná 1', 'commune:15013')
>>> is_choice_name("hex_42e1baa36e204ec3a12031"), is_choice_name("Bản Ná 1")
(True, False)
>>> xpath_literal("Kế hoạch 'A'")
'concat(\\'Kế hoạch \\', "\\'", \\'A\\', "\\'")'
>>> form_id("Kế hoạch <thử> & Đồn 1")
'border_atlas_ke_hoach_thu_don_1'
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from openpyxl import Workbook

from geo import settings
from geo.errors import DataFileError
from geo.names import fold
from geo.vocabulary import MARKER_CONDITIONS, OBSERVATION_KINDS
from i18n.messages import LANGS, message
from planner.plan import Plan

LANGUAGE_NAMES = {"vi": "Tiếng Việt (vi)", "en": "English (en)"}
"""The XLSForm language of each app language (``label::<name>``)."""

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_.:-]*\Z")
_HEX_PREFIX = "hex_"


def stop_choice_name(stop_id: str) -> str:
    """The XLSForm choice name of a stop id (the id itself when it is one XML-safe token)."""
    if _TOKEN.match(stop_id) and not stop_id.startswith(_HEX_PREFIX):
        return stop_id
    return _HEX_PREFIX + stop_id.encode("utf-8").hex()


def is_choice_name(text: str) -> bool:
    """Whether ``text`` can be a choice name this form writes (else it is a label: Kobo's
    "labels" export gives the chosen stop's name instead of its choice name)."""
    return bool(_TOKEN.match(text))


def stop_id_of_choice(name: str) -> str:
    """The stop id a choice name stands for (the reverse of :func:`stop_choice_name`)."""
    if name.startswith(_HEX_PREFIX):
        try:
            return bytes.fromhex(name[len(_HEX_PREFIX) :]).decode("utf-8")
        except ValueError:
            return name
    return name


def xpath_literal(text: str) -> str:
    """``text`` as an XPath string expression, whatever quotes or ``${`` it holds."""
    pieces = [piece for piece in re.split(r"(['$])", text) if piece]
    quoted = [f'"{piece}"' if piece == "'" else f"'{piece}'" for piece in pieces]
    if not quoted:
        return "''"
    return quoted[0] if len(quoted) == 1 else f"concat({', '.join(quoted)})"


def form_id(plan_name: str) -> str:
    """An ASCII identifier for the form, made from the plan's name."""
    slug = re.sub(r"[^a-z0-9]+", "_", fold(plan_name)).strip("_")[:60].strip("_")
    return f"border_atlas_{slug}" if slug else "border_atlas_observations"


def _label(text: str) -> str:
    """A label shown as written: ``${`` would be read as a reference to a field."""
    return text.replace("${", "$\u200b{")


def _labels(key: str, **values: object) -> list[str]:
    return [_label(message(key, lang, **values)) for lang in LANGS]


_SURVEY_HEAD = [
    "type",
    "name",
    *(f"label::{LANGUAGE_NAMES[lang]}" for lang in LANGS),
    *(f"hint::{LANGUAGE_NAMES[lang]}" for lang in LANGS),
    "required",
    "relevant",
    "default",
    "calculation",
    "parameters",
    "appearance",
]


def _row(
    type_: str,
    name: str,
    *,
    label: str | None = None,
    hint: str | None = None,
    required: bool = False,
    relevant: str = "",
    default: str = "",
    calculation: str = "",
    parameters: str = "",
    appearance: str = "",
    **values: object,
) -> list[str]:
    labels = _labels(label, **values) if label else ["", ""]
    hints = _labels(hint) if hint else ["", ""]
    flags = ["yes" if required else "", relevant, default, calculation, parameters, appearance]
    return [type_, name, *labels, *hints, *flags]


def _survey(plan: Plan) -> list[list[str]]:
    photo = f"max-pixels={settings.PHOTO_MAX_PX}"
    rows = [
        _row("start", "start"),
        _row("end", "end"),
        _row("username", "username"),
        _row("select_one kind", "kind", label="odk.q.kind", required=True),
        _row(
            "select_one marker_condition",
            "marker_condition",
            label="odk.q.marker_condition",
            required=True,
            relevant="${kind} = 'marker'",
        ),
        _row("text", "note", label="odk.q.note", appearance="multiline"),
    ]
    for n in range(1, settings.MAX_OBSERVATION_PHOTOS + 1):
        shown = "" if n == 1 else f"${{photo_{n - 1}}} != ''"
        rows.append(
            _row("image", f"photo_{n}", label="odk.q.photo", relevant=shown, parameters=photo, n=n)
        )
    rows += [
        _row(
            "geopoint",
            "position",
            label="odk.q.position",
            hint="odk.hint.position",
            required=True,
        ),
        _row("select_one stop", "stop", label="odk.q.stop", appearance="minimal"),
        _row("calculate", "stop_name", calculation="jr:choice-name(${stop}, '${stop}')"),
        _row("text", "observer", label="odk.q.observer", required=True, default="${username}"),
        _row("dateTime", "observed_at", label="odk.q.observed_at", required=True, default="now()"),
        _row("calculate", "plan", calculation=xpath_literal(plan.name)),
    ]
    return rows


def _choices(plan: Plan) -> list[list[str]]:
    rows = [["list_name", "name", *(f"label::{LANGUAGE_NAMES[lang]}" for lang in LANGS)]]
    rows += [["kind", kind, *_labels(f"obs_kind.{kind}")] for kind in OBSERVATION_KINDS]
    rows += [
        ["marker_condition", code, *_labels(f"marker_condition.{code}")]
        for code in MARKER_CONDITIONS
    ]
    for stop in [plan.base, *plan.stops]:
        name = _label(str(stop.name))
        rows.append(["stop", stop_choice_name(str(stop.id)), name, name])
    return rows


def plan_xlsform(plan: Plan, *, lang: str = "vi", version: str | None = None) -> bytes:
    """The XLSX XLSForm of ``plan``'s field observations (survey, choices, settings).

    Every cell is written as text: a name starting with ``=`` is shown as typed, never run as
    a formula (unlike :func:`i18n.cells.safe_cell`, no ``'`` is added: ODK would show it).

    ``version`` defaults to the time it is made (``YYYYMMDDHHMM``, UTC), so a form uploaded
    again to ODK Central or KoboToolbox is a new version of the same ``form_id``.
    """
    form_settings = [
        ["form_title", "form_id", "version", "default_language"],
        [
            _label(message("odk.form_title", lang, plan=plan.name)),
            form_id(plan.name),
            version or datetime.now(UTC).strftime("%Y%m%d%H%M"),
            LANGUAGE_NAMES["vi" if lang == "vi" else "en"],
        ],
    ]
    book = Workbook()
    book.remove(book.active)
    sheets = {
        "survey": [_SURVEY_HEAD, *_survey(plan)],
        "choices": _choices(plan),
        "settings": form_settings,
    }
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula (a name may start with "=")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def convert_xlsform(data: bytes) -> tuple[str, list[str]]:
    """``(XForm XML, pyxform's warnings)`` of an XLSX XLSForm; raises :class:`DataFileError`."""
    from pyxform.errors import PyXFormError  # late: pyxform takes half a second to load
    from pyxform.xls2xform import convert

    warnings: list[str] = []
    try:
        result = convert(io.BytesIO(data), warnings=warnings, file_type=".xlsx")
    except (PyXFormError, ValueError, KeyError) as error:
        raise DataFileError(
            f"{message('odk.error.xlsform', 'vi', error=error)} / "
            f"{message('odk.error.xlsform', 'en', error=error)}"
        ) from error
    return result.xform, warnings


def check_xlsform(data: bytes) -> None:
    """Convert an XLSX XLSForm with pyxform; raise :class:`DataFileError` naming its error."""
    convert_xlsform(data)
