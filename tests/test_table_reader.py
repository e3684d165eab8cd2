"""Reading table files as people have them (sheets, header rows, Excel's Unicode text), and big
uploads read once, in chunks, in a child process, one at a time, within a cap.

The reader is the page's own (:func:`userdata.table_reader.read_workbook`, then
:meth:`~userdata.table_reader.Workbook.table` with the sheet and header row chosen).
"""

from __future__ import annotations

import threading
import time

import pytest
from table_files import POVERTY_ROWS, report_workbook, unicode_text, xlsx_of_sheets

from geo.errors import UserInputError
from tests.conftest import block_outside
from userdata import table_reader, uploads

COLUMNS = ["Tên xã", "Mã xã", "Năm", "Tỷ lệ hộ nghèo (%)", "Số hộ"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    table_reader.forget_all()
    yield
    table_reader.forget_all()


def _big_csv(rows: int) -> bytes:
    lines = ["Tên xã,Mã xã,Năm,Tỷ lệ hộ nghèo"]
    lines += [f"Mường Xén,{16800 + i % 300},{2015 + i % 10},{i % 80}.5" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def test_title_row_above_the_header_does_not_win() -> None:
    """An XLSX with a merged title row: the old reader kept one column named after the title."""
    data = xlsx_of_sheets(
        {"Sheet1": [["BÁO CÁO HỘ NGHÈO 2024", None, None, None, None], [], *POVERTY_ROWS]},
        merge={"Sheet1": "A1:E1"},
    )
    frame = table_reader.read_table(data, filename="bao_cao.xlsx")
    assert list(frame.columns) == COLUMNS
    assert frame.to_dict("records")[0] == {
        "Tên xã": "Mường Xén",
        "Mã xã": "16816",
        "Năm": "2024",
        "Tỷ lệ hộ nghèo (%)": "30.02",
        "Số hộ": "1234",
    }


def test_second_sheet_is_chosen_and_can_be_changed() -> None:
    book = table_reader.read_workbook(report_workbook(), filename="bao_cao.xlsx")
    assert [sheet.name for sheet in book.sheets] == ["Ghi chú", "Số liệu", "Trống"]
    assert book.default_sheet == 1  # the first sheet with data
    data_sheet = book.sheets[1]
    assert data_sheet.header_guess == 3  # Excel's row 3, under the title and the blank row
    assert list(data_sheet.cells.index) == [1, 3, 4, 5, 6]  # the blank row 2 is left out
    table = book.table()
    assert list(table.frame.columns) == COLUMNS and len(table.frame) == 3
    assert table.sheet == "Số liệu" and table.header_row == 3
    assert table.row_numbers.tolist() == [4, 5, 6]
    with pytest.raises(UserInputError) as raised:
        book.table(2)
    assert "“Trống”" in raised.value.message("vi") and "another sheet" in raised.value.message("en")


def test_the_header_row_is_the_users_choice() -> None:
    book = table_reader.read_workbook(report_workbook(), filename="bao_cao.xlsx")
    title = book.table(1, header_row=1)
    assert list(title.frame.columns) == ["BÁO CÁO TỶ LỆ HỘ NGHÈO NĂM 2024"]
    below = book.table(1, header_row=4)
    assert list(below.frame.columns) == ["Mường Xén", "16816", "2024", "30.02", "1234"]
    with pytest.raises(UserInputError) as raised:
        book.table(1, header_row=6)
    assert "dưới dòng tiêu đề 6" in raised.value.message("vi")
    assert "Choose it above" in raised.value.message("en")
    with pytest.raises(UserInputError) as raised:
        book.table(1, header_row=2)  # blank
    assert "Row 2" in raised.value.message("en")


def test_header_choice_with_plain_rows() -> None:
    rows = [["Danh sách"], ["Tên", "Tên"], ["a", "b"]]
    assert list(table_reader.table_from_rows(rows, header_row=1).columns) == ["Danh sách"]
    with pytest.raises(UserInputError) as raised:
        table_reader.table_from_rows(rows, header_row=2)
    assert "Header row 2" in raised.value.message("en") and "trùng" in raised.value.message("vi")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_excels_unicode_text_is_read(encoding: str) -> None:
    data = unicode_text([["Báo cáo 2024"], *POVERTY_ROWS], encoding=encoding)
    frame = table_reader.read_table(data, filename="Bao cao.txt")
    assert list(frame.columns) == COLUMNS
    assert frame.iloc[1].tolist() == ["Nậm Cắn", "16837", "2024", "12.5", "876"]


def test_trailing_empty_columns_and_padded_title_rows() -> None:
    text = "Báo cáo;;;;;\n;;;;;\nTên xã;Năm;Giá trị;;;\nMỹ Lý;2024;30,5;;;\n;;;;;\n"
    frame = table_reader.read_table(text.encode("utf-8-sig"), filename="a.csv")
    assert frame.to_dict("records") == [{"Tên xã": "Mỹ Lý", "Năm": "2024", "Giá trị": "30,5"}]


def test_a_row_wider_than_the_first_ones_is_kept() -> None:
    text = "Tên xã,Năm\nMỹ Lý,2024\n" + "Na Mèo,2024\n" * 2000 + "Lao Bảo,2024,ghi chú\n"
    cells = table_reader.read_workbook(text.encode(), filename="a.csv").sheets[0].cells
    assert cells.shape == (2003, 3) and cells.iloc[-1].tolist() == ["Lao Bảo", "2024", "ghi chú"]


def _garbled(text: str) -> str:
    """``text`` as a program reading UTF-8 as Windows-1252 shows it (bytes 1252 lacks: Latin-1)."""
    out = ""
    for byte in text.encode("utf-8"):
        try:
            out += bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            out += chr(byte)
    return out


def test_garbled_encoding_is_repaired_and_said() -> None:
    garbled = _garbled("Tên xã,Tỷ lệ hộ nghèo\nĐoọc Mạy,30\n")
    assert "á»" in garbled
    book = table_reader.read_workbook(garbled.encode("utf-8"), filename="loi.csv")
    assert book.notes == ("upload.mojibake_repaired",)
    assert book.table().frame.to_dict("records") == [{"Tên xã": "Đoọc Mạy", "Tỷ lệ hộ nghèo": "30"}]


@pytest.mark.parametrize(
    ("data", "name", "english"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "bang.csv", "This is a PNG file, not a table"),
        (b"\xd0\xcf\x11\xe0" + bytes(200), "bang.csv", "Only .xlsx"),
        (b"Ten,Gia tri\nA,1\x00\x00\nB,2\n", "nul.csv", "NUL characters"),
    ],
)
def test_files_that_are_not_tables_say_what_they_are(data: bytes, name: str, english: str) -> None:
    with pytest.raises(UserInputError) as raised:
        table_reader.read_workbook(data, filename=name)
    assert english in raised.value.message("en")
    assert raised.value.message("vi") != raised.value.message("en")


def test_progress_is_reported_while_reading() -> None:
    seen: list[tuple[float, str]] = []
    table_reader.read_workbook(
        _big_csv(250_000), filename="lon.csv", progress=lambda d, s: seen.append((d, s))
    )
    reading = [done for done, stage in seen if stage == "reading"]
    assert len(reading) >= 3 and reading == sorted(reading) and reading[-1] == 1.0


def test_a_large_file_is_read_in_a_child_process_with_progress(monkeypatch) -> None:
    monkeypatch.setattr(uploads, "LARGE_PARSE_BYTES", 1000)
    calls: list[str] = []
    real = uploads.run_child
    monkeypatch.setattr(uploads, "run_child", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    seen: list[tuple[float, str]] = []
    data = _big_csv(250_000)
    book = table_reader.read_workbook(
        data, filename="lon.csv", progress=lambda d, s: seen.append((d, s))
    )
    assert calls == ["userdata.table_reader"]
    assert len([d for d, s in seen if s == "reading" and 0 < d < 1]) >= 2
    table_reader.forget_all()
    monkeypatch.setattr(uploads, "LARGE_PARSE_BYTES", 1 << 30)
    in_process = table_reader.read_workbook(data, filename="lon.csv")
    assert book.table().frame.equals(in_process.table().frame)
    assert calls == ["userdata.table_reader"]


def test_the_same_bytes_are_read_once(monkeypatch) -> None:
    parses: list[str] = []
    real = table_reader._parse
    monkeypatch.setattr(
        table_reader, "_parse", lambda data, **k: parses.append(k["filename"]) or real(data, **k)
    )
    data = report_workbook()
    first = table_reader.read_workbook(data, filename="a.xlsx")
    again = table_reader.read_workbook(data, filename="renamed.xlsx")
    assert again is first and parses == ["a.xlsx"]
    assert first.table(1, header_row=3) is again.table(1, header_row=3)  # kept per header row
    assert first.digest == table_reader.digest_of(data)


def test_the_cache_is_bounded(monkeypatch) -> None:
    monkeypatch.setattr(table_reader, "CACHE_ENTRIES", 2)
    books = [
        table_reader.read_workbook(f"a,b\n{i},2\n".encode(), filename="t.csv") for i in range(3)
    ]
    assert table_reader.read_workbook(b"a,b\n2,2\n", filename="t.csv") is books[2]
    assert table_reader.read_workbook(b"a,b\n0,2\n", filename="t.csv") is not books[0]
    monkeypatch.setattr(table_reader, "CACHE_BYTES", 10)
    table_reader.forget_all()
    one = table_reader.read_workbook(b"a,b\n1,2\n", filename="t.csv")
    assert table_reader.read_workbook(b"a,b\n1,2\n", filename="t.csv") is not one


@pytest.mark.parametrize("child", [False, True])
def test_a_table_over_the_cap_is_refused_with_the_limit(monkeypatch, child: bool) -> None:
    monkeypatch.setattr(table_reader, "MAX_CELLS", 100_000)
    if child:
        monkeypatch.setattr(uploads, "LARGE_PARSE_BYTES", 1000)
    with pytest.raises(UserInputError) as raised:
        table_reader.read_workbook(_big_csv(30_000), filename="lon.csv")
    assert "more than 100,000 cells" in raised.value.message("en")
    assert "hơn 100.000 ô" in raised.value.message("vi") and "chia" in raised.value.message("vi")


def test_an_xlsx_over_the_cap_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(table_reader, "MAX_CELLS", 50)
    data = xlsx_of_sheets({"A": POVERTY_ROWS * 5})
    with pytest.raises(UserInputError, match="more than 50 cells"):
        table_reader.read_workbook(data, filename="a.xlsx")


def test_a_child_out_of_memory_or_time_is_told_not_crashed() -> None:
    payload = (_big_csv(50_000), "lon.csv", table_reader.MAX_CELLS)
    with pytest.raises(UserInputError) as raised:
        uploads.run_child(
            "userdata.table_reader", payload, on_progress=print, memory_bytes=64 << 20
        )
    assert "64 MB" in raised.value.message("en") and "bộ nhớ" in raised.value.message("vi")
    with pytest.raises(UserInputError) as raised:
        uploads.run_child("userdata.table_reader", payload, on_progress=print, timeout_s=0.05)
    assert "took too long" in raised.value.message("en")


def test_one_large_parse_at_a_time(monkeypatch) -> None:
    monkeypatch.setattr(uploads, "LARGE_PARSE_BYTES", 1000)
    running = {"now": 0, "most": 0}
    real = uploads.run_child

    def counted(*args, **kwargs):
        running["now"] += 1
        running["most"] = max(running["most"], running["now"])
        time.sleep(0.3)
        try:
            return real(*args, **kwargs)
        finally:
            running["now"] -= 1

    monkeypatch.setattr(uploads, "run_child", counted)
    stages: dict[int, list[str]] = {0: [], 1: []}

    def read(i: int) -> None:
        table_reader.read_workbook(
            _big_csv(20_000 + i), filename="x.csv", progress=lambda d, s: stages[i].append(s)
        )

    threads = [threading.Thread(target=read, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
        time.sleep(0.1)
    for thread in threads:
        thread.join()
    assert running["most"] == 1
    assert "waiting" in stages[1] and "waiting" not in stages[0]


def test_the_upload_handed_on_carries_the_digest() -> None:
    from ui.import_table_file import UploadedTable

    assert "digest" in UploadedTable.__dataclass_fields__


# Through the real page -------------------------------------------------------------------------


def _upload(browser, app_url: str, path, viewport: dict):
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    block_outside(page, app_url)
    page.goto(f"{app_url}/du-lieu-cua-ban")
    page.locator('input[type="file"]').first.set_input_files(str(path))
    return context, page


def _wait_for_value(page, key: str, value: str) -> None:
    """Wait until the select box whose key starts with ``key`` shows ``value`` (in its input)."""
    page.wait_for_function(
        """([key, value]) => [...document.querySelectorAll(`[class*="st-key-${key}"] input`)]
            .some(input => input.value === value)""",
        arg=[key, value],
        timeout=30_000,
    )


def _choose(page, box, option: str) -> None:
    box.scroll_into_view_if_needed()
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("viewport", "name"),
    [({"width": 1400, "height": 1000}, "desktop"), ({"width": 390, "height": 844}, "phone")],
)
def test_page_reads_unicode_text_and_a_report_workbook(
    browser, app_url, artifacts, tmp_path, viewport: dict, name: str
) -> None:
    """Excel's Unicode text is taken by the uploader (it was refused in English); a report's
    second sheet and its header under a title row are proposed, and can be changed."""
    text = tmp_path / "Bao cao.txt"
    text.write_bytes(unicode_text([["Báo cáo 2024"], *POVERTY_ROWS]))
    context, page = _upload(browser, app_url, text, viewport)
    try:
        page.get_by_text("Dòng 2 được đoán là dòng tiêu đề").wait_for(timeout=60_000)
        preview = page.locator('[data-testid="stDataFrame"]').last
        preview.wait_for(timeout=30_000)
        assert page.get_by_text("not allowed").count() == 0
        page.screenshot(path=str(artifacts / f"table_reader_txt_{name}.png"), full_page=True)

        book = tmp_path / "bao_cao.xlsx"
        book.write_bytes(report_workbook())
        page.locator('input[type="file"]').first.set_input_files(str(book))
        page.get_by_text("Dòng 3 được đoán là dòng tiêu đề").wait_for(timeout=60_000)
        boxes = page.locator('[data-testid="stSelectbox"]')
        _wait_for_value(page, "u_sheet_", "Số liệu (5 dòng)")
        _wait_for_value(page, "u_header_", "Dòng 3: Tên xã | Mã xã | Năm | Tỷ lệ hộ nghèo (%)")
        boxes.filter(has_text="Trang tính").first.scroll_into_view_if_needed()  # for the picture
        page.screenshot(path=str(artifacts / f"table_reader_xlsx_{name}.png"), full_page=True)
        # the user takes the title as the header: said, with the way back
        _choose(
            page, page.locator('[class*="st-key-u_header_"] input[value^="Dòng 3:"]'), "Dòng 1:"
        )
        page.get_by_text("Dòng 3 được đoán", exact=False).wait_for(state="detached", timeout=30_000)
        preview = page.locator('[data-testid="stDataFrame"]').last
        title = preview.locator('th[role="columnheader"]', has_text="BÁO CÁO TỶ LỆ HỘ NGHÈO")
        title.first.wait_for(state="attached", timeout=30_000)  # the grid's own header cell
        # an empty sheet chosen: told so
        _choose(page, page.locator('[class*="st-key-u_sheet_"] input').first, "Trống (trống)")
        page.get_by_text("Trang tính “Trống” trống").wait_for(timeout=30_000)
        page.screenshot(path=str(artifacts / f"table_reader_empty_sheet_{name}.png"))
    finally:
        context.close()
