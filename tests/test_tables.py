"""Uploaded indicator tables: encodings, separators, mapping, matching.

Moving 2020–2025 figures onto the 2025 communes is tested in test_crosswalk.py.
"""

from __future__ import annotations

import contextlib
import unicodedata

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from table_files import xlsx_of

from geo import settings
from geo.errors import UserInputError
from i18n.numbers import parse_number
from tests.bad_input.files import LAUGHS, with_members
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


BILLION_LAUGHS_SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f"<!DOCTYPE worksheet [{LAUGHS}]>"
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Tên xã</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Giá trị</t></is></c></row>'
    '<row r="2"><c r="A2" t="inlineStr"><is><t>&a9;</t></is></c><c r="B2"><v>1</v></c></row>'
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
    data = with_members(
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
    data = with_members(xlsx_of([["a", "b"], [1, 2]]), {member: b"x"})
    with pytest.raises(UserInputError, match=message):
        table_reader.read_table(data, filename="checked.xlsx")


def test_xlsx_zip_bomb_is_refused() -> None:
    data = with_members(xlsx_of([["a", "b"], [1, 2]]), {"xl/media/padding.xml": b" " * 5_000_000})
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


# -- issue 12: values within their meaning, names matched only when certain, speed -------------

KY_SON = {"16816": "Mỹ Lý", "16837": "Nậm Cắn", "16870": "Na Ngoi", "15013": "Na Mèo"}


def _match(rows: dict[str, list[str]], **options) -> tables.ImportResult:
    frame = pd.DataFrame(rows)
    options.setdefault("units", KY_SON)
    options.setdefault("default_year", 2024)
    return tables.apply_mapping(frame, tables.suggest_mapping(frame), **options)


@pytest.mark.parametrize(
    ("kind", "cell", "rule"),
    [
        ("percent", "-5", "tables.rule_percent"),
        ("percent", "140", "tables.rule_percent"),
        ("percent", "100,5", "tables.rule_percent"),
        ("count", "-3", "tables.rule_count"),
        ("count", "2,5", "tables.rule_count"),
        ("amount", "0", "tables.rule_amount"),
        ("amount", "-12", "tables.rule_amount"),
        ("percent", "ba mươi", "tables.rule_not_number"),
        ("percent", "", "tables.rule_missing"),
    ],
)
def test_values_outside_their_kind_are_rejected_with_row_cell_and_rule(
    kind: str, cell: str, rule: str
) -> None:
    result = _match({"Tên xã": ["Na Mèo", "Mỹ Lý"], "Giá trị": [cell, "30"]}, value_kind=kind)
    assert result.rows["unit_code"].tolist() == ["16816"]
    assert result.rejected.to_dict("records") == [
        {"row": 2, "column": "Giá trị", "cell": cell, "rule": rule}
    ]


def test_values_within_their_kind_are_kept() -> None:
    cells = {"percent": ["0", "100", "30,02"], "count": ["0", "7", "1.234.567"]}
    cells["amount"] = ["0,5", "32", "1.234,5"]
    for kind, values in cells.items():
        result = _match(
            {"Tên xã": ["Na Mèo", "Mỹ Lý", "Na Ngoi"], "Giá trị": values}, value_kind=kind
        )
        assert len(result.rows) == 3 and result.rejected.empty, (kind, result.rejected)


def test_every_standard_indicator_has_a_kind_with_words() -> None:
    from i18n.messages import message
    from layers.commune_view import INDICATORS

    cited = {item.key for item in INDICATORS if item.cited}
    assert set(tables.STANDARD_KINDS) == cited
    for kind in tables.VALUE_KINDS.values():
        for lang in ("vi", "en"):
            assert message(kind.rule, lang) and message(f"tables.kind_{kind.key}", lang)


def test_the_banner_counts_only_valid_rows() -> None:
    # Before: a text value was saved as a null while the banner said "1 row matched".
    result = _match({"Tên xã": ["Na Mèo"], "Giá trị": ["không rõ"]}, value_kind="percent")
    assert result.rows.empty and result.rows["value"].notna().all()
    assert result.blockers() == ["tables.block_no_rows"]


def test_an_ambiguous_separator_is_asked_per_column_never_guessed() -> None:
    rows = {"Tên xã": ["Mỹ Lý", "Na Mèo"], "Số hộ": ["1.234", "2000"]}
    asked = _match(rows, value_kind="count")
    [question] = asked.questions
    assert (question.column, question.examples, question.rows) == ("Số hộ", ("1.234",), 1)
    assert asked.rows["value"].tolist() == [2000.0] and asked.held == 1
    assert "tables.block_questions" in asked.blockers()
    thousands = _match(rows, value_kind="count", separators={"Số hộ": "vn"})
    assert sorted(thousands.rows["value"]) == [1234.0, 2000.0] and not thousands.blockers()
    decimal = _match(rows, value_kind="count", separators={"Số hộ": "en"})
    assert decimal.rejected["rule"].tolist() == ["tables.rule_count"]


def test_the_column_decides_a_separator_only_with_one_sided_evidence() -> None:
    vietnamese = _match(
        {"Tên xã": ["Mỹ Lý", "Na Mèo"], "Số": ["12.500", "12,5"]}, value_kind="amount"
    )
    assert sorted(vietnamese.rows["value"]) == [12.5, 12500.0] and not vietnamese.questions
    english = _match(
        {"Tên xã": ["Mỹ Lý", "Na Mèo"], "Số": ["12,500", "30.02"]}, value_kind="amount"
    )
    assert sorted(english.rows["value"]) == [30.02, 12500.0]
    mixed = _match(
        {"Tên xã": ["Mỹ Lý", "Na Mèo", "Na Ngoi"], "Số": ["12.500", "12,5", "30.02"]},
        value_kind="amount",
    )
    assert mixed.questions and len(mixed.rows) == 2


def test_duplicates_with_different_values_wait_for_the_users_pick() -> None:
    result = _match(
        {"Tên xã": ["Mỹ Lý", "Mỹ Lý", "Xã Mỹ Lý", "Na Mèo"], "Giá trị": ["30", "35", "30", "5"]},
        value_kind="percent",
    )
    [conflict] = result.conflicts
    assert conflict.options == (("2", "2", 30.0, "Mỹ Lý"), ("3", "3", 35.0, "Mỹ Lý"))
    assert any("trùng lặp" in problem for problem in result.problems)  # row 4 = row 2
    assert result.rows["unit_code"].tolist() == ["15013"] and result.held == 2
    kept = tables.resolve(result, {}, keep={conflict.key: "3"})
    assert kept.rows["value"].tolist() == [35.0, 5.0]  # in the file's order
    assert tables.resolve(result, {}, keep={conflict.key: ""}).rows["value"].tolist() == [5.0]


def test_rows_are_numbered_as_in_the_file() -> None:
    frame = pd.DataFrame({"Tên xã": ["Na Mèo", "Mỹ Lý"], "Giá trị": ["-1", "2"]})
    result = tables.apply_mapping(
        frame,
        tables.suggest_mapping(frame),
        units=KY_SON,
        value_kind="percent",
        row_numbers=np.array([5, 6]),
    )
    assert result.rejected["row"].tolist() == [5]


def test_years_must_be_years() -> None:
    result = _match(
        {"Tên xã": ["Na Mèo", "Mỹ Lý"], "Năm": ["20244", "2024"], "Giá trị": ["1", "2"]},
        value_kind="percent",
    )
    assert result.rejected[["row", "rule"]].values.tolist() == [[2, "tables.rule_year"]]


def _old_and_new() -> tables.Gazetteer:
    """Three 2025 communes, the 2020–2025 communes around Nậm Cắn, a name shared elsewhere."""
    return tables.Gazetteer(
        names={"16837": "Nậm Cắn", "16870": "Na Ngoi", "19462": "Tân Lập"},
        other_names={"16837": "Xã Nậm Cắn", "16873": "Xã Nậm Càn", "16870": "Xã Na Ngoi"},
        provinces={
            "16837": "Nghệ An",
            "16870": "Nghệ An",
            "16873": "Nghệ An",
            "19462": "Quảng Trị",
        },
        types={"16837": "Xã", "16870": "Xã", "19462": "Xã"},
        weights=pd.DataFrame(
            {
                "code_2024": ["16837", "16873", "16870"],
                "code_2025": ["16837", "16870", "16870"],
                "area_share": [1.0, 1.0, 1.0],
                "population_weight": [100.0, 100.0, 300.0],
            }
        ),
        elsewhere=frozenset({"tânlập"}),
    )


@pytest.mark.parametrize(
    ("name", "status", "choice", "reasons"),
    [
        ("Nậm Cắn", "exact", "16837", ()),
        ("Xã Nậm Cắn", "exact", "16837", ()),
        ("Nậm Càn", "exact", "2024:16873", ()),  # never Nậm Cắn
        ("Xã Nậm Càn", "exact", "2024:16873", ()),
        ("Nam Can", "ambiguous", None, ()),  # Nậm Cắn or Nậm Càn
        ("Nậm Cán", "ambiguous", None, ()),  # a third spelling: no tone mark wins
        ("NẬM CẮN", "confirm", "16837", ("case",)),
        ("Phường Nậm Cắn", "confirm", "16837", ("prefix",)),
        ("Na Ngoi", "exact", "16870", ()),
        ("Na ngoi", "confirm", "16870", ("case",)),
        ("Tân Lập", "confirm", "19462", ("shared",)),
        ("Hà Nội", "unknown", None, ()),
    ],
)
def test_names_match_only_when_certain(
    name: str, status: str, choice: str | None, reasons: tuple[str, ...]
) -> None:
    outcome = tables.match_unit(name, _old_and_new())
    assert (outcome.status, outcome.choice, outcome.reasons) == (status, choice, reasons)


def test_a_province_column_makes_a_shared_name_certain() -> None:
    assert tables.match_unit("Tân Lập", _old_and_new(), province="Quảng Trị").status == "exact"
    assert tables.match_unit("Tân Lập", _old_and_new(), province="Tỉnh Quảng Trị").status == "exact"
    assert tables.match_unit("Tân Lập", _old_and_new(), province="Tây Ninh").status == "unknown"


def test_in_the_2024_edition_a_name_without_diacritics_is_ambiguous_not_merged() -> None:
    old = tables.Gazetteer(
        names={"16837": "Xã Nậm Cắn", "16873": "Xã Nậm Càn"},
        edition="2024",
        other_names={"16837": "Nậm Cắn", "16870": "Na Ngoi"},
    )
    assert tables.match_unit("nam can", old).candidates == ("16873", "16837")
    assert tables.match_unit("Nậm Càn", old).choice == "16873"
    assert tables.match_unit("Na Ngoi", old).reasons == ("other_edition",)


def test_matches_that_are_not_exact_wait_for_confirmation() -> None:
    result = _match(
        {"Tên xã": ["Tân Lập", "NẬM CẮN", "Na Ngoi"], "Giá trị": ["1", "2", "3"]},
        units=_old_and_new(),
        value_kind="percent",
    )
    assert result.rows["unit_code"].tolist() == ["16870"]
    assert {c.name: c.reasons for c in result.to_confirm} == {
        "Tân Lập": ("shared",),
        "NẬM CẮN": ("case",),
    }
    assert "tables.block_confirm" in result.blockers()
    confirmed = tables.resolve(result, {"NẬM CẮN": ""}, confirmed={"Tân Lập"})
    assert sorted(confirmed.rows["unit_code"]) == ["16870", "19462"]
    assert not confirmed.blockers()


def test_a_2020_2025_commune_is_moved_through_the_crosswalk_with_its_method() -> None:
    alone = _match({"Tên xã": ["Nậm Càn"], "Giá trị": ["10"]}, units=_old_and_new())
    assert alone.rows.empty
    assert any("Xã Na Ngoi" in problem for problem in alone.problems)  # the missing part
    both = _match(
        {"Tên xã": ["Nậm Càn", "Na Ngoi"], "Giá trị": ["10", "30"]},
        units=_old_and_new(),
        value_kind="percent",
    )
    moved = tables.resolve(both, {"Na Ngoi": tables.OLD + "16870"})
    [row] = moved.rows.itertuples()
    assert (row.unit_code, row.value) == ("16870", pytest.approx(25.0))  # (10·100 + 30·300)/400
    assert "dân số" in row.note and moved.moved


def test_numbers_are_parsed_once_per_distinct_text_and_names_matched_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from userdata import table_names, table_values

    calls = {"parse": 0, "match": 0}
    parse, match = table_values.parse_number, table_names.NameIndex.match

    def counting_parse(*args, **kwargs):
        calls["parse"] += 1
        return parse(*args, **kwargs)

    def counting_match(self, *args, **kwargs):
        calls["match"] += 1
        return match(self, *args, **kwargs)

    monkeypatch.setattr(table_values, "parse_number", counting_parse)
    monkeypatch.setattr(table_names.NameIndex, "match", counting_match)
    frame = pd.DataFrame(
        {"Tên xã": ["Mỹ Lý", "Na Mèo", "Hà Nội"] * 2000, "Giá trị": ["1", "2", "3", "4"] * 1500}
    )
    result = tables.apply_mapping(frame, tables.suggest_mapping(frame), units=KY_SON)
    assert calls == {"parse": 4, "match": 3}
    assert len(result.conflicts) == 2  # Mỹ Lý and Na Mèo each have two values


def test_a_code_is_certain_and_a_name_that_disagrees_with_it_is_asked() -> None:
    gazetteer = _old_and_new()
    assert tables.match_unit("", gazetteer, code="19462").status == "exact"  # no "shared"
    assert tables.match_unit("Xã Tân Lập", gazetteer, code="019462").status == "exact"
    assert tables.match_unit("Na Ngoi", gazetteer, code="19462").reasons == ("code_name",)
    assert tables.match_unit("", gazetteer, code="16873").choice == "2024:16873"
    codes_only = _match({"Mã xã": ["15013", "16816"], "Số": ["3", "5"]}, value_kind="count")
    assert codes_only.rows["unit_code"].tolist() == ["15013", "16816"]


def test_a_name_of_both_editions_can_be_said_to_be_the_old_commune() -> None:
    both = _match(
        {"Tên xã": ["Nậm Càn", "Na Ngoi"], "Giá trị": ["10", "30"]},
        units=_old_and_new(),
        value_kind="percent",
    )
    assert both.also_old == [("Na Ngoi", "2024:16870")]
    alone = _match({"Tên xã": ["Na Ngoi"], "Giá trị": ["30"]}, units=_old_and_new())
    assert alone.also_old == []  # no 2020–2025-only name: nothing to ask
