"""Where a figure comes from: sources, poverty standards, levels, methods, qualifiers.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used. The codes are
those of :mod:`geo.vocabulary` (``POVERTY_STANDARDS``, ``FIGURE_LEVELS``, ``FIGURE_METHODS``,
``VALUE_QUALIFIERS``).
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # Citations (geo.citations.format_citation): fixed words of a source.
    "provenance.unknown": ("không rõ", "unknown"),
    "provenance.mirror": ("bản sao, cần kiểm chứng", "mirror, verify"),
    "provenance.date_unknown": ("ngày không rõ", "date unknown"),
    "provenance.headline_unknown": ("tiêu đề không rõ", "headline unknown"),
    "provenance.no_link": ("không có đường dẫn", "no link"),
    "provenance.quoted_in": ("trích lại trong", "quoted in"),
    # Years and values (layers.commune_view.provenance_table).
    "provenance.year_not_stated": ("không nêu năm", "year not stated"),
    "provenance.year_no_single": ("không theo một năm", "no single year"),
    "provenance.no_figure": ("không có số liệu", "no figure"),
    "provenance.estimate": ("ước tính", "estimate"),
    "provenance.estimate_year": ("ước tính {year}", "estimate {year}"),
    "provenance.reported": ("đưa tin {date}", "reported {date}"),
    "provenance.qualifier.lower_bound": ("trên {value}", "over {value}"),
    "provenance.qualifier.upper_bound": ("dưới {value}", "under {value}"),
    "provenance.qualifier.nearly": ("gần {value}", "nearly {value}"),
    "provenance.qualifier.approximate": ("khoảng {value}", "about {value}"),
    # Poverty standards (geo.vocabulary.POVERTY_STANDARDS).
    "provenance.standard.2011-2015": (
        "chuẩn nghèo theo thu nhập 2011–2015",
        "income-based standard 2011–2015",
    ),
    "provenance.standard.2016-2020": (
        "chuẩn nghèo đa chiều 2016–2020 (QĐ 59/2015/QĐ-TTg)",
        "multidimensional standard 2016–2020 (Decision 59/2015/QĐ-TTg)",
    ),
    "provenance.standard.2021-2025": (
        "chuẩn nghèo đa chiều 2021–2025 (NĐ 07/2021/NĐ-CP)",
        "multidimensional standard 2021–2025 (Decree 07/2021/NĐ-CP)",
    ),
    "provenance.standard.new_rural": (
        "tỷ lệ nêu khi thẩm định nông thôn mới",
        "rate stated at a new-rural (NTM) appraisal",
    ),
    "provenance.standard.unknown": ("chuẩn nghèo không rõ", "poverty standard unknown"),
    # Whose figure (geo.vocabulary.FIGURE_LEVELS).
    "provenance.level.commune": ("xã", "commune"),
    "provenance.level.former_district": ("huyện cũ {district}", "former district {district}"),
    "provenance.level.none": ("không có", "none"),
    # How the figure was obtained (geo.vocabulary.FIGURE_METHODS).
    "provenance.method.cited_figure": ("số liệu trích dẫn", "cited figure"),
    "provenance.method.census_2019": ("Tổng điều tra dân số 2019", "2019 census"),
    "provenance.method.published_2025": ("số liệu công bố năm 2025", "2025 published figure"),
    "provenance.method.computed_density": (
        "tính từ dân số và diện tích",
        "computed: population ÷ area",
    ),
    "provenance.method.area_share_estimate": (
        "ước tính theo tỷ lệ diện tích",
        "area-share estimate",
    ),
    "provenance.method.derived_class": (
        "phân loại suy ra từ địa hình và sự kiện đã ghi nhận",
        "class derived from terrain and recorded events",
    ),
    "provenance.method.official_zoning": ("phân vùng chính thức", "official zoning"),
    "provenance.method.user_import": ("người dùng nhập", "user import"),
    "provenance.method.satellite_share": ("tỷ lệ từ ảnh vệ tinh", "satellite-derived share"),
    "provenance.method.modelled": ("số liệu mô hình hóa", "modelled figure"),
    "provenance.method.computed_from_terrain": ("tính từ địa hình", "computed from terrain"),
    "provenance.method.published_statistics": ("niên giám thống kê", "statistical yearbook"),
    "provenance.method.none": ("không có", "none"),
    # Notes.
    "provenance.note.other_edition": (
        "số liệu của chính xã này ở bản đồ {edition} (xã không đổi khi sáp nhập 2025)",
        "the same commune's figure in the {edition} edition (unchanged by the 2025 merger)",
    ),
    "provenance.note.conflict": (
        "các nguồn không thống nhất (xem chi tiết); hiển thị số liệu từ nguồn không phải bản sao",
        "sources disagree (see the detail); the figure shown is from a source that is not a copy",
    ),
    "provenance.source.population_2025": (
        "gis.vn (số liệu sáp nhập 2025), qua lamngockhuong/vietnam-3d-map (GitHub)",
        "gis.vn (2025 merger figures), via lamngockhuong/vietnam-3d-map (GitHub)",
    ),
    "provenance.source.census_2019": (
        "Tổng điều tra dân số và nhà ở 2019, qua hgscarlette/vn-demographic (GitHub)",
        "2019 Population and Housing Census, via hgscarlette/vn-demographic (GitHub)",
    ),
    "provenance.source.area": (
        "diện tích: gis.vn, hoặc tính từ ranh giới",
        "area: gis.vn, or computed from the boundaries",
    ),
    "provenance.source.cited_reports": ("các bài báo đã trích dẫn", "the cited news reports"),
    # Column headers of the provenance table.
    "provenance.col.code": ("Mã", "Code"),
    "provenance.col.name": ("Xã", "Commune"),
    "provenance.col.value": ("Giá trị", "Value"),
    "provenance.col.unit": ("Đơn vị", "Unit"),
    "provenance.col.year": ("Năm", "Year"),
    "provenance.col.level": ("Cấp số liệu", "Level"),
    "provenance.col.method": ("Cách có số liệu", "Method"),
    "provenance.col.standard": ("Chuẩn nghèo", "Poverty standard"),
    "provenance.col.source": ("Nguồn", "Source"),
    "provenance.col.source_link": ("Đường dẫn", "Link"),
    "provenance.col.mirror": ("Bản sao, cần kiểm chứng", "Mirror, verify"),
    "provenance.col.note": ("Ghi chú", "Note"),
    "provenance.col.detail": ("Chi tiết (tiếng Anh)", "Detail"),
    "provenance.col.figure": ("Số liệu (như nguồn ghi)", "Figure (as stated)"),
    "provenance.col.indicator": ("Chỉ tiêu", "Indicator"),
    "provenance.col.category": ("Nhóm", "Category"),
    # Notices about the figures in view (layers.filters.poverty_mix).
    "provenance.mix.standards": (
        "Các tỷ lệ hộ nghèo đang hiển thị theo nhiều chuẩn nghèo ({standards}): "
        "không so sánh trực tiếp",
        "The poverty rates in view use different standards ({standards}): "
        "do not compare them directly",
    ),
    "provenance.mix.years": (
        "Các tỷ lệ hộ nghèo đang hiển thị thuộc nhiều năm khác nhau ({years})",
        "The poverty rates in view are from different years ({years})",
    ),
    "provenance.mix.levels": (
        "Có xã hiển thị số liệu của chính xã, có xã hiển thị số liệu của huyện cũ",
        "Some communes show their own figure, others their former district's",
    ),
    "provenance.mix.unknown_standard": (
        "{n} xã có tỷ lệ hộ nghèo không rõ theo chuẩn nghèo nào: không xếp hạng với số liệu khác",
        {
            "one": "{n} commune's poverty rate states no poverty standard: do not rank it "
            "against others",
            "other": "{n} communes' poverty rates state no poverty standard: do not rank them "
            "against others",
        },
    ),
    "provenance.mix.undated": (
        "{n} xã có tỷ lệ hộ nghèo không nêu năm",
        {
            "one": "{n} commune's poverty rate states no year",
            "other": "{n} communes' poverty rates state no year",
        },
    ),
}
