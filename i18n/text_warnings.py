"""The warnings of a plan (``planner.plan_warnings``): risk communes, border area, rainy season,
approximate positions.

Each warning has one short line (``plan.line_*``) and details (``plan.details_*``); its sources
are cited by title and outlet (``plan.source.*`` for the app's own inputs).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # One short line per warning.
    "plan.line_risk": (
        "{name} — nguy cơ sạt lở, lũ quét {risk}{commune}: {reason}",
        "{name} — {risk} landslide / flash-flood risk{commune}: {reason}",
    ),
    "plan.in_commune": (" (xã {commune})", " ({commune} commune)"),
    "plan.line_risk_leg": (
        "Chặng {number} ({start} → {end}) — {how} xã nguy cơ sạt lở cao: {communes}",
        "Leg {number} ({start} → {end}) — {how} high landslide-risk communes: {communes}",
    ),
    "plan.risk_leg_road": ("tuyến ước tính đi qua", "the estimated route passes"),
    "plan.risk_leg_straight": (
        "đường thẳng (tuyến thật chưa rõ) cắt qua",
        "the straight line (real route unknown) crosses",
    ),
    "plan.risk_leg_more": ("… (thêm {n} xã)", "… ({n} more)"),
    "plan.line_border": (
        "{name} — khu vực biên giới ({where}): cần giấy phép",
        "{name} — border area ({where}): permit needed",
    ),
    "plan.border_commune": ("xã biên giới {commune}", "border commune {commune}"),
    "plan.border_distance": ("cách đường biên ~{km} km", "~{km} km from the border line"),
    "plan.border_at_line": ("sát đường biên", "at the border line"),
    "plan.line_border_permit": (
        "Khu vực biên giới ({names}): vào khu vực biên giới cần được Đồn Biên phòng sở tại cho "
        "phép; liên hệ trước và mang theo giấy tờ.",
        "Border area ({names}): entering the border area needs permission from the local "
        "Border Guard station (Đồn Biên phòng); contact them beforehand and carry papers.",
    ),
    "plan.line_rainy": (
        "{which} trong mùa mưa (tháng {months}): sạt lở, lũ quét có thể cắt đường — hỏi tình "
        "trạng đường trước khi đi",
        "{which} in the rainy season (month {months}): landslides and flash floods can cut "
        "roads — ask about road conditions before leaving",
    ),
    "plan.rainy_whole_trip": ("Cả chuyến đi", "The whole trip is"),
    "plan.rainy_legs": ("Các chặng {legs}", "Legs {legs} are"),
    "plan.line_approximate": (
        "{name} — vị trí gần đúng: hỏi đường tại địa phương",
        "{name} — approximate position: ask locally for the way",
    ),
    # The short reason of a risk line, from the commune's evidence.
    "plan.reason_events": (
        "{n} sự kiện ({years})",
        {"one": "{n} event ({years})", "other": "{n} events ({years})"},
    ),
    "plan.reason_undated": ("{n} không rõ năm", "{n} undated"),
    "plan.reason_hotspots": (
        "{n} điểm nguy cơ",
        {"one": "{n} risk point", "other": "{n} risk points"},
    ),
    "plan.reason_district": ("báo cáo cấp huyện", "district-level reports"),
    "plan.reason_relief": ("theo địa hình", "relief only"),
    "plan.reason_zoning": ("theo bản đồ phân vùng chính thức", "official zoning map"),
    "plan.reasons_not_stated": ("không ghi lý do", "reasons not stated"),
    # Details, kept apart from the line.
    "plan.details_risk": (
        "Xã {commune}, nguy cơ {risk}. Lý do: {reasons}.",
        "{commune} commune, {risk} risk. Reasons: {reasons}.",
    ),
    "plan.details_risk_leg_commune": ("{name} ({risk}): {reasons}", "{name} ({risk}): {reasons}"),
    "plan.details_risk_leg_commune_of_stop": (
        "{name} ({risk}): xem cảnh báo của điểm dừng trong xã",
        "{name} ({risk}): see the warning of the stop there",
    ),
    "plan.details_border": (
        "Xã biên giới: xã giáp đường biên giới; ngoài ra mọi điểm cách đường biên giới dưới "
        "{km} km. Đường biên giới là đường suy ra, không phải đường phân giới chính thức.",
        "Border communes are those touching the border line; stops less than {km} km from "
        "the line are included too. The line is derived, not the treaty line.",
    ),
    "plan.details_rainy": (
        "Hỏi UBND xã, Đồn Biên phòng về tình trạng đường trước khi đi; dự phòng thời gian và "
        "phương án quay lại.",
        "Ask the commune office or the Border Guard station about the roads before leaving; "
        "keep spare time and a way back.",
    ),
    "plan.details_approximate": (
        "{precision}; khoảng cách và thời gian có thể sai nhiều.",
        "{precision}; distance and time may be well off.",
    ),
    # Grouping.
    "plan.group_whole_trip": ("Cả chuyến đi", "Whole trip"),
    # Sources: the app's own inputs, cited by title (never by file name).
    "plan.source.terrain": (
        "SRTM30_PLUS v9, độ cao lưới 0,02° (≈ 2,2 km)",
        "SRTM30_PLUS v9 elevation, 0.02° grid (≈ 2.2 km)",
    ),
    "plan.source.nasa": (
        "NASA Global Landslide Catalog (chỉ để tham khảo)",
        "NASA Global Landslide Catalog (context only)",
    ),
    "plan.source.roads": (
        "Quốc lộ: CTU-SematX/LegoCity, CC BY-SA 4.0 (sai số vài trăm mét)",
        "National roads: CTU-SematX/LegoCity, CC BY-SA 4.0 (good to a few hundred m)",
    ),
    "plan.source.border": (
        "Đường biên giới Việt – Lào suy ra từ ranh giới xã 2025 (không phải đường phân giới "
        "chính thức)",
        "Vietnam–Laos border line derived from the 2025 commune boundaries (not the treaty line)",
    ),
    "plan.source.rainy": (
        "Mùa mưa Bắc Trung Bộ: khoảng tháng 6–11 (quy ước của ứng dụng)",
        "Rainy season of north-central Vietnam: roughly June–November (the app's rule)",
    ),
    "plan.source.mirror": ("bản sao", "mirror"),
}
