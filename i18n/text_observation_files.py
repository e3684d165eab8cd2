"""Words of observation files (issue 15): reading the field pack's export and ODK files, photos.

Keys ``obs_file.*``: whole-file refusals, the reason a record was refused, and why a photo was.
Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # Photos (userdata.photos).
    "obs_file.photo_not_image": (
        "Ảnh {name} không phải tệp JPEG, PNG hay WebP.",
        "Photo {name} is not a JPEG, PNG or WebP image.",
    ),
    "obs_file.photo_damaged": (
        "Ảnh {name} bị hỏng hoặc không đọc hết được.",
        "Photo {name} is damaged or incomplete.",
    ),
    "obs_file.photo_too_many_pixels": (
        "Ảnh {name} có quá nhiều điểm ảnh ({pixels} triệu, tối đa {limit} triệu).",
        "Photo {name} has too many pixels ({pixels} million, limit {limit} million).",
    ),
    # Whole files (userdata.observations).
    "obs_file.not_readable": (
        "Không đọc được tệp {name}: cần tệp .zip xuất từ gói thực địa, tệp GeoJSON hoặc CSV.",
        "Cannot read {name}: expected a .zip exported by the field pack, a GeoJSON or a CSV file.",
    ),
    "obs_file.not_json": (
        "Tệp {name} không phải JSON hợp lệ (lỗi ở dòng {line}, cột {column}).",
        "{name} is not valid JSON (error at line {line}, column {column}).",
    ),
    "obs_file.not_utf8": (
        "Tệp {name} không phải văn bản UTF-8.",
        "{name} is not UTF-8 text.",
    ),
    "obs_file.json_constant": (
        "Tệp {name} chứa NaN hoặc Infinity, điều JSON không cho phép.",
        "{name} holds NaN or Infinity, which JSON does not allow.",
    ),
    "obs_file.not_collection": (
        "Tệp {name} không phải một FeatureCollection GeoJSON.",
        "{name} is not a GeoJSON FeatureCollection.",
    ),
    "obs_file.wrong_format": (
        "Tệp {name} không phải tệp ghi nhận của Border Atlas (định dạng “{format}”).",
        "{name} is not a Border Atlas observations file (format “{format}”).",
    ),
    "obs_file.newer_version": (
        "Tệp được tạo bởi Border Atlas mới hơn (phiên bản {version}): hãy cập nhật ứng dụng.",
        "The file was made by a newer Border Atlas (version {version}): update the app.",
    ),
    "obs_file.no_observations": (
        "Tệp {name} không có ghi nhận nào.",
        "{name} holds no observations.",
    ),
    "obs_file.too_many": (
        "Tệp có quá nhiều ghi nhận ({n}, tối đa {limit}): hãy xuất thành nhiều tệp.",
        "The file holds too many observations ({n}, limit {limit}): export several files.",
    ),
    "obs_file.member_too_big": (
        "Tệp {name} trong tệp nén lớn hơn kích thước ghi trong danh mục của nó.",
        "{name} in the archive is larger than its stated size.",
    ),
    # Records (the reason one record was refused).
    "obs_file.bad_feature": (
        "không phải một đối tượng GeoJSON (Feature)",
        "not a GeoJSON Feature",
    ),
    "obs_file.no_uuid": ("thiếu mã UUID", "no UUID"),
    "obs_file.bad_uuid": ("mã UUID không hợp lệ: {value}", "invalid UUID: {value}"),
    "obs_file.bad_kind": ("loại ghi nhận không rõ: {value}", "unknown kind: {value}"),
    "obs_file.no_marker_condition": (
        "ghi nhận mốc giới cần tình trạng mốc (còn nguyên, hư hại, mất, không tìm thấy)",
        "a border marker record needs its condition (intact, damaged, missing, not found)",
    ),
    "obs_file.bad_marker_condition": (
        "tình trạng mốc không rõ: {value}",
        "unknown marker condition: {value}",
    ),
    "obs_file.bad_time": (
        "thời điểm không đọc được: {value}",
        "unreadable time: {value}",
    ),
    "obs_file.future_time": (
        "thời điểm ở tương lai: {value}",
        "time in the future: {value}",
    ),
    "obs_file.no_position": (
        "thiếu vị trí hoặc vị trí không phải hai số",
        "no position, or the position is not two numbers",
    ),
    "obs_file.bad_position": (
        "vị trí không phải số: {value}",
        "the position is not a number: {value}",
    ),
    "obs_file.outside_vietnam": (
        "vị trí nằm ngoài Việt Nam (vĩ độ {lat}, kinh độ {lon})",
        "position outside Vietnam (latitude {lat}, longitude {lon})",
    ),
    "obs_file.bad_accuracy": (
        "độ chính xác không phải số dương: {value}",
        "accuracy is not a positive number: {value}",
    ),
    "obs_file.bad_position_source": (
        "nguồn vị trí không rõ: {value}",
        "unknown position source: {value}",
    ),
    "obs_file.no_observer": ("thiếu tên người ghi nhận", "no observer's name"),
    "obs_file.long_observer": (
        "tên người ghi nhận quá dài ({n} ký tự, tối đa {limit})",
        "the observer's name is too long ({n} characters, limit {limit})",
    ),
    "obs_file.long_note": (
        "ghi chú quá dài ({n} ký tự, tối đa {limit})",
        "the note is too long ({n} characters, limit {limit})",
    ),
    "obs_file.bad_text": ("trường {field} không phải văn bản", "field {field} is not text"),
    "obs_file.too_many_photos": (
        "quá nhiều ảnh ({n}, tối đa {limit})",
        "too many photos ({n}, limit {limit})",
    ),
    "obs_file.photo_missing": (
        "không có ảnh {name} trong tệp nén",
        "photo {name} is not in the archive",
    ),
    "obs_file.duplicate": (
        "trùng mã UUID với một ghi nhận trước trong tệp",
        "same UUID as an earlier record of the file",
    ),
}
