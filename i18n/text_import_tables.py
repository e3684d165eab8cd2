"""Indicator tables users import (:mod:`userdata.tables`, :mod:`ui.import_table`): reading,
separators, ranges, names, duplicates.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # Kinds of values (userdata.tables.VALUE_KINDS) and the rules a row can break.
    "tables.kind": ("Loại giá trị", "Kind of value"),
    "tables.kind_percent": (
        "Tỷ lệ phần trăm (0–100 %; bình quân theo dân số khi gộp xã)",
        "Percentage (0–100%; population-weighted when communes merge)",
    ),
    "tables.kind_count": (
        "Số đếm (số nguyên không âm; cộng lại khi gộp xã)",
        "Count (whole, not negative; summed when communes merge)",
    ),
    "tables.kind_amount": (
        "Số tiền bình quân, ví dụ thu nhập/người (lớn hơn 0; bình quân theo dân số khi gộp xã)",
        "Amount per person, e.g. income (above 0; population-weighted when communes merge)",
    ),
    "tables.kind_fixed": (
        "Loại giá trị của chỉ tiêu này: {kind}",
        "This indicator's kind of value: {kind}",
    ),
    "tables.rule_missing": ("ô trống: không có số liệu", "empty cell: no figure"),
    "tables.rule_not_number": ("không phải là số", "not a number"),
    "tables.rule_ambiguous": (
        "chưa rõ dấu phân cách (hãy trả lời câu hỏi ở trên)",
        "separator not yet known (answer the question above)",
    ),
    "tables.rule_year": (
        "năm không hợp lệ (phải là số nguyên từ 1900 đến 2100)",
        "not a valid year (a whole number from 1900 to 2100)",
    ),
    "tables.rule_percent": (
        "tỷ lệ phải từ 0 đến 100 %",
        "a percentage must be from 0 to 100",
    ),
    "tables.rule_count": (
        "số đếm phải là số nguyên không âm",
        "a count must be a whole number, not negative",
    ),
    "tables.rule_amount": ("số tiền phải lớn hơn 0", "an amount must be above 0"),
    "tables.rule_no_commune": ("không có tên hoặc mã xã", "no commune name or code"),
    # Separators
    "tables.question": (
        "Cột “{column}” có {n} dòng viết như “{examples}”: dấu chấm hay dấu phẩy ở đây là gì?",
        "Column “{column}” has {n} rows written like “{examples}”: what is the separator?",
    ),
    "tables.answer_vn": (
        "{example} = {thousands} (dấu chấm phân cách hàng nghìn, kiểu Việt Nam)",
        "{example} = {thousands} (a thousands separator, Vietnamese style)",
    ),
    "tables.answer_en": (
        "{example} = {decimal} (dấu thập phân, kiểu tiếng Anh)",
        "{example} = {decimal} (a decimal mark, English style)",
    ),
    # Names
    "tables.why_diacritics": ("dấu thanh/dấu chữ khác", "diacritics differ"),
    "tables.why_case": ("chữ hoa/thường khác", "upper/lower case differs"),
    "tables.why_spelling": ("cách viết khác", "spelling differs"),
    "tables.why_prefix": ("loại đơn vị (Xã/Phường/Thị trấn) khác", "Xã/Phường/Thị trấn differs"),
    "tables.why_shared": (
        "tên trùng với xã ở tỉnh khác, tệp không có cột tỉnh",
        "name shared with communes in other provinces; the file has no province column",
    ),
    "tables.why_code_name": ("mã xã và tên xã không khớp nhau", "the code and the name disagree"),
    "tables.hint_other_edition": (
        "tên của xã thuộc bộ đơn vị kia: hãy chọn đúng bộ đơn vị",
        "a commune of the other edition: choose the right edition",
    ),
    "tables.unknown_names": (
        "{n} tên không thuộc ba vùng (bỏ qua, trừ khi bạn chọn xã cho tên đó):",
        {
            "one": "{n} name is not in the three areas (skipped unless you choose a commune):",
            "other": "{n} names are not in the three areas (skipped unless you choose a commune):",
        },
    ),
    "tables.choose_title": (
        "Tên khớp với nhiều xã: hãy chọn xã đúng (hoặc bỏ qua)",
        "Names that match several communes: choose the right one (or skip)",
    ),
    "tables.choose_placeholder": ("Chọn xã…", "Choose the commune…"),
    "tables.name_rows": (
        "“{name}” ({n} dòng)",
        {"one": "“{name}” ({n} row)", "other": "“{name}” ({n} rows)"},
    ),
    "tables.confirm_title": (
        "Các tên khớp không hoàn toàn: hãy xác nhận hoặc bỏ trước khi lưu",
        "Matches that are not exact: confirm or drop them before saving",
    ),
    "tables.confirm_all": ("Xác nhận tất cả các tên trong danh sách", "Confirm every name listed"),
    "tables.confirm_one": ("Xác nhận", "Confirm"),
    "tables.drop_one": ("Bỏ các dòng này", "Drop these rows"),
    "tables.col_name": ("Tên trong tệp", "Name in the file"),
    "tables.col_commune": ("Xã", "Commune"),
    "tables.col_why": ("Vì sao cần xác nhận", "Why it needs confirming"),
    "tables.col_rows": ("Số dòng", "Rows"),
    "tables.col_note": ("Ghi chú", "Note"),
    "tables.old_names_hint": (
        "{n} tên trong tệp là xã giai đoạn 2020–2025 (ví dụ “{example}”). Nếu cả tệp là số liệu "
        "của các xã 2020–2025, hãy chọn bộ đơn vị “Xã 2020–2025”.",
        {
            "one": "{n} name of the file is a 2020–2025 commune (“{example}”). If the whole file "
            "is for the 2020–2025 communes, choose the “Communes 2020–2025” edition.",
            "other": "{n} names of the file are 2020–2025 communes (e.g. “{example}”). If the "
            "whole file is for the 2020–2025 communes, choose the “Communes 2020–2025” edition.",
        },
    ),
    "tables.also_old": (
        "Tên nào trong tệp là xã 2020–2025 (chưa sáp nhập) chứ không phải xã cùng tên từ 2025?",
        "Which names of the file are 2020–2025 communes, not the 2025 commune of that name?",
    ),
    "tables.moved": (
        "“{names}” (dòng {rows}) là xã 2020–2025, chuyển sang xã {commune}",
        "“{names}” (rows {rows}) are 2020–2025 communes, moved onto {commune}",
    ),
    "tables.not_moved": (
        "“{names}” là xã 2020–2025, thuộc xã {commune} từ 2025; không chuyển được vì tệp "
        "thiếu số liệu của: {missing}",
        "“{names}” is a 2020–2025 commune, part of {commune} since 2025; not moved because the "
        "file has no figure for: {missing}",
    ),
    # Duplicates
    "tables.conflicts_title": (
        "Cùng xã, chỉ tiêu và năm nhưng khác giá trị: hãy chọn giá trị giữ lại",
        "Same commune, indicator and year with different values: choose the one to keep",
    ),
    "tables.conflict_label": ("{commune} · {year}", "{commune} · {year}"),
    "tables.conflict_option": (
        "{value} (dòng {rows}: “{name}”)",
        "{value} (row {rows}: “{name}”)",
    ),
    "tables.conflict_drop": ("Không giữ giá trị nào", "Keep none"),
    "tables.conflicts_drop_all": (
        "Không giữ giá trị nào cho mọi cặp chưa chọn",
        "Keep none for every pair not yet chosen",
    ),
    # Rejected rows, the banner and the save
    "tables.rejected_title": (
        "{n} dòng bị loại, kèm lý do:",
        {
            "one": "{n} row rejected, with the reason:",
            "other": "{n} rows rejected, with the reason:",
        },
    ),
    "tables.rejected_more": (
        "Chỉ hiện {shown} dòng đầu; tổng theo lý do: {totals}",
        "Only the first {shown} shown; totals by reason: {totals}",
    ),
    "tables.col_row": ("Dòng", "Row"),
    "tables.col_year": ("Năm", "Year"),
    "tables.col_province": ("Cột tỉnh (nếu có)", "Province column (if any)"),
    "tables.col_column": ("Cột", "Column"),
    "tables.col_cell": ("Ô", "Cell"),
    "tables.col_rule": ("Lý do", "Reason"),
    "tables.ready": (
        "{n} dòng hợp lệ sẽ được lưu",
        {"one": "{n} valid row will be saved", "other": "{n} valid rows will be saved"},
    ),
    "tables.held": (
        "{n} dòng đang chờ bạn trả lời (xem ở trên)",
        {
            "one": "{n} row waits for your answer (above)",
            "other": "{n} rows wait for your answer (above)",
        },
    ),
    "tables.block_questions": (
        "Chưa trả lời câu hỏi về dấu phân cách.",
        "The separator question is not answered.",
    ),
    "tables.block_choose": (
        "Còn tên khớp với nhiều xã chưa được chọn.",
        "Some names that match several communes are not chosen.",
    ),
    "tables.block_confirm": (
        "Còn tên khớp không hoàn toàn chưa được xác nhận hoặc bỏ.",
        "Some matches that are not exact are neither confirmed nor dropped.",
    ),
    "tables.block_conflicts": (
        "Còn số liệu trùng khác giá trị chưa được chọn.",
        "Some duplicates with different values are not chosen.",
    ),
    "tables.block_no_rows": (
        "Không có dòng hợp lệ nào để lưu.",
        "There is no valid row to save.",
    ),
    "tables.block_indicator": (
        "Chưa chọn chỉ tiêu của cột giá trị.",
        "The value column's indicator is not chosen.",
    ),
    "tables.block_name": ("Chưa đặt tên chỉ tiêu.", "The indicator has no name."),
    "tables.cannot_save": ("Chưa lưu được:", "Cannot save yet:"),
    "tables.working": ("Đang đối chiếu bảng với các xã…", "Matching the table to the communes…"),
}
