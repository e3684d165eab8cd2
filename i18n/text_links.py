"""Words of the links part of the app (shared links, the language switch, the map controls):
key → (Vietnamese, English).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # A link value that was not used as given (ui.view_link.notice_text).
    "links.notice": (
        "Liên kết: {param} «{given}» không rõ, đang mở: {used}.",
        "Link: {param} “{given}” not understood, showing: {used}.",
    ),
    "links.off": ("không lọc", "no filter"),
    "links.default_indicator": ("chỉ tiêu mặc định", "the default indicator"),
    "links.default_basemap": ("nền mặc định", "the default basemap"),
    "links.lang.vi": ("Tiếng Việt", "Vietnamese"),
    "links.lang.en": ("Tiếng Anh", "English"),
    "links.param.area": ("Vùng", "Area"),
    "links.param.ed": ("Đơn vị hành chính", "Administrative units"),
    "links.param.ind": ("Chỉ tiêu tô màu", "Colour-by indicator"),
    "links.param.map": ("Nền bản đồ", "Basemap"),
    "links.param.sel": ("Đối tượng đang chọn", "Selected place"),
    "links.param.pov": ("Tỷ lệ hộ nghèo tối thiểu", "Minimum poverty rate"),
    "links.param.risk": ("Nguy cơ sạt lở", "Landslide risk"),
    "links.param.dist": ("Huyện cũ", "Former district"),
    "links.param.border": ("Chỉ xã biên giới", "Border communes only"),
    "links.param.min": ("Ngưỡng chỉ tiêu", "Indicator minimum"),
    "links.param.pstd": ("Chuẩn nghèo", "Poverty standard"),
    "links.param.pyr": ("Năm số liệu nghèo từ", "Poverty figures from year"),
    "links.param.lang": ("Ngôn ngữ", "Language"),
    # The map page's controls (ui.map_controls).
    "links.year_any": ("mọi năm", "any year"),
    "links.options": ("Bộ lọc và tùy chọn", "Filters and options"),
    "links.options_active": (
        "Bộ lọc và tùy chọn · {n} đang bật",
        {"one": "Filters and options · {n} on", "other": "Filters and options · {n} on"},
    ),
    "links.nothing_selected": ("không chọn gì", "nothing selected"),
}
