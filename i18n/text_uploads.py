"""Uploads and their checks (``userdata``): what is wrong with a file and how to fix it.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # Uploads (userdata.uploads, readers) and the import writers (userdata.apply).
    "upload.empty": ("Tệp trống.", "The file is empty."),
    "upload.too_big": (
        "Tệp quá lớn ({size} MB, tối đa {limit} MB). Hãy chia nhỏ tệp.",
        "The file is too large ({size} MB, limit {limit} MB). Split it.",
    ),
    "upload.zip_damaged": ("Tệp nén .zip bị hỏng.", "The .zip file is damaged."),
    "upload.zip_encrypted": (
        "Tệp nén có mật khẩu ({name}): hãy nén lại không đặt mật khẩu.",
        "The archive is password-protected ({name}): compress it again without a password.",
    ),
    "upload.zip_too_many": (
        "Tệp nén có quá nhiều tệp ({n}, tối đa {limit}).",
        "The archive holds too many files ({n}, limit {limit}).",
    ),
    "upload.zip_unsafe_path": (
        "Tệp nén chứa đường dẫn không an toàn: {name}",
        "The archive holds an unsafe path: {name}",
    ),
    "upload.zip_nested": (
        "Không nhận tệp nén lồng trong tệp nén ({name}): hãy giải nén trước.",
        "Nested archives are not accepted ({name}): extract it first.",
    ),
    "upload.zip_ratio": (
        "Tệp nén bung ra lớn bất thường (có thể là “bom zip”): {name}",
        "The archive expands abnormally (a possible zip bomb): {name}",
    ),
    "upload.zip_too_big": (
        "Tệp nén bung ra quá lớn (tối đa {limit} MB).",
        "The archive expands to more than the allowed {limit} MB.",
    ),
    "upload.zip_duplicate": (
        "Tệp nén có hai tệp cùng tên {name} ở hai thư mục: hãy chỉ nén một lớp.",
        "The archive holds two files named {name} in different folders: zip one layer only.",
    ),
    "upload.xlsx_damaged": (
        "Không mở được tệp Excel: tệp bị hỏng hoặc không phải .xlsx.",
        "The Excel file could not be opened: it is damaged or not an .xlsx file.",
    ),
    "upload.xlsx_macros": (
        "Tệp có macro: hãy lưu lại thành .xlsx thường (không macro).",
        "The workbook contains macros: save it as a plain .xlsx without macros.",
    ),
    "upload.xml_entities": (
        "Tệp Excel khai báo thực thể XML (DOCTYPE/ENTITY), dấu hiệu của tệp độc hại: hãy mở "
        "bằng Excel và lưu lại thành .xlsx.",
        "The Excel file declares XML entities (DOCTYPE/ENTITY), a sign of a hostile file: "
        "open it in Excel and save it again as .xlsx.",
    ),
    "upload.xml_unprotected": (
        "Máy chủ chưa cài defusedxml nên không đọc tệp Excel: hãy báo quản trị viên.",
        "The server lacks defusedxml, so Excel files are not read: tell the administrator.",
    ),
    "upload.need_source": ("Hãy ghi nguồn của dữ liệu.", "Give the source of the data."),
    "upload.unknown_kind": (
        "Loại dữ liệu nhập không rõ: {kind}",
        "Unknown import kind: {kind}",
    ),
    "upload.no_column": (
        "Tệp không có cột thuộc tính “{column}”.",
        "The file has no attribute column “{column}”.",
    ),
    "upload.no_rows": (
        "Không đối tượng nào dùng được: {reasons}",
        "No feature is usable: {reasons}",
    ),
    "upload.row_no_geometry": (
        "đối tượng {row}: không có hình học",
        "feature {row}: no geometry",
    ),
    "upload.row_wrong_geometry": (
        "đối tượng {row}: hình học {kind}, cần {expected}",
        "feature {row}: {kind} geometry, expected {expected}",
    ),
    "upload.row_no_name": ("đối tượng {row}: không có tên", "feature {row}: no name"),
    "upload.row_no_marker_number": (
        "đối tượng {row}: không đọc được số hiệu mốc trong “{text}”",
        "feature {row}: no marker number in “{text}”",
    ),
    "upload.schema": (
        "Dữ liệu nhập “{name}” không khớp cấu trúc lớp {layer}, chưa đưa lên bản đồ: {detail}",
        "The import “{name}” does not match the {layer} layer's schema and is not shown: {detail}",
    ),
}
