"""Words of field observations in the app: the import widget, the map layer and its filters,
the commune panel and the risk section's field-reported landslides (``obs_ui.*``).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "obs_ui.layer": ("Ghi nhận thực địa", "Field observations"),
    "obs_ui.tab": ("Ghi nhận thực địa", "Field observations"),
    "obs_ui.import_intro": (
        "Nhập tệp xuất từ gói thực địa (zip có observations.geojson và ảnh) hoặc bản xuất "
        "CSV / GeoJSON của ODK Central / KoboToolbox. Nhập lại cùng một tệp không thêm gì hai "
        "lần (theo mã UUID của từng ghi nhận).",
        "Import the file exported from the field pack (a zip holding observations.geojson and "
        "the photos) or an ODK Central / KoboToolbox CSV / GeoJSON export. Importing the same "
        "file again adds nothing twice (each observation is known by its UUID).",
    ),
    "obs_ui.upload": (
        "Tệp ghi nhận (zip, geojson, json, csv)",
        "Observations file (zip, geojson, json, csv)",
    ),
    "obs_ui.import_button": ("Nhập ghi nhận", "Import observations"),
    "obs_ui.no_file": ("Hãy chọn một tệp trước.", "Choose a file first."),
    "obs_ui.need_import": (
        "Nhập ghi nhận thực địa cần quyền nhập dữ liệu (biên tập viên dữ liệu trở lên). Hãy "
        "gửi tệp cho người có quyền này.",
        "Importing field observations needs the import permission (data editors and above). "
        "Send the file to someone who has it.",
    ),
    "obs_ui.result": (
        "Tệp {file}: {added} ghi nhận mới, {already} đã nhập trước đó, {refused} bị từ chối.",
        "File {file}: {added} added, {already} already imported, {refused} refused.",
    ),
    "obs_ui.refused_line": ("Ghi nhận {record}: {reason}", "Record {record}: {reason}"),
    "obs_ui.refused_more": ("… và {n} ghi nhận bị từ chối khác.", "… and {n} more refused."),
    "obs_ui.stored_title": ("Ghi nhận đã lưu ({n})", "Stored observations ({n})"),
    "obs_ui.none_stored": ("Chưa có ghi nhận thực địa nào.", "No field observations yet."),
    "obs_ui.download_csv": ("Tải bảng ghi nhận (CSV)", "Download the observations (CSV)"),
    "obs_ui.col.kind": ("Loại", "Kind"),
    "obs_ui.col.condition": ("Tình trạng cột mốc", "Marker condition"),
    "obs_ui.col.observed_at": ("Thời điểm", "Time"),
    "obs_ui.col.observer": ("Người ghi nhận", "Observer"),
    "obs_ui.col.position": ("Nguồn vị trí", "Position source"),
    "obs_ui.col.accuracy_m": ("Độ chính xác (m)", "Accuracy (m)"),
    "obs_ui.col.lat": ("Vĩ độ", "Latitude"),
    "obs_ui.col.lon": ("Kinh độ", "Longitude"),
    "obs_ui.col.plan": ("Kế hoạch", "Plan"),
    "obs_ui.col.stop": ("Điểm dừng", "Stop"),
    "obs_ui.col.note": ("Ghi chú", "Note"),
    "obs_ui.col.photos": ("Số ảnh", "Photos"),
    "obs_ui.col.commune": ("Mã xã (2025)", "Commune code (2025)"),
    "obs_ui.col.source": ("Nguồn", "Source"),
    "obs_ui.col.file": ("Tệp", "File"),
    "obs_ui.col.imported_by": ("Người nhập", "Imported by"),
    "obs_ui.col.imported_at": ("Thời điểm nhập", "Imported at"),
    "obs_ui.col.uuid": ("UUID", "UUID"),
    "obs_ui.accuracy": ("± {m} m", "± {m} m"),
    "obs_ui.photo": ("Ảnh", "Photo"),
    "obs_ui.photo_alt": ("Ảnh ghi nhận", "Observation photo"),
    "obs_ui.more_photos": ("+{n} ảnh", "+{n} photos"),
    "obs_ui.filter": ("Lọc ghi nhận thực địa", "Filter field observations"),
    "obs_ui.filter_kinds": ("Loại ghi nhận", "Kinds"),
    "obs_ui.filter_since": ("Từ ngày (để trống: mọi ngày)", "Since (empty: all dates)"),
    "obs_ui.count": (
        "{shown} ghi nhận thực địa đang hiện ({hidden} bị bộ lọc ẩn).",
        "{shown} field observations shown ({hidden} hidden by the filter).",
    ),
    "obs_ui.withheld": (
        "{n} ghi nhận cột mốc chỉ dành cho bộ đội biên phòng, không hiện ở đây.",
        "{n} marker observations are for border guards only and are not shown here.",
    ),
    "obs_ui.panel_title": ("Ghi nhận thực địa trong xã ({n})", "Field observations here ({n})"),
    "obs_ui.panel_none": (
        "Chưa có ghi nhận thực địa nào trong xã này.",
        "No field observations in this commune yet.",
    ),
    "obs_ui.risk_title": ("Sạt lở do đội thực địa báo", "Landslides reported in the field"),
    "obs_ui.risk_caption": (
        "Đây là báo cáo của đội thực địa, không được tính vào cấp rủi ro: cấp rủi ro vẫn theo "
        "phương pháp của bộ dữ liệu.",
        "These are field reports, not counted in the risk class: the class stays the "
        "bundle's method.",
    ),
    "obs_ui.risk_line": ("{date} — {observer}", "{date} — {observer}"),
    "obs_ui.no_accuracy": ("không có (không phải điểm GPS)", "none (not a GPS fix)"),
}
