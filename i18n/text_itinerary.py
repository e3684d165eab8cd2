"""The printable itinerary (``planner.itinerary``) and the field pack (``planner.fieldpack``).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
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
    "itinerary.key": (
        "★ điểm xuất phát; số: thứ tự điểm dừng; ô vuông nhỏ: nghỉ đêm dọc đường.",
        "★ base; numbers: stops in visiting order; small squares: overnight on the road.",
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
    "itinerary.overnight_road": ("Nghỉ đêm dọc đường", "Overnight on the road"),
    "itinerary.leg": ("Chặng", "Leg"),
    "itinerary.factors": ("Hệ số", "Factors"),
    "itinerary.details": ("Chi tiết và nguồn", "Details and sources"),
    "itinerary.legs_details": ("Cách ước tính từng chặng", "How each leg was estimated"),
    "itinerary.position_sources": (
        "Nguồn vị trí các điểm dừng",
        "Where the stops' positions come from",
    ),
    "itinerary.print_note": (
        "Bản in chỉ có dòng cảnh báo ngắn; chi tiết và nguồn: mở trang này trên màn hình (bấm "
        "vào từng cảnh báo) hoặc xem warnings.json trong gói dữ liệu thực địa.",
        "The printout has the short warning lines only; for details and sources open this "
        "page on a screen (tap a warning) or see warnings.json in the field pack.",
    ),
    # Dates: Vietnamese dd/mm/yyyy, English "5 Dec 2026"; a time on a later day than its row
    # carries the short date.
    "itinerary.date_format": ("{day:02d}/{month}/{year}", "{day} {month} {year}"),
    "itinerary.date_short": ("{day:02d}/{month}", "{day} {month}"),
    "itinerary.months": (
        "01 02 03 04 05 06 07 08 09 10 11 12",
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    ),
}
