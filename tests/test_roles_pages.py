"""The pages under roles (shared mode, accounts in the test's own user directory, AppTest):
the menu follows the role and a page opened by its URL refuses; the store refuses a viewer's
import; only an import's owner sees its delete button, and a deleted import comes back from
the bin; a planner cannot delete another's plan; a plan shared read-only saves only as a copy;
sharing from the page; a plan saved by someone else since it was opened asks "keep mine as a
copy / reload theirs" and both answers work; downloads are recorded in the audit trail."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from access.accounts import hash_password
from access.session import SESSION_KEY
from geo import settings
from geo.errors import AccessDenied
from i18n.messages import message
from planner.plan import Plan
from tests.conftest import block_outside, cli_account, running_app, sign_in
from tests.planner_cases import stop
from ui import pages
from ui.planner_state import ORIGIN_KEY, PLAN_KEY, REVISION_KEY
from userdata import apply
from userdata.roles import Principal, Role
from userdata.store import STORE_FILENAME, Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PLANNER = "ui/views/planner.py"
IMPORTS = "ui/views/imports.py"
ROLE_OF = {
    "vy": Role.VIEWER,
    "an": Role.PLANNER,
    "binh": Role.PLANNER,
    "lan": Role.DATA_EDITOR,
    "minh": Role.DATA_EDITOR,
    "cuong": Role.BORDER_GUARD,
    "quan": Role.ADMIN,
}


@cache
def _hash() -> str:
    return hash_password("mật khẩu đủ dài 2026")


def make_accounts(monkeypatch: pytest.MonkeyPatch) -> Store:
    """Shared mode with one account per role of :data:`ROLE_OF` in the current user directory
    (the test's own: ``own_user_store``); the store acting as the system."""
    monkeypatch.setenv(settings.MODE_ENV, "shared")
    store = Store()  # acts as the system (the accounts command line)
    for name, role in ROLE_OF.items():
        store.add_account(name, role=role, password_hash=_hash())
    return store


@pytest.fixture
def shared(monkeypatch: pytest.MonkeyPatch, own_user_store: Path) -> Store:
    return make_accounts(monkeypatch)


def as_user(name: str) -> Store:
    """The store acting for account ``name`` (as the page's store does for its session)."""
    store = Store()
    store.principal = Principal(name=name, role=ROLE_OF[name])
    return store


def open_app(name: str, page: str | None = None) -> AppTest:
    """The app with ``name`` signed in, on ``page``."""
    app = AppTest.from_file(APP, default_timeout=180)
    app.session_state[SESSION_KEY] = Principal(name=name, role=ROLE_OF[name])
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def texts(app: AppTest) -> str:
    kinds = ("success", "info", "warning", "error", "markdown", "caption")
    return " ".join(str(e.value) for kind in kinds for e in getattr(app, kind))


def plan_of(name: str, *, stops: int = 1, notes: str = "", surveyed: bool = False) -> Plan:
    base = stop("base", 19.40, 104.20, name="Cửa khẩu Nậm Cắn", kind="gate")
    visits = [
        stop(f"s{i}", 19.30 + i / 50, 104.10, name=f"Điểm {i}", precision="published")
        for i in range(stops)
    ]
    if surveyed:
        visits.append(stop("m1", 19.35, 104.15, name="Mốc 1", precision="surveyed"))
    return Plan(name=name, base=base, stops=visits, start=datetime(2026, 12, 5, 7), notes=notes)


def _session_plan(app: AppTest) -> Plan:
    return Plan.from_json(app.session_state[PLAN_KEY])


def _key(app: AppTest, name: str) -> str:
    return f"w_{name}_{app.session_state[REVISION_KEY]}"


# -- the menu and the pages by role -----------------------------------------------------------


def test_the_menu_follows_the_role_and_a_page_opened_by_its_url_refuses(
    shared: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    menus: list[dict[str, str]] = []
    real = pages.all_pages

    def spying() -> list:
        made = real()
        menus.append({page.url_path or "ban-do": page.visibility for page in made})
        return made

    monkeypatch.setattr(pages, "all_pages", spying)
    app = open_app("vy", IMPORTS)
    assert menus[-1] == {
        "ban-do": "visible",
        "ke-hoach": "hidden",
        "du-lieu-cua-ban": "hidden",
        "nguon-du-lieu": "visible",
        "quan-tri": "hidden",
    }
    refusals = [e.value for e in app.error]
    assert any("Vai trò «xem»" in text and "không được phép" in text for text in refusals)
    assert not app.get("file_uploader") and not app.tabs  # the page itself is not drawn
    app.switch_page(PLANNER).run()
    assert any("không được phép" in e.value for e in app.error)
    assert not [b for b in app.button if b.key == "w_save"]

    open_app("lan")
    assert menus[-1]["du-lieu-cua-ban"] == menus[-1]["ke-hoach"] == "visible"
    assert menus[-1]["quan-tri"] == "hidden"
    open_app("quan")
    assert set(menus[-1].values()) == {"visible"}


def test_the_store_refuses_a_viewers_import_and_a_data_editors_markers(shared: Store) -> None:
    rows = pd.DataFrame(
        {"unit_code": ["99999"], "unit_name_input": ["Xã thử"], "value": [1.0], "year": [2024]}
    )
    arguments = {
        "rows": rows,
        "key": "test_rate",
        "label": "Chỉ số thử",
        "unit": "%",
        "edition": "2025",
        "source": "thử",
        "kind": "rate",
        "filename": "thu.csv",
    }
    with pytest.raises(AccessDenied):
        apply.save_indicator(as_user("vy"), **arguments)
    with pytest.raises(AccessDenied):
        as_user("lan").put_import(kind="markers", name="Mốc", filename="m.geojson", body="{}")
    assert shared.list_imports() == []
    saved = apply.save_indicator(as_user("lan"), **arguments)
    assert [(r["id"], r["owner"]) for r in shared.list_imports()] == [(saved, "lan")]


def test_only_the_owner_deletes_an_import_which_asks_and_comes_back_from_the_bin(
    shared: Store,
) -> None:
    mine = as_user("lan").put_import(
        kind="indicator",
        name="Hộ nghèo của Lan",
        filename="lan.csv",
        body="[]",
        meta={"source": "Lan"},
    )
    theirs = as_user("minh").put_import(
        kind="indicator",
        name="Số liệu của Minh",
        filename="minh.csv",
        body="[]",
        meta={"source": "Minh"},
    )
    app = open_app("lan", IMPORTS)
    radios = [r for r in app.radio if r.key == "l_kind"]
    markers = message("kind_markers", "vi")
    assert radios and markers not in radios[0].options  # surveyed markers: guards only
    assert "Nhập bởi lan" in texts(app) and "Nhập bởi minh" in texts(app)
    keys = {b.key for b in app.button}
    assert f"del_{mine}" in keys and f"del_{theirs}" not in keys
    assert not app.get("text_input") or all(t.label != "Người nhập" for t in app.text_input)

    app.button(key=f"del_{mine}").click().run()
    assert any("thùng rác 30 ngày" in w.value for w in app.warning)
    assert len(shared.list_imports()) == 2  # only asked
    app.button(key="w_delete_import_confirmed").click().run()
    assert [r["id"] for r in shared.list_imports()] == [theirs]
    assert "vào thùng rác (30 ngày)" in texts(app)
    (entry,) = as_user("lan").list_bin()
    assert as_user("minh").list_bin() == []  # not theirs to restore
    app.button(key=f"w_restore_{entry['id']}").click().run()
    assert not app.exception
    assert {r["id"] for r in shared.list_imports()} == {mine, theirs}
    assert "Đã khôi phục “Hộ nghèo của Lan”" in texts(app)

    guard = open_app("cuong", IMPORTS)
    assert markers in guard.radio(key="l_kind").options


# -- plans --------------------------------------------------------------------------------------


def test_a_planner_cannot_delete_anothers_plan(shared: Store) -> None:
    owner = as_user("an")
    owner.save_plan(plan_of("Chuyến của An"))
    owner.save_plan(plan_of("Riêng của An"))
    owner.share_plan("Chuyến của An", grantee_kind="user", grantee="binh", can_edit=True)
    app = open_app("binh", PLANNER)
    choice = app.selectbox(key="w_saved_choice")
    assert choice.options == ["Chuyến của An — được chia sẻ, sửa được"]  # not the private one
    keys = {b.key for b in app.button}
    assert "w_open" in keys and "w_delete" not in keys and "w_share_add" not in keys
    assert "Chủ: an" in texts(app)
    with pytest.raises(AccessDenied):
        as_user("binh").delete_plan("Chuyến của An")
    assert {p["name"] for p in owner.list_plans()} == {"Chuyến của An", "Riêng của An"}

    mine = open_app("an", PLANNER)
    mine.selectbox(key="w_saved_choice").set_value("Chuyến của An").run()
    assert "w_delete" in {b.key for b in mine.button}


def test_sharing_from_the_page_and_a_read_only_plan_saves_as_a_copy(shared: Store) -> None:
    as_user("an").save_plan(plan_of("Chuyến của An", notes="của An"))
    app = open_app("an", PLANNER)
    app.selectbox(key="w_saved_choice").set_value("Chuyến của An").run()
    app.radio(key="w_share_kind").set_value("user").run()
    app.selectbox(key="w_share_user").set_value("binh").run()
    app.button(key="w_share_add").click().run()
    assert not app.exception
    (record,) = as_user("an").list_plans()
    assert record["shares"] == [{"grantee_kind": "user", "grantee": "binh", "can_edit": False}]
    assert "Người dùng binh: chỉ xem" in texts(app)

    reader = open_app("binh", PLANNER)
    reader.button(key="w_open").click().run()
    assert reader.session_state[ORIGIN_KEY].read_only
    assert any("chỉ được xem" in i.value for i in reader.info)
    save = reader.button(key="w_save")
    assert save.label == "Lưu thành bản sao"
    save.click().run()
    assert not reader.exception
    copy = as_user("binh").plan_record("Chuyến của An (2)")
    assert copy["owner"] == "binh"
    assert as_user("an").plan_record("Chuyến của An")["version"] == 1  # never saved over

    app.button(key="w_unshare_0").click().run()
    assert as_user("an").list_plans()[0]["shares"] == []


def test_a_plan_saved_by_someone_else_since_it_was_opened_asks_and_both_answers_work(
    shared: Store,
) -> None:
    an, binh = as_user("an"), as_user("binh")
    an.save_plan(plan_of("Chuyến chung"))
    an.share_plan("Chuyến chung", grantee_kind="role", grantee="planner", can_edit=True)
    app = open_app("an", PLANNER)
    app.button(key="w_open").click().run()
    app.number_input(key=_key(app, "hours")).set_value(8.0).run()
    theirs = Plan.from_dict({**plan_of("Chuyến chung").to_dict(), "notes": "của Bình"})
    binh.save_plan(theirs, opened_version=1)

    app.button(key="w_save").click().run()
    assert not app.exception
    assert any("người khác đã lưu kế hoạch “Chuyến chung”" in w.value for w in app.warning)
    assert an.get_plan("Chuyến chung") == theirs  # nothing overwritten while asking
    app.button(key="w_keep_mine").click().run()
    assert not app.exception
    kept = an.get_plan("Chuyến chung (2)")
    assert kept.drive_hours_per_day == 8.0 and an.plan_record("Chuyến chung (2)")["owner"] == "an"
    assert an.get_plan("Chuyến chung") == theirs

    app.selectbox(key="w_saved_choice").set_value("Chuyến chung").run()
    app.button(key="w_open").click().run()
    app.number_input(key=_key(app, "hours")).set_value(5.0).run()
    again = Plan.from_dict({**theirs.to_dict(), "notes": "Bình lần hai"})
    binh.save_plan(again, opened_version=2)
    app.button(key="w_save").click().run()
    assert any("người khác đã lưu" in w.value for w in app.warning)
    app.button(key="w_reload_theirs").click().run()
    assert not app.exception
    assert _session_plan(app) == again  # their version, my edits discarded
    assert app.session_state[ORIGIN_KEY].version == 3
    assert an.plan_record("Chuyến chung")["version"] == 3
    assert "Đã mở bản đã lưu của “Chuyến chung” (phiên bản 3)" in texts(app)


def test_each_download_is_recorded_and_surveyed_positions_too_for_a_guard(
    shared: Store,
) -> None:
    as_user("cuong").save_plan(plan_of("Tuần tra mốc", surveyed=True))
    app = open_app("cuong", PLANNER)
    app.button(key="w_open").click().run()
    assert {"dl_gpx", "dl_pack", "dl_kml"} <= {d.key for d in app.get("download_button")}
    next(d for d in app.download_button if d.key == "dl_gpx").click().run()
    assert not app.exception
    rows = as_user("quan").audit_rows(actor="cuong")
    exports = [(r["action"], r["target"], r["detail"].get("format")) for r in rows]
    assert ("export_plan", "Tuần tra mốc", "gpx") in exports
    assert ("export_protected", "Tuần tra mốc", "gpx") in exports

    as_user("an").save_plan(plan_of("Chuyến thường"))
    planner = open_app("an", PLANNER)
    planner.button(key="w_open").click().run()
    next(d for d in planner.download_button if d.key == "dl_csv").click().run()
    rows = as_user("quan").audit_rows(actor="an")
    assert [(r["action"], r["detail"].get("format")) for r in rows][:1] == [("export_plan", "csv")]
    assert not [r for r in rows if r["action"] == "export_protected"]


# -- in a real browser --------------------------------------------------------------------------

BROWSER_PASSWORD = "mật khẩu trình duyệt 9"


@pytest.fixture(scope="module")
def two_planners(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app in shared mode on its own user dir, with planners ``an`` and ``binh`` made by
    the command line; ``an`` owns a plan shared editable with ``binh`` and a private one."""
    users = tmp_path_factory.mktemp("two-planners")
    for name in ("an", "binh"):
        cli_account(users, name, role="planner", password=BROWSER_PASSWORD)
    store = Store(users / STORE_FILENAME)
    store.principal = Principal(name="an", role=Role.PLANNER)
    store.save_plan(plan_of("Chuyến của An"))
    store.save_plan(plan_of("Riêng của An"))
    store.share_plan("Chuyến của An", grantee_kind="user", grantee="binh", can_edit=True)
    with running_app(users, extra_env={settings.MODE_ENV: "shared"}) as url:
        yield url, users


def _planner_in_browser(browser, url: str, name: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    outside = block_outside(page, url)
    page.goto(url)
    sign_in(page, name, BROWSER_PASSWORD)
    page.locator('a[href$="/ke-hoach"]').first.click()
    page.get_by_text(re.compile("Kế hoạch đã lưu \\(\\d\\)")).first.wait_for(timeout=90_000)
    return context, page, outside


@pytest.mark.browser
def test_in_a_browser_a_planner_cannot_delete_anothers_plan_and_the_owner_restores_it(
    two_planners, browser, artifacts: Path
) -> None:
    url, users = two_planners
    context, page, outside = _planner_in_browser(browser, url, "binh")
    try:
        page.get_by_text("Chủ: an · được chia sẻ, sửa được").first.wait_for(timeout=30_000)
        page.locator('[data-testid="stSelectbox"]').first.click()
        options = page.get_by_role("option")
        options.first.wait_for(timeout=30_000)
        assert options.all_inner_texts() == ["Chuyến của An — được chia sẻ, sửa được"]
        page.keyboard.press("Escape")
        assert page.get_by_role("button", name="Mở", exact=True).count() == 1
        assert page.get_by_role("button", name="Xóa", exact=True).count() == 0
        page.screenshot(path=str(artifacts / "roles_shared_plan_binh.png"), full_page=True)
        assert outside == []
    finally:
        context.close()

    context, page, outside = _planner_in_browser(browser, url, "an")
    try:
        page.get_by_role("button", name="Xóa", exact=True).click()
        page.get_by_text(re.compile("thùng rác 30 ngày")).first.wait_for(timeout=30_000)
        page.get_by_role("button", name=message("plan.delete_confirmed", "vi"), exact=True).click()
        page.get_by_text(re.compile("Đã chuyển kế hoạch “Chuyến của An” vào thùng rác")).wait_for(
            timeout=30_000
        )
        store = Store(users / STORE_FILENAME)
        store.principal = Principal(name="an", role=Role.PLANNER)
        assert [p["name"] for p in store.list_plans()] == ["Riêng của An"]
        page.get_by_text("Thùng rác (1)").click()
        page.get_by_role("button", name="Khôi phục", exact=True).click()
        page.get_by_text("Đã khôi phục “Chuyến của An”.").wait_for(timeout=30_000)
        page.screenshot(path=str(artifacts / "roles_restored_plan_an.png"), full_page=True)
        assert [p["name"] for p in store.list_plans()] == ["Chuyến của An", "Riêng của An"]
        assert outside == []
    finally:
        context.close()
