"""Typed and imported coordinates (:mod:`geo.crs`, :mod:`ui.import_coords`): reading them, and
whether they lie where they claim to (:mod:`layers.position_check`).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used. Coordinates in
these texts stay written with a point decimal, as GPS receivers and survey tools write them;
other numbers (kilometres) come formatted in the page's language.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # The coordinate systems a user can pick (geo.crs.OPTIONS).
    "crs.wgs84": ("WGS 84 (GPS, độ)", "WGS 84 (GPS, degrees)"),
    "crs.vn2000_geographic": ("VN-2000 địa lý (độ)", "VN-2000 geographic (degrees)"),
    "crs.vn2000_utm48n": ("VN-2000 / UTM 48N", "VN-2000 / UTM 48N"),
    "crs.tm3_thanh_hoa": (
        "VN-2000 / TM-3 105°00′ (Thanh Hóa)",
        "VN-2000 / TM-3 105°00′ (Thanh Hóa)",
    ),
    "crs.tm3_nghe_an": ("VN-2000 / TM-3 104°45′ (Nghệ An)", "VN-2000 / TM-3 104°45′ (Nghệ An)"),
    "crs.tm3_quang_tri": (
        "VN-2000 / TM-3 106°15′ (Quảng Trị)",
        "VN-2000 / TM-3 106°15′ (Quảng Trị)",
    ),
    "crs.tm3_quang_tri_2025": (
        "VN-2000 / TM-3 106°00′ (Quảng Trị, theo quy định 2025?)",
        "VN-2000 / TM-3 106°00′ (Quảng Trị, 2025 rule?)",
    ),
    # Reading what was typed (geo.crs): what is wrong, then how to write it.
    "coords.error.empty": (
        "Chưa nhập tọa độ: hãy viết ví dụ 20.2969, 104.6224.",
        "No coordinates given: write e.g. 20.2969, 104.6224.",
    ),
    "coords.error.unreadable_decimal": (
        "Không đọc được hai tọa độ trong “{text}”: hãy viết vĩ độ rồi kinh độ, ví dụ "
        "20.2969, 104.6224.",
        "Could not read two coordinates in “{text}”: write the latitude then the longitude, "
        "e.g. 20.2969, 104.6224.",
    ),
    "coords.error.unreadable_dms": (
        "Không đọc được hai tọa độ độ-phút-giây trong “{text}”: hãy viết ví dụ "
        "20°17′49″N 104°37′21″E.",
        "Could not read two degree-minute-second coordinates in “{text}”: write e.g. "
        "20°17′49″N 104°37′21″E.",
    ),
    "coords.error.unreadable_xy": (
        "Không đọc được X và Y trong “{text}”: hãy viết ví dụ X=2243567.12 Y=512345.67 "
        "(X là tọa độ bắc, Y là tọa độ đông).",
        "Could not read X and Y in “{text}”: write e.g. X=2243567.12 Y=512345.67 "
        "(X is the northing, Y the easting).",
    ),
    "coords.error.outside_vietnam": (
        "Điểm {lat}, {lon} nằm ngoài Việt Nam (vĩ độ 8–23,5° Bắc, kinh độ 102–110° Đông): "
        "kiểm tra lại các số.",
        "The point {lat}, {lon} lies outside Vietnam (latitude 8–23.5° N, longitude "
        "102–110° E): check the numbers.",
    ),
    "coords.error.swapped_lat_lon": (
        "Điểm {lat}, {lon} nằm ngoài Việt Nam: vĩ độ và kinh độ có vẻ bị đảo. Hãy viết vĩ độ "
        "trước (khoảng 8–23,5), rồi kinh độ (khoảng 102–110), ví dụ 20.2969, 104.6224.",
        "The point {lat}, {lon} lies outside Vietnam: latitude and longitude look swapped. "
        "Write the latitude first (about 8–23.5), then the longitude (about 102–110), e.g. "
        "20.2969, 104.6224.",
    ),
    "coords.error.projected_outside": (
        "X={x} Y={y} theo {zone} nằm ngoài Việt Nam ({lat}, {lon}).",
        "X={x} Y={y} in {zone} falls outside Vietnam ({lat}, {lon}).",
    ),
    "coords.hint.swapped_xy": (
        "X và Y có vẻ bị đảo: X là tọa độ bắc, khoảng 1.000.000–2.600.000 m; Y là tọa độ "
        "đông, khoảng 200.000–800.000 m.",
        "X and Y look swapped: X is the northing, about 1,000,000–2,600,000 m; Y is the "
        "easting, about 200,000–800,000 m.",
    ),
    "coords.hint.other_zone": (
        "Các số này nằm trong Việt Nam nếu đọc theo {zone}: có phải đã chọn nhầm hệ tọa độ?",
        "The numbers fall inside Vietnam when read in {zone}: was the wrong coordinate system "
        "chosen?",
    ),
    "coords.hint.check_numbers": (
        "Kiểm tra lại các số và hệ tọa độ đã chọn.",
        "Check the numbers and the coordinate system chosen.",
    ),
    # The Coordinates tab (ui.import_coords).
    "coords.empty_hint_degrees": (
        "Ô tọa độ đang trống. Hãy nhập vĩ độ rồi kinh độ, ví dụ 20.2969, 104.6224 hoặc "
        "20°17′49″N 104°37′21″E.",
        "The coordinates box is empty. Type the latitude then the longitude, e.g. "
        "20.2969, 104.6224 or 20°17′49″N 104°37′21″E.",
    ),
    "coords.empty_hint_xy": (
        "Ô tọa độ đang trống. Hãy nhập X (tọa độ bắc) rồi Y (tọa độ đông), ví dụ "
        "X=2243567.12 Y=512345.67.",
        "The coordinates box is empty. Type X (the northing) then Y (the easting), e.g. "
        "X=2243567.12 Y=512345.67.",
    ),
    "coords.other_zones": (
        "Cùng vị trí theo các múi TM-3:",
        "The same position in the TM-3 zones:",
    ),
    # Where a position lies (layers.position_check).
    "position.far": (
        "Điểm này cách xã gần nhất của bản đồ {km} km: nằm ngoài ba vùng Quan Sơn, Kỳ Sơn, "
        "Hướng Hóa.",
        "This point is {km} km from the nearest commune of the atlas: outside the three areas "
        "Quan Sơn, Kỳ Sơn and Hướng Hóa.",
    ),
    "position.outside_vietnam": (
        "Điểm này nằm ngoài lãnh thổ Việt Nam, cách biên giới khoảng {km} km (các vùng của bản "
        "đồ dừng ở biên giới với Lào): kiểm tra lại tọa độ.",
        "This point lies outside Vietnam, about {km} km beyond the border (the atlas areas end "
        "at the border with Laos): check the coordinates.",
    ),
    "position.wrong_province": (
        "Điểm này nằm ở tỉnh {province}, nhưng múi {zone} là múi chiếu của tỉnh {zone_province}.",
        "This point lies in {province} province, but zone {zone} is the zone of "
        "{zone_province} province.",
    ),
    "position.likely_zone": (
        "Các số đã nhập khớp với múi {zone}: theo múi đó, điểm nằm ở xã {commune} "
        "(tỉnh {province}). Có phải đã chọn nhầm múi?",
        "The numbers typed fit zone {zone}: in that zone the point lies in {commune} commune "
        "({province} province). Was the wrong zone chosen?",
    ),
    "position.use_zone": ("Dùng múi {zone}", "Use zone {zone}"),
}
