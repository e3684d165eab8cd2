"""What the store says when an action is refused or a name is taken (owners, shares, the bin,
accounts, protected positions).

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "store.signed_out": (
        "Hãy đăng nhập để làm việc này ({action}).",
        "Sign in to do this ({action}).",
    ),
    "store.not_owner": (
        "Chỉ người tạo «{name}» hoặc người quản trị mới được làm việc này ({action}).",
        "Only the owner of “{name}” or an administrator may do this ({action}).",
    ),
    "store.read_only": (
        "Kế hoạch «{name}» được chia sẻ với bạn ở chế độ chỉ xem: hãy lưu thành bản sao.",
        "The plan “{name}” is shared with you read-only: save it as a copy.",
    ),
    "store.protected_plan": (
        "Kế hoạch «{name}» có vị trí mốc đo đạc mà vai trò của bạn không được xem, nên không "
        "ghi đè được: hãy lưu thành bản sao.",
        "The plan “{name}” holds surveyed positions your role may not see, so it cannot be "
        "overwritten: save it as a copy.",
    ),
    "store.protected_base": (
        "Điểm xuất phát của kế hoạch «{name}» là vị trí đo đạc mà vai trò của bạn không được xem.",
        "The base of the plan “{name}” is a surveyed position your role may not see.",
    ),
    "store.share_grantee": (
        "Không chia sẻ được với «{grantee}»: hãy chọn một tài khoản hoặc một vai trò.",
        "Cannot share with “{grantee}”: choose an account or a role.",
    ),
    "store.account_name_empty": (
        "Tên tài khoản không được để trống.",
        "The account name cannot be empty.",
    ),
    "store.account_exists": (
        "Đã có tài khoản «{name}».",
        "An account named “{name}” already exists.",
    ),
    "store.meta_not_json": (
        "Thông tin kèm theo tệp nhập không lưu được dạng JSON.",
        "The information that comes with the import cannot be stored as JSON.",
    ),
}
