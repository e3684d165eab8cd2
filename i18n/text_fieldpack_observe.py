"""Words of the field pack's observation form (``planner/templates/fieldpack_observe.js``).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used. Every
``fieldpack.*`` key reaches the pack's script as ``DATA.words`` (without the prefix); the
``{placeholders}`` are filled in there.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "fieldpack.obs_record": ("Ghi nhận", "Record"),
    "fieldpack.obs_title_new": ("Ghi nhận mới", "New observation"),
    "fieldpack.obs_title_edit": ("Sửa ghi nhận", "Edit observation"),
    "fieldpack.obs_title_list": ("Ghi nhận thực địa", "Field observations"),
    "fieldpack.obs_kind": ("Loại", "Kind"),
    "fieldpack.obs_condition": ("Tình trạng cột mốc", "Marker condition"),
    "fieldpack.obs_note": ("Ghi chú", "Note"),
    "fieldpack.obs_note_hint": ("Tối đa {n} ký tự.", "Up to {n} characters."),
    "fieldpack.obs_photos": ("Ảnh (tối đa {n})", "Photos (up to {n})"),
    "fieldpack.obs_photos_pick": ("Chụp hoặc chọn ảnh", "Take or choose photos"),
    "fieldpack.obs_photos_hint": (
        "Ảnh được thu nhỏ ngay trên máy (cạnh dài tối đa {px} px, khoảng {kb} KB) trước khi lưu.",
        "Photos are made smaller on this phone (longest side {px} px at most, about {kb} KB) "
        "before they are kept.",
    ),
    "fieldpack.obs_photos_working": ("Đang thu nhỏ ảnh…", "Making the photos smaller…"),
    "fieldpack.obs_photos_too_many": (
        "Chỉ giữ {n} ảnh: các ảnh sau bị bỏ qua.",
        "Only {n} photos are kept: the others were left out.",
    ),
    "fieldpack.obs_photo_failed": (
        "Không đọc được ảnh “{name}”: ảnh này không được lưu.",
        "Photo “{name}” could not be read: it was not kept.",
    ),
    "fieldpack.obs_photo_remove": ("Bỏ ảnh {n}", "Remove photo {n}"),
    "fieldpack.obs_stop": ("Điểm dừng liên quan", "Plan stop it concerns"),
    "fieldpack.obs_stop_none": ("(không gắn điểm dừng)", "(no stop)"),
    "fieldpack.obs_observer": ("Người ghi nhận", "Observer"),
    "fieldpack.obs_position": ("Vị trí", "Position"),
    "fieldpack.obs_time": ("Thời gian", "Time"),
    "fieldpack.obs_position_wait": ("Đang lấy vị trí GPS…", "Getting the GPS position…"),
    "fieldpack.obs_position_gps": (
        "{source}: {lat}, {lon} (sai số ±{metres} m)",
        "{source}: {lat}, {lon} (good to ±{metres} m)",
    ),
    "fieldpack.obs_position_tapped": ("{source}: {lat}, {lon}", "{source}: {lat}, {lon}"),
    "fieldpack.obs_position_none": (
        "Không có vị trí GPS ({why}). Hãy chạm trên bản đồ vào chỗ đã thấy.",
        "No GPS fix ({why}). Tap the map where you saw it.",
    ),
    "fieldpack.obs_why_denied": ("không được phép dùng vị trí", "location not allowed"),
    "fieldpack.obs_why_timeout": ("hết thời gian chờ", "timed out"),
    "fieldpack.obs_why_unavailable": ("không bắt được tín hiệu", "no signal"),
    "fieldpack.obs_why_unsupported": ("trình duyệt không có GPS", "no GPS in this browser"),
    "fieldpack.obs_gps_again": ("Lấy lại GPS", "Try GPS again"),
    "fieldpack.obs_tap_button": ("Chạm bản đồ để đặt vị trí", "Tap the map to place it"),
    "fieldpack.obs_tap_prompt": (
        "Chạm vào bản đồ tại chỗ đã quan sát.",
        "Tap the map where you made the observation.",
    ),
    "fieldpack.obs_cancel": ("Hủy", "Cancel"),
    "fieldpack.obs_close": ("Đóng", "Close"),
    "fieldpack.obs_save": ("Lưu", "Save"),
    "fieldpack.obs_need_position": (
        "Chưa lưu được: chưa có vị trí. Chờ GPS hoặc chạm trên bản đồ.",
        "Not saved: there is no position yet. Wait for the GPS or tap the map.",
    ),
    "fieldpack.obs_need_kind": ("Chưa lưu được: chọn loại.", "Not saved: pick the kind."),
    "fieldpack.obs_need_condition": (
        "Chưa lưu được: chọn tình trạng cột mốc.",
        "Not saved: pick the marker's condition.",
    ),
    "fieldpack.obs_need_observer": (
        "Chưa lưu được: nhập tên người ghi nhận.",
        "Not saved: enter the observer's name.",
    ),
    "fieldpack.obs_need_photos": (
        "Chờ ảnh thu nhỏ xong rồi lưu.",
        "Wait until the photos are ready, then save.",
    ),
    "fieldpack.obs_saved": ("Đã lưu ghi nhận.", "Observation saved."),
    "fieldpack.obs_list_empty": ("Chưa có ghi nhận nào.", "No observations yet."),
    "fieldpack.obs_list_button": ("Ghi nhận ({n})", "Observations ({n})"),
    "fieldpack.obs_new": ("+ Ghi nhận mới", "+ New observation"),
    "fieldpack.obs_status_new": ("chưa xuất", "not exported"),
    "fieldpack.obs_status_exported": ("đã xuất lúc {time}", "exported on {time}"),
    "fieldpack.obs_photo_count": ("Ảnh: {n}", "Photos: {n}"),
    "fieldpack.obs_edit": ("Sửa", "Edit"),
    "fieldpack.obs_delete": ("Xóa", "Delete"),
    "fieldpack.obs_delete_confirm": (
        "Xóa ghi nhận này? Không lấy lại được.",
        "Delete this observation? It cannot be undone.",
    ),
    "fieldpack.obs_delete_yes": ("Xóa hẳn", "Delete it"),
    "fieldpack.obs_export": ("Xuất ghi nhận", "Export"),
    "fieldpack.obs_export_none": ("Chưa có ghi nhận nào để xuất.", "There is nothing to export."),
    "fieldpack.obs_exported": (
        "Đã xuất {n} ghi nhận vào tệp {file}. Gửi tệp này (Zalo, email, USB) để nhập vào ứng dụng.",
        "{n} observations exported to {file}. Send this file (Zalo, email, USB) to import it "
        "into the app.",
    ),
    "fieldpack.obs_export_failed": (
        "Không tạo được tệp xuất ({why}).",
        "The export file could not be made ({why}).",
    ),
    "fieldpack.obs_unexported": (
        "{n} ghi nhận chưa xuất: bấm “Xuất ghi nhận” và gửi tệp đi.",
        "{n} observations not exported yet: press “Export” and send the file.",
    ),
    "fieldpack.obs_keep_persisted": (
        "Trình duyệt giữ bền dữ liệu này, nhưng vẫn nên xuất mỗi ngày.",
        "This browser keeps them for good, but export every day anyway.",
    ),
    "fieldpack.obs_keep_evictable": (
        "Trình duyệt có thể xóa dữ liệu này khi máy thiếu bộ nhớ: thêm trang vào màn hình chính "
        "và xuất ghi nhận mỗi ngày.",
        "The browser may delete them when the phone is short of space: add this page to the "
        "home screen and export every day.",
    ),
    "fieldpack.obs_no_db": (
        "Trình duyệt này không cho lưu ghi nhận khi mở tệp (không có IndexedDB): ghi nhận chỉ "
        "được giữ đến khi đóng trang. Hãy xuất ngay sau khi ghi.",
        "This browser cannot keep observations for a page opened from a file (no IndexedDB): "
        "they last only until the page is closed. Export right after recording.",
    ),
    "fieldpack.obs_db_error": (
        "Không lưu được vào bộ nhớ trình duyệt ({why}): ghi nhận đang giữ tạm trong trang, "
        "hãy xuất ngay.",
        "Could not write to the browser's storage ({why}): the observation is kept in this page "
        "only, export it now.",
    ),
    "fieldpack.obs_popup_by": ("{time} · {observer}", "{time} · {observer}"),
}
