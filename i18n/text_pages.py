"""The pages: the map page, the field-visit planner page, the import page and the data page.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "app_title": ("Atlas Biên giới", "Border Atlas"),
    "server_error": (
        "Máy chủ không thực hiện được thao tác này; chi tiết đã ghi vào nhật ký. Hãy thử lại "
        "sau hoặc báo người quản trị.",
        "The server could not do this; the details are in its log. Try again later or tell "
        "the administrator.",
    ),
    "app_subtitle": (
        "Bản đồ ba vùng biên giới Việt – Lào: Quan Sơn, Kỳ Sơn, Hướng Hóa",
        "Map of three Vietnam–Laos border areas: Quan Sơn, Kỳ Sơn, Hướng Hóa",
    ),
    "language": ("Ngôn ngữ", "Language"),
    "page_map": ("Bản đồ", "Map"),
    "page_planner": ("Kế hoạch thực địa", "Field visits"),
    "page_import": ("Dữ liệu của bạn", "Your data"),
    "page_data": ("Nguồn dữ liệu", "Data sources"),
    "layers_heading": ("Các lớp bản đồ", "Map layers"),
    "layer": ("Lớp", "Layer"),
    "rows": ("Số đối tượng", "Features"),
    "status": ("Trạng thái", "Status"),
    "available": ("sẵn sàng", "available"),
    "unavailable": ("không dùng được", "unavailable"),
    "unavailable_layers": (
        "Một số lớp không dùng được vì thiếu hoặc sai tệp dữ liệu:",
        "Some layers are unavailable because a data file is missing or altered:",
    ),
    "inputs_heading": ("Tệp đầu vào", "Input files"),
    "file": ("Tệp", "File"),
    "licence": ("Giấy phép", "Licence"),
    "description": ("Mô tả", "Description"),
    "limits_heading": ("Giới hạn của dữ liệu", "Limits of the data"),
    "limits_text": (
        "- Địa hình SRTM30+ rất thô (~2,2 km): chỉ dùng cho độ chênh cao, không tính độ dốc.\n"
        "- Cửa khẩu Nậm Cắn và Lao Bảo: ước tính tại nơi quốc lộ cắt đường biên giới (sai số "
        "vài trăm mét).\n"
        "- Không mốc quốc giới nào có tọa độ công khai: mốc được hiển thị tại cửa khẩu hoặc "
        "điểm của xã.\n"
        "- Không có tọa độ trụ sở xã: 4 xã có điểm thị trấn nơi đặt trụ sở, 23 xã chỉ có điểm "
        "GeoNames của xã cũ mang tên trụ sở (không phải trụ sở).\n"
        "- Tỷ lệ nghèo cấp xã chỉ có cho vài xã; các xã khác dùng số liệu huyện cũ (ghi rõ).\n"
        "- Đường biên giới được suy ra từ ranh giới xã, không phải đường biên chính thức.\n"
        "- Dữ liệu GADM chỉ dùng phi thương mại.",
        "- SRTM30+ terrain is very coarse (~2.2 km): relief only, never slope.\n"
        "- Nậm Cắn and Lao Bảo gates: estimated where the national road crosses the border "
        "line (a few hundred m).\n"
        "- No border marker has public coordinates: markers are shown at their gate or their "
        "commune's point.\n"
        "- No commune office has public coordinates: 4 communes have the point of the town that "
        "holds the seat, 23 only the GeoNames point of the former commune the seat is named "
        "after (not the office).\n"
        "- Commune poverty rates exist for a few communes only; others show the former "
        "district's figure (and say so).\n"
        "- The border line is derived from commune boundaries, not the official treaty line.\n"
        "- GADM data is for non-commercial use only.",
    ),
    "area": ("Vùng", "Area"),
    "area_all": ("Cả ba vùng", "All three areas"),
    "edition": ("Đơn vị hành chính", "Administrative units"),
    "edition_2025": ("Xã từ 1/7/2025 (27)", "Communes since 1 Jul 2025 (27)"),
    "edition_2024": ("Xã 2020–2025 (54)", "Communes 2020–2025 (54)"),
    "indicator": ("Tô màu theo", "Colour by"),
    "basemap": ("Nền bản đồ", "Basemap"),
    "filters": ("Lọc", "Filter"),
    "poverty_filter_on": ("Lọc theo tỷ lệ hộ nghèo", "Filter by poverty rate"),
    "poverty_min": ("Tỷ lệ hộ nghèo từ (%)", "Poverty rate at least (%)"),
    "poverty_standard_filter": (
        "Chỉ xét tỷ lệ theo chuẩn nghèo",
        "Only rates under the poverty standard",
    ),
    "poverty_standard_any": ("mọi chuẩn (có cảnh báo)", "any standard (with a notice)"),
    "poverty_year_from": ("Chỉ xét tỷ lệ từ năm", "Only rates from the year"),
    "poverty_filter_hint": (
        "Khi giới hạn theo chuẩn hoặc năm, tỷ lệ không nêu năm không được tính là phù hợp.",
        "With a standard or year limit, a rate that states no year never counts as matching.",
    ),
    "cited_facts": (
        "Số liệu, sự kiện đã dẫn nguồn về xã và huyện cũ ({n})",
        "Cited facts about the commune and its former district ({n})",
    ),
    "no_cited_facts": ("Chưa có số liệu nào dẫn nguồn.", "No cited fact yet."),
    "cited_facts_hint": (
        "Số liệu ghi đúng như nguồn; số liệu của huyện cũ không phải số liệu riêng của xã.",
        "Figures as the source states them; a former district's figure is not the commune's own.",
    ),
    "fact_about": ("Về", "About"),
    "fact_level.commune": ("xã này", "this commune"),
    "fact_level.former_commune": (
        "xã cũ đã sáp nhập vào xã này",
        "a former commune merged into this one",
    ),
    "fact_level.former_district": ("huyện cũ {district}", "former district {district}"),
    "quote": ("Trích dẫn", "Quote"),
    "risk_filter": ("Nguy cơ sạt lở", "Landslide risk"),
    "district_filter": ("Huyện cũ", "Former district"),
    "border_only": ("Chỉ xã biên giới", "Border communes only"),
    "search": (
        "Tìm xã, cửa khẩu, mốc, di tích (không cần dấu)",
        "Search communes, gates, markers, sites (diacritics optional)",
    ),
    "search_results": ("Kết quả", "Results"),
    "no_results": ("Không tìm thấy", "Nothing found"),
    "matching_count": (
        "**{n}** xã phù hợp (trên {total})",
        {
            "one": "**{n}** matching commune (of {total})",
            "other": "**{n}** matching communes (of {total})",
        },
    ),
    "download_csv": ("Tải CSV", "Download CSV"),
    "download_xlsx": ("Tải XLSX", "Download XLSX"),
    "link": ("Đường dẫn mở lại đúng khung nhìn này", "Link that reopens this view"),
    "details": ("Thông tin", "Details"),
    "click_hint": (
        "Bấm vào một xã trên bản đồ hoặc tìm theo tên để xem thông tin.",
        "Click a commune on the map or search by name to see its details.",
    ),
    "name": ("Tên", "Name"),
    "former_district": ("Huyện cũ", "Former district"),
    "province": ("Tỉnh", "Province"),
    "population": ("Dân số", "Population"),
    "area_km2": ("Diện tích (km²)", "Area (km²)"),
    "density": ("Mật độ (người/km²)", "Density (people/km²)"),
    "border_commune": ("Xã biên giới", "Border commune"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "border_distance": (
        "Khoảng cách từ điểm của xã tới biên giới (km)",
        "Commune point to border (km)",
    ),
    "risk": ("Nguy cơ sạt lở", "Landslide risk"),
    "risk_reasons": ("Lý do", "Reasons"),
    "panel.figures": ("Các chỉ tiêu", "Figures"),
    "sources": ("Nguồn", "Sources"),
    "inside": ("Cửa khẩu, mốc, di tích trong xã", "Gates, markers and sites in the commune"),
    "value": ("Giá trị", "Value"),
    "year": ("Năm", "Year"),
    "level": ("Cấp số liệu", "Figure level"),
    "level_commune": ("số liệu của xã", "commune figure"),
    "level_district": ("số liệu huyện cũ", "former-district figure"),
    "level_none": ("không có số liệu", "no data"),
    "year_not_stated": ("không ghi năm", "year not stated"),
    "source": ("Nguồn", "Source"),
    "precision": ("Độ chính xác vị trí", "Position precision"),
    "merged_from": ("Sáp nhập từ", "Merged from"),
    "risk_method": ("Cách xếp lớp nguy cơ", "How risk classes are made"),
    "choose": ("Chọn…", "Choose…"),
    "indicator_filter_on": ("Lọc theo “{name}”", "Filter by “{name}”"),
    "indicator_min": ("Từ (≥, {unit})", "At least ({unit})"),
    "not_placed": ("Địa điểm chưa có vị trí", "Places without a position"),
    "plans_saved": ("Kế hoạch đã lưu", "Saved plans"),
    "plan_name": ("Tên kế hoạch", "Plan name"),
    "open": ("Mở", "Open"),
    "save": ("Lưu", "Save"),
    "duplicate": ("Nhân bản", "Duplicate"),
    "delete": ("Xóa", "Delete"),
    "new_plan": ("Kế hoạch mới", "New plan"),
    "saved_ok": (
        "Đã lưu kế hoạch “{name}” (phiên bản {version}).",
        "Saved “{name}” (v{version}).",
    ),
    "deleted_ok": ("Đã xóa “{name}”.", "Deleted “{name}”."),
    "no_plans": ("Chưa có kế hoạch nào được lưu.", "No saved plans yet."),
    "base": ("Điểm xuất phát", "Start from"),
    "add_stops": ("Thêm điểm dừng", "Add stops"),
    "add": ("Thêm", "Add"),
    "add_filtered": (
        "Thêm mọi xã đang khớp bộ lọc của trang Bản đồ ({n})",
        "Add every commune matching the map page filter ({n})",
    ),
    "add_point": ("Thêm điểm theo tọa độ", "Add a point by coordinates"),
    "add_clicked": ("Thêm điểm vừa bấm trên bản đồ", "Add the point clicked on the map"),
    "stops": ("Các điểm dừng", "Stops"),
    "no_stops": ("Chưa có điểm dừng nào.", "No stops yet."),
    "order": ("Thứ tự", "Order"),
    "dwell": ("Dừng (phút)", "Stay (min)"),
    "remove": ("Bỏ", "Remove"),
    "optimise": ("Sắp xếp thứ tự tối ưu", "Optimise the order"),
    "round_trip": ("Khứ hồi (quay về điểm xuất phát)", "Round trip (back to the start)"),
    "start_date": ("Ngày đi", "Start date"),
    "start_time": ("Giờ đi", "Start time"),
    "drive_hours": ("Số giờ lái xe mỗi ngày", "Driving hours per day"),
    "dwell_default": ("Thời gian dừng mặc định (phút)", "Default stay (min)"),
    "factors": ("Hệ số ước tính", "Estimate factors"),
    "road_speed": (
        "Tốc độ trên đường loại khác (km/h)",
        "Speed on roads of any other class (km/h)",
    ),
    "mountain_speed": ("Tốc độ đường núi (km/h)", "Mountain-road speed (km/h)"),
    "detour": ("Hệ số đường vòng", "Detour factor"),
    "legs": ("Các chặng", "Legs"),
    "from": ("Từ", "From"),
    "to": ("Đến", "To"),
    "km": ("km", "km"),
    "hours": ("giờ", "hours"),
    "method": ("Cách ước tính", "How estimated"),
    "days": ("Lịch theo ngày", "Day by day"),
    "day": ("Ngày", "Day"),
    "arrive": ("Đến", "Arrive"),
    "leave": ("Đi", "Leave"),
    "warnings": ("Cảnh báo", "Warnings"),
    "no_warnings": ("Không có cảnh báo.", "No warnings."),
    "field_pack": ("Gói thực địa (.zip)", "Field pack (.zip)"),
    "itinerary": ("Lịch trình in được (HTML)", "Printable itinerary (HTML)"),
    "total": ("Tổng", "Total"),
    "plan_map": ("Bản đồ chuyến đi (bấm để chọn điểm)", "Trip map (click to pick a point)"),
    "coords_kind": ("Hệ tọa độ", "Coordinate system"),
    "coords_text": ("Tọa độ", "Coordinates"),
    "coords_hint": (
        "WGS 84: 20.2969, 104.6224 hoặc 20°17′49″N 104°37′21″E · VN-2000: X=… Y=… (X là "
        "tọa độ Bắc)",
        "WGS 84: 20.2969, 104.6224 or 20°17′49″N 104°37′21″E · VN-2000: X=… Y=… (X is northing)",
    ),
    "point_name": ("Tên điểm", "Point name"),
    "point": ("Điểm", "Point"),
    "page_import_intro": (
        "Nhập số liệu, lớp bản đồ và tọa độ của đơn vị bạn. Dữ liệu được lưu trên máy chủ "
        "này, kèm người nhập, thời điểm và tên tệp.",
        "Load your unit's figures, layers and coordinates. They are kept on this server with "
        "who loaded them, when, and from which file.",
    ),
    "tab_table": ("Bảng chỉ tiêu", "Indicator table"),
    "tab_layer": ("Lớp bản đồ", "Layer"),
    "tab_coords": ("Nhập tọa độ", "Coordinates"),
    "tab_loaded": ("Đã nhập", "Loaded"),
    "upload_table": ("Tệp CSV hoặc XLSX", "CSV or XLSX file"),
    "upload_layer": (
        "GeoJSON, GeoPackage, Shapefile nén .zip hoặc KML",
        "GeoJSON, GeoPackage, zipped Shapefile or KML",
    ),
    "preview": ("Xem trước", "Preview"),
    "col_unit": ("Cột tên xã", "Commune name column"),
    "col_code": ("Cột mã xã", "Commune code column"),
    "col_value": ("Cột giá trị", "Value column"),
    "col_year": ("Cột năm", "Year column"),
    "none_option": ("(không có)", "(none)"),
    "which_indicator": ("Chỉ tiêu", "Indicator"),
    "other_indicator": ("Chỉ tiêu khác…", "Other indicator…"),
    "import.pick_indicator": (
        "Chọn chỉ tiêu của cột giá trị",
        "Choose the value column's indicator",
    ),
    "import.suggestion": (
        "Gợi ý: {name} (theo tên cột)",
        "Suggestion: {name} (from the column name)",
    ),
    "import.need_indicator": (
        "Hãy chọn chỉ tiêu của cột giá trị trước khi lưu: không chỉ tiêu nào được chọn sẵn.",
        "Choose the value column's indicator before saving: none is chosen for you.",
    ),
    "kind_indicator": ("Bảng chỉ tiêu", "Indicator table"),
    "crs_from_file": ("(theo tệp)", "(from the file)"),
    "coords_invalid": ("Tọa độ không hợp lệ", "Invalid coordinates"),
    "indicator_name": ("Tên chỉ tiêu", "Indicator name"),
    "unit_measure": ("Đơn vị tính", "Unit of measure"),
    "default_year": ("Năm (nếu tệp không có cột năm)", "Year (if the file has no year column)"),
    "units_edition": ("Số liệu theo đơn vị", "Figures are for"),
    "value_kind": ("Loại số liệu", "Kind of figure"),
    "kind_rate": ("Tỷ lệ (bình quân theo dân số khi gộp xã)", "Rate (population-weighted)"),
    "kind_count": ("Số đếm (cộng khi gộp xã)", "Count (summed)"),
    "source_given": ("Nguồn số liệu (bắt buộc)", "Source of the figures (required)"),
    "matched": (
        "{n} dòng khớp với xã",
        {"one": "{n} row matched a commune", "other": "{n} rows matched a commune"},
    ),
    "resolve": ("Chọn xã cho các tên chưa khớp", "Choose the commune for unmatched names"),
    "resolve_skip": ("(bỏ qua dòng này)", "(skip these rows)"),
    "ambiguous": ("trùng nhiều xã", "matches several communes"),
    "unknown": ("không tìm thấy", "not found"),
    "import_save": ("Lưu vào bản đồ", "Save to the map"),
    "import_saved": ("Đã lưu “{name}”.", "Saved “{name}”."),
    "need_source": ("Hãy ghi nguồn số liệu.", "Give the source of the figures."),
    "layer_kind": ("Loại lớp", "Kind of layer"),
    "kind_zoning": ("Phân vùng nguy cơ sạt lở chính thức", "Official landslide zoning"),
    "kind_markers": (
        "Mốc quốc giới có tọa độ đo đạc",
        "Border markers with surveyed coordinates",
    ),
    "kind_poi": ("Điểm quan tâm (trạm y tế…)", "Points of interest (health stations…)"),
    "col_zone_class": ("Cột cấp nguy cơ", "Risk class column"),
    "col_marker_number": ("Cột số hiệu mốc", "Marker number column"),
    "col_name": ("Cột tên", "Name column"),
    "crs_choice": ("Hệ tọa độ của tệp", "Coordinate system of the file"),
    "features_read": (
        "Đọc được {n} đối tượng (hệ tọa độ {crs}); sửa {r} hình học lỗi; bỏ {k}.",
        "Read {n} features (CRS {crs}); repaired {r} invalid geometries; rejected {k}.",
    ),
    "coords_result": ("Vị trí WGS 84", "WGS 84 position"),
    "delete_import": ("Xóa", "Delete"),
    "nothing_loaded": ("Chưa nhập dữ liệu nào.", "Nothing loaded yet."),
    "problems": ("Lưu ý khi đọc tệp", "Notes on the file"),
    "no_data_count": (  # English has plural forms
        "{n} xã không có số liệu cho chỉ tiêu lọc (không tính là phù hợp)",
        {
            "one": "{n} commune has no figure for the filtered indicator (not counted as matching)",
            "other": (
                "{n} communes have no figure for the filtered indicator (not counted as matching)"
            ),
        },
    ),  # English has plural forms
}
