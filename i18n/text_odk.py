"""Words of the ODK / KoboToolbox form and of importing their exports (issue 15).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used. ``odk.q.*`` are
the questions of the XLSForm (:mod:`planner.xlsform`), ``odk.error.*`` the whole-file problems
and ``odk.refused.*`` the reasons one record of an export is not imported
(:mod:`userdata.odk_import`).
"""

from __future__ import annotations

_HOW = (
    "Xuất lại từ ODK Central (Tải về → CSV, hoặc kèm tệp đính kèm) hoặc KoboToolbox (Tải "
    "dữ liệu → CSV, giá trị và tiêu đề dạng 'XML values and headers', tắt 'Tách câu chọn "
    "nhiều', có tên nhóm) của biểu mẫu Border Atlas."
)
_HOW_EN = (
    "Export again from ODK Central (Download → CSV, or with media files) or KoboToolbox "
    "(Downloads → CSV, 'XML values and headers', 'Split select multiple' off, group names "
    "included) of the Border Atlas form."
)

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "odk.form_title": ("Ghi nhận thực địa: {plan}", "Field observations: {plan}"),
    "odk.q.kind": ("Bạn thấy gì?", "What did you see?"),
    "odk.q.marker_condition": ("Tình trạng cột mốc", "Condition of the border marker"),
    "odk.q.note": ("Ghi chú", "Note"),
    "odk.q.photo": ("Ảnh {n}", "Photo {n}"),
    "odk.q.position": ("Vị trí (GPS)", "Position (GPS)"),
    "odk.hint.position": (
        "Chờ GPS có độ chính xác tốt rồi lưu.",
        "Wait for a good GPS accuracy, then save.",
    ),
    "odk.q.stop": ("Điểm dừng của kế hoạch", "Plan stop"),
    "odk.q.observer": ("Người ghi nhận", "Observer"),
    "odk.q.observed_at": ("Thời điểm quan sát", "Time observed"),
    "odk.error.xlsform": (
        "pyxform không chuyển được biểu mẫu XLSForm: {error}",
        "pyxform could not convert the XLSForm: {error}",
    ),
    "odk.error.not_readable": (
        "Không đọc được tệp {name} như bản xuất CSV hoặc GeoJSON của ODK Central / "
        "KoboToolbox. " + _HOW,
        "{name} cannot be read as an ODK Central / KoboToolbox CSV or GeoJSON export. " + _HOW_EN,
    ),
    "odk.error.no_csv": (
        "Tệp nén không có bảng CSV nào. " + _HOW,
        "The zip holds no CSV table. " + _HOW_EN,
    ),
    "odk.error.many_csv": (
        "Tệp nén có nhiều bảng CSV ({names}): hãy xuất từng biểu mẫu riêng.",
        "The zip holds several CSV tables ({names}): export one form at a time.",
    ),
    "odk.error.missing_columns": (
        "Bản xuất thiếu cột: {columns}. " + _HOW,
        "The export lacks the column(s): {columns}. " + _HOW_EN,
    ),
    "odk.error.no_rows": (
        "Bản xuất không có bản ghi nào.",
        "The export holds no record.",
    ),
    "odk.error.too_many": (
        "Bản xuất có {n} bản ghi, nhiều hơn giới hạn {limit}: hãy xuất theo từng đợt.",
        "The export holds {n} records, over the limit of {limit}: export it in parts.",
    ),
    "odk.refused.photo_missing": (
        "thiếu ảnh đính kèm '{name}' (hãy xuất kèm tệp đính kèm)",
        "the attached photo '{name}' is missing (export with the media files)",
    ),
    "odk.refused.photo_ambiguous": (
        "tệp nén có nhiều ảnh tên '{name}', không ảnh nào nằm trong thư mục của bản ghi này",
        "the zip holds several photos named '{name}', none in this record's folder",
    ),
}
