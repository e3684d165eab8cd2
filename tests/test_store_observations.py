"""Field observations in the store (:mod:`userdata.store_observations`, schema migration 4)."""

from __future__ import annotations

import contextlib
import io
import sqlite3
import threading
import uuid as uuid_module
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image

from geo.errors import AccessDenied, StoreError
from layers.observations import Observation, ObservationBatch, Photo
from planner.plan import Plan, Stop
from userdata.photos import normalise_photo
from userdata.roles import Principal, Role
from userdata.store import MIGRATIONS, SCHEMA_VERSION, ObservationImport, Store

ADMIN = Principal(name="root", role=Role.ADMIN)
GUARD = Principal(name="guard", role=Role.BORDER_GUARD)
EDITOR = Principal(name="Lan", role=Role.DATA_EDITOR)
PLANNER = Principal(name="an", role=Role.PLANNER)
VIEWER = Principal(name="binh", role=Role.VIEWER)
HCM = timezone(timedelta(hours=7))


def _photo(colour: str = "red") -> Photo:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(buffer, "JPEG")
    return normalise_photo(buffer.getvalue(), name="photos/x-1.jpg")


def _obs(
    n: int = 1,
    *,
    kind: str = "road_blocked",
    day: int = 20,
    commune: str | None = "16813",
    plan: str | None = "Kỳ Sơn",
    photos: tuple[Photo, ...] = (),
    note: str = "",
) -> Observation:
    return Observation(
        uuid=str(uuid_module.UUID(int=n)),
        kind=kind,
        marker_condition="damaged" if kind == "marker" else None,
        note=note or f"ghi nhận {n}",
        observed_at=datetime(2026, 11, day, 8, n % 60, tzinfo=HCM),
        lat=19.38,
        lon=104.12,
        accuracy_m=8.0,
        position_source="gps",
        observer="Lan",
        source="fieldpack",
        plan_name=plan,
        commune_code=commune,
        photos=photos,
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "atlas.sqlite3", principal=EDITOR)


def _as(store: Store, principal: Principal | None) -> Store:
    return Store(store.path, principal=principal)


def test_adding_needs_import(store: Store) -> None:
    for principal in (VIEWER, PLANNER, None):
        with pytest.raises(AccessDenied):
            _as(store, principal).add_observations([_obs()], source_file="a.zip")
    assert store.list_observations() == []
    added = store.add_observations([_obs()], source_file="a.zip")
    assert added == ObservationImport(added=[_obs().uuid], already=[])


def test_an_observation_comes_back_as_it_went_in(store: Store) -> None:
    photo = _photo()
    written = _obs(photos=(photo,), note="<script>alert(1)</script> **x**")
    batch = ObservationBatch(observations=[written], refused=[], format="fieldpack")
    store.add_observations(batch, source_file="ghi-nhan.zip")
    (got,) = _as(store, VIEWER).list_observations()
    assert got.note == "<script>alert(1)</script> **x**"
    assert got.observed_at == written.observed_at and got.observed_at.utcoffset() == timedelta(
        hours=7
    )
    assert (got.lat, got.lon, got.accuracy_m, got.position_source) == (19.38, 104.12, 8.0, "gps")
    assert (got.imported_by, got.source_file, got.commune_code) == ("Lan", "ghi-nhan.zip", "16813")
    assert datetime.fromisoformat(got.imported_at) <= datetime.now(UTC)
    (listed,) = got.photos
    assert listed.body == b"" and listed.thumb == photo.thumb
    assert (listed.width, listed.height, listed.name) == (photo.width, photo.height, photo.name)
    assert _as(store, VIEWER).observation_photo(got.uuid, 1) == photo
    with pytest.raises(StoreError):
        store.observation_photo(got.uuid, 2)


def test_the_same_or_an_overlapping_file_adds_nothing_twice(store: Store) -> None:
    first = [_obs(1), _obs(2)]
    assert store.add_observations(first, source_file="a.zip").added == [o.uuid for o in first]
    again = store.add_observations(first, source_file="a.zip")
    assert again.added == [] and again.already == [o.uuid for o in first]
    version = store.observations_version()
    overlap = store.add_observations([_obs(2), _obs(3)], source_file="b.zip")
    assert overlap == ObservationImport(added=[_obs(3).uuid], already=[_obs(2).uuid])
    assert len(store.list_observations()) == 3
    assert store.observations_version() != version
    kept = {o.uuid: o.source_file for o in store.list_observations()}
    assert kept[_obs(2).uuid] == "a.zip"  # the first import stays


def test_imports_are_audited(store: Store) -> None:
    store.add_observations([_obs(1)], source_file="a.zip")
    store.add_observations([_obs(1), _obs(2)], source_file="b.zip")
    rows = _as(store, ADMIN).audit_rows(action="import")
    assert [(r["actor"], r["target"], r["detail"]) for r in rows] == [
        ("Lan", "b.zip", {"kind": "observations", "file": "b.zip", "added": 1, "already": 1}),
        ("Lan", "a.zip", {"kind": "observations", "file": "a.zip", "added": 1, "already": 0}),
    ]
    with contextlib.suppress(AccessDenied):
        _as(store, VIEWER).add_observations([_obs(3)], source_file="c.zip")
    assert _as(store, ADMIN).audit_rows(action="denied")[0]["actor"] == "binh"


def test_two_stores_adding_overlapping_batches_at_once_never_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "atlas.sqlite3"
    photo = _photo("blue")
    batches = [
        [_obs(n, photos=(photo,)) for n in numbers] for numbers in (range(1, 41), range(21, 61))
    ]
    results: list[ObservationImport] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def add(batch: list[Observation], name: str) -> None:
        store = Store(path, principal=EDITOR)
        start.wait()
        try:
            results.append(store.add_observations(batch, source_file=name))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [
        threading.Thread(target=add, args=(batch, f"{i}.zip")) for i, batch in enumerate(batches)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    added = [uuid for result in results for uuid in result.added]
    already = [uuid for result in results for uuid in result.already]
    assert len(added) == len(set(added)) == 60 and len(already) == 20
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM observations").fetchone()[0] == 60
        assert conn.execute("SELECT count(*) FROM observation_photos").fetchone()[0] == 60


def test_marker_records_are_withheld_from_who_may_not_see_surveyed_positions(store) -> None:
    marker, road = _obs(1, kind="marker", photos=(_photo(),)), _obs(2)
    store.add_observations([marker, road], source_file="a.zip")
    for principal in (VIEWER, PLANNER, EDITOR):
        seen = _as(store, principal)
        assert [o.uuid for o in seen.list_observations()] == [road.uuid]
        assert seen.withheld_observations() == 1
        assert seen.list_observations(kinds=["marker"]) == []
        with pytest.raises(StoreError):
            seen.observation_photo(marker.uuid, 1)
    for principal in (GUARD, ADMIN):
        seen = _as(store, principal)
        assert {o.uuid for o in seen.list_observations()} == {marker.uuid, road.uuid}
        assert seen.withheld_observations() == 0
        assert seen.observation_photo(marker.uuid, 1).body
    with contextlib.closing(sqlite3.connect(store.path)) as conn:
        protected = dict(conn.execute("SELECT uuid, protected FROM observations"))
    assert protected == {marker.uuid: 1, road.uuid: 0}


def test_reading_needs_view(store: Store) -> None:
    store.add_observations([_obs()], source_file="a.zip")
    nobody = _as(store, None)
    for read in (
        nobody.list_observations,
        nobody.withheld_observations,
        lambda: nobody.observation_photo(_obs().uuid, 1),
    ):
        with pytest.raises(AccessDenied):
            read()


def test_list_filters_and_order(store: Store) -> None:
    store.add_observations(
        [
            _obs(1, kind="landslide", day=1, commune="1", plan="A"),
            _obs(2, kind="road_blocked", day=15, commune="2", plan="A"),
            _obs(3, kind="site_visited", day=25, commune="1", plan="B"),
            _obs(4, kind="other", day=28, commune=None, plan=None),
        ],
        source_file="a.zip",
    )

    def uuids(**filters) -> list[int]:
        return [uuid_module.UUID(o.uuid).int for o in store.list_observations(**filters)]

    assert uuids() == [4, 3, 2, 1]  # newest first
    assert uuids(kinds=["landslide", "road_blocked"]) == [2, 1]
    assert uuids(kinds=[]) == []
    assert uuids(since=datetime(2026, 11, 15, 1, 0, tzinfo=UTC)) == [4, 3, 2]
    assert uuids(since=datetime(2026, 11, 15, 8, 30, tzinfo=HCM)) == [4, 3]
    assert uuids(plan_name="A") == [2, 1]
    assert uuids(commune_codes={"1"}) == [3, 1]
    assert uuids(commune_codes=[]) == []
    assert uuids(kinds={"landslide", "site_visited"}, commune_codes=["1"], plan_name="B") == [3]


def test_plan_id_is_set_when_the_plan_exists(tmp_path: Path) -> None:
    store = Store(tmp_path / "atlas.sqlite3", principal=ADMIN)
    base = Stop(id="b", name="Base", kind="point", lat=19.3, lon=104.1, precision="published",
                commune_code=None, source="user")  # fmt: skip
    store.save_plan(Plan(name="Kỳ Sơn", base=base, stops=[], start=datetime(2026, 11, 28, 7)))
    store.add_observations([_obs(1), _obs(2, plan="Khác")], source_file="a.zip")
    with contextlib.closing(sqlite3.connect(store.path)) as conn:
        rows = dict(conn.execute("SELECT plan_name, plan_id FROM observations"))
    assert rows["Kỳ Sơn"] == store.plan_record("Kỳ Sơn")["id"] and rows["Khác"] is None
    assert [o.plan_name for o in store.list_observations(plan_name="Kỳ Sơn")] == ["Kỳ Sơn"]


def test_observations_version(store: Store) -> None:
    assert store.observations_version() == ""
    store.add_observations([_obs(1)], source_file="a.zip")
    first = store.observations_version()
    assert first
    store.add_observations([_obs(1)], source_file="a.zip")
    assert store.observations_version() == first  # nothing added, nothing changed
    store.add_observations([_obs(2)], source_file="b.zip")
    assert store.observations_version() not in ("", first)


def _version_3_store(path: Path) -> None:
    """A store as the code of schema version 3 left it, holding a plan and an import."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("BEGIN")
        for migration in MIGRATIONS[:3]:
            for step in migration.steps:
                conn.execute(step)
        conn.execute(
            "INSERT INTO plans (id, name, body, created_at, updated_at, version, plan_format, "
            "owner) VALUES ('p1', 'Cũ', ?, '2026-11-01T00:00:00+00:00', "
            "'2026-11-01T00:00:00+00:00', 2, 2, 'an')",
            (_old_plan().to_json(),),
        )
        conn.execute(
            "INSERT INTO imports (id, kind, name, filename, loaded_by, loaded_at, body, meta, "
            "owner, protected) VALUES ('i1', 'poi', 'Trạm', 'tram.geojson', 'Lan', "
            "'2026-11-01', '{}', '{}', 'Lan', 0)"
        )
        conn.execute("PRAGMA user_version = 3")
        conn.execute("COMMIT")


def _old_plan() -> Plan:
    base = Stop(id="b", name="Base", kind="point", lat=19.3, lon=104.1, precision="published",
                commune_code=None, source="user")  # fmt: skip
    return Plan(name="Cũ", base=base, stops=[], start=datetime(2026, 11, 2, 7))


def test_migration_4_adopts_a_version_3_file(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite3"
    _version_3_store(path)
    assert SCHEMA_VERSION == 4 and MIGRATIONS[3].version == 4
    store = Store(path, principal=ADMIN)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    assert store.get_plan("Cũ") == _old_plan()
    assert [row["id"] for row in store.list_imports("poi")] == ["i1"]
    assert store.list_observations() == [] and store.observations_version() == ""
    store.add_observations([_obs(1, plan="Cũ")], source_file="a.zip")
    (seen,) = store.list_observations(plan_name="Cũ")
    assert seen.imported_by == "root"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT plan_id FROM observations").fetchone()[0] == "p1"
