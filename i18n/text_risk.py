"""The landslide-risk method and the reasons given for each commune's class (``layers.risk``).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "risk_text.method": (
        "Lớp nguy cơ sạt lở – lũ quét theo xã, suy ra từ dữ liệu sẵn có, KHÔNG phải bản đồ "
        "phân vùng chính thức.\n"
        "Điểm = chênh cao P90−P10 trong xã (lưới SRTM30 0,02° ≈ 2,2 km: ≥700 m 3 điểm, ≥400 m "
        "2, ≥250 m 1) + mỗi năm có sạt lở/lũ quét được báo chí, cơ quan nêu tên xã (2 điểm "
        "nếu trong 10 năm gần đây, 1 nếu cũ hơn hoặc không rõ năm; tối đa 6) + điểm nguy cơ, "
        "sạt lở bờ suối cấp xã (1 điểm, tối đa 2) + 1 điểm nếu huyện cũ có báo cáo sạt lở cấp "
        "huyện.\n"
        "Lớp: ≥7 rất cao, ≥5 cao, ≥2 trung bình, còn lại thấp.\n"
        "Xã chưa có báo cáo nào chỉ xếp theo địa hình (tối đa trung bình, nếu thấp thì ghi "
        "'chưa rõ'): không có tin không có nghĩa là an toàn.\n"
        "Lưới địa hình quá thô để tính độ dốc; danh mục NASA chỉ để tham khảo (sai số 10–50 "
        "km).\n"
        "Nơi có bản đồ phân vùng chính thức được nhập, lớp của bản đồ đó được dùng thay.",
        "Commune-level landslide and flash-flood risk derived from the evidence in the bundle; "
        "NOT an official zoning map.\n"
        "Score = P90−P10 relief in the commune (SRTM30 0.02° ≈ 2.2 km grid: ≥700 m 3 points, "
        "≥400 m 2, ≥250 m 1) + each year with a landslide/flash flood that news or official "
        "pages report by commune (2 points within the last 10 years, 1 if older or undated; "
        "at most 6) + commune-level risk points or bank collapse (1 point, at most 2) + 1 "
        "point when the former district has district-level landslide reports.\n"
        "Classes: ≥7 very high, ≥5 high, ≥2 medium, otherwise low.\n"
        "Communes no report names get a relief-only class (at most medium; 'unknown' rather "
        "than low): no news is not evidence of safety.\n"
        "The grid is too coarse for slope; NASA's catalogue is context only (10–50 km "
        "accuracy).\n"
        "Where an official zoning map is imported, its class is used instead.",
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
    "risk_text.zoning": (
        "Theo bản đồ phân vùng chính thức ({sources}): cấp {zone}, phủ {cover:.0%} diện "
        "tích xã; lớp suy ra trước đó {derived}: {reasons}",
        "By the official zoning map ({sources}): class {zone}, covering {cover:.0%} of the "
        "commune; previously derived class {derived}: {reasons}",
    ),
}
