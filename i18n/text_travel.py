"""How each leg of a trip was estimated (``planner.travel``) and the notes of the day plan
(``planner.schedule``).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # How each leg was estimated (planner.travel). Numbers arrive already formatted.
    "plan.leg_road": (
        "Theo mạng đường bộ: {sequence}. {road} km trên đường ({by_class}) + {access} km "
        "đường vào (đường chim bay {straight} km × hệ số đường vòng {detour}) ở "
        "{mountain_speed} km/h = {hours} giờ. Tuyến nhanh nhất trên mạng quốc lộ, tỉnh lộ, "
        "huyện lộ của dữ liệu toàn quốc; vị trí đường sai số vài trăm mét; không có dữ liệu "
        "đường địa phương.{gaps}",
        "Along the road network: {sequence}. {road} km on roads ({by_class}) + {access} km of "
        "access (straight line {straight} km × detour factor {detour}) at {mountain_speed} "
        "km/h = {hours} h. Quickest path on the national, provincial and district roads of the "
        "national data set; road positions good to a few hundred metres; no local road "
        "data.{gaps}",
    ),
    "plan.road_class_part": (
        "{km} km {label} ở {speed} km/h",
        "{km} km of {label} at {speed} km/h",
    ),
    "plan.leg_gaps": (
        " Nối qua {n} khoảng hở tới {m} m giữa các đường trong dữ liệu.",
        {
            "one": " Crosses {n} gap of up to {m} m between roads in the data.",
            "other": " Crosses {n} gaps of up to {m} m between roads in the data.",
        },
    ),
    "plan.road_class.national": ("quốc lộ", "national road"),
    "plan.road_class.asean": ("đường ASEAN", "ASEAN highway"),
    "plan.road_class.provincial": ("tỉnh lộ", "provincial road"),
    "plan.road_class.district": ("huyện lộ", "district road"),
    "plan.road_class.unknown": ("đường không rõ cấp", "road of unknown class"),
    "plan.road_class.other": ("đường cấp {road_class}", "road of class {road_class}"),
    "plan.road_class.gap": ("khoảng hở dữ liệu", "gap in the data"),
    "plan.road_class.access": ("đường vào", "access way"),
    "plan.road_class.straight": ("tuyến ước tính theo đường chim bay", "straight-line estimate"),
    "plan.road_unnamed": ("{label} không rõ tên", "unnamed {label}"),
    "plan.leg_straight": (
        "Ước tính theo đường chim bay ({why}): {straight} km × hệ số đường vòng {detour} = "
        "{total} km ở {speed} km/h. Đường thực tế có thể dài hơn nhiều ở vùng núi.",
        "Straight-line estimate ({why}): {straight} km × detour factor {detour} = {total} km "
        "at {speed} km/h. The real road may be much longer in the mountains.",
    ),
    "plan.why_quicker": (
        "nhanh hơn đi vòng qua mạng đường ({hours} giờ)",
        "quicker than going via the road network: {hours} h",
    ),
    "plan.why_same_position": ("cùng vị trí", "same position"),
    "plan.why_far": (
        "{names} cách mạng đường bộ hơn {km} km",
        "{names} more than {km} km from any road of the network",
    ),
    "plan.why_not_connected": (
        "hai đầu gần hai phần của mạng đường không nối với nhau trong dữ liệu",
        "the two ends are near parts of the road network that do not connect in the data",
    ),
    "plan.and": ("và", "and"),
    # The day plan (planner.schedule).
    "plan.overnight_name": (
        "Nghỉ đêm dọc {road}, gần {commune}, {province}",
        "Overnight along {road}, near {commune}, {province}",
    ),
    "plan.overnight_name_no_commune": (
        "Nghỉ đêm dọc {road}, sau {km} km của chặng",
        "Overnight along {road}, {km} km into the leg",
    ),
    "plan.note_overnight_road": (
        "Nơi nghỉ đêm gợi ý: hết {budget} giờ lái của ngày sau {km} km của chặng {origin} → "
        "{destination}. Vị trí ước tính trên tuyến ({lat}, {lon}); tìm chỗ nghỉ ở thị trấn "
        "hoặc trung tâm xã gần nhất.",
        "Suggested overnight stop: the day's {budget} driving hours end {km} km into the leg "
        "{origin} → {destination}. Estimated position on the route ({lat}, {lon}); find lodging "
        "in the nearest town or commune centre.",
    ),
    "plan.note_overnight": (
        "Nghỉ đêm tại đây (chặng tiếp theo vượt {budget} giờ lái/ngày).",
        "Overnight here (the next leg would exceed {budget} driving hours a day).",
    ),
    "plan.note_long_leg": (
        "Chặng dài {hours} giờ, hơn {budget} giờ lái một ngày: chia {days} ngày, nghỉ đêm dọc "
        "đường (xem các dòng nghỉ đêm).",
        "Leg of {hours} h, more than {budget} driving hours a day: spread over {days} days "
        "with overnight stops on the way (see the overnight rows).",
    ),
    "plan.note_late": (
        "Đến sau {hour} giờ: tránh đi đường núi khi trời tối.",
        "Arrives after {hour}:00: avoid mountain roads after dark.",
    ),
}
