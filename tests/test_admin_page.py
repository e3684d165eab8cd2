"""The admin page (AppTest, shared mode, accounts in the test's own user directory): it lists
failed sign-ins, a delete and a restore under the right user, filters the trail by user and
action, its CSV holds those rows (and is itself recorded); role changes and disabling ask
first and go through the store; other roles are refused the page."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import ui.page_admin
from access.accounts import sign_in
from geo import settings
from geo.errors import LoginError
from tests.conftest import block_outside, cli_account, running_app
from tests.conftest import sign_in as browser_sign_in
from tests.test_roles_pages import BROWSER_PASSWORD, as_user, make_accounts, open_app, plan_of
from userdata.roles import Principal, Role
from userdata.store import STORE_FILENAME, Store

ADMIN = "ui/views/admin.py"


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch, own_user_store: Path) -> Store:
    return make_accounts(monkeypatch)


def _failed_sign_ins(name: str, times: int) -> None:
    store = Store()
    store.principal = None  # nobody signed in yet, as on the sign-in page
    for _ in range(times):
        with pytest.raises(LoginError):
            sign_in(store, name, "sai mật khẩu rồi", session="phien-thu")


def _audit_table(app) -> list[dict]:
    frames = [frame.value for frame in app.dataframe]
    audit = next(f for f in frames if "Hành động" in f.columns)
    return audit.to_dict("records")


def test_the_audit_trail_lists_filters_and_downloads_who_did_what(
    shared: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failed_sign_ins("an", 2)
    an = as_user("an")
    an.save_plan(plan_of("Chuyến của An"))
    an.delete_plan("Chuyến của An")
    (entry,) = an.list_bin()
    assert an.restore(entry["id"]) == "Chuyến của An"
    made: list[bytes] = []
    real = ui.page_admin.csv_bytes

    def keeping(frame):
        made.append(real(frame))
        return made[-1]

    monkeypatch.setattr(ui.page_admin, "csv_bytes", keeping)

    app = open_app("quan", ADMIN)
    assert not [e.value for e in app.error]
    accounts = next(f.value for f in app.dataframe if "Vai trò" in f.value.columns)
    assert {"an", "binh", "quan"} <= set(accounts["Tên"])
    rows = _audit_table(app)
    by_an = [
        (r["Người dùng"], r["Hành động"], r["Đối tượng"]) for r in rows if r["Người dùng"] == "an"
    ]
    assert by_an.count(("an", "đăng nhập sai", "an")) == 2
    assert ("an", "xóa", "Chuyến của An") in by_an
    assert ("an", "khôi phục", "Chuyến của An") in by_an
    assert any(r["Người dùng"] == "system" for r in rows)  # the accounts were made by the CLI

    app.selectbox(key="w_audit_actor").set_value("an").run()
    rows = _audit_table(app)
    assert rows and {r["Người dùng"] for r in rows} == {"an"}
    assert len(rows) == len(by_an)
    app.selectbox(key="w_audit_action").set_value("login_failed").run()
    rows = _audit_table(app)
    assert [r["Hành động"] for r in rows] == ["đăng nhập sai", "đăng nhập sai"]
    assert rows[0]["Phiên"] == "phien-thu"

    app.selectbox(key="w_audit_action").set_value(None).run()
    today = datetime.now(UTC).date()
    app.date_input(key="w_audit_until").set_value(today - timedelta(days=1)).run()
    assert not app.dataframe[1:] and "Không có dòng nào khớp." in [c.value for c in app.caption]
    app.date_input(key="w_audit_since").set_value(today).run()
    app.date_input(key="w_audit_until").set_value(today).run()
    assert len(_audit_table(app)) == len(by_an)
    table = list(csv.DictReader(io.StringIO(made[-1].decode("utf-8-sig"))))
    assert {row["actor"] for row in table} == {"an"}
    assert [row["action"] for row in table].count("login_failed") == 2
    assert {"delete", "restore"} <= {row["action"] for row in table}
    assert any(row["target"] == "Chuyến của An" and row["action"] == "delete" for row in table)
    app.download_button(key="dl_audit").click().run()
    assert not app.exception
    recorded = as_user("quan").audit_rows(action="export_audit")
    assert [(r["actor"], r["detail"]["actor"]) for r in recorded] == [("quan", "an")]


def test_a_role_change_and_disabling_ask_first_and_go_through_the_store(shared: Store) -> None:
    app = open_app("quan", ADMIN)
    app.selectbox(key="w_admin_account").set_value("binh").run()
    app.selectbox(key="w_admin_role_binh").set_value("data_editor").run()
    app.button(key="w_admin_set_role").click().run()
    assert any(
        "Đổi vai trò của “binh” từ lập kế hoạch thành biên tập dữ liệu" in w.value
        for w in app.warning
    )
    assert shared.get_account("binh")["role"] == "planner"  # only asked
    app.button(key="w_admin_confirmed").click().run()
    assert not app.exception
    assert shared.get_account("binh")["role"] == "data_editor"
    assert "Đã đổi vai trò của “binh” thành biên tập dữ liệu" in " ".join(
        s.value for s in app.success
    )

    app.button(key="w_admin_disable").click().run()
    assert not shared.get_account("binh")["disabled"]
    app.button(key="w_admin_cancel").click().run()
    assert not shared.get_account("binh")["disabled"]
    app.button(key="w_admin_disable").click().run()
    app.button(key="w_admin_confirmed").click().run()
    assert shared.get_account("binh")["disabled"]
    actions = [(r["action"], r["target"]) for r in as_user("quan").audit_rows(actor="quan")]
    assert ("role_change", "binh") in actions and ("account_disable", "binh") in actions


def test_other_roles_are_refused_the_admin_page(shared: Store) -> None:
    app = open_app("an", ADMIN)
    refusals = [e.value for e in app.error]
    assert any("Vai trò «lập kế hoạch»" in r and "không được phép" in r for r in refusals)
    assert not app.dataframe and not app.get("download_button")


@pytest.fixture(scope="module")
def audited_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app in shared mode with an admin and a planner (made by the command line); the
    planner has failed to sign in twice and has deleted and restored a plan."""
    users = tmp_path_factory.mktemp("audited")
    cli_account(users, "quan", role="admin", password=BROWSER_PASSWORD)
    cli_account(users, "an", role="planner", password=BROWSER_PASSWORD)
    store = Store(users / STORE_FILENAME)
    store.principal = None
    for _ in range(2):
        with pytest.raises(LoginError):
            sign_in(store, "an", "sai mật khẩu rồi", session="phien-thu")
    store.principal = Principal(name="an", role=Role.PLANNER)
    store.save_plan(plan_of("Chuyến của An"))
    store.delete_plan("Chuyến của An")
    store.restore(store.list_bin()[0]["id"])
    with running_app(users, extra_env={settings.MODE_ENV: "shared"}) as url:
        yield url, users


@pytest.mark.browser
def test_in_a_browser_the_admin_downloads_the_audit_csv_with_who_did_what(
    audited_app, browser, artifacts: Path
) -> None:
    url, users = audited_app
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    outside = block_outside(page, url)
    try:
        page.goto(url)
        browser_sign_in(page, "quan", BROWSER_PASSWORD)
        page.locator('a[href$="/quan-tri"]').first.click()
        page.get_by_role("heading", name="Nhật ký hoạt động").wait_for(timeout=90_000)
        page.get_by_role("button", name="Tải CSV nhật ký").wait_for(timeout=30_000)
        page.screenshot(path=str(artifacts / "admin_page_vi.png"), full_page=True)
        with page.expect_download(timeout=30_000) as download:
            page.get_by_role("button", name="Tải CSV nhật ký").click()
        table = list(csv.DictReader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
        by_an = [(row["actor"], row["action"], row["target"]) for row in table]
        assert by_an.count(("an", "login_failed", "an")) == 2
        assert ("an", "delete", "Chuyến của An") in by_an
        assert ("an", "restore", "Chuyến của An") in by_an
        assert ("quan", "login", "quan") in by_an
        store = Store(users / STORE_FILENAME)
        for _ in range(60):  # the click's callback runs on the server
            if store.audit_rows(action="export_audit"):
                break
            page.wait_for_timeout(250)
        assert [r["actor"] for r in store.audit_rows(action="export_audit")] == ["quan"]
        assert outside == []
    finally:
        context.close()
