"""Numbers as each language writes and reads them: one parser, one formatter.

Vietnamese writes ``1.234,5`` and ``30,02``; English ``1,234.5`` and ``30.02``.

Writing: one formatter per kind, for every page, table, popup and export users read:
:func:`format_number`, :func:`format_percent`, :func:`format_count` (a count with its noun, in
the plural the language needs), :func:`format_year`, :func:`format_date` and
:func:`format_datetime` (in Vietnam's time, whatever the stored zone).

Reading: :func:`parse_number` takes a ``convention``: ``"vn"``, ``"en"`` or ``"auto"``. With
``"auto"`` a number with both separators uses the last one as the decimal mark, a separator that
occurs more than once groups thousands, and a single separator is a decimal mark in either
language (``"20,2969"`` and ``"20.2969"`` are both 20.2969). In a column, a cell that reads two
ways (:func:`ambiguous_separator`: ``"12.345"``) is read only in the convention the column's
other cells show (:func:`separator_evidence`) or the user chose; it is never guessed.

Examples
--------
>>> parse_number("1.234,5"), parse_number("1,234.5"), parse_number("30,02"), parse_number("-")
(1234.5, 1234.5, 30.02, None)
>>> parse_number("12.345", convention="vn"), parse_number("12.345")
(12345.0, 12.345)
>>> format_number(12345.678, lang="vi", decimals=1), format_number(12345.678, lang="en", decimals=1)
('12.345,7', '12,345.7')
>>> format_percent(30.02, lang="vi"), format_percent(30.02, lang="en")
('30,02 %', '30.02%')
>>> format_date("2026-12-05", lang="vi"), format_date("2026-12-05", lang="en")
('05/12/2026', '5 Dec 2026')
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

from i18n.messages import message

VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")
"""Asia/Ho_Chi_Minh: UTC+7 all year (no daylight saving), so no time-zone database is needed."""

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

MISSING = frozenset({"", "-", "–", "—", "na", "n/a", "nan", "none", "null", "x", "..", "..."})
"""Cell texts that mean "no figure"."""

_VN = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$|^[-+]?\d+(,\d+)?$")
_EN = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$|^[-+]?\d+(\.\d+)?$")
_PLAIN = re.compile(r"^[-+]?\d+$")


def _clean(text: object) -> str:
    return str(text).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")


def _auto(value: str) -> str:
    """The convention ``value`` is most plausibly written in (see the module docstring)."""
    if "," in value and "." in value:
        return "vn" if value.rfind(",") > value.rfind(".") else "en"
    if value.count(".") > 1:
        return "vn"
    if value.count(",") > 1:
        return "en"
    return "vn" if "," in value else "en"


def parse_number(text: object, *, convention: str = "auto") -> float | None:
    """One number from text; blanks and "no data" marks give ``None``.

    Parameters
    ----------
    text
        What the user typed or the file holds; spaces and a trailing ``%`` are ignored.
    convention
        ``"vn"`` (``1.234,5``), ``"en"`` (``1,234.5``) or ``"auto"``.

    Raises
    ------
    ValueError
        When ``text`` is not a number in that convention.

    Examples
    --------
    >>> parse_number("2.243.567,12"), parse_number("2243567,12"), parse_number("30%")
    (2243567.12, 2243567.12, 30.0)
    """
    value = _clean(text)
    if value.lower() in MISSING:
        return None
    if _PLAIN.match(value):
        return float(value)
    if convention == "auto":
        convention = _auto(value)
    if convention == "vn" and _VN.match(value):
        return float(value.replace(".", "").replace(",", "."))
    if convention == "en" and _EN.match(value):
        return float(value.replace(",", ""))
    raise ValueError(f"not a number: {text!r}")


_AMBIGUOUS = re.compile(r"^[-+]?\d{1,3}[.,]\d{3}$")


def ambiguous_separator(text: object) -> bool:
    """Whether ``text`` is two different numbers in the two conventions: one ``.`` or ``,``
    followed by exactly three digits (``"1.234"`` is 1234 in Vietnamese, 1.234 in English).

    Such a cell is never read by guessing: the column's other cells decide
    (:func:`separator_evidence`), or the user is asked.

    Examples
    --------
    >>> [ambiguous_separator(t) for t in ("1.234", "12,500", "12,5", "1.234,5", "1234", "-1.234")]
    [True, True, False, False, False, True]
    """
    return bool(_AMBIGUOUS.match(_clean(text)))


def separator_evidence(texts: Iterable[object]) -> str | None:
    """``"vn"`` or ``"en"`` when the column's unambiguous cells are written in that convention
    only; ``None`` when they show neither (or both, which contradict each other).

    Evidence is a cell that reads as a number in one convention only: ``"12,5"``,
    ``"1.234,5"`` and ``"1.234.567"`` are Vietnamese, ``"30.02"`` and ``"1,234.5"`` English;
    plain digits and :func:`ambiguous_separator` cells say nothing.

    Examples
    --------
    >>> separator_evidence(["1.234", "12,5"]), separator_evidence(["1.234", "30.02"])
    ('vn', 'en')
    >>> separator_evidence(["1.234", "7", ""]), separator_evidence(["12,5", "30.02"])
    (None, None)
    """
    found: set[str] = set()
    for text in texts:
        value = _clean(text)
        if _PLAIN.match(value) or _AMBIGUOUS.match(value):
            continue
        vn, en = bool(_VN.match(value)), bool(_EN.match(value))
        if vn != en:
            found.add("vn" if vn else "en")
    return found.pop() if len(found) == 1 else None


def format_number(value: float, *, lang: str, decimals: int | None = None) -> str:
    """``value`` as ``lang`` writes it; without ``decimals``, at most two and no trailing zeros.

    Examples
    --------
    >>> format_number(12345.0, lang="vi"), format_number(30.02, lang="vi")
    ('12.345', '30,02')
    """
    trim = decimals is None
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_year(value: object) -> str:
    """A year as written in every language: a whole number, never ``2024.0``; ``""`` if missing.

    Examples
    --------
    >>> format_year(2024.0), format_year("2017"), format_year(None), format_year(float("nan"))
    ('2024', '2017', '', '')
    """
    text = "" if value is None else str(value).strip()
    if text.lower() in {"", "nan", "<na>", "none", "nat"}:
        return ""
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else text


def format_percent(value: float, *, lang: str, decimals: int | None = None) -> str:
    """A percentage: Vietnamese ``30,02 %`` (a space before the sign), English ``30.02%``; the
    number as :func:`format_number` writes it.

    Examples
    --------
    >>> format_percent(42.21, lang="vi"), format_percent(5, lang="en", decimals=1)
    ('42,21 %', '5.0%')
    """
    number = format_number(value, lang=lang, decimals=decimals)
    return f"{number} %" if lang == "vi" else f"{number}%"


class _Count(int):
    """A whole number that prints as the language groups it (for ``{n}`` in a message)."""

    lang: str = "vi"

    def __format__(self, spec: str) -> str:
        return format_number(int(self), lang=self.lang, decimals=0)


def format_count(n: float, *, lang: str, noun: str | None = None) -> str:
    """A count of things: always a whole number (never ``2.991,0``); with ``noun``, a message
    key whose English text has plural forms (``count.commune``), the count with its noun.

    Examples
    --------
    >>> format_count(2991.0, lang="vi"), format_count(2991, lang="en")
    ('2.991', '2,991')
    >>> [format_count(n, lang="en", noun="count.commune") for n in (1, 2, 1234)]
    ['1 commune', '2 communes', '1,234 communes']
    >>> format_count(1, lang="vi", noun="count.commune")
    '1 xã'
    """
    whole = round(float(n))
    if noun is None:
        return format_number(whole, lang=lang, decimals=0)
    count = _Count(whole)
    count.lang = lang
    return message(noun, lang, n=count)


def _as_datetime(value: object) -> datetime | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip()
    if not text or text.lower() in {"nan", "nat", "none", "<na>"}:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _in_vietnam(moment: datetime) -> datetime:
    """An aware time in Vietnam's time; a naive one is taken as already in Vietnam's time."""
    return moment.astimezone(VIETNAM_TIME) if moment.tzinfo is not None else moment


def format_date(value: object, *, lang: str) -> str:
    """A date: Vietnamese ``05/12/2026``, English ``5 Dec 2026``; ``""`` when missing.

    ``value`` is a ``date``, a ``datetime`` (an aware one is read in Vietnam's time) or ISO text.

    Examples
    --------
    >>> format_date(date(2026, 1, 9), lang="vi"), format_date(date(2026, 1, 9), lang="en")
    ('09/01/2026', '9 Jan 2026')
    >>> format_date("2026-12-04T20:30:00+00:00", lang="vi")  # already 5 December in Vietnam
    '05/12/2026'
    >>> format_date(None, lang="en")
    ''
    """
    moment = _as_datetime(value)
    if moment is None:
        return ""
    moment = _in_vietnam(moment)
    if lang == "vi":
        return f"{moment.day:02d}/{moment.month:02d}/{moment.year}"
    return f"{moment.day} {_MONTHS_EN[moment.month - 1]} {moment.year}"


def format_datetime(value: object, *, lang: str, year: bool = True) -> str:
    """A date and time of day in Vietnam's time (24-hour clock); ``year=False`` for times within
    a trip. A stored UTC time is shown as Vietnam's (UTC+7); ``""`` when missing.

    Examples
    --------
    >>> format_datetime("2026-12-05T03:04:05.123456+00:00", lang="vi")
    '05/12/2026 10:04'
    >>> format_datetime("2026-12-05T03:04:05+00:00", lang="en")
    '5 Dec 2026, 10:04'
    >>> format_datetime(datetime(2026, 12, 5, 17, 30), lang="vi", year=False)
    '05/12 17:30'
    >>> format_datetime(datetime(2026, 12, 5, 17, 30), lang="en", year=False)
    '5 Dec, 17:30'
    """
    moment = _as_datetime(value)
    if moment is None:
        return ""
    moment = _in_vietnam(moment)
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    day = format_date(moment.replace(tzinfo=None), lang=lang)
    if not year:
        day = day.rsplit("/", 1)[0] if lang == "vi" else day.rsplit(" ", 1)[0]
    return f"{day} {clock}" if lang == "vi" else f"{day}, {clock}"
