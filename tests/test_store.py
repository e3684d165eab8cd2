"""The embedded SQLite store: plans and imports, crash safety, concurrent readers."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from datetime import datetime
from pathlib import Path

import pytest

from geo import settings
from geo.errors import AccessDenied, PlanExistsError, StoreError, UserInputError
from planner.plan import Plan, Stop
from userdata import store_schema as store_module
from userdata.roles import Principal, Role
from userdata.store import (
    CENTROID_PRECISION,
    MIGRATIONS,
    SCHEMA_VERSION,
    STORE_FILENAME,
    Migration,
    Store,
    default_path,
)

PROJECT = Path(__file__).resolve().parent.parent


def fake_plan(name: str = "Chuyến đi giả", *, note: str = "") -> Plan:
    base = Stop(
        id="base",
        name="Trạm giả <b>&",
        kind="point",
        lat=20.05,
        lon=105.05,
        precision="published",
        commune_code=None,
        source="test fixture (fake)",
    )
    stops = [
        Stop(
            id=f"s{i}",
            name=f"Xã Giả {i}",
            kind="commune",
            lat=20.1 + i / 100,
            lon=105.1,
            precision="commune_seat",
            commune_code=f"FAKE{i}",
            source="test fixture (fake)",
            dwell_minutes=None if i % 2 else 45.5,
        )
        for i in range(3)
    ]
    return Plan(
        name=name,
        base=base,
        stops=stops,
        start=datetime(2025, 9, 1, 6, 45),
        round_trip=False,
        drive_hours_per_day=5,
        detour_factor=1.9,
        notes=note,
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / STORE_FILENAME)


def test_plan_round_trips_unchanged(store: Store) -> None:
    plan = fake_plan()
    record = store.save_plan(plan)
    assert record["version"] == 1
    assert store.get_plan(plan.name) == plan
    listed = store.list_plans()
    assert [p["name"] for p in listed] == [plan.name] and listed[0]["version"] == 1


def test_save_updates_by_name_and_bumps_version(store: Store) -> None:
    store.save_plan(fake_plan(note="v1"))
    first = store.plan_record("Chuyến đi giả")
    record = store.save_plan(fake_plan(note="v2"), opened_version=1)
    assert record["version"] == 2 and record["id"] == first["id"]
    assert record["created_at"] == first["created_at"]
    assert store.get_plan("Chuyến đi giả").notes == "v2"
    assert len(store.list_plans()) == 1


def test_saving_under_a_taken_name_asks_and_writes_nothing(store: Store) -> None:
    store.save_plan(fake_plan("B", note="the colleague's plan"))
    with pytest.raises(PlanExistsError) as raised:
        store.save_plan(fake_plan("B", note="mine"))
    assert raised.value.stored_version == 1 and not raised.value.changed_since_opened
    assert "“B”" in raised.value.message("vi") and "new name" in raised.value.message("en")
    assert store.get_plan("B").notes == "the colleague's plan"
    assert store.free_plan_name("B") == "B (2)"
    store.save_plan(fake_plan("B (2)"))
    assert store.free_plan_name("B") == "B (3)"
    assert store.save_plan(fake_plan("B", note="mine"), replace=True)["version"] == 2
    assert store.get_plan("B").notes == "mine"


def test_a_plan_saved_by_someone_else_since_it_was_opened_is_not_overwritten(
    store: Store,
) -> None:
    store.save_plan(fake_plan(note="v1"))
    store.save_plan(fake_plan(note="colleague"), opened_version=1)
    with pytest.raises(PlanExistsError) as raised:
        store.save_plan(fake_plan(note="mine"), opened_version=1)
    assert raised.value.changed_since_opened and raised.value.stored_version == 2
    assert "sau khi bạn mở" in raised.value.message("vi")
    assert store.get_plan("Chuyến đi giả").notes == "colleague"


def test_a_plan_body_newer_than_this_code_is_refused(store: Store) -> None:
    store.save_plan(fake_plan())
    with contextlib.closing(sqlite3.connect(store.path)) as conn:
        conn.execute("UPDATE plans SET plan_format = 99")
        conn.commit()
    with pytest.raises(StoreError, match="format 99"):
        store.get_plan("Chuyến đi giả")


def test_rename_duplicate_delete(store: Store) -> None:
    store.save_plan(fake_plan("A"))
    store.duplicate_plan("A", "B")
    assert store.get_plan("B").name == "B"
    assert store.get_plan("B").stops == store.get_plan("A").stops
    with pytest.raises(UserInputError):
        store.rename_plan("A", "B")
    store.rename_plan("A", "C")
    assert sorted(p["name"] for p in store.list_plans()) == ["B", "C"]
    assert store.get_plan("C").name == "C"
    assert store.plan_record("C")["version"] == 2
    store.delete_plan("B")
    with pytest.raises(StoreError, match="No plan named 'B'"):
        store.get_plan("B")
    with pytest.raises(StoreError):
        store.delete_plan("B")


def test_imports_crud(store: Store) -> None:
    raw = "mốc,x,y\n327,1,2\n".encode()
    first = store.put_import(
        kind="markers",
        name="Mốc giả",
        filename="moc.csv",
        body=raw,
        meta={"crs": "VN-2000", "rows": 1},
    )
    second = store.put_import(kind="zoning", name="Zoning giả", filename=None, body="{}", meta=None)
    assert {i["id"] for i in store.list_imports()} == {first, second}
    assert [i["id"] for i in store.list_imports(kind="markers")] == [first]
    got = store.get_import(first)
    assert got["body"] == raw and isinstance(got["body"], bytes)
    assert got["meta"] == {"crs": "VN-2000", "rows": 1} and got["loaded_by"] == "system"
    assert store.get_import(second)["body"] == "{}"
    store.delete_import(first)
    with pytest.raises(StoreError):
        store.get_import(first)
    with pytest.raises(UserInputError):
        store.put_import(kind="", name="x", filename=None, body=b"")
    with pytest.raises(UserInputError, match="JSON"):
        store.put_import(kind="poi", name="x", filename=None, body="", meta={"x": object()})


def test_pragmas_and_default_path(store: Store, tmp_path: Path, monkeypatch) -> None:
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    monkeypatch.setenv(settings.USER_DIR_ENV, str(tmp_path / "user"))
    assert default_path() == tmp_path / "user" / STORE_FILENAME
    assert Store().path == default_path()


CRASH_SCRIPT = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, {project!r})
    sys.path.insert(0, {tests!r})
    from userdata.store import Store
    from test_store import fake_plan

    def crash(what):
        # Inside BEGIN IMMEDIATE, after the UPDATE, before COMMIT.
        sys.stdout.write("writing " + what + "\\n")
        sys.stdout.flush()
        os._exit(17)

    store = Store({path!r}, _after_write_hook=crash)
    store.save_plan(fake_plan(note="v2 never committed " + "x" * 200000), replace=True)
    """
)


def test_crash_mid_save_keeps_previous_version(store: Store) -> None:
    store.save_plan(fake_plan(note="v1"))
    before = store.get_plan("Chuyến đi giả")
    script = CRASH_SCRIPT.format(
        project=str(PROJECT), tests=str(PROJECT / "tests"), path=str(store.path)
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 17, result.stderr
    assert "writing save_plan:Chuyến đi giả" in result.stdout
    assert store.get_plan("Chuyến đi giả") == before
    assert store.plan_record("Chuyến đi giả")["version"] == 1
    assert store.integrity_check() == "ok"
    # and the store still takes writes afterwards
    assert store.save_plan(fake_plan(note="v2"), opened_version=1)["version"] == 2


def test_crash_by_sigkill_mid_transaction(store: Store, tmp_path: Path) -> None:
    store.save_plan(fake_plan(note="v1"))
    flag = tmp_path / "in-transaction"
    script = CRASH_SCRIPT.replace(
        "os._exit(17)", f"open({str(flag)!r}, 'w').close(); import time; time.sleep(60)"
    ).format(project=str(PROJECT), tests=str(PROJECT / "tests"), path=str(store.path))
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    try:
        for _ in range(600):
            if flag.exists():
                break
            process.poll()
            assert process.returncode is None, "the writer exited before its transaction"
            threading.Event().wait(0.05)
        assert flag.exists()
        # a reader is not blocked by the open write transaction and sees the old version
        assert store.get_plan("Chuyến đi giả").notes == "v1"
        os.kill(process.pid, 9)
    finally:
        process.kill()
        process.wait(timeout=10)
    assert store.get_plan("Chuyến đi giả").notes == "v1"
    assert store.integrity_check() == "ok"


def test_concurrent_readers_during_writes(store: Store) -> None:
    store.save_plan(fake_plan(note="v0"))
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        reader_store = Store(store.path)
        try:
            while not stop.is_set():
                plan = reader_store.get_plan("Chuyến đi giả")
                assert plan.notes.startswith("v")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for thread in threads:
        thread.start()
    for version in range(1, 30):
        store.save_plan(fake_plan(note=f"v{version}"), opened_version=version)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert store.plan_record("Chuyến đi giả")["version"] == 30


# -- schema versions ---------------------------------------------------------------------------

LEGACY_DDL = """
CREATE TABLE IF NOT EXISTS plans (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL CHECK (json_valid(body)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS imports (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    filename TEXT,
    loaded_by TEXT,
    loaded_at TEXT NOT NULL,
    body BLOB,
    meta TEXT NOT NULL CHECK (json_valid(meta))
);
CREATE INDEX IF NOT EXISTS imports_kind ON imports (kind);
"""
"""The script stores were created with before schema versions (no ``user_version``)."""


def _user_version(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def _upgraded(plan: Plan) -> Plan:
    """What a format-1 plan reads as: its commune stops "at the seat" stood on the centroid."""
    body = plan.to_dict()
    for stop in [body["base"], *body["stops"]]:
        if stop["kind"] == "commune" and stop["precision"] == "commune_seat":
            stop["precision"] = CENTROID_PRECISION
    return Plan.from_dict(body)


def _legacy_store(path: Path, *, user_version: int = 0) -> Plan:
    """A store file as the code before schema versions wrote it, holding one plan."""
    plan = fake_plan(note="written before schema versions")
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.executescript(LEGACY_DDL)
        conn.execute(
            "INSERT INTO plans (id, name, body, created_at, updated_at, version) "
            "VALUES ('p1', ?, ?, '2025-08-01T00:00:00+00:00', '2025-08-02T00:00:00+00:00', 3)",
            (plan.name, plan.to_json()),
        )
        conn.execute(
            "INSERT INTO imports (id, kind, name, filename, loaded_by, loaded_at, body, meta) "
            "VALUES ('i1', 'poi', 'Trạm', 'tram.geojson', NULL, '2025-08-01', '{}', '{}')"
        )
        conn.execute(f"PRAGMA user_version = {user_version}")
        conn.commit()
    return plan


def test_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert MIGRATIONS[-1].version == SCHEMA_VERSION


def test_store_from_before_versioning_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "before.sqlite3"
    plan = _legacy_store(path)
    assert _user_version(path) == 0
    store = Store(path)
    assert _user_version(path) == SCHEMA_VERSION
    assert store.get_plan(plan.name) == _upgraded(plan)
    record = store.plan_record(plan.name)
    assert record["version"] == 3 and record["created_at"] == "2025-08-01T00:00:00+00:00"
    assert [row["id"] for row in store.list_imports("poi")] == ["i1"]
    assert store.save_plan(fake_plan(note="after"), opened_version=3)["version"] == 4
    assert store.integrity_check() == "ok"


def test_store_from_a_newer_version_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    _legacy_store(path, user_version=SCHEMA_VERSION + 1)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer than this Border Atlas") as raised:
        Store(path)
    assert f"schema version {SCHEMA_VERSION + 1}" in str(raised.value)
    assert path.read_bytes() == before
    assert not path.with_name(path.name + "-wal").exists()  # not even switched to WAL


def test_newer_version_appearing_later_stops_writes(store: Store) -> None:
    store.save_plan(fake_plan(note="v1"))
    with contextlib.closing(sqlite3.connect(store.path)) as conn:  # a newer Border Atlas
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.commit()
    with pytest.raises(StoreError, match="newer"):
        store.save_plan(fake_plan(note="v2"))
    assert store.get_plan("Chuyến đi giả").notes == "v1"


def _with_migration(monkeypatch, migration: Migration) -> None:
    monkeypatch.setattr(store_module, "MIGRATIONS", (*MIGRATIONS, migration))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", migration.version)
    monkeypatch.setattr(store_module, "_READY", set())


def _tables(path: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_failed_migration_leaves_the_file_as_it_was(store: Store, monkeypatch) -> None:
    store.save_plan(fake_plan())
    nxt = SCHEMA_VERSION + 1
    broken = Migration(nxt, "test", ("CREATE TABLE extra (x)", "INSERT INTO missing VALUES (1)"))
    _with_migration(monkeypatch, broken)
    with pytest.raises(StoreError, match=f"from schema version {SCHEMA_VERSION} to {nxt}"):
        Store(store.path)
    assert _user_version(store.path) == SCHEMA_VERSION
    assert "extra" not in _tables(store.path)

    def fill(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO extra VALUES (1)")

    _with_migration(monkeypatch, Migration(nxt, "test", ("CREATE TABLE extra (x)", fill)))
    upgraded = Store(store.path)
    assert _user_version(store.path) == nxt and "extra" in _tables(store.path)
    assert upgraded.get_plan("Chuyến đi giả") == fake_plan()


def test_schema_is_checked_once_per_file(tmp_path: Path, monkeypatch) -> None:
    calls: list[Path] = []
    migrate = store_module._migrate

    def counting(path: Path) -> None:
        calls.append(path)
        migrate(path)

    monkeypatch.setattr(store_module, "_migrate", counting)
    path = tmp_path / STORE_FILENAME
    stores = [Store(path) for _ in range(3)]
    stores[0].save_plan(fake_plan())
    assert [len(s.list_plans()) for s in stores] == [1, 1, 1]
    assert len(calls) == 1
    # Moved aside (the advice for a damaged file): the same object recreates an empty store.
    path.rename(tmp_path / "damaged.sqlite3")
    assert stores[1].list_plans() == []
    assert stores[2].save_plan(fake_plan())["version"] == 1
    assert len(calls) == 2


def test_imports_version_changes_with_every_import(store: Store) -> None:
    assert store.imports_version() == ""
    first = store.put_import(kind="poi", name="a", filename=None, body="{}")
    one = store.imports_version()
    second = store.put_import(kind="poi", name="b", filename=None, body="{}")
    two = store.imports_version()
    assert len({"", one, two}) == 3 and store.imports_version() == two
    store.delete_import(second)
    assert store.imports_version() == one
    store.delete_import(first)
    assert store.imports_version() == ""


def test_processes_opening_an_old_store_at_once_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    plan = _legacy_store(path)
    script = (
        f"import sys; sys.path.insert(0, {str(PROJECT)!r})\n"
        "from userdata.store import Store\n"
        f"print(len(Store({str(path)!r}).list_plans()))\n"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = [process.communicate(timeout=60)[0].strip() for process in processes]
    assert [process.returncode for process in processes] == [0] * 4
    assert outputs == ["1"] * 4
    assert _user_version(path) == SCHEMA_VERSION
    assert Store(path).get_plan(plan.name) == _upgraded(plan)


# -- migration 3 (accounts), file modes, two principals ------------------------------------------


def _version_2_store(path: Path) -> Plan:
    """A store as Border Atlas wrote it before accounts: a plan and a markers import."""
    plan = _legacy_store(path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(MIGRATIONS[1].steps[0])  # plans.plan_format, as version 2 has it
        conn.execute(
            "INSERT INTO imports (id, kind, name, filename, loaded_by, loaded_at, body, meta) "
            "VALUES ('m1', 'markers', 'Mốc', 'moc.csv', 'typed by anyone', '2025-08-03', "
            "X'6D6F63', '{}')"
        )
        conn.execute("PRAGMA user_version = 2")
        conn.commit()
    return plan


def test_migration_3_adopts_a_version_2_store_without_losing_rows(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    plan = _version_2_store(path)
    store = Store(path)
    assert _user_version(path) == SCHEMA_VERSION
    assert {"plan_shares", "bin", "accounts", "audit"} <= _tables(path)
    assert store.get_plan(plan.name) == _upgraded(plan)
    listed = store.list_plans()
    assert [(p["name"], p["owner"], p["version"]) for p in listed] == [(plan.name, None, 3)]
    imports = {row["id"]: row for row in store.list_imports()}
    assert imports["m1"]["owner"] is None and imports["m1"]["protected"] is True
    assert imports["m1"]["loaded_by"] == "typed by anyone"
    assert imports["i1"]["protected"] is False and imports["i1"]["owner"] is None
    assert store.get_import("m1")["body"] == b"moc"
    # A plan from before accounts: any planner reads and edits it; only an admin deletes it.
    store.principal = Principal(name="lan", role=Role.PLANNER)
    assert store.list_plans()[0]["access"] == "edit"
    assert store.save_plan(fake_plan(note="lan's edit"), opened_version=3)["version"] == 4
    with pytest.raises(AccessDenied):
        store.delete_plan(plan.name)
    store.principal = Principal(name="guard", role=Role.BORDER_GUARD)
    with pytest.raises(AccessDenied):  # an ownerless import: admins only
        store.delete_import("m1")
    store.principal = Principal(name="root", role=Role.ADMIN)
    store.delete_import("m1")
    store.delete_plan(plan.name)
    assert store.integrity_check() == "ok"


def test_the_store_file_and_its_directory_are_owner_only(tmp_path: Path) -> None:
    directory = tmp_path / "fresh" / "user"
    store = Store(directory / STORE_FILENAME, keep_open=True)
    store.save_plan(fake_plan())  # the -wal and -shm files exist while the connection is open
    assert directory.stat().st_mode & 0o777 == 0o700
    for name in (STORE_FILENAME, STORE_FILENAME + "-wal", STORE_FILENAME + "-shm"):
        assert (directory / name).stat().st_mode & 0o777 == 0o600, name
    store.close()


def test_an_old_world_readable_store_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _legacy_store(path)
    path.chmod(0o644)
    Store(path).list_plans()
    assert path.stat().st_mode & 0o777 == 0o600


def test_two_principals_saving_the_same_plan_do_not_overwrite(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILENAME
    owner = Principal(name="an", role=Role.PLANNER)
    first = Store(path, principal=owner)
    first.save_plan(fake_plan(note="v0"))
    first.share_plan("Chuyến đi giả", grantee_kind="user", grantee="binh", can_edit=True)
    a = Store(path, principal=owner)
    b = Store(path, principal=Principal(name="binh", role=Role.PLANNER), keep_open=True)
    opened_by_a = a.plan_record("Chuyến đi giả")["version"]
    opened_by_b = b.plan_record("Chuyến đi giả")["version"]
    assert opened_by_a == opened_by_b == 1
    assert b.save_plan(fake_plan(note="B's"), opened_version=opened_by_b)["version"] == 2
    with pytest.raises(PlanExistsError) as raised:
        a.save_plan(fake_plan(note="A's"), opened_version=opened_by_a)
    assert raised.value.changed_since_opened and raised.value.stored_version == 2
    assert a.get_plan("Chuyến đi giả").notes == "B's"
    assert a.plan_record("Chuyến đi giả")["owner"] == "an"  # an editor does not take it over
    b.close()
