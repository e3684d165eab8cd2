"""The page layout: the header of every page, the map page's panels and table.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "header.purpose": (
        "bản đồ ba vùng biên giới Việt – Lào cho cán bộ, tổ chức và tổ thực địa",
        "a map of three Vietnam–Laos border areas for officials, NGOs and field teams",
    ),
    "header.data_date": (
        "dữ liệu: xã bản 1/7/2025 và 2020–2025, nguồn trích dẫn đến {newest} (mỗi số liệu ghi "
        "năm riêng)",
        "data: communes of the 1 July 2025 and 2020–2025 editions, sources cited up to {newest} "
        "(each figure with its own year)",
    ),
    "header.data_date_unknown": (
        "dữ liệu: xã bản 1/7/2025 và 2020–2025; không đọc được ngày của các nguồn",
        "data: communes of the 1 July 2025 and 2020–2025 editions; the sources' dates could not "
        "be read",
    ),
    "table.all_columns": (
        "Hiện mọi cột (nguồn, phương pháp, ghi chú)",
        "Show all columns (sources, methods, notes)",
    ),
}
