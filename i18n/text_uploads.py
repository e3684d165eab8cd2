"""Uploads and their checks (``userdata``): what is wrong with a file and how to fix it; also
what is wrong with a data layer (``data.error.*``, :mod:`layers`).

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
    # Tables of figures (userdata.tables): reading the file, choosing columns, row problems.
    "upload.encoding_unknown": (
        "Không đọc được bảng mã của tệp. Hãy lưu lại dưới dạng “CSV UTF-8” trong Excel.",
        "The file's text encoding is unknown. Save it again as “CSV UTF-8” in Excel.",
    ),
    "upload.not_csv": (
        "Tệp không phải là bảng văn bản (CSV): có ký tự NUL hoặc dữ liệu nhị phân. Hãy mở bằng "
        "Excel và lưu thành “CSV UTF-8”, hoặc chọn tệp .csv, .txt hoặc .xlsx.",
        "The file is not a text table (CSV): it holds NUL characters or binary data. Open it in "
        "Excel and save it as “CSV UTF-8”, or choose a .csv, .txt or .xlsx file.",
    ),
    "upload.csv_malformed": (
        "Tệp CSV bị lỗi định dạng (xuống dòng hoặc dấu ngoặc kép không khớp).",
        "The CSV is malformed (stray line breaks or unbalanced quotes).",
    ),
    "upload.header_only": (
        "Tệp chỉ có dòng tiêu đề, không có dữ liệu.",
        "The file has a header row but no data.",
    ),
    "upload.duplicate_columns": (
        "Tên cột bị trùng: {names}. Hãy đặt tên khác nhau cho mỗi cột.",
        "Duplicate column names: {names}. Give each column its own name.",
    ),
    "upload.table_format": (
        "Chỉ nhận .xlsx (Excel 2007 trở lên, không macro), .csv hoặc .txt. Hãy mở tệp bằng Excel "
        "và “Lưu thành” .xlsx.",
        "Only .xlsx (Excel 2007+, no macros), .csv or .txt is accepted. Open the file in Excel "
        "and “Save as” .xlsx.",
    ),
    # Reading table files (userdata.table_reader, ui.import_table_file): sheets, header rows,
    # big files.
    "upload.table_file": (
        "Tệp bảng: CSV, TXT (“Văn bản Unicode” của Excel) hoặc XLSX",
        "Table file: CSV, TXT (Excel's “Unicode text”) or XLSX",
    ),
    "upload.not_a_table": (
        "Tệp này là tệp {kind}, không phải bảng số liệu. Hãy chọn tệp .csv, .txt hoặc .xlsx.",
        "This is a {kind} file, not a table. Choose a .csv, .txt or .xlsx file.",
    ),
    "upload.table_too_big": (
        "Bảng quá lớn: hơn {limit} ô (số dòng × số cột). Hãy chia thành nhiều tệp nhỏ hơn (ví "
        "dụ mỗi năm hoặc mỗi tỉnh một tệp) hoặc xóa các cột không dùng, rồi tải lên từng tệp.",
        "The table is too large: more than {limit} cells (rows × columns). Split it into "
        "smaller files (e.g. one per year or province) or delete unused columns, then upload "
        "each file.",
    ),
    "upload.parse_memory": (
        "Đọc tệp này cần quá nhiều bộ nhớ (giới hạn {limit} MB cho mỗi tệp). Hãy chia thành "
        "nhiều tệp nhỏ hơn rồi tải lên từng tệp.",
        "Reading this file needs too much memory (limit {limit} MB per file). Split it into "
        "smaller files and upload each.",
    ),
    "upload.parse_timeout": (
        "Đọc tệp quá lâu (hơn {limit} giây) nên đã dừng. Hãy chia thành nhiều tệp nhỏ hơn rồi "
        "tải lên từng tệp.",
        "Reading the file took too long (over {limit} seconds) and was stopped. Split it into "
        "smaller files and upload each.",
    ),
    "upload.sheet_empty": (
        "Trang tính “{name}” trống. Hãy chọn trang tính khác ở trên.",
        "Sheet “{name}” is empty. Choose another sheet above.",
    ),
    "upload.no_such_row": (
        "Dòng {row} trống hoặc không có trong tệp. Hãy chọn dòng tiêu đề khác ở trên.",
        "Row {row} is blank or not in the file. Choose another header row above.",
    ),
    "upload.no_rows_below_header": (
        "Không có dòng số liệu nào dưới dòng tiêu đề {row}. Dòng tiêu đề là dòng khác? Hãy "
        "chọn lại ở trên.",
        "There are no data rows below header row {row}. Is the header another row? Choose it "
        "above.",
    ),
    "upload.duplicate_columns_row": (
        "Dòng tiêu đề {row} có tên cột trùng: {names}. Nếu tiêu đề là dòng khác, hãy chọn lại ở "
        "trên; nếu đúng, hãy đặt tên khác nhau cho mỗi cột.",
        "Header row {row} names two columns alike: {names}. If the header is another row, "
        "choose it above; if not, give each column its own name.",
    ),
    "upload.mojibake_repaired": (
        "Chữ trong tệp bị lỗi bảng mã (kiểu “Ã©”, “á»‡”) và đã được sửa tự động: hãy kiểm tra "
        "phần xem trước.",
        "The file's letters were garbled by a wrong encoding (like “Ã©”, “á»‡”) and have been "
        "repaired: check the preview.",
    ),
    "upload.sheet": ("Trang tính", "Sheet"),
    "upload.sheet_option": ("{name} ({rows})", "{name} ({rows})"),
    "upload.sheet_option_empty": ("{name} (trống)", "{name} (empty)"),
    "upload.count_rows": ("{n} dòng", {"one": "{n} row", "other": "{n} rows"}),
    "upload.first_rows": (
        "Các dòng đầu của tệp (số dòng như trong Excel; dòng trống đã bỏ)",
        "The file's first rows (row numbers as in Excel; blank rows left out)",
    ),
    "upload.header_row": ("Dòng tiêu đề (tên cột)", "Header row (column names)"),
    "upload.row_option": ("Dòng {row}: {cells}", "Row {row}: {cells}"),
    "upload.header_guessed": (
        "Dòng {row} được đoán là dòng tiêu đề; nếu sai, hãy chọn dòng khác.",
        "Row {row} is taken as the header row; if that is wrong, choose another.",
    ),
    "upload.reading": ("Đang đọc tệp… {percent}", "Reading the file… {percent}"),
    "upload.waiting_turn": (
        "Máy chủ đang đọc một tệp lớn khác; tệp của bạn sẽ được đọc ngay sau đó…",
        "The server is reading another large file; yours is next…",
    ),
    "upload.choose_value_column": (
        "Chưa chọn cột giá trị (số liệu).",
        "Choose the column that holds the values.",
    ),
    "upload.choose_unit_column": (
        "Chưa chọn cột tên xã hoặc mã xã.",
        "Choose the column with the commune name or code.",
    ),
    "upload.no_such_column": ("Không có cột “{column}”.", "There is no column “{column}”."),
    "upload.row_not_number": (
        "dòng {row}: “{cell}” không phải là số",
        "row {row}: “{cell}” is not a number",
    ),
    "upload.row_no_commune": ("dòng {row}: không có tên hoặc mã xã", "row {row}: no commune"),
    "upload.exact_duplicates": (
        "Bỏ {count} dòng trùng lặp hoàn toàn",
        "dropped {count} exact duplicate rows",
    ),
    "upload.conflicting_duplicates": (
        "Số liệu mâu thuẫn (cùng xã, chỉ tiêu, năm nhưng khác giá trị), chưa nhập: {names}",
        "conflicting duplicates not imported: {names}",
    ),
    # Layers (userdata.layer_reader): the file, its coordinate system, its geometries.
    "upload.zip_no_layer": (
        "Trong .zip không có lớp bản đồ (.shp, .geojson, .gpkg hoặc .kml).",
        "The .zip holds no layer (.shp, .geojson, .gpkg or .kml).",
    ),
    "upload.shapefile_parts": (
        "Shapefile thiếu tệp {missing}: hãy nén đủ .shp, .shx, .dbf (và .prj).",
        "The shapefile lacks {missing}: zip .shp, .shx, .dbf (and .prj).",
    ),
    "upload.layer_format": (
        "Chỉ nhận GeoJSON, GeoPackage, KML hoặc Shapefile nén .zip.",
        "Only GeoJSON, GeoPackage, KML or a zipped Shapefile is accepted.",
    ),
    "upload.layer_unreadable": (
        "Không đọc được lớp bản đồ: {detail}",
        "The layer could not be read: {detail}",
    ),
    "upload.layer_empty": ("Lớp không có đối tượng nào.", "The layer has no features."),
    "upload.crs_required": (
        "Tệp không cho biết hệ tọa độ (thiếu .prj). Hãy chọn hệ tọa độ của tệp.",
        "The file does not state its coordinate system (no .prj). Choose it.",
    ),
    "upload.prj_vn2000": (
        "Tệp .prj mô tả VN-2000 không kèm tham số chuyển đổi: dùng EPSG:{code} để áp dụng tham "
        "số quốc gia.",
        "The .prj describes VN-2000 without a datum shift: EPSG:{code} is used so that the "
        "national parameters apply.",
    ),
    "upload.no_geometry": ("không có hình học", "no geometry"),
    "upload.no_usable_geometry": (
        "Không đối tượng nào có hình học hợp lệ.",
        "No feature has a usable geometry.",
    ),
    "upload.outside_vietnam": (
        "Các đối tượng nằm ngoài lãnh thổ Việt Nam: kiểm tra hệ tọa độ đã chọn.{hint}",
        "The features fall outside Vietnam: check the coordinate system.{hint}",
    ),
    "upload.hint_swapped": (
        "Có vẻ kinh độ và vĩ độ bị đảo.",
        "Longitude and latitude look swapped.",
    ),
    # In English the specific hints of geo.crs.diagnose_projected are shown instead.
    "upload.hint_xy_or_zone": (
        "Có thể nhầm X/Y hoặc sai múi chiếu.",
        "X and Y may be swapped, or the zone is wrong.",
    ),
    # Saved plans and imports (userdata.store).
    "upload.plan_name_empty": ("Tên kế hoạch không được để trống.", "The plan name is empty."),
    "upload.plan_name_taken": (
        "Đã có kế hoạch tên '{name}'; chọn tên khác.",
        "A plan named '{name}' already exists; choose another name.",
    ),
    "upload.import_needs_kind_name": (
        "Dữ liệu nhập cần có loại và tên.",
        "An import needs a kind and a name.",
    ),
    # Data layers (layers): an official zoning map (layers.risk.zoning), located points.
    "data.error.zone_class": (
        "Không hiểu cấp nguy cơ '{label}' trong bản đồ phân vùng; dùng: rất cao, cao, "
        "trung bình, thấp (hoặc very_high, high, medium, low).",
        "Unknown zone class '{label}' in the zoning map; use very_high, high, medium, low "
        "(or rất cao, cao, trung bình, thấp).",
    ),
    "data.error.zoning_columns": (
        "Bản đồ phân vùng thiếu cột {missing}; cần cột zone_class và source.",
        "The zoning map lacks columns {missing}; it needs zone_class and source.",
    ),
    "data.error.zoning_crs": (
        "Bản đồ phân vùng không có hệ toạ độ; hãy lưu kèm CRS (ví dụ EPSG:4326).",
        "The zoning map has no CRS; save it with one (e.g. EPSG:4326).",
    ),
    "data.unverified_location_hint": (
        "Gợi ý vị trí chưa kiểm chứng",
        "unverified location hint",
    ),
    # Figures of 2020–2025 communes moved onto the 2025 communes (layers.crosswalk.to_2025).
    "upload.choose_kind": ("Chọn loại số liệu: số đếm hoặc tỷ lệ.", "Choose count or rate."),
    "upload.missing_parts": ("thiếu số liệu xã cũ {codes}", "no figure for old communes {codes}"),
    "upload.method_count": (
        "Cộng số liệu các xã cũ (xã bị chia theo tỷ lệ diện tích)",
        "Sum of the old communes (a split commune by area share)",
    ),
    "upload.method_rate": (
        "Bình quân các xã cũ có trọng số dân số 2019 (xã bị chia theo tỷ lệ diện tích)",
        "Mean of the old communes weighted by 2019 population (a split commune by area share)",
    ),
}
