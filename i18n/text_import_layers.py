"""Layers users import (:mod:`userdata.layer_reader`, :mod:`userdata.apply`,
:mod:`ui.import_layer`, :mod:`ui.import_notices`): formats, coordinate systems, geometry kinds.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # What a file really is (userdata.layer_reader sniffs the first bytes before GDAL reads it).
    "layer.file_is_image": (
        "Tệp là ảnh ({what}), không phải lớp bản đồ. Hãy chọn tệp GeoJSON, "
        "GeoPackage, KML hoặc Shapefile nén .zip.",
        "The file is an image ({what}), not a map layer. Choose a GeoJSON, GeoPackage, KML or "
        "zipped Shapefile.",
    ),
    "layer.file_is_document": (
        "Tệp là văn bản ({what}), không phải lớp bản đồ. Hãy xuất lớp từ phần mềm GIS "
        "(QGIS, MapInfo, ArcGIS) thành GeoJSON, GeoPackage hoặc Shapefile.",
        "The file is a document ({what}), not a map layer. Export the layer from your GIS "
        "(QGIS, MapInfo, ArcGIS) as GeoJSON, GeoPackage or Shapefile.",
    ),
    "layer.file_is_zip": (
        "Tệp là tệp nén .zip (hoặc tệp Office) dù có đuôi {suffix}. Nếu đó là "
        "Shapefile nén, hãy đổi đuôi thành .zip.",
        "The file is a .zip archive (or an Office file) although it ends in {suffix}. If it "
        "is a zipped Shapefile, rename it to .zip.",
    ),
    "layer.file_is_geopackage": (
        "Tệp là GeoPackage (cơ sở dữ liệu) dù có đuôi {suffix}: hãy đổi đuôi thành .gpkg.",
        "The file is a GeoPackage (a database) although it ends in {suffix}: rename it to .gpkg.",
    ),
    "layer.not_json": (
        "Tệp không phải JSON (không bắt đầu bằng “{{”). Hãy lưu lớp thành GeoJSON "
        "trong phần mềm GIS.",
        "The file is not JSON (it does not start with “{{”). Save the layer as GeoJSON in "
        "your GIS.",
    ),
    "layer.json_broken": (
        "Tệp GeoJSON bị lỗi cú pháp ở dòng {line}, cột {column}: có thể tệp bị cắt "
        "ngắn hoặc sửa tay. Hãy xuất lại từ phần mềm GIS.",
        "The GeoJSON has a syntax error at line {line}, column {column}: it may be "
        "cut short or edited by hand. Export it again from your GIS.",
    ),
    "layer.not_geojson": (
        "Tệp là JSON nhưng không phải GeoJSON (cần “type”: “FeatureCollection”, "
        "“Feature” hoặc một hình học).",
        "The file is JSON but not GeoJSON (it needs “type”: “FeatureCollection”, “Feature” "
        "or a geometry).",
    ),
    "layer.not_geopackage": (
        "Tệp không phải GeoPackage (tệp .gpkg là một cơ sở dữ liệu). Hãy "
        "xuất lại lớp thành GeoPackage.",
        "The file is not a GeoPackage (a .gpkg file is a database). Export the layer "
        "as GeoPackage again.",
    ),
    "layer.geopackage_broken": (
        "Tệp GeoPackage bị hỏng hoặc không có lớp bản đồ nào (mã sự cố {id}). Hãy "
        "mở bằng QGIS, kiểm tra rồi lưu lại.",
        "The GeoPackage is damaged or holds no map layer (incident {id}). Open it in "
        "QGIS, check it and save it again.",
    ),
    "layer.not_kml": (
        "Tệp không phải KML (tệp KML là XML bắt đầu bằng “<”). Hãy xuất lại từ "
        "Google Earth hoặc phần mềm GIS.",
        "The file is not KML (a KML file is XML starting with “<”). Export it again from "
        "Google Earth or your GIS.",
    ),
    "layer.kml_broken": (
        "Tệp KML có XML lỗi ở dòng {line}: hãy xuất lại từ Google Earth hoặc phần mềm GIS.",
        "The KML has broken XML at line {line}: export it again from Google Earth or your GIS.",
    ),
    "layer.kml_entities": (
        "Tệp KML khai báo DOCTYPE/thực thể XML (có thể là tệp độc hại): không đọc. "
        "Hãy xuất lại từ Google Earth hoặc phần mềm GIS.",
        "The KML declares a DOCTYPE or XML entities (a possible hostile file) and is "
        "not read. Export it again from Google Earth or your GIS.",
    ),
    "layer.kml_not_kml": (
        "Tệp là XML nhưng không phải KML (thẻ gốc phải là <kml>).",
        "The file is XML but not KML (its root element must be <kml>).",
    ),
    "layer.not_shapefile": (
        "Tệp .shp trong tệp nén không phải Shapefile hợp lệ (.shp bị hỏng hoặc bị cắt "
        "ngắn). Hãy nén lại đủ .shp, .shx, .dbf, .prj từ phần mềm GIS.",
        "The .shp in the archive is not a valid Shapefile (the .shp is damaged or cut short). "
        "Zip .shp, .shx, .dbf and .prj again from your GIS.",
    ),
    "layer.unreadable": (
        "Không đọc được lớp bản đồ (mã sự cố {id}). Hãy mở tệp bằng QGIS, lưu lại "
        "thành GeoJSON hoặc GeoPackage rồi thử lại; nếu vẫn lỗi, báo quản trị viên mã này.",
        "The layer could not be read (incident {id}). Open it in QGIS, save it as "
        "GeoJSON or GeoPackage and try again; if it still fails, give this code to the "
        "administrator.",
    ),
    # Coordinate systems.
    "layer.projected_no_crs": (
        "Tọa độ của tệp là mét (ví dụ X={x}, Y={y}), không phải độ, và tệp không cho biết "
        "hệ tọa độ. Hãy chọn múi chiếu VN-2000 của tệp bên dưới.",
        "The file's coordinates are metres (e.g. X={x}, Y={y}), not degrees, and the file does "
        "not state its coordinate system. Choose the file's VN-2000 zone below.",
    ),
    "layer.projected_chosen_degrees": (
        "Đã chọn hệ tọa độ tính bằng độ ({crs}) nhưng tọa độ của tệp là mét (ví dụ X={x}, "
        "Y={y}). Hãy chọn một múi chiếu VN-2000.",
        "A coordinate system in degrees ({crs}) was chosen but the file's coordinates are "
        "metres (e.g. X={x}, Y={y}). Choose a VN-2000 zone.",
    ),
    "layer.crs_overridden": (
        "Dùng hệ tọa độ đã chọn ({chosen}) thay cho hệ tọa độ của tệp ({file}).",
        "The chosen coordinate system ({chosen}) is used instead of the file's ({file}).",
    ),
    "layer.crs_assumed": (
        "Dùng hệ tọa độ đã chọn: {chosen}.",
        "The chosen coordinate system is used: {chosen}.",
    ),
    "layer.geojson_crs": (
        "GeoJSON luôn được đọc như WGS 84 (độ) khi không chọn hệ tọa độ.",
        "A GeoJSON is read as WGS 84 (degrees) unless a coordinate system is chosen.",
    ),
    "layer.z_dropped": (
        "Bỏ độ cao (Z) của {n} đối tượng: bản đồ chỉ dùng vị trí.",
        {
            "one": "The height (Z) of {n} feature was dropped: the map uses positions only.",
            "other": "The height (Z) of {n} features was dropped: the map uses positions only.",
        },
    ),
    "layer.zone_choice": ("Múi chiếu của tệp", "The file's zone"),
    "layer.zone_likely": ("{label} — khả năng cao", "{label} — likely"),
    "layer.zone_landing": (
        "Với {zone}: {inside} trên {n} đối tượng nằm trong ba vùng.",
        {
            "one": "With {zone}: {inside} of {n} feature falls inside the three areas.",
            "other": "With {zone}: {inside} of {n} features fall inside the three areas.",
        },
    ),
    "layer.preview": ("Vị trí các đối tượng trên bản đồ", "Where the features land"),
    "layer.position_summary": (
        "{count} trên {n} đối tượng kiểm tra: {warning}",
        {
            "one": "{count} of {n} feature checked: {warning}",
            "other": "{count} of {n} features checked: {warning}",
        },
    ),
    # Geometry kinds (userdata.apply.usable_features).
    "layer.geom.point": ("điểm", "a point"),
    "layer.geom.line": ("đường", "a line"),
    "layer.geom.polygon": ("vùng", "an area"),
    "layer.geom.collection": ("tập hợp hình học hỗn hợp", "a mixed geometry collection"),
    "layer.geom.other": ("hình học {kind}", "a {kind} geometry"),
    "layer.need.points": ("lớp này cần điểm", "this layer needs points"),
    "layer.need.polygons": ("lớp phân vùng cần vùng (đa giác)", "zoning needs areas (polygons)"),
    "layer.row_wrong_geometry": (
        "đối tượng {row}: là {found}, {need}",
        "feature {row}: is {found}, {need}",
    ),
    "layer.row_multipoint_marker": (
        "đối tượng {row}: mốc “{text}” có {parts} vị trí (MultiPoint); một mốc chỉ có một vị "
        "trí: hãy tách thành từng điểm",
        "feature {row}: marker “{text}” has {parts} positions (MultiPoint); a marker has one "
        "position: split it into single points",
    ),
    "layer.multipoint_split": (
        "{n} đối tượng nhiều điểm (MultiPoint) được tách thành {parts} điểm, cùng thuộc tính.",
        {
            "one": "{n} multi-point feature (MultiPoint) was split into {parts} points "
            "with the same attribute.",
            "other": "{n} multi-point features (MultiPoint) were split into {parts} points "
            "with the same attribute.",
        },
    ),
    "layer.polygons_kept": (
        "Giữ phần đa giác của {n} tập hợp hình học (bỏ điểm và đường trong đó).",
        {
            "one": "The polygons of {n} geometry collection were kept (its points and lines "
            "dropped).",
            "other": "The polygons of {n} geometry collections were kept (their points and "
            "lines dropped).",
        },
    ),
    "layer.would_break": (
        "Không lưu: lớp nhập không khớp cấu trúc lớp {layer} của bản đồ nên sẽ không vẽ "
        "được (mã sự cố {id}). Hãy kiểm tra hình học và cột thuộc tính.",
        "Not saved: the import does not fit the map's {layer} layer and could not be drawn "
        "(incident {id}). Check its geometries and attribute column.",
    ),
    # Stored imports the map cannot show (ui.import_notices).
    "layer.unshown_head": (
        "{n} lớp nhập không hiển thị được (đã ghi nhật ký):",
        {
            "one": "{n} imported layer cannot be shown (logged):",
            "other": "{n} imported layers cannot be shown (logged):",
        },
    ),
    "layer.unshown_whole": ("{name} — {reason}", "{name} — {reason}"),
    "layer.unshown_some": (
        "{name} — {n} đối tượng không hiển thị: {reason}",
        {
            "one": "{name} — {n} feature not shown: {reason}",
            "other": "{name} — {n} features not shown: {reason}",
        },
    ),
    "layer.unshown_damaged": (
        "dữ liệu đã lưu bị hỏng (mã sự cố {id})",
        "the stored data is damaged (incident {id})",
    ),
    "layer.unshown_schema": (
        "không khớp cấu trúc lớp {layer} (mã sự cố {id})",
        "does not fit the {layer} layer (incident {id})",
    ),
}
