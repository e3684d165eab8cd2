"""How each leg of a trip was estimated (``planner.travel``) and the notes of the day plan
(``planner.schedule``).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # How each leg was estimated (planner.travel), day-plan notes (planner.schedule) and the
    # warnings of a plan (planner.plan_warnings). Numbers arrive already formatted.
    "plan.leg_road": (
        "Theo quốc lộ ({names}): {road} km trên quốc lộ ở {road_speed} km/h + {access} km "
        "đường vào (đường chim bay {straight} km × hệ số đường vòng {detour}) ở "
        "{mountain_speed} km/h. Quốc lộ sai số vài trăm mét; không có dữ liệu đường địa "
        "phương.",
        "Along national roads ({names}): {road} km on the road at {road_speed} km/h + "
        "{access} km of access (straight line {straight} km × detour factor {detour}) at "
        "{mountain_speed} km/h. Road positions good to a few hundred metres; no local road "
        "data.",
    ),
    "plan.leg_straight": (
        "Ước tính theo đường chim bay ({why}): {straight} km × hệ số đường vòng {detour} = "
        "{total} km ở {speed} km/h. Đường thực tế có thể dài hơn nhiều ở vùng núi.",
        "Straight-line estimate ({why}): {straight} km × detour factor {detour} = {total} km "
        "at {speed} km/h. The real road may be much longer in the mountains.",
    ),
    "plan.why_quicker": (
        "nhanh hơn đi vòng qua quốc lộ ({hours} giờ)",
        "quicker than going via the national road: {hours} h",
    ),
    "plan.why_same_position": ("cùng vị trí", "same position"),
    "plan.why_far": (
        "{names} cách quốc lộ hơn {km} km",
        "{names} more than {km} km from a national road",
    ),
    "plan.why_not_connected": (
        "hai điểm gần hai quốc lộ không nối với nhau trong dữ liệu",
        "the two ends are near national roads that do not connect in the data",
    ),
    "plan.and": ("và", "and"),
    "plan.note_overnight": (
        "Nghỉ đêm tại đây (chặng tiếp theo vượt {budget} giờ lái/ngày).",
        "Overnight here (the next leg would exceed {budget} driving hours a day).",
    ),
    "plan.note_long_leg": (
        "Chặng dài {hours} giờ, hơn {budget} giờ lái một ngày: chia {days} ngày, cần nơi nghỉ "
        "đêm dọc đường.",
        "Leg of {hours} h, more than {budget} driving hours a day: spread over {days} days; "
        "plan overnight stops on the way.",
    ),
    "plan.note_late": (
        "Đến sau {hour} giờ: tránh đi đường núi khi trời tối.",
        "Arrives after {hour}:00: avoid mountain roads after dark.",
    ),
}
