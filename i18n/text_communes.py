"""The communes layer (``layers.communes``): its sources and how each figure was obtained.

A commune row carries method codes next to its figures (``population_method``,
``population_2019_method``, ``area_method``, ``density_method``, ``density_2019_method``,
``border_method``); their labels are ``<column>.<code>`` here, e.g.
``message("area_method.computed_gadm", "en")``. ``population_2019_method`` and
``population_method`` share the ``population_method.*`` labels, ``density_2019_method`` and
``density_method`` the ``density_method.*`` ones.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

_CENSUS_VI = (
    "Tổng điều tra dân số 2019, Tổng cục Thống kê (qua github.com/hgscarlette/vn-demographic)"
)
_CENSUS_EN = "2019 Population and Housing Census, GSO (via github.com/hgscarlette/vn-demographic)"

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # Where a commune row comes from (the layer's ``source`` and ``source_en``).
    "communes.source_2025": (
        "Ranh giới: cổng sáp nhập sapnhap.bando.com.vn (qua github.com/thanglequoc/"
        "vietnamese-provinces-database); dân số 2025, diện tích, tên trụ sở: gis.vn (qua "
        f"github.com/lamngockhuong/vietnam-3d-map); dân số 2019: {_CENSUS_VI}; "
        "điểm trụ sở: xem nguồn của từng điểm",
        "Boundaries: merger portal sapnhap.bando.com.vn (via github.com/thanglequoc/"
        "vietnamese-provinces-database); 2025 population, area, seat name: gis.vn (via "
        f"github.com/lamngockhuong/vietnam-3d-map); 2019 population: {_CENSUS_EN}; "
        "seat points: see each point's source",
    ),
    "communes.source_2024": (
        "Ranh giới: GADM 4.1 cấp xã (gadm.org, dùng phi thương mại), ghép TT Quan Sơn với "
        "xã Sơn Lư và xã A Túc với xã A Xing theo hai lần sáp nhập trước năm 2025; mã xã: "
        "github.com/thanglequoc/vietnamese-provinces-database; diện tích chính thức của xã "
        f"giữ nguyên khi sáp nhập 2025: gis.vn; dân số 2019: {_CENSUS_VI}",
        "Boundaries: GADM 4.1 communes (gadm.org, non-commercial use), Quan Sơn town joined "
        "with Sơn Lư and A Túc with A Xing as in two mergers before 2025; codes: "
        "github.com/thanglequoc/vietnamese-provinces-database; official area of communes the "
        f"2025 merger left whole: gis.vn; 2019 population: {_CENSUS_EN}",
    ),
    # How the population figure was obtained.
    "population_method.census_2019": (
        "số đếm của Tổng điều tra dân số 2019",
        "2019 census count",
    ),
    "population_method.census_2019_area_share": (
        "ước tính từ Tổng điều tra 2019 theo tỷ lệ diện tích (xã cũ bị chia), làm tròn đến 10",
        "area-share estimate from the 2019 census (a split former commune), to the nearest 10",
    ),
    "population_method.published_2025": (
        "số liệu công bố năm 2025 (gis.vn)",
        "2025 published figure (gis.vn)",
    ),
    # Which area a figure uses.
    "area_method.official": ("diện tích chính thức (gis.vn)", "official area (gis.vn)"),
    "area_method.computed_portal": (
        "diện tích tính từ ranh giới của cổng sáp nhập",
        "area computed from the merger portal's boundary",
    ),
    "area_method.official_2025": (
        "diện tích chính thức 2025 (gis.vn) của xã giữ nguyên khi sáp nhập",
        "official 2025 area (gis.vn) of a commune the merger left whole",
    ),
    "area_method.computed_gadm": (
        "ước tính: tính từ ranh giới GADM thô, có thể lệch nhiều so với số chính thức",
        "estimate: computed from the coarse GADM boundary, may differ much from official",
    ),
    # Density: the population (method) over the area (method).
    "density_method.published_2025_per_official_area": (
        "dân số 2025 công bố ÷ diện tích chính thức",
        "published 2025 population ÷ official area",
    ),
    "density_method.published_2025_per_portal_area": (
        "dân số 2025 công bố ÷ diện tích tính từ ranh giới cổng sáp nhập",
        "published 2025 population ÷ area computed from the merger portal's boundary",
    ),
    "density_method.census_2019_per_official_area": (
        "dân số Tổng điều tra 2019 ÷ diện tích chính thức",
        "2019 census population ÷ official area",
    ),
    "density_method.census_2019_per_portal_area": (
        "dân số Tổng điều tra 2019 ÷ diện tích tính từ ranh giới cổng sáp nhập",
        "2019 census population ÷ area computed from the merger portal's boundary",
    ),
    "density_method.census_2019_per_gadm_area": (
        "ước tính: dân số Tổng điều tra 2019 ÷ diện tích tính từ ranh giới GADM thô",
        "estimate: 2019 census population ÷ area computed from the coarse GADM boundary",
    ),
    "density_method.census_2019_area_share_per_official_area": (
        "ước tính: dân số 2019 chia theo tỷ lệ diện tích ÷ diện tích chính thức",
        "estimate: area-share 2019 population ÷ official area",
    ),
    "density_method.census_2019_area_share_per_portal_area": (
        "ước tính: dân số 2019 chia theo tỷ lệ diện tích ÷ diện tích tính từ ranh giới",
        "estimate: area-share 2019 population ÷ area computed from the boundary",
    ),
    "density_method.census_2019_area_share_per_gadm_area": (
        "ước tính: dân số 2019 chia theo tỷ lệ diện tích ÷ diện tích GADM thô",
        "estimate: area-share 2019 population ÷ coarse GADM area",
    ),
    # Why a commune is (not) a border commune.
    "border_method.cited_list": (
        "theo danh sách xã biên giới đã dẫn nguồn",
        "from a cited list of border communes",
    ),
    "border_method.derived_geometry": (
        "suy ra từ ranh giới xã và đường biên giới suy ra (không phải danh sách chính thức)",
        "derived from commune boundaries and the derived border line (not an official list)",
    ),
    "communes.border_source_2025": (
        "suy ra: ranh giới xã của cổng sáp nhập cách đường biên giới suy ra không quá 100 m",
        "derived: the merger portal's commune boundary lies within 100 m of the derived "
        "border line",
    ),
    "communes.border_source_2024": (
        "suy ra: xã giữ nguyên khi sáp nhập theo ranh giới 2025; xã khác theo ranh giới "
        "GADM thô (ít nhất 1,5 km đường biên giới suy ra trong vùng đệm 300 m), chỉ khi xã "
        "2025 chứa nó là xã biên giới",
        "derived: communes the merger left whole from their 2025 boundary; others from the "
        "coarse GADM boundary (at least 1.5 km of the derived border line within 300 m), only "
        "when the 2025 commune they went into is a border commune",
    ),
    "communes.border_source_cited": (
        "danh sách {n} xã biên giới của huyện {district} ({year}): {citation}",
        "list of the {n} border communes of {district} district ({year}): {citation}",
    ),
    "communes.mirror_read": ("đọc qua một trang sao chép", "read through a copy of the page"),
    # Figures of 2020–2025 communes moved onto the 2025 communes (layers.crosswalk.to_2025).
    "crosswalk.area_share_estimate": (
        "ước tính: xã cũ {codes} bị chia theo tỷ lệ diện tích, làm tròn",
        "estimate: old commune {codes} split by area share, rounded",
    ),
    # A count of communes in the plural the language needs (i18n.numbers.format_count).
    "count.commune": ("{n} xã", {"one": "{n} commune", "other": "{n} communes"}),
}
