"""The admin page, the bin panel, plan sharing, save conflicts and import owners.

Part of the message catalogue: see :mod:`i18n.messages` for how keys are used.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # pages by role
    "admin_page.title": ("Quản trị", "Admin"),
    "admin_page.signed_out": (
        "Hãy đăng nhập để mở trang này.",
        "Sign in to open this page.",
    ),
    # imports and their owners
    "import_owner.by": ("Nhập bởi {name}", "Imported by {name}"),
    "import_owner.nobody": (
        "(nhập trước khi có tài khoản)",
        "(imported before accounts)",
    ),
    "import_owner.protected": ("vị trí đo đạc, được bảo vệ", "surveyed positions, protected"),
    "import_owner.confirm_delete": (
        "Xóa dữ liệu đã nhập “{name}”? Nó biến khỏi bản đồ của mọi người dùng và nằm trong "
        "thùng rác {days} ngày; người nhập hoặc quản trị có thể khôi phục.",
        "Delete the import “{name}”? It disappears from every user's map and stays in the bin "
        "for {days} days; its owner or an administrator can restore it.",
    ),
    "import_owner.deleted": (
        "Đã chuyển dữ liệu đã nhập “{name}” vào thùng rác ({days} ngày).",
        "Moved the import “{name}” to the bin ({days} days).",
    ),
    # the bin
    "bin_panel.title": ("Thùng rác", "Bin"),
    "bin_panel.intro": (
        "Những gì đã xóa được giữ {days} ngày, rồi xóa hẳn. Bạn khôi phục được mục của mình.",
        "Deleted items are kept for {days} days, then erased. You can restore your own.",
    ),
    "bin_panel.empty": ("Thùng rác trống.", "The bin is empty."),
    "bin_panel.kind_plan": ("kế hoạch", "plan"),
    "bin_panel.kind_import": ("dữ liệu đã nhập", "import"),
    "bin_panel.line": (
        "**{name}** · {kind} · xóa bởi {by}, {at} · giữ đến {expires}",
        "**{name}** · {kind} · deleted by {by}, {at} · kept until {expires}",
    ),
    "bin_panel.restore": ("Khôi phục", "Restore"),
    "bin_panel.restored": ("Đã khôi phục “{name}”.", "Restored “{name}”."),
    # plans: owner, access, delete to the bin
    "plan_access.owner": ("của tôi", "mine"),
    "plan_access.edit": ("được chia sẻ, sửa được", "shared with me, editable"),
    "plan_access.read": ("được chia sẻ, chỉ xem", "shared with me, read-only"),
    "plan_access.line": ("Chủ: {owner} · {access}", "Owner: {owner} · {access}"),
    "plan_access.nobody": ("(chung, từ trước khi có tài khoản)", "(common, from before accounts)"),
    "plan_access.choice": ("{name} — {access}", "{name} — {access}"),
    "plan_access.confirm_delete": (
        "Xóa kế hoạch “{name}”? Nó nằm trong thùng rác {days} ngày và có thể khôi phục.",
        "Delete the plan “{name}”? It stays in the bin for {days} days and can be restored.",
    ),
    "plan_access.deleted": (
        "Đã chuyển kế hoạch “{name}” vào thùng rác ({days} ngày).",
        "Moved the plan “{name}” to the bin ({days} days).",
    ),
    "plan_access.read_only": (
        "Bạn chỉ được xem kế hoạch này: lưu sẽ tạo một bản sao của bạn.",
        "You may only read this plan: saving makes a copy of your own.",
    ),
    "plan_access.save_copy": ("Lưu thành bản sao", "Save as a copy"),
    # sharing
    "plan_share.title": ("Chia sẻ kế hoạch “{name}”", "Share the plan “{name}”"),
    "plan_share.kind": ("Chia sẻ với", "Share with"),
    "plan_share.kind_user": ("một người dùng", "a user"),
    "plan_share.kind_role": ("mọi người có vai trò", "everyone with a role"),
    "plan_share.user": ("Tài khoản", "Account"),
    "plan_share.role": ("Vai trò", "Role"),
    "plan_share.can_edit": ("Cho phép sửa", "May edit"),
    "plan_share.add": ("Chia sẻ", "Share"),
    "plan_share.no_accounts": ("Chưa có tài khoản nào khác.", "There is no other account yet."),
    "plan_share.none": ("Chưa chia sẻ với ai.", "Not shared with anyone."),
    "plan_share.user_line": ("Người dùng {grantee}: {how}", "User {grantee}: {how}"),
    "plan_share.role_line": ("Vai trò {grantee}: {how}", "Role {grantee}: {how}"),
    "plan_share.how_edit": ("sửa được", "may edit"),
    "plan_share.how_read": ("chỉ xem", "read-only"),
    "plan_share.remove": ("Bỏ chia sẻ", "Remove"),
    "plan_share.shared": ("Đã chia sẻ kế hoạch “{name}”.", "Shared the plan “{name}”."),
    "plan_share.removed": ("Đã bỏ một chia sẻ của “{name}”.", "Removed a share of “{name}”."),
    # a plan saved by someone else since it was opened
    "plan_conflict.question": (
        "Trong lúc bạn sửa, người khác đã lưu kế hoạch “{name}” (nay là phiên bản {version}). "
        "Bản của bạn chưa ghi đè lên bản đó.",
        "While you were editing, someone else saved the plan “{name}” (now version {version}). "
        "Yours has not overwritten it.",
    ),
    "plan_conflict.keep_mine": ("Giữ bản của tôi thành bản sao", "Keep mine as a copy"),
    "plan_conflict.reload": ("Tải bản của họ", "Reload theirs"),
    "plan_conflict.reloaded": (
        "Đã mở bản đã lưu của “{name}” (phiên bản {version}); thay đổi của bạn đã bỏ.",
        "Opened the saved “{name}” (v{version}); your changes were discarded.",
    ),
    # the admin page
    "admin_page.accounts": ("Tài khoản", "Accounts"),
    "admin_page.no_accounts": (
        "Chưa có tài khoản nào (chế độ cá nhân).",
        "No accounts yet (personal mode).",
    ),
    "admin_page.col_name": ("Tên", "Name"),
    "admin_page.col_role": ("Vai trò", "Role"),
    "admin_page.col_via": ("Đăng nhập bằng", "Signs in by"),
    "admin_page.col_last": ("Lần đăng nhập cuối", "Last sign-in"),
    "admin_page.col_locked": ("Khóa đến", "Locked until"),
    "admin_page.col_disabled": ("Vô hiệu", "Disabled"),
    "admin_page.yes": ("có", "yes"),
    "admin_page.no": ("không", "no"),
    "admin_page.account": ("Tài khoản", "Account"),
    "admin_page.new_role": ("Vai trò mới", "New role"),
    "admin_page.set_role": ("Đổi vai trò", "Change role"),
    "admin_page.unlock": ("Mở khóa", "Unlock"),
    "admin_page.disable": ("Vô hiệu hóa", "Disable"),
    "admin_page.confirm": ("Đồng ý", "Confirm"),
    "admin_page.confirm_role": (
        "Đổi vai trò của “{name}” từ {old} thành {new}?",
        "Change the role of “{name}” from {old} to {new}?",
    ),
    "admin_page.confirm_disable": (
        "Vô hiệu hóa tài khoản “{name}”? Người này sẽ không đăng nhập được nữa.",
        "Disable the account “{name}”? They will no longer be able to sign in.",
    ),
    "admin_page.done_role": (
        "Đã đổi vai trò của “{name}” thành {role}.",
        "Changed the role of “{name}” to {role}.",
    ),
    "admin_page.done_unlock": ("Đã mở khóa “{name}”.", "Unlocked “{name}”."),
    "admin_page.done_disable": ("Đã vô hiệu hóa “{name}”.", "Disabled “{name}”."),
    "admin_page.audit": ("Nhật ký hoạt động", "Audit trail"),
    "admin_page.f_actor": ("Người dùng", "User"),
    "admin_page.f_action": ("Hành động", "Action"),
    "admin_page.f_since": ("Từ ngày", "From"),
    "admin_page.f_until": ("Đến ngày", "To"),
    "admin_page.all": ("(tất cả)", "(all)"),
    "admin_page.col_at": ("Lúc", "When"),
    "admin_page.col_actor": ("Người dùng", "User"),
    "admin_page.col_session": ("Phiên", "Session"),
    "admin_page.col_action": ("Hành động", "Action"),
    "admin_page.col_target": ("Đối tượng", "Target"),
    "admin_page.col_detail": ("Chi tiết", "Detail"),
    "admin_page.rows": ("{n} dòng", {"one": "{n} row", "other": "{n} rows"}),
    "admin_page.no_rows": ("Không có dòng nào khớp.", "No row matches."),
    "admin_page.csv": ("Tải CSV nhật ký", "Download the audit CSV"),
    "audit_action.login": ("đăng nhập", "sign-in"),
    "audit_action.login_failed": ("đăng nhập sai", "failed sign-in"),
    "audit_action.locked": ("khóa tài khoản", "account locked"),
    "audit_action.logout": ("đăng xuất", "sign-out"),
    "audit_action.import": ("nhập dữ liệu", "import"),
    "audit_action.delete": ("xóa", "delete"),
    "audit_action.restore": ("khôi phục", "restore"),
    "audit_action.share": ("chia sẻ", "share"),
    "audit_action.unshare": ("bỏ chia sẻ", "unshare"),
    "audit_action.purge": ("xóa hẳn khỏi thùng rác", "purged from the bin"),
    "audit_action.role_change": ("đổi vai trò", "role change"),
    "audit_action.account_add": ("tạo tài khoản", "account created"),
    "audit_action.account_unlock": ("mở khóa tài khoản", "account unlocked"),
    "audit_action.account_disable": ("vô hiệu hóa tài khoản", "account disabled"),
    "audit_action.export_plan": ("tải kế hoạch", "plan export"),
    "audit_action.export_protected": ("tải vị trí được bảo vệ", "protected positions export"),
    "audit_action.export_audit": ("tải nhật ký", "audit export"),
    "audit_action.denied": ("bị từ chối (không đủ quyền)", "refused (not allowed)"),
}
