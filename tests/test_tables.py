"""Uploaded indicator tables: encodings, separators, mapping, matching.

Moving 2020–2025 figures onto the 2025 communes is tested in test_crosswalk.py.
"""

from __future__ import annotations

import contextlib
import io
import unicodedata
import zipfile

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from table_files import xlsx_of

from geo import settings
from geo.errors import UserInputError
from i18n.numbers import parse_number
from userdata import table_reader, tables

UNITS_2024 = {"16837": "Xã Nậm Cắn", "16873": "Xã Nậm Càn", "16816": "Xã Mỹ Lý"}


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: letters with vowel marks precomposed, tones combining."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_csv_encodings(encoding: str) -> None:
    text = "Tên xã;Tỷ lệ hộ nghèo\nMường Xén;30,02\nNậm Cắn;12,5\n"
    data = _to_cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    frame = table_reader.read_table(data, filename="x.csv")
    assert list(frame.columns) == ["Tên xã", "Tỷ lệ hộ nghèo"]
    assert frame.iloc[0, 0] == "Mường Xén"  # NFC even from cp1258's combining marks


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "trống"),
        (b"ten,gia tri\n", "không có dữ liệu"),
        (b"a,a\n1,2\n", "trùng"),
        (b"\x00\x01\x02garbage\x00", "không phải"),
    ],
)
def test_bad_tables_get_clear_messages(data: bytes, message: str) -> None:
    with pytest.raises(UserInputError) as raised:
        table_reader.read_table(data, filename="bad.csv")
    assert message in raised.value.message_vi


def test_old_excel_and_macros_are_refused() -> None:
    with pytest.raises(UserInputError, match="xlsx"):
        table_reader.read_table(b"anything", filename="old.xls")
    with pytest.raises(UserInputError, match="Excel"):
        table_reader.read_table(b"PK\x03\x04broken", filename="broken.xlsx")


def test_oversize_file_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(settings, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(UserInputError, match="too large") as raised:
        table_reader.read_table(b"a,b\n1,2\n3,4\n", filename="big.csv")
    assert "quá lớn" in raised.value.message_vi


def _with_members(xlsx: bytes, replace: dict[str, bytes]) -> bytes:
    """``xlsx`` with members replaced or added."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename not in replace:
                target.writestr(info.filename, source.read(info))
        for name, data in replace.items():
            target.writestr(name, data)
    return buffer.getvalue()


LAUGHS = '<!ENTITY lol0 "lol">' + "".join(
    f'<!ENTITY lol{i} "{10 * f"&lol{i - 1};"}">' for i in range(1, 10)
)
BILLION_LAUGHS_SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f"<!DOCTYPE worksheet [{LAUGHS}]>"
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Tên xã</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Giá trị</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c><c r="B2"><v>1</v></c></row>'
    "</sheetData></worksheet>"
).encode()


def test_xlsx_table_is_read() -> None:
    data = xlsx_of([["Tên xã", "Giá trị"], ["Mỹ Lý", 30.5]])
    frame = table_reader.read_table(data, filename="t.xlsx")
    assert frame.to_dict("records") == [{"Tên xã": "Mỹ Lý", "Giá trị": "30.5"}]


def test_openpyxl_parses_with_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_xml_entity_expansion_in_a_sheet_is_refused_not_expanded() -> None:
    """A "billion laughs" sheet: 10⁹ × "lol" if expanded; refused at the entity declaration."""
    data = _with_members(
        xlsx_of([["Tên xã", "Giá trị"], ["Mỹ Lý", 1]]),
        {"xl/worksheets/sheet1.xml": BILLION_LAUGHS_SHEET},
    )
    with pytest.raises(UserInputError) as raised:
        table_reader.read_table(data, filename="laughs.xlsx")
    assert "entities" in raised.value.message_en and "thực thể" in raised.value.message_vi


def test_xlsx_is_refused_without_defusedxml(monkeypatch) -> None:
    import openpyxl

    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(UserInputError, match="defusedxml"):
        table_reader.read_table(xlsx_of([["a", "b"], [1, 2]]), filename="plain.xlsx")


@pytest.mark.parametrize(
    ("member", "message"),
    [
        ("xl/vbaProject.bin", "macros"),
        ("xl/embeddings/inner.zip", "Nested archives"),
        ("../../evil.xml", "unsafe path"),
    ],
)
def test_xlsx_goes_through_the_upload_checks(member: str, message: str) -> None:
    data = _with_members(xlsx_of([["a", "b"], [1, 2]]), {member: b"x"})
    with pytest.raises(UserInputError, match=message):
        table_reader.read_table(data, filename="checked.xlsx")


def test_xlsx_zip_bomb_is_refused() -> None:
    data = _with_members(xlsx_of([["a", "b"], [1, 2]]), {"xl/media/padding.xml": b" " * 5_000_000})
    with pytest.raises(UserInputError, match="zip bomb"):
        table_reader.read_table(data, filename="bomb.xlsx")


def test_numbers_in_both_conventions() -> None:
    assert parse_number("30,02") == 30.02
    assert parse_number("1.234,5") == 1234.5
    assert parse_number("1,234.5") == 1234.5
    assert parse_number("30%") == 30
    assert parse_number("n/a") is None
    with pytest.raises(ValueError):
        parse_number("ba mươi")
    values, problems = tables.parse_number_column(pd.Series(["12.345", "1.234,5"]))
    assert values.tolist() == [12345.0, 1234.5]
    values, problems = tables.parse_number_column(pd.Series(["abc", "4"]))
    assert values.isna().tolist() == [True, False] and "abc" in problems[0]


@given(st.floats(min_value=0, max_value=1e7, allow_nan=False).map(lambda v: round(v, 2)))
def test_parse_number_round_trips_both_conventions(value: float) -> None:
    english = f"{value:,.2f}"
    vietnamese = english.replace(",", "#").replace(".", ",").replace("#", ".")
    assert parse_number(english) == pytest.approx(value)
    assert tables.parse_number_column(pd.Series([vietnamese, "1.234,5"]))[0][0] == pytest.approx(
        value
    )


@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    with contextlib.suppress(UserInputError):
        table_reader.read_table(data, filename="random.csv")


NAMES = st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=12
).filter(lambda s: s.strip())


@given(st.lists(NAMES, min_size=1, max_size=5))
def test_csv_round_trip_of_unicode_names(names: list[str]) -> None:
    frame = pd.DataFrame({"tên": names, "giá trị": range(len(names))})
    parsed = table_reader.read_table(frame.to_csv(index=False).encode("utf-8"), filename="n.csv")
    assert len(parsed) <= len(names)
    assert list(parsed.columns) == ["tên", "giá trị"]


def test_mapping_matches_names_without_guessing() -> None:
    frame = pd.DataFrame(
        {
            "Tên xã": ["Xã Mỹ Lý", "nam can", "Nậm Càn", "Hà Nội", "Mỹ Lý"],
            "Tỷ lệ hộ nghèo": ["30,5", "20", "21", "5", "30,5"],
            "Năm": ["2024"] * 5,
        }
    )
    mapping = tables.suggest_mapping(frame)
    assert (mapping.unit, mapping.value, mapping.year) == ("Tên xã", "Tỷ lệ hộ nghèo", "Năm")
    result = tables.apply_mapping(frame, mapping, units=UNITS_2024, indicator_name="poverty")
    assert result.rows["unit_code"].tolist() == ["16816", "16873"]
    assert any("trùng lặp" in problem for problem in result.problems)
    statuses = {item.name: item.status for item in result.unmatched}
    assert statuses == {"nam can": "ambiguous", "Hà Nội": "unknown"}
    resolved = tables.resolve(result, {"nam can": "16837"})
    assert set(resolved.rows["unit_code"]) == {"16816", "16873", "16837"}
    assert [item.name for item in resolved.unmatched] == ["Hà Nội"]


def test_missing_value_column_is_named() -> None:
    frame = pd.DataFrame({"Tên xã": ["Mỹ Lý"]})
    with pytest.raises(UserInputError, match="values"):
        tables.apply_mapping(frame, tables.ColumnMapping(unit="Tên xã"), units=UNITS_2024)
