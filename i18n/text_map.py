"""The web map (``ui.webmap``): legend, tooltips, popups, layer control.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # The web map (ui.webmap): legend, tooltips, popups, layer control.
    "map.no_data": ("không có số liệu", "no data"),
    "map.year": ("năm", "year"),
    "map.year_unknown": ("năm không rõ", "year not stated"),
    "map.unknown": ("không rõ", "not stated"),
    "map.level_commune": ("số liệu cấp xã", "commune-level figure"),
    "map.level_district": ("số liệu cấp huyện cũ", "former-district figure"),
    "map.level_province": ("số liệu cấp tỉnh", "province-level figure"),
    "map.solid": ("Tô đặc: số liệu của chính xã", "Solid: the commune's own figure"),
    "map.hatched": (
        "Gạch chéo, viền đứt: số liệu của cả huyện cũ (hoặc tỉnh), không riêng của xã",
        "Hatched, dashed outline: a whole former-district (or province) figure, "
        "not the commune's own",
    ),
    "map.dimmed": ("Mờ: không khớp bộ lọc", "Faded: does not match the filters"),
    "map.merged_unchanged": ("giữ nguyên, không sáp nhập", "unchanged, not merged"),
    "map.not_one_series": (
        "⚠ Khác chuẩn nghèo, khác năm hoặc chưa rõ: không xếp hạng chung",
        "⚠ Different or unstated standards or years: not one ranking",
    ),
    "map.commune_layer": ("Xã", "Communes"),
    "map.cursor": (
        "Di chuột hoặc chạm vào bản đồ để xem tọa độ",
        "Move over or tap the map to read coordinates",
    ),
    "map.measure": (
        "Đo khoảng cách: bấm các điểm; bấm lại nút để xóa",
        "Measure a distance: click points; click the button again to clear",
    ),
    "map.approximate": ("vị trí gần đúng", "approximate position"),
    "map.derived_border": (
        "Suy ra từ ranh giới xã, không phải đường biên giới chính thức",
        "Derived from commune boundaries, not the official boundary line",
    ),
    "map.marker_number": ("Mốc {number}", "Marker {number}"),
    "map.basemap.osm": ("OpenStreetMap", "OpenStreetMap"),
    "map.basemap.topo": ("OpenTopoMap (địa hình)", "OpenTopoMap (relief)"),
    "map.basemap.satellite": ("Ảnh vệ tinh (Esri)", "Satellite (Esri)"),
    "map.basemap.none": ("Không có nền", "No basemap"),
    "map.overlay.border": (
        "Đường biên giới (suy ra, không chính thức)",
        "Border line (derived, not official)",
    ),
    "map.overlay.gates": ("Cửa khẩu", "Border gates"),
    "map.overlay.markers": (
        "Mốc quốc giới (vị trí gần đúng)",
        "Border markers (approximate places)",
    ),
    "map.overlay.risk": ("Vùng nguy cơ sạt lở – lũ quét", "Landslide / flash-flood risk zones"),
    "map.overlay.sites": ("Du lịch, di tích", "Tourism and heritage sites"),
    "map.overlay.roads": ("Quốc lộ", "National roads"),
    "map.overlay.rivers": ("Sông suối", "Rivers"),
    # Column labels in popups (map.field.<column>); other columns show their own name.
    "map.field.code": ("Mã", "Code"),
    "map.field.name": ("Tên", "Name"),
    "map.field.former_district": ("Huyện cũ", "Former district"),
    "map.field.province": ("Tỉnh", "Province"),
    "map.field.population_2025": ("Dân số 2025", "Population 2025"),
    "map.field.population_2019": ("Dân số 2019", "Population 2019"),
    "map.field.area_km2": ("Diện tích (km²)", "Area (km²)"),
    "map.field.density": ("Mật độ (người/km²)", "Density (people/km²)"),
    "map.field.is_border": ("Xã biên giới", "Border commune"),
    "map.field.border_distance_km": (
        "Điểm của xã – biên giới (km)",
        "Commune point to border (km)",
    ),
    "map.field.seat_name": ("Trụ sở", "Seat"),
    "map.field.merged_from": ("Sáp nhập từ", "Merged from"),
    "map.field.risk_class": ("Nguy cơ sạt lở – lũ quét", "Landslide / flash-flood risk"),
    "map.field.risk_reasons": ("Lý do", "Reasons"),
    "map.field.risk_reasons_en": ("Lý do", "Reasons"),
    "map.field.category": ("Loại", "Category"),
    "map.field.commune_code": ("Mã xã", "Commune code"),
    "map.field.precision": ("Độ chính xác", "Precision"),
    "map.field.method": ("Cách định vị", "Placed by"),
    "map.field.confidence": ("Độ tin cậy", "Confidence"),
    "map.field.placement_basis": ("Căn cứ vị trí", "Placement basis"),
    "map.field.marker_number": ("Số mốc", "Marker number"),
    "map.field.length_km": ("Chiều dài (km)", "Length (km)"),
    "map.field.road_class": ("Cấp đường", "Road class"),
    "map.field.caveat": ("Lưu ý", "Caveat"),
    "map.field.name_guess": ("Tên (đoán)", "Name (guessed)"),
    "map.field.strahler": ("Cấp Strahler", "Strahler order"),
    "map.field.basin": ("Lưu vực", "Basin"),
    "map.field.note": ("Ghi chú", "Note"),
    "map.field.source": ("Nguồn", "Source"),
}
