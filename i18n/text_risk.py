"""The landslide-risk method and the reasons given for each commune's class (``layers.risk``).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # The method, filled in from layers.risk.rules (every number is a placeholder, so the text
    # cannot disagree with the code). Eight lines: shown next to the map's risk legend.
    "risk_text.method": (
        "Lớp nguy cơ sạt lở – lũ quét theo xã, suy ra từ dữ liệu sẵn có, KHÔNG phải bản đồ "
        "phân vùng chính thức. Điểm = địa hình + sự kiện + điểm nguy cơ + báo cáo cấp huyện.\n"
        "Địa hình: chênh cao P90−P10 trong xã (lưới SRTM30_PLUS 0,02° ≈ 2,2 km): "
        "≥{relief_1:g} m {relief_points_1:g} điểm, ≥{relief_2:g} m {relief_points_2:g}, "
        "≥{relief_3:g} m {relief_points_3:g}, thấp hơn 0.\n"
        "Sự kiện: mỗi năm có sạt lở hoặc lũ quét/lũ mà báo chí, trang chính thức nêu tên xã "
        "tính một lần cho xã, dù là sạt lở, lũ hay cả hai (một trận mưa bão thường gây cả hai); "
        "các tin không rõ năm của xã gộp lại tính một lần. {recent:g} điểm nếu năm trong "
        "{first_recent}–{reference}, {other:g} điểm nếu cũ hơn hoặc không rõ năm; tối đa "
        "{events_max:g}. Năm là năm xảy ra sự kiện, không bao giờ lấy ngày đăng trang.\n"
        "Điểm nguy cơ sạt lở, sạt lở bờ sông/suối nêu tên xã: {hotspot:g} điểm mỗi tin, tối đa "
        "{hotspots_max:g}. Báo cáo cấp huyện cũ không nêu tên xã: +{district:g} một lần cho mọi "
        "xã của huyện. Tin cảnh báo, dự báo chỉ để tham khảo, không tính điểm.\n"
        "Lớp: ≥{very_high:g} rất cao, ≥{high:g} cao, ≥{medium:g} trung bình, còn lại thấp.\n"
        "Xã chưa có tin sự kiện hay điểm nguy cơ nào nêu tên chỉ xếp theo địa hình (và báo cáo "
        "cấp huyện), tối đa {cap}; nếu ra thấp thì ghi 'chưa rõ': không có tin không có nghĩa "
        "là an toàn.\n"
        "Lưới địa hình quá thô để tính độ dốc; danh mục sạt lở NASA chỉ để tham khảo (sai số "
        "10–50 km).\n"
        "Nơi bản đồ phân vùng chính thức được nhập phủ ≥{cover:.0%} diện tích xã, lớp cao nhất "
        "của bản đồ phủ ≥{share:.0%} xã được dùng thay.",
        "Commune-level landslide and flash-flood risk derived from the evidence in the data; "
        "NOT an official zoning map. Score = relief + events + risk points + district "
        "reports.\n"
        "Relief: P90−P10 elevation range in the commune (SRTM30_PLUS 0.02° ≈ 2.2 km grid): "
        "≥{relief_1:g} m {relief_points_1:g} points, ≥{relief_2:g} m {relief_points_2:g}, "
        "≥{relief_3:g} m {relief_points_3:g}, less 0.\n"
        "Events: each year in which news or official pages report a landslide or flash "
        "flood/flood by the commune's name counts once for the commune, whether landslide, "
        "flood or both (one storm usually brings both); the commune's undated reports together "
        "count once. {recent:g} points for a year in {first_recent}–{reference}, {other:g} if "
        "older or undated; at most {events_max:g}. The year is the event's, never the page's "
        "date.\n"
        "Risk points and river/stream-bank collapse naming the commune: {hotspot:g} point each, "
        "at most {hotspots_max:g}. Former-district reports that name no commune: "
        "+{district:g} once for every commune of the district. Warnings and forecasts are "
        "listed as context, never scored.\n"
        "Classes: ≥{very_high:g} very high, ≥{high:g} high, ≥{medium:g} medium, otherwise "
        "low.\n"
        "A commune no event or risk-point report names gets a relief-only class (relief and "
        "district reports), at most {cap}; 'unknown' rather than low: no news is not "
        "evidence of safety.\n"
        "The grid is too coarse for slope; NASA's landslide catalogue is context only (10–50 km "
        "accuracy).\n"
        "Where an imported official zoning map covers ≥{cover:.0%} of a commune, its worst class "
        "covering ≥{share:.0%} of the commune is used instead.",
    ),
    "risk_text.relief": (
        "Địa hình: chênh cao P90−P10 {relief:.0f} m, cao nhất {top:.0f} m ({cells} ô 2,2 km, "
        "{rule}) (+{points:g}) [{source}]",
        "Relief: P90−P10 range {relief:.0f} m, max {top:.0f} m ({cells} cells of 2.2 km, "
        "{rule}) (+{points:g}) [{source}]",
    ),
    "risk_text.rule_all_touched": ("ô chạm ranh giới", "cells touching the commune"),
    "risk_text.rule_centre": ("tâm ô trong xã", "cell centres inside"),
    "risk_text.no_relief": (
        "Địa hình: không có ô lưới SRTM30 trong xã (không tính điểm)",
        "Relief: no SRTM30 cell in the commune (no points)",
    ),
    "risk_text.cited": (
        "{head}: {labels} ({points}{sources}) [{cite}]",
        "{head}: {labels} ({points}{sources}) [{cite}]",
    ),
    "risk_text.n_sources": (", {n} nguồn", ", {n} sources"),
    "risk_text.event": ("{category} {year}", "{category} {year}"),
    "risk_text.kinds_both": ("Sạt lở và lũ quét/lũ", "Landslide and flash flood/flood"),
    "risk_text.warning": (
        "Cảnh báo, dự báo nêu tên xã (không phải bằng chứng về điểm sạt lở)",
        "Warning or forecast naming the commune (not evidence of a hazard site)",
    ),
    "risk_text.accuracy_unknown": ("không rõ", "unknown"),
    "risk_text.facts_source": (
        "tin báo chí và trang chính thức được dẫn",
        "cited news and official pages",
    ),
    "risk_text.terrain_source": (
        "độ cao SRTM30_PLUS v9, lưới 0,02°",
        "SRTM30_PLUS v9 elevation, 0.02° grid",
    ),
    "risk_text.undated": ("không rõ năm", "year not stated"),
    "risk_text.category.landslide_event": ("Sạt lở", "Landslide"),
    "risk_text.category.flood_event": ("Lũ quét/lũ", "Flash flood/flood"),
    "risk_text.category.landslide_hotspots": ("Điểm nguy cơ sạt lở", "Landslide hotspot"),
    "risk_text.category.erosion": ("Sạt lở bờ sông/xói lở", "River-bank erosion"),
    "risk_text.district": (
        "Báo cáo cấp huyện cũ, không chỉ rõ xã",
        "Former-district reports, commune not named",
    ),
    "risk_text.district_points": (
        "+{points:g} cho cả huyện",
        "+{points:g} for the whole district",
    ),
    "risk_text.context_2024": (
        "Báo cáo về xã mới (2025) gộp từ xã này và xã khác, không rõ thuộc xã cũ nào",
        "Reports about the merged 2025 commune that includes this one; old commune unknown",
    ),
    "risk_text.context_2025": (
        "Báo cáo về xã cũ bị chia cho nhiều xã mới năm 2025, không rõ thuộc xã mới nào",
        "Reports about an old commune split between new communes in 2025; which unknown",
    ),
    "risk_text.not_scored": ("không tính điểm", "not scored"),
    "risk_text.no_evidence": (
        "Chưa rõ: không có báo cáo nào nêu tên xã và không có số liệu địa hình",
        "Unknown: no report names the commune and no relief data",
    ),
    "risk_text.relief_only": (
        "Chỉ theo địa hình: chưa có báo cáo sự kiện nào nêu tên xã trong dữ liệu — không có "
        "tin không có nghĩa là không có nguy cơ",
        "Relief only: no report in the data names this commune — no news is not evidence of safety",
    ),
    "risk_text.relief_only_unknown": (
        "Chưa rõ: lưới địa hình thô không thấy chênh cao lớn nhưng không thấy được sườn dốc "
        "cục bộ; chưa đủ bằng chứng để xếp thấp",
        "Unknown: the coarse grid shows little relief but cannot see local steep slopes; not "
        "enough evidence to call it low",
    ),
    "risk_text.nasa": (
        "Tham khảo, không tính điểm: sự kiện gần nhất trong danh mục NASA cách {km:.0f} km "
        "({place}, {date}; sai số vị trí {accuracy}) [{source}]",
        "Context, not scored: nearest NASA catalogue event {km:.0f} km away ({place}, "
        "{date}; location accuracy {accuracy}) [{source}]",
    ),
    "risk_text.source": (
        "Lớp suy ra: độ cao SRTM30_PLUS v9 (lưới 0,02°) và các tin sạt lở, lũ quét của báo "
        "chí, trang chính thức dẫn ở từng xã; không phải bản đồ phân vùng chính thức",
        "Derived layer: SRTM30_PLUS v9 elevation (0.02° grid) and the landslide and flash-flood "
        "reports of news and official pages cited for each commune; not an official zoning map",
    ),
    "risk_text.zoning": (
        "Theo bản đồ phân vùng chính thức ({sources}): cấp {zone}, phủ {cover:.0%} diện "
        "tích xã; lớp suy ra trước đó {derived}, với các lý do sau:",
        "By the official zoning map ({sources}): class {zone}, covering {cover:.0%} of the "
        "commune; previously derived class {derived}, for these reasons:",
    ),
}
