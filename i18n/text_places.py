"""Words of the point and line layers: what a point stands for, rivers, the Lao context layer.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # What a drawn point is when it is not the thing itself (labels of the point layers).
    "places.at_commune": (
        "trong xã {commune}; vẽ tại điểm của xã, không phải vị trí thật",
        "in {commune} commune; drawn at the commune's point, not its own position",
    ),
    "places.at_gate": (
        "vẽ tại {gate}, không phải vị trí thật",
        "drawn at {gate}, not its own position",
    ),
    "places.lao_side": ("phía Lào", "Lao side"),
    "places.location_hint_kept": (
        "có gợi ý vị trí chưa kiểm chứng (xem ghi chú)",
        "an unverified location hint exists (see the note)",
    ),
    "places.marker_in_commune": (
        "Mốc {number} — trong xã {commune}; vị trí mốc không công bố",
        "Marker {number} — in {commune} commune; marker position not public",
    ),
    "places.marker_basis": (
        "nguồn trích dẫn nêu xã; vẽ tại một điểm của xã, không phải vị trí mốc",
        "the cited source names the commune; drawn at a point of the commune, not at the marker",
    ),
    "places.several_here": (
        "{n} mục tại cùng một điểm",
        {"one": "{n} entry at this point", "other": "{n} entries at this point"},
    ),
    # Why a cited site stands where it does.
    "sites.basis_commune": (
        "nguồn trích dẫn nêu xã; vẽ tại điểm của xã, không phải vị trí thật",
        "the cited source names the commune; drawn at the commune's point, not its own position",
    ),
    "sites.basis_split": (
        "nguồn trích dẫn nêu một xã cũ đã bị chia năm 2025: chưa đặt trên bản đồ",
        "the cited source names a former commune split in 2025: not placed on the map",
    ),
    "sites.basis_district": (
        "nguồn trích dẫn chỉ nêu huyện hoặc nhiều xã: chưa đặt trên bản đồ",
        "the cited source names only a district or several communes: not placed on the map",
    ),
    # How a point layer row was placed (the bundle's ``method`` codes).
    "point_method.published": ("tọa độ đã công bố", "published coordinates"),
    "point_method.osm_node": ("điểm nhãn OpenStreetMap", "OpenStreetMap label point"),
    "point_method.derived_road_endpoint": (
        "điểm cuối quốc lộ trong dữ liệu đường",
        "end of a national road in the road data",
    ),
    "point_method.derived_road_intersection": (
        "giao điểm hai quốc lộ trong dữ liệu đường",
        "crossing of two national roads in the road data",
    ),
    "point_method.derived_road_border_crossing": (
        "nơi quốc lộ gặp đường biên giới suy ra",
        "where a national road meets the derived border line",
    ),
    "point_method.llm_geocoded_repo": (
        "chỉ có gợi ý mã hóa tự động, chưa kiểm chứng",
        "only an unverified machine-geocoded hint",
    ),
    "point_method.text_only": (
        "chỉ biết theo mô tả, không có tọa độ",
        "known only from text, no coordinates",
    ),
    "point_method.surveyed": ("tọa độ đo đạc", "surveyed coordinates"),
    # Rivers: the name is a guess; the basin is the sub-basin of the source.
    "river.guessed": (
        "{name} (tên đoán; lưu vực {basin})",
        "{name} (guessed name; {basin} basin)",
    ),
    "river.basin_only": ("Lưu vực {basin}", "{basin} basin"),
    # The Lao provinces across the border (context only).
    "layer.lao_provinces": ("Tỉnh của Lào (bối cảnh)", "Lao provinces (context)"),
    "map.overlay.lao": ("Tỉnh của Lào (bối cảnh)", "Lao provinces (context)"),
    "lao.province": ("{name} (Lào)", "{name} (Laos)"),
    "lao.attribution": (
        "tỉnh Lào GADM 4.1 (phi thương mại)",
        "Lao provinces GADM 4.1 (non-commercial)",
    ),
    # The 374 communes and wards of the three provinces (context, read when asked for).
    "map.overlay.units": (
        "Xã, phường của ba tỉnh (bối cảnh)",
        "Communes and wards of the three provinces (context)",
    ),
    "map.units_toggle": (
        "Hiện 374 xã, phường của ba tỉnh",
        "Show the 374 communes and wards of the three provinces",
    ),
    "map.units_help": (
        "Ranh giới mọi xã, phường của Thanh Hóa, Nghệ An, Quảng Trị (2025): bối cảnh, không có "
        "số liệu. Lần đầu cần vài giây để đọc.",
        "Outlines of every commune and ward of Thanh Hóa, Nghệ An and Quảng Trị (2025): "
        "context, no figures. The first time takes a few seconds to read.",
    ),
    "map.units_missing": (
        "Không đọc được ranh giới các xã, phường của ba tỉnh trong bộ dữ liệu.",
        "The outlines of the three provinces' communes and wards could not be read from the "
        "data bundle.",
    ),
    "map.field.type": ("Loại", "Type"),
    "map.field.label_vi": ("Mô tả", "Description"),
    "map.field.label_en": ("Mô tả", "Description"),
}
