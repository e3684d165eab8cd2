"""Words of protected marker positions: what those who may not see surveyed positions read.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "protect.marker_basis": (
        "vị trí đo đạc chỉ dành cho biên phòng và quản trị; vẽ tại một điểm của xã, "
        "không phải vị trí mốc",
        "surveyed position for border guards and admins only; drawn at a point of the "
        "commune, not at the marker",
    ),
    "protect.stop_basis": (
        "vị trí đo đạc không công bố; vẽ tại điểm của xã {commune}",
        "surveyed position not public; drawn at the point of {commune} commune",
    ),
    "protect.withheld_notice": (
        "{n} lớp mốc đo đạc chỉ hiện ở mức xã: vai trò của bạn không xem được vị trí đo đạc.",
        {
            "one": "{n} surveyed-marker import is shown at commune level only: your role "
            "does not see surveyed positions.",
            "other": "{n} surveyed-marker imports are shown at commune level only: your role "
            "does not see surveyed positions.",
        },
    ),
    "protect.withheld_unpublished": (
        "{n} lớp mốc đo đạc được nhập trước khi có vai trò nên không có bản công khai: "
        "các mốc mới của chúng không hiện với vai trò của bạn.",
        {
            "one": "{n} surveyed-marker import was made before roles existed and has no "
            "public version: its new markers are not shown for your role.",
            "other": "{n} surveyed-marker imports were made before roles existed and have no "
            "public version: their new markers are not shown for your role.",
        },
    ),
    "protect.counts_heading": ("Mốc quốc giới theo độ chính xác", "Border markers by precision"),
    "protect.counts_precision": ("Độ chính xác", "Precision"),
    "protect.counts_markers": ("Số mốc", "Markers"),
    "protect.counts_note_public": (
        "Vị trí mốc đo đạc chỉ dành cho biên phòng và quản trị: ở đây các mốc đó được đếm ở mức "
        "xã (hoặc cửa khẩu).",
        "Surveyed marker positions are for border guards and admins only: here those markers "
        "are counted at commune (or gate) level.",
    ),
}
