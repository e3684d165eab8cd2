"""The sign-in gate through Streamlit's AppTest: shared mode asks for an account before any page
runs; a right password signs in (the header shows the role), five wrong ones lock the account,
sessions expire; personal mode with no account goes straight to the map."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access import accounts
from access.cli import cli_principal
from geo import settings
from userdata.roles import Principal, Role
from userdata.store import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PASSWORD = "mật-khẩu-thử-123"
MAP_MARK = "xã phù hợp"  # the map page's count of matching communes


@pytest.fixture
def users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user dir of this test's own (accounts made here reach no other test)."""
    path = tmp_path / "user"
    monkeypatch.setenv(settings.USER_DIR_ENV, str(path))
    monkeypatch.delenv(settings.PEPPER_ENV, raising=False)
    monkeypatch.delenv(settings.MODE_ENV, raising=False)
    return path


def _account(users: Path, name: str, role: str) -> Store:
    store = Store(users / "atlas.sqlite3", principal=cli_principal())
    accounts.add_account(store, name, role=role, password=PASSWORD)
    return store


def _app() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params["area"] = "all"
    return app


def _texts(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [e.value for e in (*app.error, *app.info, *app.warning, *app.subheader)]
    return "\n".join(str(p) for p in parts)


def _sign_in(app: AppTest, name: str, password: str) -> AppTest:
    app.text_input(key="ba_sign_in_name").input(name)
    app.text_input(key="ba_sign_in_password").input(password)
    app.button[[b.label for b in app.button].index("Đăng nhập")].click()
    return app.run()


def test_shared_mode_shows_the_sign_in_page_and_no_map(users, monkeypatch) -> None:
    monkeypatch.setenv(settings.MODE_ENV, "shared")
    app = _app().run()
    assert not app.exception, app.exception
    assert "Đăng nhập" in [s.value for s in app.subheader]
    assert MAP_MARK not in _texts(app)
    assert app.text_input(key="ba_sign_in_password").proto.type == 1  # PASSWORD
    assert not app.error  # no secrets file: nothing about it on the page
    assert not [b for b in app.button if b.key == "ba_oidc_sign_in"]
    assert "ba_principal" not in app.session_state


def test_the_right_password_signs_in_and_the_header_shows_the_role(users, monkeypatch) -> None:
    monkeypatch.setenv(settings.MODE_ENV, "shared")
    store = _account(users, "an", "planner")
    app = _sign_in(_app().run(), "an", PASSWORD)
    assert not app.exception, app.exception
    assert MAP_MARK in _texts(app)
    assert "an · lập kế hoạch" in _texts(app)
    principal = app.session_state["ba_principal"]
    assert (principal.name, principal.role, principal.via) == ("an", Role.PLANNER, "password")
    assert principal.session  # the Streamlit session's id
    assert store.audit_rows(action="login", actor="an")
    # the role is read again each rerun
    store.set_role("an", "border_guard")
    app.run()
    assert app.session_state["ba_principal"].role is Role.BORDER_GUARD
    assert "an · biên phòng" in _texts(app)
    # sign out: back to the sign-in page, audited
    app.button(key="ba_sign_out").click().run()
    assert "ba_principal" not in app.session_state
    assert MAP_MARK not in _texts(app)
    assert "Bạn đã đăng xuất." in _texts(app)
    assert store.audit_rows(action="logout", actor="an")


def test_five_wrong_passwords_show_the_locked_message(users, monkeypatch) -> None:
    monkeypatch.setenv(settings.MODE_ENV, "shared")
    _account(users, "binh", "viewer")
    app = _app().run()
    for attempt in range(settings.MAX_FAILED_LOGINS):
        app = _sign_in(app, "binh", f"sai {attempt}")
        assert not app.exception
    errors = [e.value for e in app.error]
    assert any("Tài khoản đang bị khóa" in e for e in errors), errors
    app = _sign_in(app, "binh", PASSWORD)  # even the right one, now
    assert "ba_principal" not in app.session_state
    assert any("Tài khoản đang bị khóa" in e.value for e in app.error)
    assert MAP_MARK not in _texts(app)


def test_an_unknown_name_gets_the_wrong_password_message(users, monkeypatch) -> None:
    monkeypatch.setenv(settings.MODE_ENV, "shared")
    _account(users, "an", "viewer")
    app = _sign_in(_app().run(), "khong-co", PASSWORD)
    wrong_name = [e.value for e in app.error]
    app = _sign_in(app, "an", "sai mật khẩu")
    assert wrong_name == [e.value for e in app.error] and wrong_name


@pytest.mark.parametrize(
    ("signed_in_ago", "seen_ago"),
    [
        (10 * 60, settings.SESSION_IDLE_MINUTES * 60 + 5),
        (settings.SESSION_MAX_HOURS * 3600 + 5, 10),
    ],
    ids=["idle", "too-old"],
)
def test_a_session_expires(users, monkeypatch, signed_in_ago: float, seen_ago: float) -> None:
    monkeypatch.setenv(settings.MODE_ENV, "shared")
    store = _account(users, "chi", "admin")
    app = _app()
    app.session_state["ba_principal"] = Principal(name="chi", role=Role.ADMIN)
    app.run()
    assert MAP_MARK in _texts(app)
    app.session_state["ba_signed_in_at"] = time.time() - signed_in_ago
    app.session_state["ba_seen_at"] = time.time() - seen_ago
    app.run()
    assert "ba_principal" not in app.session_state
    assert MAP_MARK not in _texts(app)
    assert any("Phiên làm việc đã kết thúc" in i.value for i in app.info)
    assert store.audit_rows(action="logout", actor="chi")


def test_a_disabled_account_is_signed_out_at_the_next_rerun(users, monkeypatch) -> None:
    monkeypatch.setenv(settings.MODE_ENV, "shared")
    store = _account(users, "dung", "viewer")
    app = _app()
    app.session_state["ba_principal"] = Principal(name="dung", role=Role.VIEWER)
    app.run()
    assert MAP_MARK in _texts(app)
    store.disable("dung")
    app.run()
    assert "ba_principal" not in app.session_state
    assert MAP_MARK not in _texts(app)


def test_personal_mode_with_no_account_shows_the_map_without_sign_in(users) -> None:
    app = _app().run()
    assert not app.exception, app.exception
    assert MAP_MARK in _texts(app)
    assert "Đăng nhập" not in [s.value for s in app.subheader]
    assert not [b for b in app.button if b.key == "ba_sign_out"]  # nothing new in the header


def test_personal_mode_with_an_account_requires_sign_in(users) -> None:
    _account(users, "em", "viewer")
    app = _app().run()
    assert "Đăng nhập" in [s.value for s in app.subheader]
    assert MAP_MARK not in _texts(app)
    app = _sign_in(app, "em", PASSWORD)
    assert MAP_MARK in _texts(app)


def test_the_sign_in_page_speaks_english(users, monkeypatch) -> None:
    monkeypatch.setenv(settings.MODE_ENV, "shared")
    app = _app().run()
    app.segmented_control(key="lang_choice").set_value("en").run()
    assert "Sign in" in [s.value for s in app.subheader]
    assert app.text_input(key="ba_sign_in_name").label == "Account name"


AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "only-for-this-test",
    "client_id": "border-atlas",
    "client_secret": "only-for-this-test",
    "server_metadata_url": "https://id.example.invalid/.well-known/openid-configuration",
}


def _oidc_app(user: dict) -> AppTest:
    app = _app()
    app.secrets["auth"] = AUTH
    app.user = user
    return app.run()


def test_oidc_offers_the_organisation_button_and_signs_in_with_the_role_claim(
    users, monkeypatch
) -> None:
    monkeypatch.setenv(settings.MODE_ENV, "shared")
    monkeypatch.delenv(settings.OIDC_ROLE_CLAIM_ENV, raising=False)
    app = _oidc_app({"is_logged_in": False})
    assert not app.exception, app.exception
    button = app.button(key="ba_oidc_sign_in")
    assert button.label == "Đăng nhập qua tổ chức"
    app = _oidc_app(
        {
            "is_logged_in": True,
            "email": "lan@bp.example",
            "border_atlas_role": ["viewer", "planner"],
        }
    )
    principal = app.session_state["ba_principal"]
    assert (principal.name, principal.role, principal.via) == (
        "lan@bp.example",
        Role.PLANNER,
        "oidc",
    )
    assert MAP_MARK in _texts(app)
    store = Store(users / "atlas.sqlite3")
    assert store.audit_rows(action="login", actor="lan@bp.example")


def test_oidc_without_a_known_role_is_refused(users, monkeypatch) -> None:
    monkeypatch.setenv(settings.MODE_ENV, "shared")
    monkeypatch.delenv(settings.OIDC_ROLE_CLAIM_ENV, raising=False)
    app = _oidc_app({"is_logged_in": True, "email": "khach@example", "groups": ["admin"]})
    assert "ba_principal" not in app.session_state
    assert MAP_MARK not in _texts(app)
    assert any("border_atlas_role" in e.value for e in app.error)
    app.run()
    refused = Store(users / "atlas.sqlite3").audit_rows(
        action="login_failed", actor="khach@example"
    )
    assert len(refused) == 1  # recorded once, not at every rerun
