"""No secret is committed: the secrets a deployment configures (the password pepper, the cookie
secret) come from the environment or Streamlit's secrets, never from the repository.

A fixture makes a random pepper and cookie secret, starts the app with them (shared mode, an
account hashed under the pepper) and checks they are in use; then every file git tracks, or
would add (untracked and not ignored), is searched for them, and no ``secrets.toml`` is tracked.
"""

from __future__ import annotations

import secrets
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from access import accounts
from geo import settings
from tests.conftest import cli_account, running_app
from userdata.store import Store

PROJECT = Path(__file__).resolve().parent.parent
COOKIE_SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"
PASSWORD = "mật khẩu có muối tiêu 9"


@pytest.fixture(scope="module")
def configured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Random secrets, used: an account hashed under the pepper, an app started with both."""
    values = {
        settings.PEPPER_ENV: secrets.token_urlsafe(24),
        COOKIE_SECRET_ENV: secrets.token_hex(32),
    }
    users = tmp_path_factory.mktemp("secret-users")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(settings.PEPPER_ENV, values[settings.PEPPER_ENV])
        cli_account(users, "muoi-tieu", role="viewer", password=PASSWORD)
        stored = Store(users / "atlas.sqlite3").get_account("muoi-tieu")["password_hash"]
        assert accounts.verify(stored, PASSWORD)
        patch.delenv(settings.PEPPER_ENV)
        assert not accounts.verify(stored, PASSWORD)  # the pepper was really mixed in
    with running_app(users, extra_env={**values, settings.MODE_ENV: "shared"}) as url:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
            assert response.status == 200
        yield values


def _repository_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    return [PROJECT / name.decode() for name in listed if name]


def test_no_configured_secret_is_in_the_repository(configured: dict[str, str]) -> None:
    files = [path for path in _repository_files() if path.is_file()]
    assert len(files) > 100  # the whole tree was searched
    wanted = {name: value.encode() for name, value in configured.items()}
    found = [
        (name, str(path.relative_to(PROJECT)))
        for path in files
        for name, value in wanted.items()
        if value in path.read_bytes()
    ]
    assert found == []


def test_no_streamlit_secrets_file_is_tracked() -> None:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert not [name for name in tracked if Path(name).name == "secrets.toml"]
    assert not [name for name in tracked if Path(name).name == "cookie_secret"]
