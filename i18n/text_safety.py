"""What keeps bad input and failures from harming others: incidents shown by id, text shown as
text, nothing sent out.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "incident.shown": (
        "Có lỗi khi xử lý yêu cầu này; dữ liệu đã lưu không bị ảnh hưởng. "
        "Hãy thử lại, hoặc báo mã sự cố {id} cho người quản trị.",
        "Something went wrong handling this request; nothing saved was affected. "
        "Try again, or give the administrator incident code {id}.",
    ),
}
