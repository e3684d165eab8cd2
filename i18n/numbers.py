"""Numbers as each language writes and reads them: one parser, one formatter.

Vietnamese writes ``1.234,5`` and ``30,02``; English ``1,234.5`` and ``30.02``.

Reading: :func:`parse_number` takes a ``convention``: ``"vn"``, ``"en"`` or ``"auto"``. With
``"auto"`` a number with both separators uses the last one as the decimal mark, a separator that
occurs more than once groups thousands, and a single separator is a decimal mark in either
language (``"20,2969"`` and ``"20.2969"`` are both 20.2969). :func:`column_convention` decides
the convention for a whole column, so ``"12.345"`` is twelve thousand only where the column's
other values are written the Vietnamese way.

Examples
--------
>>> parse_number("1.234,5"), parse_number("1,234.5"), parse_number("30,02"), parse_number("-")
(1234.5, 1234.5, 30.02, None)
>>> parse_number("12.345", convention="vn"), parse_number("12.345")
(12345.0, 12.345)
>>> format_number(12345.678, lang="vi", decimals=1), format_number(12345.678, lang="en", decimals=1)
('12.345,7', '12,345.7')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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


def column_convention(texts: Iterable[object]) -> str:
    """``"vn"`` or ``"en"``: the convention most cells of a column are written in.

    Examples
    --------
    >>> column_convention(["12.345", "1.234,5"]), column_convention(["12.345", "1,234.5"])
    ('vn', 'en')
    """
    cleaned = [_clean(text) for text in texts]
    vn = sum(bool(_VN.match(value)) and not _PLAIN.match(value) for value in cleaned)
    en = sum(bool(_EN.match(value)) and not _PLAIN.match(value) for value in cleaned)
    return "vn" if vn > en else "en"


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
