"""The field pack's offline map (``planner.fieldpack``): its buttons, legend and position.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used. The texts with
``{placeholders}`` that the map fills in the browser (distance, direction, accuracy) are sent
to the page unfilled; the page puts in numbers formatted the way ``i18n.numbers`` writes them.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "fieldpack.my_position": ("Vị trí của tôi", "My position"),
    "fieldpack.locating": ("Đang tìm vị trí (GPS)…", "Finding your position (GPS)…"),
    "fieldpack.denied": (
        "Không được phép lấy vị trí. Hãy cho phép trình duyệt dùng vị trí (GPS) trong cài "
        "đặt của điện thoại, rồi bấm lại.",
        "Location permission denied. Allow the browser to use your location (GPS) in the "
        "phone's settings, then press again.",
    ),
    "fieldpack.no_fix": (
        "Chưa có vị trí: chưa bắt được tín hiệu GPS. Bật GPS, ra chỗ thoáng rồi bấm lại.",
        "No position yet: no GPS fix. Turn GPS on, move to open sky and press again.",
    ),
    "fieldpack.unsupported": (
        "Trình duyệt này không lấy được vị trí. Hãy mở bản đồ bằng Chrome hoặc Safari.",
        "This browser cannot give your position. Open the map in Chrome or Safari.",
    ),
    "fieldpack.to_next": (
        "Tới điểm {number}. {name}: {km} km đường chim bay, hướng {direction}.",
        "To stop {number}. {name}: {km} km in a straight line, heading {direction}.",
    ),
    "fieldpack.accuracy": ("Sai số vị trí ±{metres} m.", "Position good to ±{metres} m."),
    "fieldpack.all_reached": (
        "Đã qua mọi điểm dừng. Chọn điểm tiếp theo trong danh sách.",
        "Every stop is behind you. Pick the next stop in the list.",
    ),
    "fieldpack.next_rule": (
        "Điểm tiếp theo: điểm đầu tiên theo thứ tự chưa đến (tới gần dưới {km} km thì coi là "
        "đã đến). Bấm một điểm trong danh sách để chọn điểm khác.",
        "Next stop: the first stop in the plan's order not yet reached (within {km} km counts "
        "as reached). Tap a stop in the list to pick another.",
    ),
    "fieldpack.you_are_here": ("Bạn ở đây", "You are here"),
    "fieldpack.set_next": ("Đi tới điểm này tiếp theo", "Go here next"),
    "fieldpack.next_badge": ("tiếp theo", "next"),
    "fieldpack.stops_button": ("Điểm dừng", "Stops"),
    "fieldpack.legend_button": ("Chú giải", "Legend"),
    "fieldpack.compass": ("B,ĐB,Đ,ĐN,N,TN,T,TB", "N,NE,E,SE,S,SW,W,NW"),
    "fieldpack.border": (
        "Biên giới Việt – Lào (suy ra từ ranh giới xã, không phải đường biên chính thức)",
        "Vietnam–Laos border (derived from commune boundaries, not the official treaty line)",
    ),
    "fieldpack.roads": ("Quốc lộ (sai số vài trăm mét)", "National roads (good to a few 100 m)"),
    "fieldpack.leg_road": ("Chặng theo quốc lộ", "Leg along national roads"),
    "fieldpack.leg_straight": (
        "Chặng ước tính: đường chim bay × hệ số, không phải tuyến thật",
        "Estimated leg: straight line × detour factor, not the real route",
    ),
    "fieldpack.risk_title": ("Nguy cơ sạt lở của xã", "Landslide risk of the commune"),
    "fieldpack.commune_popup": (
        "Xã {name}: nguy cơ sạt lở {risk}",
        "{name}: landslide risk {risk}",
    ),
    "fieldpack.stop_symbol": ("Điểm dừng, số theo thứ tự đi", "Stop, numbered in visiting order"),
    "fieldpack.base_symbol": ("Điểm xuất phát", "Base (start)"),
    "fieldpack.overnight_symbol": ("Chỗ nghỉ đêm", "Overnight stay"),
    "fieldpack.arrival": ("Ngày {day}: đến {time}", "Day {day}: arrive {time}"),
    "fieldpack.overnight_at": ("Nghỉ đêm ngày {day} ({date})", "Overnight, day {day} ({date})"),
    "fieldpack.no_basemap": (
        "Bản đồ không có nền và không cần mạng.",
        "No background map: works without a network.",
    ),
}
