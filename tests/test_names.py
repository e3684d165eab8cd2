"""Diacritic-insensitive name matching that never confuses distinct communes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from geo.names import fold, folded_key, match_name, search, strip_admin_prefix


def test_fold_examples() -> None:
    assert fold("Mường Xén") == "muong xen"
    assert fold("ĐOỌC MẠY") == "dooc may"
    assert fold("Hướng  Hóa") == fold("Huong Hoa") == "huong hoa"


def test_decomposed_and_composed_forms_match() -> None:
    composed = "Nậm Cắn"
    decomposed = "Na\u0323\u0302m Ca\u0306\u0301n"  # as Windows-1258 text stores it
    assert fold(composed) == fold(decomposed)
    assert match_name(decomposed, {"a": composed, "b": "Nậm Càn"}).ids == ("a",)


def test_prefixes_are_ignored() -> None:
    for raw in ("Xã Na Mèo", "xa na meo", "Thị trấn Na Mèo", "TT. Na Mèo", "Phường Na Mèo"):
        assert folded_key(raw) == "nameo"
    assert strip_admin_prefix("Xã Na Mèo") == "Na Mèo"
    assert match_name("Thị trấn Sơn Lư", {"15016": "Sơn Lư"}).status == "exact"


def test_nam_can_and_nam_can_are_not_confused() -> None:
    communes = {"16837": "Nậm Cắn", "16870x": "Nậm Càn", "16813": "Mường Xén"}
    assert match_name("Nậm Cắn", communes).ids == ("16837",)
    assert match_name("Nậm Càn", communes).ids == ("16870x",)
    ambiguous = match_name("nam can", communes)
    assert ambiguous.status == "ambiguous"
    assert set(ambiguous.ids) == {"16837", "16870x"}
    assert match_name("muong xen", communes).status == "folded"
    assert match_name("Hà Nội", communes).status == "unknown"


def test_search_ranks_exact_spelling_first() -> None:
    items = [("1", "Mường Típ"), ("2", "Mường Xén"), ("3", "Cửa khẩu Na Mèo")]
    assert search("muong xen", items) == ["2"]
    assert search("na meo", items) == ["3"]
    assert search("muong", items) == ["1", "2"]
    assert search("", items) == []


@given(st.text(alphabet="aăâeêioôơuưyđAĂÂĐ àáảãạằắẳẵặ", min_size=1, max_size=20))
def test_fold_is_idempotent_and_ascii_for_vietnamese(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded.isascii()
