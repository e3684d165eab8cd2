"""Field plans (``planner.plan``): what is wrong with a plan (``plan.error.*``).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # What is wrong with a plan, its stops or its factors (planner.plan, planner.ordering).
    "plan.error.factor_not_positive": (
        "Hệ số {name} phải là số dương (nhận được {value!r}).",
        "{name} must be a positive number (got {value!r}).",
    ),
    "plan.error.detour_below_one": (
        "Hệ số đường vòng phải ≥ 1 (nhận được {value}).",
        "The detour factor must be ≥ 1 (got {value}).",
    ),
    "plan.error.road_snap_negative": (
        "Khoảng cách bám đường phải ≥ 0 (nhận được {value}).",
        "The road snap distance must be ≥ 0 (got {value}).",
    ),
    "plan.error.stop_kind": (
        "Loại điểm dừng '{kind}' không hợp lệ; dùng một trong {kinds}.",
        "Stop kind '{kind}' is not valid; use one of {kinds}.",
    ),
    "plan.error.stop_precision": (
        "Độ chính xác '{precision}' của điểm '{name}' không hợp lệ.",
        "Precision '{precision}' of stop '{name}' is not in geo.vocabulary.PRECISIONS.",
    ),
    "plan.error.stop_coordinates": (
        "Điểm '{name}' không có tọa độ hợp lệ ({lat}, {lon}).",
        "Stop '{name}' has no valid coordinates ({lat}, {lon}).",
    ),
    "plan.error.stop_longitude": (
        "Kinh độ của điểm '{name}' ngoài khoảng −180…180 ({lon}).",
        "Longitude of stop '{name}' is outside −180…180 ({lon}).",
    ),
    "plan.error.stop_dwell": (
        "Thời gian dừng tại '{name}' phải ≥ 0 phút.",
        "Dwell time at '{name}' must be ≥ 0 minutes.",
    ),
    "plan.error.stop_missing_fields": (
        "Điểm dừng thiếu trường {missing}.",
        "Stop is missing fields {missing}.",
    ),
    "plan.error.no_name": ("Kế hoạch cần có tên.", "A plan needs a name."),
    "plan.error.drive_hours_not_positive": (
        "Số giờ lái xe mỗi ngày phải lớn hơn 0.",
        "Driving hours per day must be greater than 0.",
    ),
    "plan.error.drive_hours_over_24": (
        "Số giờ lái xe mỗi ngày không thể quá 24.",
        "Driving hours per day cannot exceed 24.",
    ),
    "plan.error.dwell_default_negative": (
        "Thời gian dừng mặc định phải ≥ 0 phút.",
        "The default dwell time must be ≥ 0 minutes.",
    ),
    "plan.error.duplicate_ids": (
        "Mã các điểm dừng (kể cả điểm xuất phát) phải khác nhau.",
        "Stop ids (including the base) must be unique.",
    ),
    "plan.error.missing_field": (
        "Kế hoạch thiếu trường {field!r}.",
        "The plan is missing field {field!r}.",
    ),
    "plan.error.unreadable": (
        "Kế hoạch không đọc được: {detail}",
        "The plan could not be read: {detail}",
    ),
    "plan.error.not_json": (
        "Tệp kế hoạch không phải JSON hợp lệ: {detail}",
        "The plan is not valid JSON: {detail}",
    ),
    "plan.error.matrix_values": (
        "Ma trận khoảng cách có giá trị thiếu hoặc âm.",
        "The distance matrix has missing (NaN/inf) or negative values.",
    ),
    "plan.error.initial_order": (
        "Thứ tự ban đầu không hợp lệ.",
        "initial must be a permutation starting at start",
    ),
    "plan.error.name_taken": (
        "Đã có một kế hoạch tên “{name}” (phiên bản {version}). Thay thế kế hoạch đó, hay lưu "
        "kế hoạch này với tên mới?",
        "A plan named “{name}” already exists (version {version}). Replace it, or save this "
        "plan under a new name?",
    ),
    "plan.error.changed_since_opened": (
        "Kế hoạch “{name}” đã được lưu lại (phiên bản {version}) sau khi bạn mở nó. Thay thế "
        "bản đó bằng bản của bạn, hay lưu bản của bạn với tên mới?",
        "The plan “{name}” was saved again (version {version}) after you opened it. Replace "
        "that version with yours, or save yours under a new name?",
    ),
    # The planner page (ui.page_planner and its panels).
    "plan.base_is_a_stop": (
        "“{name}” đã là một điểm dừng; bỏ nó khỏi danh sách trước khi đặt làm điểm xuất phát.",
        "“{name}” is already a stop; remove it from the stops before starting from it.",
    ),
    "plan.change_base": ("Đổi điểm xuất phát", "Change the start point"),
    "plan.set_base": ("Đặt làm điểm xuất phát", "Start from here"),
    "plan.removed": ("Đã bỏ “{name}” khỏi kế hoạch.", "Removed “{name}” from the plan."),
    "plan.undo": ("Hoàn tác", "Undo"),
    "plan.move_up": ("Lên trước", "Move up"),
    "plan.move_down": ("Xuống sau", "Move down"),
    "plan.dwell_each": ("Thời gian dừng ở từng điểm", "Stay at each stop"),
    "plan.notes": ("Ghi chú của kế hoạch", "Notes of the plan"),
    "plan.click_hint": (
        "Bấm lên bản đồ để chọn một điểm; trang cho biết điểm đó thuộc xã nào.",
        "Click the map to pick a point; the page says which commune it is in.",
    ),
    "plan.click_outside_vietnam": (
        "Điểm {coords} nằm ngoài lãnh thổ Việt Nam: không thể thêm vào kế hoạch.",
        "The point {coords} is outside Vietnam: it cannot be added to the plan.",
    ),
    "plan.click_outside_areas": (
        "Điểm {coords} nằm ngoài ba vùng của Border Atlas (không có số liệu xã, nguy cơ). "
        "Vẫn thêm?",
        "The point {coords} is outside Border Atlas's three areas (no commune figures or "
        "risk there). Add it anyway?",
    ),
    "plan.add_anyway": ("Vẫn thêm", "Add anyway"),
    "plan.cancel": ("Hủy", "Cancel"),
    "plan.click_in_commune": (
        "Điểm {coords} thuộc xã {commune} (huyện cũ {district}).",
        "The point {coords} is in {commune} commune (former district {district}).",
    ),
    "plan.basemap_online": (
        "Nền OpenStreetMap (tải từ Internet; máy chủ ngoài thấy vùng bạn xem)",
        "OpenStreetMap background (from the Internet; an outside server sees the area viewed)",
    ),
    "plan.risk_layer": ("Nguy cơ sạt lở – lũ quét", "Landslide / flash-flood risk"),
    "plan.summary": ("Tóm tắt chuyến đi", "Trip summary"),
    "plan.summary_line": (
        "**{km} km**, **{hours} giờ** lái xe, **{days} ngày**, {n} điểm dừng.",
        {
            "one": "**{km} km**, **{hours} h** of driving, **{days} day(s)**, {n} stop.",
            "other": "**{km} km**, **{hours} h** of driving, **{days} day(s)**, {n} stops.",
        },
    ),
    "plan.summary_straight": (
        "{n} chặng không theo đường bộ (ước tính đường chim bay × hệ số): xem bảng các chặng.",
        {
            "one": "{n} leg is not along a road (straight line × factor): see the legs table.",
            "other": "{n} legs are not along a road (straight line × factor): see the legs table.",
        },
    ),
    "plan.note": ("Ghi chú", "Note"),
    "plan.warning_details": (
        "Chi tiết cảnh báo: bằng chứng và nguồn",
        "Warning details: evidence and sources",
    ),
    "plan.opened": ("Đã mở “{name}” (phiên bản {version}).", "Opened “{name}” (v{version})."),
    "plan.duplicated": ("Đã nhân bản “{name}” thành “{copy}”.", "Copied “{name}” to “{copy}”."),
    "plan.new_name": ("Tên mới", "New name"),
    "plan.save_new_name": ("Lưu với tên mới", "Save under the new name"),
    "plan.replace": ("Thay thế kế hoạch đã lưu", "Replace the saved plan"),
    "plan.delete_confirmed": ("Xóa, chuyển vào thùng rác", "Delete, to the bin"),
    "plan.editing_saved": (
        "Đang sửa kế hoạch đã lưu “{name}” (phiên bản {version}).",
        "Editing the saved plan “{name}” (v{version}).",
    ),
    "plan.saved_list": ("Kế hoạch đã lưu ({n})", "Saved plans ({n})"),
    "plan.copy_name": ("Tên bản sao", "Name of the copy"),
    "plan.class_speed": ("Tốc độ trên {road_class} (km/h)", "Speed on {road_class} (km/h)"),
}
