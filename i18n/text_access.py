"""Accounts, roles, sign-in and sign-out, access refused, the bin and the audit trail.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    "role.viewer": ("xem", "viewer"),
    "role.planner": ("lập kế hoạch", "planner"),
    "role.data_editor": ("biên tập dữ liệu", "data editor"),
    "role.border_guard": ("biên phòng", "border guard"),
    "role.admin": ("quản trị", "admin"),
    "access.denied": (
        "Vai trò «{role}» ({role_en}) không được phép làm việc này ({action}). "
        "Hãy nhờ người quản trị cấp quyền nếu cần.",
        "The role “{role_en}” ({role}) may not do this ({action}). "
        "Ask an administrator for access if you need it.",
    ),
    "account.name_invalid": (
        "Tên tài khoản «{name}» không dùng được: tên có 1–64 ký tự, chỉ gồm chữ, số, "
        "dấu chấm, gạch dưới hoặc gạch ngang.",
        "The account name “{name}” cannot be used: a name has 1–64 characters, only letters, "
        "digits, dots, underscores or hyphens.",
    ),
    "account.password_short": (
        "Mật khẩu phải có ít nhất {length} ký tự.",
        "The password must have at least {length} characters.",
    ),
    "account.exists": (
        "Đã có tài khoản «{name}»: hãy chọn tên khác, hoặc đổi vai trò / mật khẩu của nó "
        "(users set-role, users passwd).",
        "The account “{name}” already exists: choose another name, or change its role or "
        "password (users set-role, users passwd).",
    ),
    "account.unknown": (
        "Không có tài khoản «{name}»: xem danh sách bằng «users list».",
        "There is no account “{name}”: see them with “users list”.",
    ),
    "account.passwords_differ": (
        "Hai lần nhập mật khẩu không khớp nhau: hãy nhập lại.",
        "The two passwords typed differ: type them again.",
    ),
    "account.role_invalid": (
        "Vai trò «{role}» không có: dùng một trong {codes}.",
        "There is no role “{role}”: use one of {codes}.",
    ),
    "account.none_yet": (
        "Chưa có tài khoản nào. Tạo người quản trị đầu tiên: {command}",
        "No account exists yet. Create the first administrator: {command}",
    ),
    "signin.title": ("Đăng nhập", "Sign in"),
    "signin.intro": (
        "Atlas này dùng chung: hãy đăng nhập bằng tài khoản người quản trị đã cấp cho bạn.",
        "This atlas is shared: sign in with the account an administrator gave you.",
    ),
    "signin.name": ("Tên tài khoản", "Account name"),
    "signin.password": ("Mật khẩu", "Password"),
    "signin.submit": ("Đăng nhập", "Sign in"),
    "signin.wrong": (
        "Sai tên tài khoản hoặc mật khẩu. Sau {attempts} lần sai liên tiếp, tài khoản bị khóa "
        "{minutes} phút.",
        "Wrong account name or password. After {attempts} wrong attempts in a row the account "
        "is locked for {minutes} minutes.",
    ),
    "signin.locked": (
        "Tài khoản đang bị khóa vì nhập sai mật khẩu nhiều lần, đến {until}. Hãy thử lại sau "
        "thời điểm đó, hoặc nhờ người quản trị mở khóa.",
        "The account is locked after too many wrong passwords, until {until}. Try again after "
        "then, or ask an administrator to unlock it.",
    ),
    "signin.ended": (
        "Phiên làm việc đã kết thúc (quá lâu không dùng, hoặc quá {hours} giờ kể từ khi đăng "
        "nhập). Hãy đăng nhập lại.",
        "Your session has ended (unused for too long, or more than {hours} hours since you "
        "signed in). Sign in again.",
    ),
    "signin.revoked": (
        "Tài khoản của bạn đã bị vô hiệu hóa: phiên làm việc đã kết thúc.",
        "Your account has been disabled: your session has ended.",
    ),
    "signin.signed_out": ("Bạn đã đăng xuất.", "You have signed out."),
    "signin.oidc": ("Đăng nhập qua tổ chức", "Sign in with your organisation"),
    "signin.or": ("hoặc bằng tài khoản của atlas", "or with an account of this atlas"),
    "signin.oidc_no_role": (
        "Tổ chức của bạn chưa cấp vai trò nào trong Atlas Biên giới cho tài khoản này "
        "(thông tin «{claim}»). Hãy nhờ người quản trị của tổ chức cấp vai trò, rồi đăng nhập "
        "lại.",
        "Your organisation has not given this account a Border Atlas role (claim “{claim}”). "
        "Ask your organisation's administrator for one, then sign in again.",
    ),
    "signin.empty": (
        "Hãy nhập tên tài khoản và mật khẩu.",
        "Type your account name and password.",
    ),
    "header.signed_in": ("{name} · {role}", "{name} · {role}"),
    "header.sign_out": ("Đăng xuất", "Sign out"),
}
