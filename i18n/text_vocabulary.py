"""Labels of the shared codes: risk classes, stop kinds, position precisions, layer names.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "risk.very_high": ("rất cao", "very high"),
    "risk.high": ("cao", "high"),
    "risk.medium": ("trung bình", "medium"),
    "risk.low": ("thấp", "low"),
    "risk.unknown": ("chưa rõ", "unknown"),
    "stop_kind.commune": ("xã", "commune"),
    "stop_kind.gate": ("cửa khẩu", "border gate"),
    "stop_kind.marker": ("mốc giới", "border marker"),
    "stop_kind.site": ("địa điểm", "site"),
    "stop_kind.point": ("điểm", "point"),
    "precision.surveyed": (
        "tọa độ đo đạc (nhập từ khảo sát chính thức)",
        "surveyed coordinates (imported from an official survey)",
    ),
    "precision.published": (
        "tọa độ do nguồn được trích dẫn công bố",
        "coordinates published by a cited source",
    ),
    "precision.osm_node": (
        "điểm địa danh OpenStreetMap (điểm nhãn, không phải công trình)",
        "OpenStreetMap place node (a label point, not a building)",
    ),
    "precision.road_end_estimate": (
        "ước tính từ điểm cuối quốc lộ (vài trăm mét)",
        "estimated from the end of a national road (a few hundred m)",
    ),
    "precision.road_border_crossing_estimate": (
        "nơi quốc lộ cắt đường biên giới suy ra, lùi 30 m vào Việt Nam (vài trăm mét)",
        "where a national road crosses the derived border line, moved 30 m into Vietnam "
        "(a few hundred m)",
    ),
    "precision.road_junction_estimate": (
        "ước tính từ ngã ba đường (vài trăm mét)",
        "estimated from a road junction (a few hundred m)",
    ),
    "precision.location_hint": (
        "gợi ý từ danh sách mã hóa tự động, chưa kiểm chứng (sai số km)",
        "hint from a machine-geocoded list, unverified (km)",
    ),
    "precision.at_gate": (
        "chỉ biết theo địa danh: đặt tại cửa khẩu",
        "known only by place: shown at its border gate",
    ),
    "precision.seat_published": (
        "trung tâm thị trấn nơi đặt trụ sở, tọa độ đã công bố (không phải chính tòa nhà)",
        "centre of the town that holds the seat, published coordinates (not the building)",
    ),
    "precision.seat_osm_node": (
        "điểm nhãn OpenStreetMap của thị trấn nơi đặt trụ sở (không phải chính tòa nhà)",
        "OpenStreetMap label point of the town that holds the seat (not the building)",
    ),
    "precision.seat_geonames_place": (
        "điểm GeoNames của thị trấn nơi đặt trụ sở (không phải chính tòa nhà)",
        "GeoNames point of the town that holds the seat (not the building)",
    ),
    "precision.former_commune_point": (
        "điểm của xã cũ (GeoNames), không phải trụ sở",
        "point of the former commune (GeoNames), not the office",
    ),
    "precision.inside_commune": (
        "một điểm trong xã, không phải trụ sở",
        "a point inside the commune, not its office",
    ),
    "precision.commune_seat": (
        "chỉ biết theo xã: đặt tại điểm của xã, không phải vị trí thật",
        "known only by commune: placed at its commune's point, not its own position",
    ),
    "precision.official_boundary": (
        "ranh giới từ cổng thông tin sắp xếp đơn vị hành chính 2025",
        "boundary from the official 2025 merger portal",
    ),
    "precision.gadm_boundary": ("ranh giới GADM 4.1 (thô)", "GADM 4.1 boundary (coarse)"),
    "precision.derived_line": (
        "suy ra từ ranh giới, không phải đường chính thức",
        "derived from boundary polygons, not an official line",
    ),
    "precision.road_few_hundred_m": (
        "tim đường, sai số vài trăm mét",
        "road centre line good to a few hundred m",
    ),
    "precision.river_coarse": ("đường sông, sai số 0,5–1 km", "river line good to 0.5–1 km"),
    "precision.commune_class": (
        "lớp cho cả xã, không phải vùng trên thực địa",
        "class for the whole commune, not a zone on the ground",
    ),
    "precision.official_zoning": (
        "vùng phân cấp chính thức do người dùng nhập",
        "official zoning polygon imported by a user",
    ),
    "precision.user_import": (
        "do người dùng nhập; độ chính xác theo người nhập",
        "imported by a user; precision as stated by the user",
    ),
    "precision.not_placed": (
        "chỉ biết theo huyện: có trong danh sách, không vẽ trên bản đồ",
        "known only by district: listed, not drawn on the map",
    ),
    "layer.communes_2024": ("Xã 2020–2025 (54)", "Communes 2020–2025 (54)"),
    "layer.communes_2025": ("Xã từ 1/7/2025 (27)", "Communes since 1 Jul 2025 (27)"),
    "layer.border": ("Đường biên giới (suy ra)", "Border line (derived)"),
    "layer.gates": ("Cửa khẩu", "Border gates"),
    "layer.markers": ("Mốc quốc giới", "Border markers"),
    "layer.indicators": ("Chỉ tiêu", "Indicators"),
    "layer.sites": ("Du lịch và di tích", "Tourism and heritage sites"),
    "layer.risk_2025": ("Nguy cơ sạt lở (xã 2025)", "Landslide risk (2025 communes)"),
    "layer.risk_2024": ("Nguy cơ sạt lở (xã 2020–2025)", "Landslide risk (2020–2025 communes)"),
    "layer.roads": ("Quốc lộ", "National roads"),
    "layer.rivers": ("Sông suối", "Rivers"),
}
