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
}
