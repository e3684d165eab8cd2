"""The warnings of a plan (``planner.plan_warnings``): risk communes, border area, rainy season,
approximate positions.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "plan.rainy_season": (
        "{which} đi trong mùa mưa (tháng {months}): sạt lở, lũ quét có thể cắt đường. Hỏi "
        "tình trạng đường (UBND xã, Đồn Biên phòng) trước khi đi, dự phòng thời gian và "
        "phương án quay lại.",
        "{which} in the rainy season (month {months}): landslides and flash floods can cut "
        "roads. Ask about road conditions (commune office, Border Guard station) before "
        "leaving; keep spare time and a way back.",
    ),
    "plan.rainy_whole_trip": ("Cả chuyến đi", "The whole trip is"),
    "plan.rainy_legs": ("Các chặng {legs}", "Legs {legs} are"),
    "plan.approximate_position": (
        "Vị trí của '{name}' chỉ là gần đúng ({precision}): hỏi đường tại địa phương; khoảng "
        "cách và thời gian có thể sai nhiều.",
        "The position of '{name}' is only approximate ({precision}): ask locally for the way; "
        "distance and time may be well off.",
    ),
    "plan.risk_stop": (
        "'{name}' nằm trong xã {commune}, nguy cơ sạt lở – lũ quét {risk}. Lý do: {reasons}.",
        "'{name}' lies in {commune} commune, {risk} landslide / flash-flood risk. Reasons: "
        "{reasons}.",
    ),
    "plan.reasons_not_stated": ("không ghi", "not stated"),
    "plan.risk_leg": (
        "Chặng {number}: {how} xã có nguy cơ sạt lở – lũ quét cao: {communes}.",
        "Leg {number}: {how} communes with high landslide / flash-flood risk: {communes}.",
    ),
    "plan.risk_leg_road": ("Tuyến ước tính đi qua", "The estimated route passes through"),
    "plan.risk_leg_straight": (
        "Đường thẳng nối hai điểm (tuyến thật chưa rõ) cắt qua",
        "The straight line between the stops (real route unknown) crosses",
    ),
    "plan.risk_leg_commune": ("{name} ({risk}): {reasons}", "{name} ({risk}): {reasons}"),
    "plan.risk_leg_commune_of_stop": (
        "{name} ({risk}; lý do: xem cảnh báo điểm dừng trong xã)",
        "{name} ({risk}; reasons: see the warning of the stop there)",
    ),
    "plan.border": (
        "'{name}' {where}: vào khu vực biên giới cần được Đồn Biên phòng sở tại cho phép; "
        "liên hệ trước và mang theo giấy tờ.",
        "'{name}' {where}: entering the border area needs permission from the local Border "
        "Guard station (Đồn Biên phòng); contact them beforehand and carry papers.",
    ),
    "plan.border_commune": (
        "thuộc xã biên giới {commune}",
        "is in the border commune {commune}",
    ),
    "plan.border_distance": (
        "cách đường biên giới khoảng {km} km",
        "is about {km} km from the border line",
    ),
    "plan.border_distance_also": (
        "Cách đường biên giới khoảng {km} km.",
        "About {km} km from the border line.",
    ),
}
