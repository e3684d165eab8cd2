"""Sign-in in a real browser: the app in shared mode on its own user dir, with accounts made by
the command line (a viewer, an admin, and one to lock). A viewer signs in, the map draws and the
menu offers no import page; five wrong passwords lock an account; signing out returns to the
sign-in page. At 1280×800 and 390×844, with every request to another host blocked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo import settings
from i18n.messages import message
from tests.conftest import block_outside, cli_account, running_app, sign_in
from userdata.store import Store

pytestmark = pytest.mark.browser

FRAME = 'iframe[title="streamlit_folium.st_folium"]'
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
PASSWORD = "mật khẩu trình duyệt 7"
VIEWER, ADMIN, LOCKED = "nguoi-xem", "quan-tri", "se-bi-khoa"
IMPORT_LINK = 'a[href$="/du-lieu-cua-ban"]'


@pytest.fixture(scope="module")
def users(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("access-users")


@pytest.fixture(scope="module")
def shared_app(users: Path) -> Iterator[str]:
    cli_account(users, VIEWER, role="viewer", password=PASSWORD)
    cli_account(users, ADMIN, role="admin", password=PASSWORD)
    cli_account(users, LOCKED, role="planner", password=PASSWORD)
    with running_app(users, extra_env={settings.MODE_ENV: "shared"}) as url:
        yield url


def _open(browser, url: str, viewport: str):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="vi-VN")
    page = context.new_page()
    outside = block_outside(page, url)
    page.goto(url)
    return context, page, outside


def _on_sign_in_page(page) -> None:
    page.get_by_role("heading", name=message("signin.title", "vi")).wait_for(timeout=90_000)
    # The form's fields drawn with their labels (not the loading skeleton).
    page.get_by_label(message("signin.name", "vi"), exact=True).wait_for(timeout=30_000)


def _menu_links(page, viewport: str) -> list[str]:
    """The hrefs of the pages' menu (opened first on a phone, where it folds away)."""
    if viewport == "phone":
        opener = page.locator('[data-testid="stExpandSidebarButton"]')
        if opener.count():
            opener.first.click()
            page.wait_for_timeout(800)
    links = page.locator('[data-testid="stTopNavLink"], [data-testid="stSidebarNavLink"]')
    links.first.wait_for(state="attached", timeout=30_000)
    return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_viewer_signs_in_sees_the_map_and_no_import_page(
    shared_app, browser, artifacts: Path, viewport: str
) -> None:
    context, page, outside = _open(browser, shared_app, viewport)
    try:
        _on_sign_in_page(page)
        assert page.locator(FRAME).count() == 0  # no map before signing in
        assert page.locator(IMPORT_LINK).count() == 0
        page.screenshot(path=str(artifacts / f"sign_in_{viewport}.png"))
        sign_in(page, VIEWER, PASSWORD)
        page.frame_locator(FRAME).first.locator(
            ".leaflet-overlay-pane path.leaflet-interactive"
        ).first.wait_for(state="attached", timeout=90_000)
        role = message("role.viewer", "vi")
        page.get_by_text(re.compile(f"{VIEWER}.*{role}")).first.wait_for(timeout=30_000)
        page.screenshot(path=str(artifacts / f"signed_in_viewer_{viewport}.png"))
        links = _menu_links(page, viewport)
        assert links and not [link for link in links if link.endswith("/du-lieu-cua-ban")]
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= VIEWPORTS[viewport]["width"]
        assert outside == []
    finally:
        context.close()


def test_an_admin_has_the_import_page_in_the_menu(shared_app, browser) -> None:
    context, page, outside = _open(browser, shared_app, "desktop")
    try:
        _on_sign_in_page(page)
        sign_in(page, ADMIN, PASSWORD)
        assert [link for link in _menu_links(page, "desktop") if link.endswith("/du-lieu-cua-ban")]
        assert outside == []
    finally:
        context.close()


def _failures(users: Path, name: str) -> int:
    return int(Store(users / "atlas.sqlite3").get_account(name)["failed_logins"])


def test_five_wrong_passwords_lock_the_account(shared_app, users, browser, artifacts) -> None:
    context, page, outside = _open(browser, shared_app, "desktop")
    name_label, password_label = message("signin.name", "vi"), message("signin.password", "vi")
    submit = page.get_by_role("button", name=message("signin.submit", "vi"), exact=True)
    try:
        _on_sign_in_page(page)
        for attempt in range(settings.MAX_FAILED_LOGINS):
            page.get_by_label(name_label, exact=True).fill(LOCKED)
            page.get_by_label(password_label, exact=True).fill(f"sai lần {attempt}")
            submit.click()
            for _ in range(120):  # each attempt is counted on the server before the next
                if _failures(users, LOCKED) > attempt:
                    break
                page.wait_for_timeout(250)
            assert _failures(users, LOCKED) == attempt + 1
        locked = page.get_by_text(re.compile("Tài khoản đang bị khóa.*UTC")).first
        locked.wait_for(timeout=30_000)
        page.get_by_label(name_label, exact=True).fill(LOCKED)
        page.get_by_label(password_label, exact=True).fill(PASSWORD)
        submit.click()
        store = Store(users / "atlas.sqlite3")
        for _ in range(120):  # the right password, refused on the server too
            if len(store.audit_rows(actor=LOCKED, action="login_failed")) > attempt + 1:
                break
            page.wait_for_timeout(250)
        assert len(store.audit_rows(actor=LOCKED, action="login_failed")) == attempt + 2
        assert not store.audit_rows(actor=LOCKED, action="login")
        locked.wait_for(timeout=30_000)
        assert page.get_by_role("button", name=message("header.sign_out", "vi")).count() == 0
        page.screenshot(path=str(artifacts / "sign_in_locked.png"))
        assert outside == []
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_signing_out_returns_to_the_sign_in_page(shared_app, browser, viewport: str) -> None:
    context, page, outside = _open(browser, shared_app, viewport)
    try:
        _on_sign_in_page(page)
        sign_in(page, VIEWER, PASSWORD)
        page.get_by_role("button", name=message("header.sign_out", "vi")).click()
        _on_sign_in_page(page)
        page.get_by_text(message("signin.signed_out", "vi")).wait_for(timeout=30_000)
        assert page.locator(FRAME).count() == 0
        page.reload()
        _on_sign_in_page(page)  # a new page load is not signed in either
        assert page.get_by_role("button", name=message("header.sign_out", "vi")).count() == 0
        assert outside == []
    finally:
        context.close()
