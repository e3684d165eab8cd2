"""Interface text in Vietnamese (first) and English.

Pages call :func:`t` with a key; the language lives in ``st.session_state["lang"]`` and in the
URL (``?lang=en``) so a copied link reopens in the same language.
"""

from __future__ import annotations

import streamlit as st

LANGS = ("vi", "en")

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("Atlas Biên giới", "Border Atlas"),
    "app_subtitle": (
        "Bản đồ ba vùng biên giới Việt – Lào: Quan Sơn, Kỳ Sơn, Hướng Hóa",
        "Map of three Vietnam–Laos border areas: Quan Sơn, Kỳ Sơn, Hướng Hóa",
    ),
    "language": ("Ngôn ngữ", "Language"),
    "page_map": ("Bản đồ", "Map"),
    "page_planner": ("Kế hoạch thực địa", "Field visits"),
    "page_import": ("Dữ liệu của bạn", "Your data"),
    "page_data": ("Nguồn dữ liệu", "Data sources"),
    "layers_heading": ("Các lớp bản đồ", "Map layers"),
    "layer": ("Lớp", "Layer"),
    "rows": ("Số đối tượng", "Features"),
    "status": ("Trạng thái", "Status"),
    "available": ("sẵn sàng", "available"),
    "unavailable": ("không dùng được", "unavailable"),
    "unavailable_layers": (
        "Một số lớp không dùng được vì thiếu hoặc sai tệp dữ liệu:",
        "Some layers are unavailable because a data file is missing or altered:",
    ),
    "inputs_heading": ("Tệp đầu vào", "Input files"),
    "file": ("Tệp", "File"),
    "licence": ("Giấy phép", "Licence"),
    "description": ("Mô tả", "Description"),
    "limits_heading": ("Giới hạn của dữ liệu", "Limits of the data"),
    "limits_text": (
        "- Địa hình SRTM30+ rất thô (~2,2 km): chỉ dùng cho độ chênh cao, không tính độ dốc.\n"
        "- Cửa khẩu Nậm Cắn và Lao Bảo: ước tính từ điểm cuối quốc lộ (sai số vài trăm mét).\n"
        "- Không mốc quốc giới nào có tọa độ công khai: mốc được hiển thị tại cửa khẩu hoặc "
        "trụ sở xã.\n"
        "- Tỷ lệ nghèo cấp xã chỉ có cho vài xã; các xã khác dùng số liệu huyện cũ (ghi rõ).\n"
        "- Đường biên giới được suy ra từ ranh giới xã, không phải đường biên chính thức.\n"
        "- Dữ liệu GADM chỉ dùng phi thương mại.",
        "- SRTM30+ terrain is very coarse (~2.2 km): relief only, never slope.\n"
        "- Nậm Cắn and Lao Bảo gates: estimated from the end of the national road (a few "
        "hundred m).\n"
        "- No border marker has public coordinates: markers are shown at their gate or commune "
        "seat.\n"
        "- Commune poverty rates exist for a few communes only; others show the former "
        "district's figure (and say so).\n"
        "- The border line is derived from commune boundaries, not the official treaty line.\n"
        "- GADM data is for non-commercial use only.",
    ),
}


def lang() -> str:
    """The current interface language, ``"vi"`` unless the user chose English."""
    value = st.session_state.get("lang") or st.query_params.get("lang", "vi")
    return value if value in LANGS else "vi"


def t(key: str) -> str:
    """Return the interface text ``key`` in the current language."""
    vi, en = TEXT[key]
    return vi if lang() == "vi" else en


def pick(vi: str, en: str) -> str:
    """Return ``vi`` or ``en`` by the current language (for texts that come with data)."""
    return vi if lang() == "vi" else en


def language_switch() -> None:
    """Sidebar switch between Vietnamese and English, kept in the URL (``?lang=en``)."""
    with st.sidebar:
        choice = st.radio(
            "Ngôn ngữ / Language",
            options=list(LANGS),
            format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
            index=list(LANGS).index(lang()),
            horizontal=True,
            key="lang_choice",
        )
    st.session_state["lang"] = choice
    if choice == "vi":
        if "lang" in st.query_params:
            del st.query_params["lang"]
    else:
        st.query_params["lang"] = choice
