"""Bad-input cases for indicator tables: values and names (see :mod:`tests.bad_input`).

Each check reads a generated CSV with the reader the page uses, guesses the columns as the page
does, matches it with :func:`userdata.tables.apply_mapping` against the gazetteer the page
builds (:func:`userdata.table_names.build_gazetteer`, with the names of communes elsewhere in
Vietnam), applies answers with :func:`userdata.tables.resolve`, and asserts what the user gets:
rows refused with their rule, questions asked, matches waiting for a confirmation, the save
blocked or not. Stored text is read back from a real store.
"""

from __future__ import annotations

import json

import pandas as pd

from geo.catalogue import Catalogue
from i18n.messages import message
from layers import crosswalk
from layers.registry import Atlas
from planner.schedule import overnight_places
from tests.bad_input import Case
from userdata import apply, table_names, table_reader, tables
from userdata.store import Store

_GAZETTEERS: dict[tuple[int, str], tables.Gazetteer] = {}


def page_gazetteer(atlas: Atlas, edition: str) -> tables.Gazetteer:
    """The gazetteer the page builds for ``edition`` (``ui.import_table.gazetteer``), kept."""
    key = (id(atlas), edition)
    if key not in _GAZETTEERS:
        catalogue = Catalogue.load()
        old, new = atlas.get("communes_2024"), atlas.get("communes_2025")
        elsewhere = table_names.names_elsewhere(
            vietnam=overnight_places(catalogue),
            census=pd.read_csv(catalogue.path("census_2019"), dtype=str),
            communes_2025=new,
            communes_2024=old,
        )
        weights = crosswalk.transfer_weights(
            catalogue=catalogue, communes_2024=old, communes_2025=new
        )
        own, other = (new, old) if edition == "2025" else (old, new)
        _GAZETTEERS[key] = table_names.build_gazetteer(
            own, other, edition=edition, weights=weights, elsewhere=elsewhere
        )
    return _GAZETTEERS[key]


def page_result(
    atlas: Atlas,
    text: str,
    *,
    kind: str = "percent",
    edition: str = "2025",
    separators: dict[str, str] | None = None,
) -> tables.ImportResult:
    """``text`` (a CSV) read, mapped and matched as the page does, with no answer given yet."""
    frame = table_reader.read_table(text.encode("utf-8"), filename="bang.csv")
    return tables.apply_mapping(
        frame,
        tables.suggest_mapping(frame),
        units=page_gazetteer(atlas, edition),
        indicator_name="Chỉ tiêu thử",
        default_year=2024,
        value_kind=kind,
        separators=separators,
    )


def _rules(result: tables.ImportResult) -> dict[int, str]:
    return dict(zip(result.rejected["row"], result.rejected["rule"], strict=True))


def _both(key: str) -> None:
    """The rule has words in both languages (the page shows them)."""
    assert message(key, "vi") and message(key, "en") and message(key, "vi") != message(key, "en")


def _negative_rate(atlas: Atlas) -> None:
    result = page_result(atlas, "Tên xã,Tỷ lệ hộ nghèo\nNa Mèo,-5\nMỹ Lý,30\n")
    assert _rules(result) == {2: "tables.rule_percent"}, result.rejected
    assert "15013" not in set(result.rows["unit_code"])
    _both("tables.rule_percent")


def _rate_above_100(atlas: Atlas) -> None:
    result = page_result(atlas, "Tên xã,Tỷ lệ hộ nghèo\nNa Mèo,140\nMỹ Lý,30\n")
    assert _rules(result) == {2: "tables.rule_percent"}
    assert result.rows["value"].tolist() == [30.0]


def _household_count_1234(atlas: Atlas) -> None:
    result = page_result(atlas, "Tên xã,Số hộ\nMỹ Lý,1.234\nNa Mèo,2000\n", kind="count")
    assert [q.column for q in result.questions] == ["Số hộ"]
    assert "tables.block_questions" in result.blockers()
    assert result.rows["value"].tolist() == [2000.0]  # 1.234 held, never stored as 1.234
    answered = page_result(
        atlas, "Tên xã,Số hộ\nMỹ Lý,1.234\nNa Mèo,2000\n", kind="count", separators={"Số hộ": "vn"}
    )
    assert sorted(answered.rows["value"]) == [1234.0, 2000.0] and not answered.questions
    decimal = page_result(
        atlas, "Tên xã,Số hộ\nMỹ Lý,1.234\n", kind="count", separators={"Số hộ": "en"}
    )
    assert _rules(decimal) == {2: "tables.rule_count"}


def _comma_or_dot(atlas: Atlas) -> None:
    # "12,5" shows Vietnamese writing, so "12.500" in the same column is twelve thousand five
    # hundred; a column of "12.500" alone says nothing and is asked.
    shown = page_result(atlas, 'Tên xã,Số hộ\nMỹ Lý,"12,5"\nNa Mèo,12.500\n', kind="amount")
    assert dict(zip(shown.rows["unit_code"], shown.rows["value"], strict=True)) == {
        "16816": 12.5,
        "15013": 12500.0,
    }
    alone = page_result(atlas, "Tên xã,Số hộ\nNa Mèo,12.500\n", kind="amount")
    assert alone.questions and alone.rows.empty


def _text_value(atlas: Atlas) -> None:
    result = page_result(atlas, "Tên xã,Tỷ lệ hộ nghèo\nNa Mèo,khoảng ba mươi\n")
    assert _rules(result) == {2: "tables.rule_not_number"}
    assert result.rows.empty and result.blockers() == ["tables.block_no_rows"]


def _duplicated_unit(atlas: Atlas) -> None:
    text = "Tên xã,Năm,Tỷ lệ hộ nghèo\nMỹ Lý,2024,30\nMỹ Lý,2024,35\nNa Mèo,2024,20\n"
    result = page_result(atlas, text)
    [conflict] = result.conflicts
    assert [(rows, value) for _, rows, value, _ in conflict.options] == [("2", 30.0), ("3", 35.0)]
    assert result.rows["unit_code"].tolist() == ["15013"]
    assert "tables.block_conflicts" in result.blockers()
    kept = tables.resolve(result, {}, keep={conflict.key: "3"})
    assert sorted(kept.rows["value"]) == [20.0, 35.0] and not kept.blockers()


def _exact_duplicates(atlas: Atlas) -> None:
    result = page_result(atlas, "Tên xã,Tỷ lệ hộ nghèo\nMỹ Lý,30\nMỹ Lý,30\n")
    assert result.rows["value"].tolist() == [30.0] and not result.conflicts
    assert any("trùng lặp" in p and "duplicate" in p for p in result.problems)


def _all_invalid(atlas: Atlas) -> None:
    result = page_result(atlas, "Tên xã,Tỷ lệ hộ nghèo\nNa Mèo,-1\nMỹ Lý,x\nKeng Đu,\n")
    assert result.rows.empty and len(result.rejected) == 3
    assert result.blockers() == ["tables.block_no_rows"]


def _tan_lap(atlas: Atlas) -> None:
    result = page_result(atlas, "Tên xã,Tỷ lệ hộ nghèo\nTân Lập,20\n")
    [item] = result.to_confirm
    assert (item.choice, item.reasons) == ("19462", ("shared",))
    assert result.rows.empty and "tables.block_confirm" in result.blockers()
    confirmed = tables.resolve(result, {}, confirmed={"Tân Lập"})
    assert confirmed.rows["unit_code"].tolist() == ["19462"] and not confirmed.blockers()
    province = page_result(atlas, "Tỉnh,Tên xã,Tỷ lệ hộ nghèo\nQuảng Trị,Tân Lập,20\n")
    assert province.rows["unit_code"].tolist() == ["19462"] and not province.to_confirm
    elsewhere = page_result(atlas, "Tỉnh,Tên xã,Tỷ lệ hộ nghèo\nTây Ninh,Tân Lập,20\n")
    assert elsewhere.rows.empty and [u.status for u in elsewhere.unmatched] == ["unknown"]


def _nam_can_2025(atlas: Atlas) -> None:
    result = page_result(atlas, "Tên xã,Tỷ lệ hộ nghèo\nNậm Càn,20\n")
    assert "16837" not in set(result.rows["unit_code"])  # never Nậm Cắn
    assert result.rows.empty
    assert any("Nậm Càn" in p and "Na Ngoi" in p for p in result.problems)
    both = page_result(atlas, "Tên xã,Tỷ lệ hộ nghèo\nNậm Càn,20\nNa Ngoi,40\n")
    moved = tables.resolve(both, {"Na Ngoi": tables.OLD + "16870"})
    [row] = moved.rows.itertuples()
    assert row.unit_code == "16870" and 20 < row.value < 40 and "dân số" in row.note


def _nam_can_plain(atlas: Atlas) -> None:
    for edition in ("2025", "2024"):
        result = page_result(atlas, "Tên xã,Tỷ lệ hộ nghèo\nNam Can,20\n", edition=edition)
        [item] = result.unmatched
        codes = {code.removeprefix(tables.OLD) for code, _ in item.candidates}
        assert item.status == "ambiguous" and codes == {"16837", "16873"}, item
        assert "tables.block_choose" in result.blockers()


def _prefixes(atlas: Atlas) -> None:
    text = "Tên xã,Tỷ lệ hộ nghèo\nXã Mỹ Lý,30\nPhường Na Mèo,20\nxã bắc lý,10\n"
    result = page_result(atlas, text)
    assert result.rows["unit_code"].tolist() == ["16816"]
    reasons = {item.name: item.reasons for item in result.to_confirm}
    assert reasons["Phường Na Mèo"] == ("prefix",) and reasons["xã bắc lý"][0] == "case"
    old = page_result(atlas, "Tên xã,Tỷ lệ hộ nghèo\nThị trấn Mường Xén,30\n", edition="2024")
    assert old.rows["unit_code"].tolist() == ["16813"] and not old.to_confirm


def _markdown_name(atlas: Atlas, store: Store) -> None:
    name = "![x](http://evil.example/x.png) **Na Mèo**"
    result = page_result(atlas, f"Tên xã,Tỷ lệ hộ nghèo\n{name},20\n")
    assert [(u.name, u.status) for u in result.unmatched] == [(name, "unknown")]
    chosen = tables.resolve(result, {name: "15013"})
    _save_and_read_back(store, chosen, name)


def _formula_name(atlas: Atlas, store: Store) -> None:
    name = '=HYPERLINK("http://evil.example/?x=1","Na Mèo")'
    quoted = '"' + name.replace('"', '""') + '"'
    result = page_result(atlas, f"Tên xã,Tỷ lệ hộ nghèo\n{quoted},20\n")
    assert [(u.name, u.status) for u in result.unmatched] == [(name, "unknown")]
    chosen = tables.resolve(result, {name: "15013"})
    _save_and_read_back(store, chosen, name)


def _save_and_read_back(store: Store, result: tables.ImportResult, name: str) -> None:
    """Saved as the page saves; the name comes back as the very text of the file."""
    import_id = apply.save_indicator(
        store,
        rows=result.rows,
        key="u_thu",
        label="Thử",
        unit="%",
        edition="2025",
        source="test",
        kind="rate",
        filename="bang.csv",
    )
    [stored] = json.loads(store.get_import(import_id)["body"])
    assert stored["unit_name_input"] == name and stored["unit_code"] == "15013"


CASES: list[Case] = [
    Case("rate_minus_5", "a poverty rate of −5 %", "row refused: rates are 0–100", _negative_rate),
    Case("rate_140", "a poverty rate of 140 %", "row refused: rates are 0–100", _rate_above_100),
    Case(
        "count_1.234",
        "a household count written 1.234",
        "asked: 1234 or 1.234; never stored as 1.234",
        _household_count_1234,
    ),
    Case(
        "comma_or_dot",
        "12,5 beside 12.500; 12.500 alone",
        "the column's 12,5 decides; alone it is asked",
        _comma_or_dot,
    ),
    Case("text_value", "a value written in words", "row refused, nothing saved", _text_value),
    Case(
        "duplicate_unit",
        "one commune twice with different values",
        "shown side by side; saved only after the user picks",
        _duplicated_unit,
    ),
    Case("exact_duplicates", "one row twice", "collapsed with a notice", _exact_duplicates),
    Case("all_invalid", "no valid row", "save disabled with the reason", _all_invalid),
    Case(
        "tan_lap",
        "Tân Lập, a name several provinces share",
        "waits for confirmation unless a province column says Quảng Trị",
        _tan_lap,
    ),
    Case(
        "nam_can_2025",
        "Nậm Càn (merged into Na Ngoi) with the 2025 edition",
        "never Nậm Cắn; moved through the crosswalk only with all parts",
        _nam_can_2025,
    ),
    Case(
        "nam_can_plain",
        "Nam Can without diacritics",
        "ambiguous (Nậm Cắn or Nậm Càn) in both editions: the user chooses",
        _nam_can_plain,
    ),
    Case(
        "prefixes",
        "Xã / Phường / Thị trấn prefixes and case",
        "same type matches; another type or case waits for confirmation",
        _prefixes,
    ),
    Case(
        "markdown_name",
        "a name holding Markdown (an image link)",
        "listed as unknown; once chosen, stored as the same text",
        _markdown_name,
    ),
    Case(
        "formula_name",
        "a name that is a =HYPERLINK(…) formula",
        "stored as text, never evaluated",
        _formula_name,
    ),
]
