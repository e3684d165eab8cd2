"""The store checks the acting principal's role on the server: imports, protected marker
positions, plan owners and shares, the bin, the audit trail and the accounts table."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import settings as atlas_settings
from geo.errors import AccessDenied, StoreError, UserInputError
from planner.plan import Plan, Stop
from userdata.roles import ROLES, SYSTEM, Principal, Role
from userdata.store import STORE_FILENAME, Store

ADMIN = Principal(name="root", role=Role.ADMIN, session="s-root")
GUARD = Principal(name="guard", role=Role.BORDER_GUARD, session="s-guard")
EDITOR = Principal(name="editor", role=Role.DATA_EDITOR, session="s-editor")
AN = Principal(name="an", role=Role.PLANNER, session="s-an")
BINH = Principal(name="Binh", role=Role.PLANNER, session="s-binh")
VIEWER = Principal(name="viewer", role=Role.VIEWER, session="s-viewer")

SURVEYED = {"lat": 22.123456, "lon": 104.654321}
"""A fake surveyed marker position (test fixture, not a real marker)."""


def _stop(stop_id: str, *, precision: str = "published", lat: float = 20.1) -> Stop:
    return Stop(
        id=stop_id,
        name=f"Điểm giả {stop_id}",
        kind="point",
        lat=lat,
        lon=105.1,
        precision=precision,
        commune_code="FAKE1",
        source="test fixture (fake)",
    )


def _plan(name: str = "Trip", *, note: str = "", surveyed_stop: bool = False) -> Plan:
    stops = [_stop("s1")]
    if surveyed_stop:
        stops.append(
            Stop(
                id="m327",
                name="Mốc giả 327",
                kind="point",
                lat=SURVEYED["lat"],
                lon=SURVEYED["lon"],
                precision="surveyed",
                commune_code="FAKE1",
                source="test fixture (fake surveyed marker)",
            )
        )
    return Plan(
        name=name, base=_stop("base"), stops=stops, start=datetime(2025, 3, 1, 7), notes=note
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / STORE_FILENAME)


def as_(store: Store, principal: Principal | None) -> Store:
    store.principal = principal
    return store


def _markers(store: Store) -> str:
    return as_(store, GUARD).put_import(
        kind="markers",
        name="Mốc giả",
        filename="moc.csv",
        body=f"moc,lat,lon\n327,{SURVEYED['lat']},{SURVEYED['lon']}\n".encode(),
        meta={"crs": "VN-2000"},
        public_body=b"moc,commune\n327,FAKE1\n",
    )


def _actions(store: Store, **filters: Any) -> list[tuple[str, str, str]]:
    rows = as_(store, ADMIN).audit_rows(**filters)
    return [(r["action"], r["actor"], r["target"]) for r in rows]


# -- imports and protected positions -------------------------------------------------------------


def test_a_viewer_can_neither_import_nor_delete_nor_save(store: Store) -> None:
    zoning = as_(store, EDITOR).put_import(kind="zoning", name="Z", filename=None, body="{}")
    as_(store, VIEWER)
    with pytest.raises(AccessDenied) as raised:
        store.put_import(kind="zoning", name="Z2", filename=None, body="{}")
    assert "viewer" in raised.value.message("en") and "xem" in raised.value.message("vi")
    with pytest.raises(AccessDenied):
        store.delete_import(zoning)
    with pytest.raises(AccessDenied):
        store.save_plan(_plan())
    assert [i["id"] for i in store.list_imports()] == [zoning]
    assert store.list_plans() == []


def test_markers_need_a_border_guard(store: Store) -> None:
    with pytest.raises(AccessDenied):
        as_(store, EDITOR).put_import(kind="markers", name="M", filename=None, body=b"x")
    assert as_(store, SYSTEM).list_imports() == []
    marker_id = _markers(store)
    listed = store.list_imports(kind="markers")
    assert [(i["id"], i["owner"], i["loaded_by"], i["protected"]) for i in listed] == [
        (marker_id, "guard", "guard", True)
    ]
    layer = as_(store, EDITOR).put_import(kind="poi", name="P", filename=None, body="{}")
    assert as_(store, VIEWER).get_import(layer)["protected"] is False


@pytest.mark.parametrize("principal", [VIEWER, AN, EDITOR])
def test_who_may_not_see_surveyed_positions_gets_the_public_body(
    store: Store, principal: Principal
) -> None:
    marker_id = _markers(store)
    got = as_(store, principal).get_import(marker_id)
    assert store.sees_protected is False
    assert got["withheld"] is True and got["body"] == b"moc,commune\n327,FAKE1\n"
    assert str(SURVEYED["lat"]).encode() not in got["body"]
    for seer in (GUARD, ADMIN):
        got = as_(store, seer).get_import(marker_id)
        assert store.sees_protected and got["withheld"] is False
        assert str(SURVEYED["lat"]).encode() in got["body"]


def test_a_protected_import_without_a_public_body_gives_nothing(store: Store) -> None:
    marker_id = as_(store, GUARD).put_import(kind="markers", name="M", filename=None, body=b"x")
    got = as_(store, VIEWER).get_import(marker_id)
    assert got["body"] is None and got["withheld"] is True


def test_deleting_an_import_owner_or_admin(store: Store) -> None:
    layer = as_(store, EDITOR).put_import(kind="poi", name="P", filename=None, body="{}")
    other_editor = Principal(name="other", role=Role.DATA_EDITOR)
    with pytest.raises(AccessDenied, match="owner"):
        as_(store, other_editor).delete_import(layer)
    demoted = Principal(name="editor", role=Role.PLANNER)  # the owner, now without IMPORT
    with pytest.raises(AccessDenied):
        as_(store, demoted).delete_import(layer)
    as_(store, Principal(name="EDITOR", role=Role.DATA_EDITOR)).delete_import(layer)  # any case
    marker_id = _markers(store)
    with pytest.raises(AccessDenied):
        as_(store, EDITOR).delete_import(marker_id)
    as_(store, ADMIN).delete_import(marker_id)
    assert store.list_imports() == []
    with pytest.raises(StoreError):
        store.delete_import(marker_id)


# -- plans: owners and shares ------------------------------------------------------------------


def test_a_planner_neither_reads_nor_deletes_anothers_plan(store: Store) -> None:
    as_(store, AN).save_plan(_plan(note="an's"))
    assert store.list_plans()[0]["owner"] == "an" and store.list_plans()[0]["access"] == "owner"
    as_(store, BINH)
    assert store.list_plans() == []
    with pytest.raises(StoreError):
        store.get_plan("Trip")
    with pytest.raises(StoreError):  # a plan you may not read is "not found"
        store.delete_plan("Trip")
    with pytest.raises(AccessDenied):
        store.save_plan(_plan(note="binh's"), replace=True)
    assert as_(store, AN).get_plan("Trip").notes == "an's"


def test_a_read_only_share_lets_read_not_change_nor_delete(store: Store) -> None:
    as_(store, AN).save_plan(_plan(note="an's"))
    store.share_plan("Trip", grantee_kind="user", grantee="binh", can_edit=False)
    as_(store, BINH)
    [listed] = store.list_plans()
    assert listed["access"] == "read"
    assert listed["shares"] == [{"grantee_kind": "user", "grantee": "binh", "can_edit": False}]
    assert store.get_plan("Trip").notes == "an's"
    with pytest.raises(AccessDenied, match="read-only"):
        store.save_plan(_plan(note="binh's"), opened_version=1)
    with pytest.raises(AccessDenied):
        store.rename_plan("Trip", "Mine")
    with pytest.raises(AccessDenied, match="owner"):
        store.delete_plan("Trip")
    with pytest.raises(AccessDenied):
        store.share_plan("Trip", grantee_kind="user", grantee="viewer", can_edit=True)
    copy = store.duplicate_plan("Trip", "Binh's trip")
    assert copy["owner"] == "Binh" and store.get_plan("Binh's trip").notes == "an's"


def test_an_editable_share_lets_save_and_rename_but_not_delete(store: Store) -> None:
    as_(store, AN).save_plan(_plan(note="v1"))
    store.share_plan("Trip", grantee_kind="user", grantee="BINH", can_edit=True)
    as_(store, BINH)
    assert store.list_plans()[0]["access"] == "edit"
    assert store.save_plan(_plan(note="binh's"), opened_version=1)["owner"] == "an"
    store.rename_plan("Trip", "Trip 2")
    with pytest.raises(AccessDenied):
        store.delete_plan("Trip 2")
    assert as_(store, AN).plan_record("Trip 2")["version"] == 3
    store.unshare_plan("Trip 2", grantee_kind="user", grantee="binh")
    assert as_(store, BINH).list_plans() == []


def test_a_share_with_a_role_reaches_that_role_and_those_above(store: Store) -> None:
    as_(store, AN).save_plan(_plan())
    store.share_plan("Trip", grantee_kind="role", grantee="Lập kế hoạch", can_edit=False)
    assert store.list_plans()[0]["shares"] == [
        {"grantee_kind": "role", "grantee": "planner", "can_edit": False}
    ]
    assert [p["access"] for p in as_(store, BINH).list_plans()] == ["read"]
    assert [p["access"] for p in as_(store, GUARD).list_plans()] == ["read"]
    assert as_(store, VIEWER).list_plans() == []
    as_(store, AN).share_plan("Trip", grantee_kind="role", grantee="viewer", can_edit=False)
    assert [p["name"] for p in as_(store, VIEWER).list_plans()] == ["Trip"]
    with pytest.raises(UserInputError):
        as_(store, AN).share_plan("Trip", grantee_kind="role", grantee="chief", can_edit=True)
    with pytest.raises(UserInputError):
        store.share_plan("Trip", grantee_kind="user", grantee="  ", can_edit=True)


_SHARES = st.lists(
    st.one_of(
        st.tuples(st.just("user"), st.sampled_from(["reader", "someone", "planner"])),
        st.tuples(st.just("role"), st.sampled_from([r.value for r in ROLES])),
    ).flatmap(lambda share: st.tuples(st.just(share[0]), st.just(share[1]), st.booleans())),
    max_size=4,
    unique_by=lambda share: share[:2],
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(role=st.sampled_from(ROLES), shares=_SHARES)
def test_who_reads_and_edits_a_shared_plan(
    tmp_path_factory: pytest.TempPathFactory, role: Role, shares: list[tuple[str, str, bool]]
) -> None:
    store = Store(tmp_path_factory.mktemp("prop") / STORE_FILENAME, principal=AN)
    store.save_plan(_plan())
    for kind, grantee, can_edit in shares:
        store.share_plan("Trip", grantee_kind=kind, grantee=grantee, can_edit=can_edit)
    reader = Principal(name="reader", role=role)
    rank = ROLES.index(role)
    applying = [
        can_edit
        for kind, grantee, can_edit in shares
        if (kind == "user" and grantee == "reader")
        or (kind == "role" and grantee in {r.value for r in ROLES[: rank + 1]})
    ]
    expected = "edit" if role is Role.ADMIN or any(applying) else "read" if applying else None
    listed = as_(store, reader).list_plans()
    assert [p["access"] for p in listed] == ([expected] if expected else [])


# -- protected stops in plans --------------------------------------------------------------------


def test_a_surveyed_stop_reaches_a_planner_only_through_the_hook(store: Store) -> None:
    as_(store, GUARD).save_plan(_plan(surveyed_stop=True))
    store.share_plan("Trip", grantee_kind="role", grantee="planner", can_edit=True)
    assert [s.precision for s in store.get_plan("Trip").stops] == ["published", "surveyed"]
    as_(store, AN)
    assert [s.id for s in store.get_plan("Trip").stops] == ["s1"]  # no hook: dropped
    seen: list[dict[str, Any]] = []

    def at_commune(stop: dict[str, Any]) -> dict[str, Any]:
        seen.append(dict(stop))
        return {**stop, "lat": 22.0, "lon": 104.5, "precision": "inside_commune"}

    store.public_stop = at_commune
    stops = store.get_plan("Trip").stops
    assert [(s.id, s.lat, s.precision) for s in stops] == [
        ("s1", 20.1, "published"),
        ("m327", 22.0, "inside_commune"),
    ]
    assert [s["id"] for s in seen] == ["m327"] and seen[0]["lat"] == SURVEYED["lat"]
    store.public_stop = lambda stop: stop  # a hook that forgets to move it: still withheld
    assert [s.id for s in store.get_plan("Trip").stops] == ["s1"]
    store.public_stop = at_commune
    copy = store.duplicate_plan("Trip", "Copy")
    assert copy["owner"] == "an"
    assert SURVEYED["lat"] not in [s.lat for s in as_(store, ADMIN).get_plan("Copy").stops]
    # Overwriting positions one cannot see is refused, even with an editable share.
    as_(store, AN)
    with pytest.raises(AccessDenied, match="surveyed"):
        store.save_plan(_plan(note="an's"), opened_version=1)
    with pytest.raises(AccessDenied):
        store.save_plan(_plan(note="an's"), replace=True)
    with pytest.raises(AccessDenied):
        store.rename_plan("Trip", "Renamed")
    assert as_(store, GUARD).get_plan("Trip").stops[1].lat == SURVEYED["lat"]


def test_a_surveyed_base_without_a_public_point_is_refused(store: Store) -> None:
    plan = _plan()
    plan = Plan(
        name="Base trip",
        base=_stop("base", precision="surveyed", lat=SURVEYED["lat"]),
        stops=plan.stops,
        start=plan.start,
    )
    as_(store, GUARD).save_plan(plan)
    store.share_plan("Base trip", grantee_kind="user", grantee="an", can_edit=False)
    with pytest.raises(AccessDenied):
        as_(store, AN).get_plan("Base trip")
    store.public_stop = lambda stop: {**stop, "lat": 22.0, "precision": "inside_commune"}
    assert store.get_plan("Base trip").base.lat == 22.0


# -- the bin -----------------------------------------------------------------------------------


def test_a_deleted_plan_is_restored_from_the_bin_with_its_shares(store: Store) -> None:
    as_(store, AN).save_plan(_plan(note="an's"))
    store.share_plan("Trip", grantee_kind="user", grantee="binh", can_edit=True)
    record = store.plan_record("Trip")
    store.delete_plan("Trip")
    assert store.list_plans() == [] and as_(store, BINH).list_plans() == []
    assert as_(store, BINH).list_bin() == []  # not Binh's to restore
    [entry] = as_(store, AN).list_bin()
    assert (entry["kind"], entry["name"], entry["owner"], entry["deleted_by"]) == (
        "plan",
        "Trip",
        "an",
        "an",
    )
    expires = datetime.fromisoformat(entry["expires_at"]) - datetime.fromisoformat(
        entry["deleted_at"]
    )
    assert expires == timedelta(days=atlas_settings.BIN_DAYS)
    with pytest.raises(StoreError):
        as_(store, BINH).restore(entry["id"])
    as_(store, BINH).save_plan(_plan(note="binh's own"))  # the name is free while in the bin
    assert as_(store, AN).restore(entry["id"]) == "Trip (2)"
    assert store.list_bin() == []
    restored = store.plan_record("Trip (2)")
    assert {k: restored[k] for k in ("id", "version", "created_at", "owner")} == {
        k: record[k] for k in ("id", "version", "created_at", "owner")
    }
    assert store.get_plan("Trip (2)").name == "Trip (2)"
    assert store.get_plan("Trip (2)").notes == "an's"
    names = {p["name"]: p["access"] for p in as_(store, BINH).list_plans()}
    assert names == {"Trip": "owner", "Trip (2)": "edit"}


def test_a_deleted_import_comes_back_exactly(store: Store) -> None:
    marker_id = _markers(store)
    version = store.imports_version()
    before = store.get_import(marker_id)
    store.delete_import(marker_id)
    assert store.imports_version() == ""
    [entry] = store.list_bin()
    assert as_(store, ADMIN).list_bin() == [entry]
    assert as_(store, GUARD).restore(entry["id"]) == "Mốc giả"
    assert store.imports_version() == version
    assert store.get_import(marker_id) == before
    assert as_(store, VIEWER).get_import(marker_id)["withheld"] is True


def test_the_bin_forgets_after_bin_days(store: Store) -> None:
    as_(store, AN).save_plan(_plan("Old"))
    as_(store, AN).save_plan(_plan("Recent"))
    store.delete_plan("Old")
    store.delete_plan("Recent")
    old = datetime.now(UTC) - timedelta(days=atlas_settings.BIN_DAYS, minutes=1)
    with contextlib.closing(sqlite3.connect(store.path)) as conn:
        conn.execute(
            "UPDATE bin SET deleted_at = ? WHERE name = 'Old'",
            (old.isoformat(timespec="microseconds"),),
        )
        conn.commit()
    old_id = next(e["id"] for e in store.list_bin() if e["name"] == "Recent")
    assert [e["name"] for e in store.list_bin()] == ["Recent"]
    assert old_id
    assert ("purge", "an", "Old") in _actions(store, action="purge")
    with contextlib.closing(sqlite3.connect(store.path)) as conn:
        assert conn.execute("SELECT count(*) FROM bin").fetchone()[0] == 1


# -- the audit trail -----------------------------------------------------------------------------


def test_each_action_is_audited_with_its_actor(store: Store) -> None:
    marker_id = _markers(store)
    as_(store, AN).save_plan(_plan())
    store.share_plan("Trip", grantee_kind="user", grantee="binh", can_edit=False)
    store.unshare_plan("Trip", grantee_kind="user", grantee="binh")
    store.delete_plan("Trip")
    store.restore(store.list_bin()[0]["id"])
    as_(store, GUARD).delete_import(marker_id)
    as_(store, ADMIN).add_account("lan", role=Role.VIEWER, password_hash="fake-hash")
    store.set_role("lan", Role.PLANNER)
    store.unlock("lan")
    store.disable("lan")
    as_(store, None).record("login_failed", target="lan", actor="lan", detail={"n": 1})
    as_(store, BINH).record("export_plan", target="Trip", detail={"format": "gpx"})
    assert _actions(store)[::-1] == [
        ("import", "guard", "Mốc giả"),
        ("share", "an", "Trip"),
        ("unshare", "an", "Trip"),
        ("delete", "an", "Trip"),
        ("restore", "an", "Trip"),
        ("delete", "guard", "Mốc giả"),
        ("account_add", "root", "lan"),
        ("role_change", "root", "lan"),
        ("account_unlock", "root", "lan"),
        ("account_disable", "root", "lan"),
        ("login_failed", "lan", "lan"),
        ("export_plan", "Binh", "Trip"),
    ]
    rows = as_(store, ADMIN).audit_rows()
    newest = rows[0]
    assert (newest["role"], newest["session"], newest["detail"]) == (
        "planner",
        "s-binh",
        {"format": "gpx"},
    )
    at = datetime.fromisoformat(newest["at"])
    assert at.tzinfo is not None and at.utcoffset() == timedelta(0) and "." in newest["at"]
    role_change = next(r for r in rows if r["action"] == "role_change")
    assert role_change["detail"] == {"from": "viewer", "to": "planner"}
    assert [r["action"] for r in store.audit_rows(actor="BINH")] == ["export_plan"]
    assert len(store.audit_rows(limit=3)) == 3
    assert store.audit_rows(since=datetime.now(UTC) + timedelta(hours=1)) == []
    assert len(store.audit_rows(until=datetime.now(UTC) + timedelta(hours=1))) == len(rows)


@pytest.mark.parametrize("principal", [VIEWER, AN, GUARD, None])
def test_the_audit_trail_is_for_admins(store: Store, principal: Principal | None) -> None:
    as_(store, principal).record("logout")
    with pytest.raises(AccessDenied):
        store.audit_rows()


def test_the_audit_trail_is_append_only(store: Store) -> None:
    store.record("login", target="root")
    with contextlib.closing(sqlite3.connect(store.path)) as conn:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit SET actor = 'someone else'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit")
    assert [r["actor"] for r in store.audit_rows()] == ["system"]


# -- nobody signed in; accounts ----------------------------------------------------------------


def test_with_nobody_signed_in_only_sign_in_works(store: Store) -> None:
    store.add_account("an", role=Role.PLANNER, password_hash="fake-hash")
    as_(store, None)
    calls = [
        store.list_plans,
        lambda: store.get_plan("x"),
        lambda: store.save_plan(_plan()),
        store.list_imports,
        lambda: store.get_import("x"),
        lambda: store.put_import(kind="poi", name="p", filename=None, body="{}"),
        store.list_bin,
        store.list_accounts,
        store.account_names,
        lambda: store.add_account("x", role=Role.ADMIN, password_hash="h"),
        lambda: store.set_role("an", Role.ADMIN),
    ]
    for call in calls:
        with pytest.raises(AccessDenied):
            call()
    assert store.sees_protected is False
    assert store.count_accounts() == 1 and store.get_account("AN")["role"] == "planner"
    assert store.note_login("an", ok=False, locked_until=None) == 1
    assert store.note_login("an", ok=False, locked_until="2030-01-01T00:00:00+00:00") == 2
    account = store.get_account("an")
    assert account["failed_logins"] == 2 and account["locked_until"].startswith("2030")
    assert store.note_login("an", ok=True, locked_until=None) == 0
    account = store.get_account("an")
    assert account["failed_logins"] == 0 and account["locked_until"] is None
    assert account["last_login"] is not None
    assert store.get_account("nobody") is None


def test_accounts_are_kept_by_admins(store: Store) -> None:
    as_(store, ADMIN).add_account(" an ", role="planner", password_hash="hash-an")
    with pytest.raises(UserInputError, match="already exists"):
        store.add_account("AN", role=Role.VIEWER, password_hash="x")
    with pytest.raises(UserInputError):
        store.add_account("  ", role=Role.VIEWER, password_hash="x")
    store.add_account("binh", role=Role.VIEWER, password_hash="hash-binh", via="oidc")
    listed = store.list_accounts()
    assert [(a["name"], a["role"], a["via"]) for a in listed] == [
        ("an", "planner", "password"),
        ("binh", "viewer", "oidc"),
    ]
    assert all("password_hash" not in a for a in listed)
    with pytest.raises(AccessDenied):
        as_(store, AN).list_accounts()
    with pytest.raises(AccessDenied):
        store.set_password_hash("binh", "mine now")
    store.set_password_hash("AN", "new-hash")  # their own
    assert store.get_account("an")["password_hash"] == "new-hash"
    assert store.account_names() == ["an", "binh"]
    as_(store, ADMIN).disable("binh")
    assert store.get_account("binh")["disabled"] is True
    assert as_(store, AN).account_names() == ["an"]
    with pytest.raises(AccessDenied):
        as_(store, VIEWER).account_names()
    with pytest.raises(StoreError):
        as_(store, ADMIN).set_role("nobody", Role.ADMIN)


def test_refused_actions_are_on_record_with_who_tried(store: Store) -> None:
    as_(store, AN).save_plan(_plan())
    as_(store, AN).share_plan("Trip", grantee_kind="user", grantee="binh", can_edit=False)
    zoning = as_(store, EDITOR).put_import(kind="zoning", name="Z", filename=None, body="{}")
    as_(store, VIEWER)
    with pytest.raises(AccessDenied):  # refused before any write
        store.put_import(kind="zoning", name="Z2", filename=None, body="{}")
    with pytest.raises(AccessDenied):  # refused inside the write, which is rolled back
        store.delete_import(zoning)
    with pytest.raises(AccessDenied):
        as_(store, BINH).delete_plan("Trip")
    denied = [(actor, target) for action, actor, target in _actions(store) if action == "denied"]
    assert (VIEWER.name, "import") in denied
    assert any(a == VIEWER.name and t.startswith("delete_import") for a, t in denied)
    assert any(a == BINH.name and t.startswith("delete_plan") for a, t in denied)
    assert [i["id"] for i in as_(store, ADMIN).list_imports()] == [zoning]  # nothing changed
    assert as_(store, AN).get_plan("Trip").name == "Trip"


def test_nobody_signed_in_leaves_no_refusal_on_record(store: Store) -> None:
    with pytest.raises(AccessDenied):
        as_(store, None).put_import(kind="zoning", name="Z", filename=None, body="{}")
    assert [a for a, _, _ in _actions(store) if a == "denied"] == []
