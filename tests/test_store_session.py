"""The store is opened once per session: a ``keep_open`` store holds one connection, shared by
threads, reopened when the file is moved aside, still safe beside other processes; a page view
opens at most one connection per session."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo.errors import PlanExistsError
from planner.plan import Plan, Stop
from userdata.roles import local_principal
from userdata.store import Store, default_path

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PLANNER_PAGE = "ui/views/planner.py"
PROJECT = Path(__file__).resolve().parent.parent


def _plan(name: str) -> Plan:
    base = Stop(
        id="b",
        name="Base",
        kind="point",
        lat=20.0,
        lon=105.0,
        precision="published",
        commune_code=None,
        source="user",
    )
    return Plan(name=name, base=base, stops=[], start=datetime(2025, 3, 1, 7))


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The database files every ``sqlite3.connect`` of this process opens, in order."""
    files: list[str] = []
    real = sqlite3.connect

    def counting(database, *args, **kwargs):
        files.append(str(database))
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", counting)
    return files


def test_a_kept_store_opens_one_connection_for_every_operation(
    tmp_path: Path, opened: list[str]
) -> None:
    path = tmp_path / "atlas.sqlite3"
    Store(path)  # the file is prepared once per process
    opened.clear()
    with Store(path, keep_open=True) as store:
        store.save_plan(_plan("A"))
        store.put_import(kind="poi", name="p", filename=None, body="{}")
        assert [p["name"] for p in store.list_plans()] == ["A"]
        assert len(store.list_imports()) == 1 and store.imports_version()
        store.rename_plan("A", "B")
        assert store.get_plan("B").name == "B"
    assert opened == [str(path)]


def test_per_operation_stores_still_open_one_connection_each(
    tmp_path: Path, opened: list[str]
) -> None:
    path = tmp_path / "atlas.sqlite3"
    store = Store(path)
    opened.clear()
    store.save_plan(_plan("A"))
    store.list_plans()
    assert len(opened) == 2


def test_threads_share_the_kept_connection_one_operation_at_a_time(tmp_path: Path) -> None:
    store = Store(tmp_path / "atlas.sqlite3", keep_open=True)
    names = [f"Trip {i}" for i in range(40)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda name: store.save_plan(_plan(name)), names))
        listed = list(pool.map(lambda _: len(store.list_plans()), range(16)))
    assert sorted(p["name"] for p in store.list_plans()) == sorted(names)
    assert all(0 <= n <= 40 for n in listed)
    store.close()


def test_a_failed_write_leaves_no_transaction_behind(tmp_path: Path) -> None:
    path = tmp_path / "atlas.sqlite3"
    store = Store(path, keep_open=True)
    store.save_plan(_plan("A"))
    with pytest.raises(PlanExistsError):
        store.save_plan(_plan("A"))
    other = sqlite3.connect(path, timeout=0.1, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # would fail with "database is locked" otherwise
    other.execute("ROLLBACK")
    other.close()
    store.save_plan(_plan("B"))
    assert [p["name"] for p in store.list_plans()] == ["A", "B"]


def test_a_file_moved_aside_is_noticed_and_made_again(tmp_path: Path) -> None:
    path = tmp_path / "atlas.sqlite3"
    store = Store(path, keep_open=True)
    store.save_plan(_plan("Old"))
    store.close()  # as when the app is stopped to move a damaged file aside
    path.rename(tmp_path / "atlas.damaged")
    assert store.list_plans() == []
    store.save_plan(_plan("New"))
    # while the connection is held, too
    path.rename(tmp_path / "atlas.damaged2")
    assert store.list_plans() == []
    store.save_plan(_plan("Newer"))
    assert [p["name"] for p in Store(path).list_plans()] == ["Newer"]
    store.close()


def test_a_save_from_another_process_is_seen_through_the_kept_connection(
    tmp_path: Path,
) -> None:
    path = tmp_path / "atlas.sqlite3"
    store = Store(path, keep_open=True)
    store.save_plan(_plan("Here"))
    code = (
        "import sys; from tests.test_store_session import _plan; "
        "from userdata.store import Store; "
        "s = Store(sys.argv[1], keep_open=True); s.save_plan(_plan('There')); s.close()"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], cwd=PROJECT, check=True)
    assert [p["name"] for p in store.list_plans()] == ["Here", "There"]
    store.save_plan(_plan("Here"), opened_version=1)  # and writes after it, safely
    assert store.plan_record("Here")["version"] == 2
    store.close()


@pytest.mark.usefixtures("own_user_store")
def test_a_page_view_opens_at_most_one_connection_per_session(opened: list[str]) -> None:
    """Map page, reruns, the planner page: one connection for the session, none per rerun."""
    store = Store(principal=local_principal())  # the personal mode's user, as the app has it
    store.save_plan(_plan("Saved"))  # so the planner lists something; the file is prepared
    opened.clear()
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params["area"] = "all"
    app.run()
    assert not app.exception, app.exception
    assert opened == [str(default_path())]
    app.run()
    app.switch_page(PLANNER_PAGE).run()
    app.run()
    assert not app.exception, app.exception
    assert any(o.startswith("Saved") for o in app.selectbox(key="w_saved_choice").options)
    assert opened == [str(default_path())]

    second = AppTest.from_file(APP, default_timeout=180)
    second.switch_page(PLANNER_PAGE).run()
    assert not second.exception, second.exception
    assert len(opened) == 2  # a second session has its own connection
