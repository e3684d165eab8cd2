"""Field visits (``planner``): leg estimates, the day plan, warnings, the itinerary and field pack,
and what is wrong with a plan (``plan.error.*``).

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
    # The printable itinerary and the field pack's offline map (planner.itinerary, fieldpack).
    "itinerary.title": ("Lịch trình công tác", "Field visit itinerary"),
    "itinerary.start": ("Khởi hành", "Departure"),
    "itinerary.base": ("Điểm xuất phát", "Base"),
    "itinerary.round_trip": ("Khứ hồi", "Round trip"),
    "itinerary.one_way": ("Một chiều", "One way"),
    "itinerary.stops_count": ("Số điểm dừng", "Stops"),
    "itinerary.total_distance": ("Tổng quãng đường", "Total distance"),
    "itinerary.total_driving": ("Tổng thời gian lái xe", "Total driving time"),
    "itinerary.hours_unit": ("giờ", "h"),
    "itinerary.minutes_unit": ("phút", "min"),
    "itinerary.days": ("Số ngày", "Days"),
    "itinerary.estimate_caveat": (
        "Quãng đường và thời gian chỉ là ước tính: dữ liệu chỉ có quốc lộ (sai số vài trăm "
        "mét), không có đường địa phương. Hỏi tình trạng đường trước khi đi.",
        "Distances and times are estimates: the data has national roads only (good to a few "
        "hundred metres) and no local roads. Check road conditions before leaving.",
    ),
    "itinerary.map": ("Sơ đồ chuyến đi", "Trip sketch"),
    "itinerary.map_legend": (
        "Đường đỏ liền: theo quốc lộ; đường xám nét đứt: ước tính đường chim bay × hệ số "
        "đường vòng (không phải tuyến thật). Sơ đồ không theo tỷ lệ chính xác.",
        "Solid red: along national roads; dashed grey: straight line × detour factor (not "
        "the real route). The sketch is not to an exact scale.",
    ),
    "itinerary.schedule": ("Lịch trình theo ngày", "Day-by-day schedule"),
    "itinerary.date": ("Ngày tháng", "Date"),
    "itinerary.stop": ("Điểm dừng", "Stop"),
    "itinerary.arrival": ("Đến", "Arrive"),
    "itinerary.departure": ("Đi", "Leave"),
    "itinerary.leg_km": ("Chặng (km)", "Leg (km)"),
    "itinerary.leg_hours": ("Chặng (giờ)", "Leg (h)"),
    "itinerary.method": ("Cách ước tính", "Estimate"),
    "itinerary.notes": ("Ghi chú", "Notes"),
    "itinerary.method_title": (
        "Cách ước tính và các hệ số",
        "How travel is estimated, and the factors",
    ),
    "itinerary.road_speed": ("Tốc độ trên quốc lộ", "Speed on national roads"),
    "itinerary.mountain_speed": (
        "Tốc độ ngoài quốc lộ (đường núi)",
        "Speed off national roads (mountain roads)",
    ),
    "itinerary.road_snap": (
        "Khoảng cách tối đa tới quốc lộ để đi theo quốc lộ",
        "Largest distance to a national road to use it",
    ),
    "itinerary.drive_per_day": ("Giờ lái xe tối đa mỗi ngày", "Driving hours per day at most"),
    "itinerary.dwell_default": ("Thời gian dừng mặc định", "Default dwell time"),
    "itinerary.method_text": (
        "Nếu cả hai đầu chặng cách cùng một hệ thống quốc lộ không quá khoảng cách trên: "
        "quãng đường = đoạn vào/ra quốc lộ (đường chim bay × hệ số đường vòng, tốc độ đường "
        "núi) + đường ngắn nhất trên quốc lộ (tốc độ quốc lộ), trừ khi đi thẳng nhanh hơn. "
        "Còn lại: đường chim bay × hệ số đường vòng, tốc độ đường núi. Thứ tự điểm dừng "
        "được tối ưu trên cùng các ước tính này.",
        "When both ends of a leg lie within that distance of the same connected national "
        "roads: distance = access to and from the road (straight line × detour factor, at "
        "mountain speed) + the shortest path along the roads (at road speed), unless going "
        "straight is quicker. Otherwise: straight line × detour factor at mountain speed. "
        "The stop order is optimised on the same estimates.",
    ),
    "itinerary.coordinates": ("Tọa độ (WGS 84)", "Coordinates (WGS 84)"),
    "itinerary.method_road": ("theo quốc lộ", "national road"),
    "itinerary.method_straight_line_detour": (
        "đường chim bay × hệ số",
        "straight line × factor",
    ),
    "itinerary.severity_high": ("Nguy hiểm", "Danger"),
    "itinerary.severity_warning": ("Chú ý", "Caution"),
    "itinerary.severity_info": ("Lưu ý", "Note"),
    "itinerary.overnight": ("Nghỉ đêm", "Overnight"),
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
