"""Words of the planner's warnings from field observations (``planner.observation_warnings``)
and of their settings on the planner page.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # The warning: one short line, details (the notes), sources.
    "obs_warn.line": (
        "Chặng {number} ({start} → {end}) — ghi nhận thực địa gần tuyến: {items}",
        "Leg {number} ({start} → {end}) — field report near the route: {items}",
    ),
    "obs_warn.item": (
        "{kind} ngày {date}, {where} ({observer})",
        "{kind} on {date}, {where} ({observer})",
    ),
    "obs_warn.distance": ("cách tuyến {km} km", "{km} km from the route"),
    "obs_warn.on_route": ("ngay trên tuyến", "on the route"),
    "obs_warn.more": (
        "… (thêm {n} ghi nhận)",
        {"one": "… ({n} more report)", "other": "… ({n} more reports)"},
    ),
    "obs_warn.details_item": (
        "{kind} ngày {date}, {where}, {observer} ghi: “{note}” (vị trí: {position})",
        "{kind} on {date}, {where}, {observer} noted: “{note}” (position: {position})",
    ),
    "obs_warn.no_note": ("không có ghi chú", "no note"),
    "obs_warn.unknown_observer": ("người ghi không rõ", "observer unknown"),
    "obs_warn.accuracy": ("{source}, sai số ±{m} m", "{source}, accuracy ±{m} m"),
    "obs_warn.details_end": (
        "Đường có thể chưa đi được: hỏi chính quyền hoặc Đồn Biên phòng sở tại trước khi đi.",
        "The road may still be impassable: ask the local authorities or Border Guard station "
        "before leaving.",
    ),
    "obs_warn.source": (
        "Ghi nhận thực địa của {observer}, {date} (tệp {file})",
        "Field observation by {observer}, {date} (file {file})",
    ),
    "obs_warn.source_no_file": (
        "Ghi nhận thực địa của {observer}, {date}",
        "Field observation by {observer}, {date}",
    ),
    # The planner page: its settings.
    "obs_warn.settings": ("Cảnh báo từ ghi nhận thực địa", "Warnings from field observations"),
    "obs_warn.settings_help": (
        "Cảnh báo khi một chặng đi qua gần ghi nhận “sạt lở” hoặc “đường bị chặn” gần đây.",
        "Warn when a leg passes near a recent “landslide” or “road blocked” report.",
    ),
    "obs_warn.within_km": ("Khoảng cách tới tuyến (km)", "Distance from the route (km)"),
    "obs_warn.recent_days": ("Ghi nhận trong số ngày gần nhất", "Reports from the last days"),
    "obs_warn.counted": (
        "{n} ghi nhận sạt lở / đường bị chặn trong {days} ngày qua được so với tuyến.",
        {
            "one": "{n} landslide / road-blocked report from the last {days} days is checked "
            "against the route.",
            "other": "{n} landslide / road-blocked reports from the last {days} days are checked "
            "against the route.",
        },
    ),
    "obs_warn.unavailable": (
        "Không đọc được các ghi nhận thực địa: chưa có cảnh báo từ ghi nhận.",
        "The field observations could not be read: no warnings from them.",
    ),
    "obs_warn.import": ("Nhập ghi nhận thực địa", "Import field observations"),
    # The ODK XLSForm download beside the field pack.
    "obs_warn.xlsform": ("Biểu mẫu ODK (XLSForm)", "ODK form (XLSForm)"),
    "obs_warn.xlsform_caption": (
        "Biểu mẫu ODK: cho ODK Collect / KoboCollect (tải lên ODK Central hoặc KoboToolbox).",
        "ODK form: for ODK Collect / KoboCollect (upload it to ODK Central or KoboToolbox).",
    ),
}
