"""The message catalogue: every word users read, in Vietnamese (first) and English.

Streamlit-free, so ``geo``, ``layers``, ``planner``, ``userdata`` and ``ui`` all take their words
from here. A key maps to ``(vi, en)``; a text may hold ``{placeholders}``. English plurals use
``{n}`` with a dict ``{"one": ..., "other": ...}`` (Vietnamese has no plural forms).

Codes from the vocabulary (:mod:`geo.vocabulary`) are shown by their labels: ``precision.<code>``,
``risk.<code>``, ``stop_kind.<kind>``.

Examples
--------
>>> message("risk.very_high", "vi"), message("risk.very_high", "en")
('rất cao', 'very high')
>>> message("no_data_count", "en", n=1)
'1 commune has no figure for the filtered indicator (not counted as matching)'
>>> message("no_data_count", "vi", n=3)
'3 xã không có số liệu cho chỉ tiêu lọc (không tính là phù hợp)'
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["vi", "en"]
VI: Lang = "vi"
EN: Lang = "en"
LANGS: tuple[Lang, ...] = (VI, EN)

Text = str | dict[str, str]
"""A text, or English plural forms ``{"one": ..., "other": ...}`` chosen by ``n``."""

MESSAGES: dict[str, tuple[Text, Text]] = {
    "app_title": ("Atlas Biên giới", "Border Atlas"),
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
        "trụ sở xã.\n"
        "- Tỷ lệ nghèo cấp xã chỉ có cho vài xã; các xã khác dùng số liệu huyện cũ (ghi rõ).\n"
        "- Đường biên giới được suy ra từ ranh giới xã, không phải đường biên chính thức.\n"
        "- Dữ liệu GADM chỉ dùng phi thương mại.",
        "- SRTM30+ terrain is very coarse (~2.2 km): relief only, never slope.\n"
        "- Nậm Cắn and Lao Bảo gates: estimated where the national road crosses the border "
        "line (a few hundred m).\n"
        "- No border marker has public coordinates: markers are shown at their gate or commune "
        "seat.\n"
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
    "risk_filter": ("Nguy cơ sạt lở", "Landslide risk"),
    "district_filter": ("Huyện cũ", "Former district"),
    "border_only": ("Chỉ xã biên giới", "Border communes only"),
    "search": (
        "Tìm xã, cửa khẩu, mốc, di tích (không cần dấu)",
        "Search communes, gates, markers, sites (diacritics optional)",
    ),
    "search_results": ("Kết quả", "Results"),
    "no_results": ("Không tìm thấy", "Nothing found"),
    "matching": ("xã phù hợp", "matching communes"),
    "of": ("trên", "of"),
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
    "border_distance": ("Khoảng cách trụ sở – biên giới (km)", "Seat to border (km)"),
    "risk": ("Nguy cơ sạt lở", "Landslide risk"),
    "risk_reasons": ("Lý do", "Reasons"),
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
    "clicked_point": ("Điểm đã bấm", "Clicked point"),
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
    "road_speed": ("Tốc độ trên quốc lộ (km/h)", "Speed on national roads (km/h)"),
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
    "export": ("Mang ra thực địa", "Take it to the field"),
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
    "indicator_name": ("Tên chỉ tiêu", "Indicator name"),
    "unit_measure": ("Đơn vị tính", "Unit of measure"),
    "default_year": ("Năm (nếu tệp không có cột năm)", "Year (if the file has no year column)"),
    "units_edition": ("Số liệu theo đơn vị", "Figures are for"),
    "value_kind": ("Loại số liệu", "Kind of figure"),
    "kind_rate": ("Tỷ lệ (bình quân theo dân số khi gộp xã)", "Rate (population-weighted)"),
    "kind_count": ("Số đếm (cộng khi gộp xã)", "Count (summed)"),
    "source_given": ("Nguồn số liệu (bắt buộc)", "Source of the figures (required)"),
    "loaded_by": ("Người nhập", "Loaded by"),
    "matched": ("{n} dòng khớp với xã", "{n} rows matched a commune"),
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
}

MESSAGES.update(
    {
        "risk.very_high": ("rất cao", "very high"),
        "risk.high": ("cao", "high"),
        "risk.medium": ("trung bình", "medium"),
        "risk.low": ("thấp", "low"),
        "risk.unknown": ("chưa rõ", "unknown"),
        "stop_kind.commune": ("xã", "commune"),
        "stop_kind.gate": ("cửa khẩu", "border gate"),
        "stop_kind.marker": ("mốc giới", "border marker"),
        "stop_kind.site": ("địa điểm", "site"),
        "stop_kind.point": ("điểm", "point"),
        "precision.surveyed": (
            "tọa độ đo đạc (nhập từ khảo sát chính thức)",
            "surveyed coordinates (imported from an official survey)",
        ),
        "precision.published": (
            "tọa độ do nguồn được trích dẫn công bố",
            "coordinates published by a cited source",
        ),
        "precision.osm_node": (
            "điểm địa danh OpenStreetMap (điểm nhãn, không phải công trình)",
            "OpenStreetMap place node (a label point, not a building)",
        ),
        "precision.road_end_estimate": (
            "ước tính từ điểm cuối quốc lộ (vài trăm mét)",
            "estimated from the end of a national road (a few hundred m)",
        ),
        "precision.road_border_crossing_estimate": (
            "nơi quốc lộ cắt đường biên giới suy ra, lùi 30 m vào Việt Nam (vài trăm mét)",
            "where a national road crosses the derived border line, moved 30 m into Vietnam "
            "(a few hundred m)",
        ),
        "precision.road_junction_estimate": (
            "ước tính từ ngã ba đường (vài trăm mét)",
            "estimated from a road junction (a few hundred m)",
        ),
        "precision.location_hint": (
            "gợi ý từ danh sách mã hóa tự động, chưa kiểm chứng (sai số km)",
            "hint from a machine-geocoded list, unverified (km)",
        ),
        "precision.at_gate": (
            "chỉ biết theo địa danh: đặt tại cửa khẩu",
            "known only by place: shown at its border gate",
        ),
        "precision.commune_seat": (
            "chỉ biết theo xã: đặt tại trụ sở xã",
            "known only by commune: shown at the commune seat",
        ),
        "precision.official_boundary": (
            "ranh giới từ cổng thông tin sắp xếp đơn vị hành chính 2025",
            "boundary from the official 2025 merger portal",
        ),
        "precision.gadm_boundary": ("ranh giới GADM 4.1 (thô)", "GADM 4.1 boundary (coarse)"),
        "precision.derived_line": (
            "suy ra từ ranh giới, không phải đường chính thức",
            "derived from boundary polygons, not an official line",
        ),
        "precision.road_few_hundred_m": (
            "tim đường, sai số vài trăm mét",
            "road centre line good to a few hundred m",
        ),
        "precision.river_coarse": ("đường sông, sai số 0,5–1 km", "river line good to 0.5–1 km"),
        "precision.commune_class": (
            "lớp cho cả xã, không phải vùng trên thực địa",
            "class for the whole commune, not a zone on the ground",
        ),
        "precision.official_zoning": (
            "vùng phân cấp chính thức do người dùng nhập",
            "official zoning polygon imported by a user",
        ),
        "precision.user_import": (
            "do người dùng nhập; độ chính xác theo người nhập",
            "imported by a user; precision as stated by the user",
        ),
        "precision.not_placed": (
            "chỉ biết theo huyện: có trong danh sách, không vẽ trên bản đồ",
            "known only by district: listed, not drawn on the map",
        ),
    }
)

MESSAGES["no_data_count"] = (  # English has plural forms
    "{n} xã không có số liệu cho chỉ tiêu lọc (không tính là phù hợp)",
    {
        "one": "{n} commune has no figure for the filtered indicator (not counted as matching)",
        "other": "{n} communes have no figure for the filtered indicator (not counted as matching)",
    },
)


def message(key: str, lang: str = "vi", /, **values: object) -> str:
    """The text ``key`` in ``lang`` with ``values`` filled in.

    Raises ``KeyError`` naming the key when it is not in the catalogue.
    """
    try:
        vi, en = MESSAGES[key]
    except KeyError:
        raise KeyError(
            f"no message {key!r} in i18n/messages.py: add it in both languages"
        ) from None
    text = vi if lang == "vi" else en
    if isinstance(text, dict):
        n = values.get("n", 0)
        text = text["one"] if n == 1 else text["other"]
    return text.format(**values) if values else text


def pair(key: str) -> tuple[str, str]:
    """``(vi, en)`` of a plain text (no plural forms), for places that show both languages."""
    vi, en = MESSAGES[key]
    if isinstance(vi, dict) or isinstance(en, dict):
        raise TypeError(f"message {key!r} has plural forms: use message(key, lang, n=...)")
    return vi, en


def risk_label(risk_class: str, lang: str) -> str:
    """The words for a risk class code (``very_high`` → "rất cao" / "very high")."""
    return message(f"risk.{risk_class}", lang)


def precision_label(precision: str, lang: str) -> str:
    """The words for a position precision code (see :data:`geo.vocabulary.PRECISIONS`)."""
    return message(f"precision.{precision}", lang)
