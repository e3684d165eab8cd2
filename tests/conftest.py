"""Shared fixtures: the real data bundle, built layers, and a running app for browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest

from geo import settings
from geo.catalogue import Catalogue
from ui.assets import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Route

PROJECT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    data = settings.data_dir()
    assert data.is_dir(), (
        f"The data bundle is not at {data}: set {settings.DATA_DIR_ENV} (make test does)."
    )
    return Catalogue.load()


@pytest.fixture(scope="session")
def atlas(catalogue: Catalogue):
    from layers.registry import build_atlas

    return build_atlas(catalogue=catalogue)


@pytest.fixture(scope="session")
def communes_2024(atlas):
    return atlas.get("communes_2024")


@pytest.fixture(scope="session")
def communes_2025(atlas):
    return atlas.get("communes_2025")


@pytest.fixture(scope="session")
def network(catalogue: Catalogue):
    """The national road graph (catalogue key ``roads_vietnam``), built once."""
    from planner.network import RoadNetwork

    return RoadNetwork.from_catalogue(catalogue)


@pytest.fixture(scope="session")
def gates(catalogue: Catalogue) -> dict:
    """The border gates with a position, as planner stops by gate id."""
    import pandas as pd

    from tests.planner_cases import stop

    table = pd.read_csv(catalogue.path("border_gates")).dropna(subset=["lat", "lon"])
    return {
        row.id: stop(row.id, row.lat, row.lon, name=row.name, kind="gate")
        for row in table.itertuples()
    }


@pytest.fixture
def bundle_copy(tmp_path: Path) -> Path:
    """A copy of the data bundle made of symlinks, so one file can be replaced cheaply."""
    source = settings.data_dir()
    target = tmp_path / "data"
    for path in source.rglob("*"):
        if path.is_file():
            link = target / path.relative_to(source)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(path)
    return target


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def own_user_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A test's own user store (plans, imports), so AppTests never see each other's saves."""
    path = tmp_path / "user"
    monkeypatch.setenv(settings.USER_DIR_ENV, str(path))
    return path


@pytest.fixture(scope="session")
def user_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("user")


@contextmanager
def running_app(
    user_dir: Path,
    *,
    launcher: Sequence[str] = ("-m", "streamlit", "run"),
    options: Sequence[str] = (
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ),
    output: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Run ``app.py`` (``python <launcher> app.py --server.port <free> <options>``) with
    ``user_dir`` as its user store; yield its URL once healthy, stop it afterwards.

    ``output`` receives the server's output (else discarded) and is quoted if it fails to start.
    ``extra_env`` adds environment variables (e.g. ``BORDER_ATLAS_MODE=shared``).
    """
    port = _free_port()
    env = {
        **os.environ,
        settings.DATA_DIR_ENV: str(settings.data_dir()),
        settings.USER_DIR_ENV: str(user_dir),
        **(extra_env or {}),
    }
    sink = output.open("w") if output else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, *launcher, "app.py", "--server.port", str(port), *options],
        cwd=PROJECT,
        env=env,
        stdout=sink,
        stderr=subprocess.STDOUT if output else subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        said = output.read_text(encoding="utf-8", errors="replace") if output else ""
        raise RuntimeError(f"the app did not start within 90 s\n{said}")
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app_url(user_dir: Path) -> Iterator[str]:
    """Start the app with `streamlit run` on a free port and yield its URL."""
    with running_app(user_dir) as url:
        yield url


def block_outside(target: Page | BrowserContext, app_url: str) -> list[str]:
    """Route every request of ``target``: those to ``app_url``'s host go on, the others are
    aborted and listed in the returned list (live: it grows as the page asks).

    Playwright does not route ``data:``, ``blob:`` or ``about:`` URLs: those load untouched.
    """
    own = urlparse(app_url).netloc
    outside: list[str] = []

    def handle(route: Route) -> None:
        if urlparse(route.request.url).netloc == own:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    target.route("**/*", handle)
    return outside


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def cli_account(user_dir: Path, name: str, *, role: str, password: str) -> None:
    """Create an account in ``user_dir``'s store with the command line (``python -m access
    users add … --password-stdin``), as an administrator would. Never point it at a user dir
    another test or app shares: with one account there, every app there asks for sign-in."""
    done = subprocess.run(
        [sys.executable, "-m", "access", "users", "add", name, "--role", role, "--password-stdin"],
        cwd=PROJECT,
        env={**os.environ, settings.USER_DIR_ENV: str(user_dir)},
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def sign_in(page: Page, name: str, password: str, *, timeout: float = 90_000) -> None:
    """Fill the sign-in page (in Vietnamese, the default) and wait until the header shows the
    sign-out button, i.e. the session is signed in and a page is drawn."""
    from i18n.messages import message

    page.get_by_label(message("signin.name", "vi"), exact=True).fill(name, timeout=timeout)
    field = page.get_by_label(message("signin.password", "vi"), exact=True)
    field.fill(password)
    page.get_by_role("button", name=message("signin.submit", "vi"), exact=True).click()
    page.get_by_role("button", name=message("header.sign_out", "vi")).wait_for(timeout=timeout)
