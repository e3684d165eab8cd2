"""Words of the basemap part of the app: key → (Vietnamese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "map.basemap.offline": (
        "Nền ngoại tuyến (địa hình, sông, đường, địa danh)",
        "Offline basemap (relief, rivers, roads, places)",
    ),
    "basemap.tiles_failed": (
        "Không tải được nền trực tuyến: đang dùng nền ngoại tuyến.",
        "Online basemap unreachable: showing the offline basemap.",
    ),
    "basemap.offline_now": (
        "Không có mạng: đang dùng nền ngoại tuyến.",
        "No network: showing the offline basemap.",
    ),
    "basemap.attribution.relief": (
        "Địa hình SRTM30+ (thô, ô ~2 km)",
        "Relief SRTM30+ (coarse, ~2 km)",
    ),
    "basemap.attribution.vector": (
        "sông ADB (±1 km) · đường LegoCity CC BY-SA · địa danh GeoNames CC BY",
        "rivers ADB (±1 km) · roads LegoCity CC BY-SA · places GeoNames CC BY",
    ),
    "basemap.pack_note": (
        "Nền: địa hình thô (ô ~2 km), sông, quốc lộ và địa danh có sẵn trong tệp; không cần mạng.",
        "Background: coarse relief (~2 km cells), rivers, national roads and place names, "
        "all inside this file; no network needed.",
    ),
}
