"""The message catalogue and the number formats: both languages, same placeholders."""

from __future__ import annotations

import string
from datetime import date, datetime

import pytest

from geo.vocabulary import PRECISIONS, RISK_CLASSES
from i18n.messages import MESSAGES, message, precision_label, risk_label
from i18n.numbers import (
    format_count,
    format_date,
    format_datetime,
    format_number,
    format_percent,
    parse_number,
)


def _forms(text: str | dict[str, str]) -> list[str]:
    return list(text.values()) if isinstance(text, dict) else [text]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key: str) -> None:
    vi, en = MESSAGES[key]
    forms = _forms(vi) + _forms(en)
    assert all(form.strip() for form in forms), key
    assert len({frozenset(_fields(form)) for form in forms}) == 1, key


def test_every_code_of_the_vocabulary_has_a_label() -> None:
    for code in PRECISIONS:
        assert precision_label(code, "vi") != precision_label(code, "en")
    assert [risk_label(code, "vi") for code in RISK_CLASSES] == [
        "rất cao",
        "cao",
        "trung bình",
        "thấp",
        "chưa rõ",
    ]


def test_an_unknown_key_is_named() -> None:
    with pytest.raises(KeyError, match="no_such_key"):
        message("no_such_key", "vi")


def test_numbers_per_language() -> None:
    assert format_number(1234.5, lang="vi", decimals=1) == "1.234,5"
    assert format_number(1234.5, lang="en", decimals=1) == "1,234.5"


@pytest.mark.parametrize(
    ("text", "convention", "expected"),
    [
        ("1.234,5", "auto", 1234.5),
        ("1,234.5", "auto", 1234.5),
        ("30,02", "auto", 30.02),
        ("20.2969", "auto", 20.2969),
        ("2.243.567,12", "auto", 2243567.12),
        ("12.345", "vn", 12345.0),
        ("12.345", "en", 12.345),
        ("1,234", "en", 1234.0),
        ("1,234", "vn", 1.234),
        ("", "auto", None),
    ],
)
def test_one_parser_reads_both_conventions(text: str, convention: str, expected: float) -> None:
    assert parse_number(text, convention=convention) == expected


def test_the_formatter_and_the_parser_agree() -> None:
    for value in (0.5, 30.02, 1234.5, 2243567.12):
        for lang, convention in (("vi", "vn"), ("en", "en")):
            text = format_number(value, lang=lang, decimals=2)
            assert parse_number(text, convention=convention) == pytest.approx(value)


@pytest.mark.parametrize(
    ("lang", "number", "percent", "people"),
    [("vi", "1.234", "30,02 %", "2.991"), ("en", "1,234", "30.02%", "2,991")],
)
def test_numbers_percentages_and_counts_per_language(lang, number, percent, people) -> None:
    assert format_number(1234, lang=lang) == number
    assert format_number(30.02, lang=lang) == percent.rstrip(" %")
    assert format_percent(30.02, lang=lang) == percent
    assert format_count(2991.0, lang=lang) == people  # a person count, never "2.991,0"
    assert format_count(2990.6, lang=lang) == people


def test_counts_take_the_plural_the_language_needs() -> None:
    assert format_count(1, lang="vi", noun="count.commune") == "1 xã"
    assert format_count(2, lang="vi", noun="count.commune") == "2 xã"
    assert format_count(1, lang="en", noun="count.commune") == "1 commune"
    assert format_count(2, lang="en", noun="count.commune") == "2 communes"
    assert format_count(1234, lang="vi", noun="count.commune") == "1.234 xã"
    assert message("no_data_count", "en", n=1).startswith("1 commune has")


def test_dates_and_times_per_language_in_vietnams_time() -> None:
    day = date(2026, 12, 5)
    assert format_date(day, lang="vi") == "05/12/2026"
    assert format_date(day, lang="en") == "5 Dec 2026"
    stored = "2026-12-04T18:30:00.000001+00:00"  # how the user store writes a time (UTC)
    assert format_date(stored, lang="vi") == "05/12/2026"
    assert format_datetime(stored, lang="vi") == "05/12/2026 01:30"
    assert format_datetime(stored, lang="en") == "5 Dec 2026, 01:30"
    local = datetime(2026, 12, 5, 7, 5)  # a plan's times are Vietnam's already
    assert format_datetime(local, lang="vi", year=False) == "05/12 07:05"
    assert format_datetime(local, lang="en", year=False) == "5 Dec, 07:05"
    assert format_date("", lang="vi") == format_datetime(None, lang="en") == ""
