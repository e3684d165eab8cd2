"""The user directory is owner-only: made so when Border Atlas creates it, and the project's
own ``data/user`` (which git checks out readable by all) tightened when first used."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from geo import settings


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_user_dir_made_by_border_atlas_is_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wanted = tmp_path / "nested" / "user"
    monkeypatch.setenv(settings.USER_DIR_ENV, str(wanted))
    assert settings.user_dir() == wanted
    assert _mode(wanted) == 0o700


def test_the_default_user_dir_is_tightened(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.USER_DIR_ENV, raising=False)
    default = settings.PROJECT_DATA_DIR / "user"
    default.mkdir(exist_ok=True)
    default.chmod(0o755)  # as git checks it out
    assert settings.user_dir() == default
    assert _mode(default) == 0o700


def test_a_configured_existing_dir_keeps_its_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "group-dir"
    shared.mkdir(mode=0o750)
    shared.chmod(0o750)  # an administrator's choice (e.g. a group that backs it up)
    monkeypatch.setenv(settings.USER_DIR_ENV, str(shared))
    settings.user_dir()
    assert _mode(shared) == 0o750
