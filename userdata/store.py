"""Embedded SQLite store for what users save: visit plans, imported data, accounts, the bin
and the audit trail, each operation checked against the acting principal's role.

The file is ``atlas.sqlite3`` under :func:`geo.settings.user_dir` (or any path given to
:class:`Store`), created owner-only (``0600``, its directory ``0700``). The journal is WAL with
``synchronous=FULL`` and every write runs in one ``BEGIN IMMEDIATE … COMMIT`` transaction, so a
crash in the middle of a save leaves the previous version intact; readers never block on a
writer.

Who is acting
-------------
``store.principal`` (a :class:`userdata.roles.Principal`, set by the UI at every rerun; the
command-line :data:`userdata.roles.SYSTEM` by default) is checked ON THE SERVER by every
operation: one not allowed raises :class:`geo.errors.AccessDenied`; something the principal may
not read is "not found" (:class:`geo.errors.StoreError`). With ``principal = None`` (nobody
signed in) only :meth:`~Store.get_account`, :meth:`~Store.count_accounts`,
:meth:`~Store.note_login` and :meth:`~Store.record` work. Plans (owners and shares) are
:mod:`userdata.store_plans`; imports and protected marker positions :mod:`userdata.store_imports`
(:attr:`~Store.sees_protected` is the one test of who sees surveyed positions); deleted plans
and imports wait in the bin (:mod:`userdata.store_bin`); field observations are
:mod:`userdata.store_observations`; accounts are
:mod:`userdata.store_accounts`; the append-only audit trail :mod:`userdata.store_core`.

Schema versions
---------------
The file's ``PRAGMA user_version`` is the number of :data:`MIGRATIONS` applied to it
(:mod:`userdata.store_schema`). The first time a process opens a file, the migrations it lacks
run in order in one ``BEGIN IMMEDIATE`` transaction that also sets ``user_version``: a failure
leaves the file as it was, and two processes opening an old file at once migrate it once. A
file written by a newer Border Atlas (``user_version`` above :data:`SCHEMA_VERSION`) is refused
with :class:`StoreError`, never written to. Stores created before versioning (``user_version``
0) hold exactly the tables of migration 1, whose ``IF NOT EXISTS`` adopts them unchanged.
Migration 3 adopts the stores made before accounts: their plans and imports have no owner
(plans: read and edited by anyone who may plan; both deleted by admins only) and their marker
imports become protected. Migration 4 adds the field observations and their photos
(:mod:`userdata.store_observations`) and changes nothing that was there.

Opening is cheap after the first time: which files are ready is remembered per process (by
device and inode, so a file moved aside and recreated is prepared again). A :class:`Store` opens
a connection per operation, or holds one (``keep_open``: one per Streamlit session).

Examples
--------
>>> import tempfile, pathlib
>>> from datetime import datetime
>>> from planner.plan import Plan, Stop
>>> from userdata.roles import Principal, Role
>>> store = Store(pathlib.Path(tempfile.mkdtemp()) / "atlas.sqlite3")
>>> store.principal = Principal(name="an", role=Role.PLANNER)
>>> base = Stop(id="b", name="Base", kind="point", lat=20.0, lon=105.0,
...             precision="published", commune_code=None, source="user")
>>> _ = store.save_plan(Plan(name="Trip", base=base, stops=[], start=datetime(2025, 3, 1, 7)))
>>> [(p["name"], p["owner"], p["access"]) for p in store.list_plans()]
[('Trip', 'an', 'owner')]
>>> store.get_plan("Trip").base.name
'Base'
>>> store.principal = Principal(name="binh", role=Role.VIEWER)
>>> store.list_plans()
[]
"""

from __future__ import annotations

from userdata.store_accounts import AccountsMixin
from userdata.store_core import PublicStop, StoreCore, default_path
from userdata.store_imports import PROTECTED_KINDS, ImportsMixin
from userdata.store_observations import ObservationImport, ObservationsMixin
from userdata.store_plans import PROTECTED_PRECISION, PlansMixin, holds_protected
from userdata.store_schema import (
    BUSY_TIMEOUT_S,
    CENTROID_PRECISION,
    MIGRATIONS,
    PLAN_FORMAT,
    PLAN_UPGRADES,
    SCHEMA_VERSION,
    STORE_FILENAME,
    Migration,
    free_name,
    upgrade_plan_body,
)

__all__ = [
    "BUSY_TIMEOUT_S",
    "CENTROID_PRECISION",
    "MIGRATIONS",
    "PLAN_FORMAT",
    "PLAN_UPGRADES",
    "PROTECTED_KINDS",
    "PROTECTED_PRECISION",
    "SCHEMA_VERSION",
    "STORE_FILENAME",
    "Migration",
    "ObservationImport",
    "PublicStop",
    "Store",
    "StoreCore",
    "default_path",
    "free_name",
    "holds_protected",
    "upgrade_plan_body",
]


class Store(PlansMixin, ImportsMixin, ObservationsMixin, AccountsMixin):
    """Plans, imports, observations, the bin, accounts and the audit trail in one SQLite file.

    Cheap to construct: the schema is checked (and migrated) once per file per process.
    Concurrent writers, in this process or others, queue on SQLite's write lock. The
    parameters are :class:`userdata.store_core.StoreCore`'s: ``path``, ``keep_open``,
    ``principal`` (default :data:`userdata.roles.SYSTEM`) and the test hook
    ``_after_write_hook``; ``public_stop`` (an attribute) turns a surveyed stop into what a
    principal who may not see it gets (see :mod:`userdata.store_plans`).
    """

    def __enter__(self) -> Store:
        return self
