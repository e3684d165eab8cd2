"""Accounts: argon2id hashes verified by the library, the pepper, lockout, unlock, the audit
trail of sign-ins, and the ``python -m access users`` command line."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import argon2
import pytest

from access import accounts, oidc
from access.cli import run
from geo import settings
from geo.errors import LoginError, UserInputError
from userdata.roles import Principal, Role
from userdata.store import Store

PROJECT = Path(__file__).resolve().parent.parent
PASSWORD = "đúng-mật-khẩu-42"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.delenv(settings.PEPPER_ENV, raising=False)
    return Store(tmp_path / "atlas.sqlite3")


def test_the_hash_is_argon2id_and_the_library_verifies_it(monkeypatch) -> None:
    monkeypatch.delenv(settings.PEPPER_ENV, raising=False)
    stored = accounts.hash_password(PASSWORD)
    assert stored.startswith("$argon2id$v=19$")
    assert argon2.extract_parameters(stored).type is argon2.Type.ID
    assert argon2.PasswordHasher().verify(stored, PASSWORD)
    assert accounts.verify(stored, PASSWORD)
    assert not accounts.verify(stored, PASSWORD + "x")
    assert accounts.hash_password(PASSWORD) != stored  # a new salt each time


def test_the_pepper_changes_the_hash(monkeypatch) -> None:
    monkeypatch.setenv(settings.PEPPER_ENV, "pepper-one")
    stored = accounts.hash_password(PASSWORD)
    assert accounts.verify(stored, PASSWORD)
    with pytest.raises(argon2.exceptions.VerifyMismatchError):
        argon2.PasswordHasher().verify(stored, PASSWORD)  # the plain password is not what's hashed
    monkeypatch.setenv(settings.PEPPER_ENV, "pepper-two")
    assert not accounts.verify(stored, PASSWORD)
    monkeypatch.delenv(settings.PEPPER_ENV)
    assert not accounts.verify(stored, PASSWORD)


def test_names_and_passwords_are_checked() -> None:
    assert accounts.check_name("  an.nguyen_2-b ") == "an.nguyen_2-b"
    for bad in ("", "a b", "x" * 65, "an;drop", "a/b"):
        with pytest.raises(UserInputError):
            accounts.check_name(bad)
    with pytest.raises(UserInputError, match="10"):
        accounts.check_password("123456789")
    assert accounts.check_password("1234567890") == "1234567890"


def test_lockout_arithmetic() -> None:
    moment = datetime(2026, 3, 1, 8, tzinfo=UTC)
    counts = []
    failed = 0
    for _ in range(settings.MAX_FAILED_LOGINS):
        failed, until = accounts.lock_after_failure(failed, now=moment)
        counts.append(until)
    assert counts[:-1] == [None] * (settings.MAX_FAILED_LOGINS - 1)
    assert counts[-1] == moment + timedelta(minutes=settings.LOCKOUT_MINUTES)
    account = {"locked_until": counts[-1].isoformat()}
    assert accounts.locked_until(account, now=moment + timedelta(minutes=14)) == counts[-1]
    assert accounts.locked_until(account, now=moment + timedelta(minutes=16)) is None


def test_the_oidc_role_claim_maps_to_the_highest_known_role(monkeypatch) -> None:
    monkeypatch.delenv(settings.OIDC_ROLE_CLAIM_ENV, raising=False)
    assert oidc.role_from_claims({"border_atlas_role": "planner"}) is Role.PLANNER
    assert oidc.role_from_claims({"border_atlas_role": ["viewer", "data_editor"]}) is (
        Role.DATA_EDITOR
    )
    assert oidc.role_from_claims({"border_atlas_role": ["quản trị", "viewer"]}) is Role.ADMIN
    assert oidc.role_from_claims({"border_atlas_role": ["pilot"]}) is None
    assert oidc.role_from_claims({"border_atlas_role": 3}) is None
    assert oidc.role_from_claims({"groups": ["admin"]}) is None
    monkeypatch.setenv(settings.OIDC_ROLE_CLAIM_ENV, "groups")
    assert oidc.role_from_claims({"groups": ["admin"], "border_atlas_role": "viewer"}) is (
        Role.ADMIN
    )
    assert oidc.name_from_claims({"sub": "u-1"}) == "u-1"
    assert oidc.name_from_claims({"email": "an@bp.vn", "sub": "u-1"}) == "an@bp.vn"


def test_sign_in_right_and_wrong_and_the_audit_trail(store: Store) -> None:
    accounts.add_account(store, "an", role="planner", password=PASSWORD)
    principal = accounts.sign_in(store, "an", PASSWORD, session="s-1")
    assert principal == Principal(name="an", role=Role.PLANNER, via="password", session="s-1")
    with pytest.raises(LoginError) as wrong:
        accounts.sign_in(store, "an", "not the password", session="s-2")
    with pytest.raises(LoginError) as unknown:
        accounts.sign_in(store, "nobody", PASSWORD, session="s-3")
    assert not wrong.value.locked
    assert wrong.value.message("en") == unknown.value.message("en")  # same words for both
    rows = store.audit_rows(actor="an")
    assert [(row["action"], row["session"]) for row in rows][:2] == [
        ("login_failed", "s-2"),
        ("login", "s-1"),
    ]
    assert store.audit_rows(action="login_failed", actor="nobody")
    assert store.get_account("an")["failed_logins"] == 1
    accounts.sign_in(store, "AN", PASSWORD)  # names ignore case; a success resets the count
    assert store.get_account("an")["failed_logins"] == 0


def test_five_wrong_passwords_lock_and_the_sixth_is_refused_even_when_right(store) -> None:
    accounts.add_account(store, "binh", role="viewer", password=PASSWORD)
    for attempt in range(1, settings.MAX_FAILED_LOGINS + 1):
        with pytest.raises(LoginError) as refused:
            accounts.sign_in(store, "binh", f"wrong {attempt}")
        assert refused.value.locked == (attempt == settings.MAX_FAILED_LOGINS)
    with pytest.raises(LoginError) as locked:
        accounts.sign_in(store, "binh", PASSWORD)
    assert locked.value.locked
    assert locked.value.message("en").startswith("The account is locked")
    assert "UTC" in locked.value.message("en")
    assert locked.value.message("vi").startswith("Tài khoản đang bị khóa")
    assert store.audit_rows(action="locked", actor="binh")
    store.unlock("binh")
    assert accounts.sign_in(store, "binh", PASSWORD).role is Role.VIEWER


def test_a_disabled_account_cannot_sign_in(store: Store) -> None:
    accounts.add_account(store, "chi", role="admin", password=PASSWORD)
    store.disable("chi")
    with pytest.raises(LoginError) as refused:
        accounts.sign_in(store, "chi", PASSWORD)
    assert not refused.value.locked


def test_an_old_hash_is_replaced_on_sign_in(store: Store) -> None:
    weak = argon2.PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    store.add_account("dung", role="viewer", password_hash=weak.hash(PASSWORD))
    accounts.sign_in(store, "dung", PASSWORD)
    stored = store.get_account("dung")["password_hash"]
    assert not argon2.PasswordHasher().check_needs_rehash(stored)
    assert accounts.verify(stored, PASSWORD)


def _cli(user_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        settings.USER_DIR_ENV: str(user_dir),
        settings.DATA_DIR_ENV: str(settings.data_dir()),
    }
    return subprocess.run(
        [sys.executable, "-m", "access", "users", *args],
        cwd=PROJECT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_adds_lists_and_changes_roles(tmp_path: Path) -> None:
    users = tmp_path / "users"
    added = _cli(users, "add", "an", "--role", "planner", "--password-stdin", stdin=PASSWORD)
    assert added.returncode == 0, added.stderr
    listed = _cli(users, "list")
    assert listed.returncode == 0 and "an" in listed.stdout and "planner" in listed.stdout
    assert _cli(users, "set-role", "an", "border_guard").returncode == 0
    store = Store(users / "atlas.sqlite3")
    assert store.get_account("an")["role"] == "border_guard"
    assert accounts.sign_in(store, "an", PASSWORD).role is Role.BORDER_GUARD
    done = [(row["action"], row["actor"]) for row in store.audit_rows()]
    by_cli = [actor for action, actor in done if action in ("account_add", "role_change")]
    assert len(by_cli) == 2 and all(actor.startswith("cli:") for actor in by_cli)


def test_the_command_line_names_what_is_wrong(tmp_path: Path) -> None:
    users = tmp_path / "users"
    bad_role = _cli(users, "add", "an", "--role", "pilot", "--password-stdin", stdin=PASSWORD)
    assert bad_role.returncode == 2
    assert "pilot" in bad_role.stderr and "viewer" in bad_role.stderr
    short = _cli(users, "add", "an", "--role", "viewer", "--password-stdin", stdin="short")
    assert short.returncode == 2 and "10" in short.stderr
    bad_name = _cli(users, "add", "a b", "--role", "viewer", "--password-stdin", stdin=PASSWORD)
    assert bad_name.returncode == 2 and "a b" in bad_name.stderr
    unknown = _cli(users, "unlock", "nobody")
    assert unknown.returncode == 2 and "nobody" in unknown.stderr
    assert "Traceback" not in bad_role.stderr + short.stderr + bad_name.stderr + unknown.stderr
    assert (
        _cli(users, "add", "an", "--role", "viewer", "--password-stdin", stdin=PASSWORD).returncode
        == 0
    )
    again = _cli(users, "add", "an", "--role", "viewer", "--password-stdin", stdin=PASSWORD)
    assert again.returncode == 2 and "an" in again.stderr


def test_the_command_line_in_process_passwd_and_disable(tmp_path: Path) -> None:
    import io

    from access.cli import cli_principal

    store = Store(tmp_path / "atlas.sqlite3", principal=cli_principal())
    stdin = io.StringIO(PASSWORD + "\n")
    assert (
        run(
            ["users", "add", "em", "--role", "viewer", "--password-stdin"],
            store=store,
            stdin=stdin,
            out=io.StringIO(),
        )
        == 0
    )
    new = "một mật khẩu mới khác"
    assert (
        run(
            ["users", "passwd", "em", "--password-stdin"],
            store=store,
            stdin=io.StringIO(new + "\n"),
            out=io.StringIO(),
        )
        == 0
    )
    assert accounts.sign_in(store, "em", new).name == "em"
    assert run(["users", "disable", "em"], store=store, out=io.StringIO()) == 0
    with pytest.raises(LoginError):
        accounts.sign_in(store, "em", new)


def test_an_account_without_a_password_cannot_sign_in_with_one(store: Store) -> None:
    store.add_account("lan.oidc", role="planner", password_hash=None, via="oidc")
    with pytest.raises(LoginError) as refused:
        accounts.sign_in(store, "lan.oidc", PASSWORD)
    assert not refused.value.locked
