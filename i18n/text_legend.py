"""Words of the map's legend and compact popup (``ui.webmap``): key → (Vietnamese, English).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "legend.title": ("Chú giải", "Legend"),
    "legend.toggle": ("Mở hoặc thu gọn chú giải", "Open or collapse the legend"),
    "legend.layers": ("Lớp bản đồ", "Map layers"),
    "legend.approximate": (
        "Vòng đứt nét: vị trí gần đúng, đặt tại điểm của xã hoặc địa danh (sai số vài km)",
        "Dashed ring: approximate position, drawn at its commune's or place's point (km off)",
    ),
    "legend.risk_zones": (
        "Vùng nguy cơ sạt lở – lũ quét (cả xã, suy ra)",
        "Landslide / flash-flood risk zones (whole communes, derived)",
    ),
    "legend.level_line": ("{level}: {count} · năm {years}", "{level}: {count} · year {years}"),
    "popup.details": ("Chi tiết ›", "Details ›"),
    "popup.details_hint": (
        "Xem toàn bộ thông tin trong khung Chi tiết",
        "See the full record in the details panel",
    ),
}
