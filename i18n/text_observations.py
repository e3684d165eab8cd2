"""Words of field observations' vocabulary: kinds, marker conditions, position sources.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used. The codes are
:data:`geo.vocabulary.OBSERVATION_KINDS`, :data:`~geo.vocabulary.MARKER_CONDITIONS`,
:data:`~geo.vocabulary.POSITION_SOURCES` and :data:`~geo.vocabulary.OBSERVATION_SOURCES`.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "obs_kind.landslide": ("Sạt lở đã thấy", "Landslide seen"),
    "obs_kind.road_blocked": ("Đường bị chặn hoặc hư hỏng", "Road blocked or damaged"),
    "obs_kind.crossing_impassable": (
        "Cầu hoặc ngầm không qua được",
        "Bridge or ford impassable",
    ),
    "obs_kind.marker": ("Tình trạng cột mốc", "Border marker condition"),
    "obs_kind.site_visited": ("Đã đến địa điểm", "Site visited"),
    "obs_kind.other": ("Khác", "Other"),
    "marker_condition.intact": ("Còn nguyên", "Intact"),
    "marker_condition.damaged": ("Hư hỏng", "Damaged"),
    "marker_condition.missing": ("Mất", "Missing"),
    "marker_condition.not_found": ("Không tìm thấy", "Not found"),
    "obs_position.gps": ("GPS của điện thoại", "phone GPS"),
    "obs_position.map": (
        "chạm trên bản đồ (không có GPS), không phải vị trí đo",
        "tapped on the map (no GPS fix), not a measured position",
    ),
    "obs_position.odk": ("điểm GPS của biểu mẫu ODK", "ODK form geopoint"),
    "obs_source.fieldpack": ("bản đồ gói thực địa", "field pack map"),
    "obs_source.odk": ("ODK Collect / KoboCollect", "ODK Collect / KoboCollect"),
}
