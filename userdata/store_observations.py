"""Field observations in the store: importing them once each, listing them, their photos.

Part of :mod:`userdata.store` (tables ``observations`` and ``observation_photos`` of schema
migration 4). An observation is keyed by its UUID: :meth:`ObservationsMixin.add_observations`
inserts with ``INSERT OR IGNORE`` in one ``BEGIN IMMEDIATE`` transaction, so importing the same
file twice, an overlapping one, or two files at once from two sessions stores each record once.
Importing needs ``IMPORT`` and records who did it (``imported_by``), when and from which file.

Kind ``marker`` records hold a border marker's surveyed position: they are ``protected``, and
only a principal who :attr:`~userdata.store_core.StoreCore.sees_protected` gets them from
:meth:`~ObservationsMixin.list_observations` and :meth:`~ObservationsMixin.observation_photo`;
:meth:`~ObservationsMixin.withheld_observations` tells the others how many were left out. A
data editor may import a file holding marker records (the team's export is kept whole), though
they do not see those records afterwards.

Examples
--------
>>> import tempfile, pathlib
>>> from datetime import UTC, datetime
>>> from layers.observations import Observation
>>> from userdata.roles import Principal, Role
>>> from userdata.store import Store
>>> store = Store(pathlib.Path(tempfile.mkdtemp()) / "atlas.sqlite3")
>>> store.principal = Principal(name="lan", role=Role.DATA_EDITOR)
>>> seen = Observation(uuid="0b7c7a8e-5b1d-4c53-9a55-1f7e1c1b2a3d", kind="landslide", note="",
...     observed_at=datetime(2026, 11, 30, 1, 15, tzinfo=UTC), lat=19.38, lon=104.12,
...     accuracy_m=8.0, position_source="gps", observer="Lan", source="fieldpack")
>>> first = store.add_observations([seen], source_file="ghi-nhan.zip")
>>> len(first.added), store.add_observations([seen], source_file="again.zip").already
(1, ['0b7c7a8e-5b1d-4c53-9a55-1f7e1c1b2a3d'])
>>> [(o.kind, o.imported_by, o.source_file) for o in store.list_observations()]
[('landslide', 'lan', 'ghi-nhan.zip')]
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from geo.errors import StoreError
from layers.observations import Observation, ObservationBatch, Photo
from userdata import store_schema as schema
from userdata.roles import Permission
from userdata.store_core import StoreCore

PROTECTED_OBSERVATION_KINDS = frozenset({"marker"})
"""Kinds of observation that hold a surveyed position (shown to border guards and admins)."""
_COLUMNS = (
    "uuid, kind, marker_condition, note, observed_at, observed_utc, lat, lon, accuracy_m, "
    "position_source, observer, source, stop_id, stop_name, plan_name, plan_id, commune_code, "
    "imported_at, imported_by, source_file, protected"
)
_CHUNK = 500
"""UUIDs per ``IN (…)`` query (SQLite's limit on parameters is higher; this stays cheap)."""


@dataclass
class ObservationImport:
    """What :meth:`ObservationsMixin.add_observations` did: the UUIDs added and already there."""

    added: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def _observation(row: sqlite3.Row, photos: tuple[Photo, ...]) -> Observation:
    return Observation(
        uuid=row["uuid"],
        kind=row["kind"],
        note=row["note"],
        observed_at=datetime.fromisoformat(row["observed_at"]),
        lat=row["lat"],
        lon=row["lon"],
        accuracy_m=row["accuracy_m"],
        position_source=row["position_source"],
        observer=row["observer"],
        source=row["source"],
        marker_condition=row["marker_condition"],
        stop_id=row["stop_id"],
        stop_name=row["stop_name"],
        plan_name=row["plan_name"],
        photos=photos,
        commune_code=row["commune_code"],
        imported_at=row["imported_at"],
        imported_by=row["imported_by"],
        source_file=row["source_file"],
    )


class ObservationsMixin(StoreCore):
    """Adding, listing and reading field observations."""

    def add_observations(
        self, batch_or_list: ObservationBatch | Sequence[Observation], *, source_file: str
    ) -> ObservationImport:
        """Store the observations not stored yet (by UUID); return which were added and which
        were already there. Needs IMPORT; one transaction; audited as ``import``.

        ``plan_id`` is set when a plan of the observation's ``plan_name`` exists.
        """
        principal = self._require(Permission.IMPORT, action="import")
        if isinstance(batch_or_list, ObservationBatch):
            observations = list(batch_or_list.observations)
        else:
            observations = list(batch_or_list)
        result = ObservationImport()
        with self._write(f"add_observations:{source_file}") as conn:
            imported_at = schema.now()
            plans = {row[0]: row[1] for row in conn.execute("SELECT name, id FROM plans")}
            for obs in observations:
                values = (
                    obs.uuid,
                    obs.kind,
                    obs.marker_condition,
                    obs.note,
                    obs.observed_at.isoformat(),
                    _utc(obs.observed_at),
                    obs.lat,
                    obs.lon,
                    obs.accuracy_m,
                    obs.position_source,
                    obs.observer,
                    obs.source,
                    obs.stop_id,
                    obs.stop_name,
                    obs.plan_name,
                    plans.get(obs.plan_name) if obs.plan_name else None,
                    obs.commune_code,
                    imported_at,
                    principal.name,
                    source_file,
                    int(obs.kind in PROTECTED_OBSERVATION_KINDS),
                )
                marks = ", ".join("?" * len(values))
                cursor = conn.execute(
                    f"INSERT OR IGNORE INTO observations ({_COLUMNS}) VALUES ({marks})", values
                )
                if cursor.rowcount != 1:
                    result.already.append(obs.uuid)
                    continue
                result.added.append(obs.uuid)
                conn.executemany(
                    "INSERT INTO observation_photos (uuid, n, name, mime, body, thumb, width, "
                    "height) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (obs.uuid, n, p.name, p.mime, p.body, p.thumb, p.width, p.height)
                        for n, p in enumerate(obs.photos, start=1)
                    ],
                )
            detail = {
                "kind": "observations",
                "file": source_file,
                "added": len(result.added),
                "already": len(result.already),
            }
            self._audit(conn, "import", target=source_file, detail=detail)
        return result

    def _visible(self) -> str:
        return "" if self.sees_protected else "protected = 0"

    def list_observations(
        self,
        *,
        kinds: Collection[str] | None = None,
        since: datetime | None = None,
        plan_name: str | None = None,
        commune_codes: Collection[str] | None = None,
    ) -> list[Observation]:
        """The stored observations the principal may see, newest first (needs VIEW).

        Filters: ``kinds``, seen at or after ``since`` (a naive time is UTC), of the plan
        ``plan_name``, in the 2025 communes ``commune_codes``. Photos come without their body
        (``Photo(body=b"", thumb=…)``); :meth:`observation_photo` gives one whole.
        """
        self._require(Permission.VIEW, action="list_observations")
        clauses: list[str] = [self._visible()] if self._visible() else []
        params: list[Any] = []
        if kinds is not None:
            kinds = list(kinds)
            clauses.append(f"kind IN ({', '.join('?' * len(kinds))})" if kinds else "0")
            params.extend(kinds)
        if since is not None:
            clauses.append("observed_utc >= ?")
            params.append(_utc(since))
        if plan_name is not None:
            clauses.append("plan_name = ?")
            params.append(plan_name)
        if commune_codes is not None:
            codes = [str(code) for code in commune_codes]
            clauses.append(f"commune_code IN ({', '.join('?' * len(codes))})" if codes else "0")
            params.extend(codes)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM observations{where} ORDER BY observed_utc DESC, uuid",
                params,
            ).fetchall()
            photos: dict[str, list[Photo]] = {}
            for chunk in _chunks([row["uuid"] for row in rows]):
                for photo in conn.execute(
                    "SELECT uuid, name, mime, width, height, thumb FROM observation_photos "
                    f"WHERE uuid IN ({', '.join('?' * len(chunk))}) ORDER BY uuid, n",
                    list(chunk),
                ):
                    photos.setdefault(photo["uuid"], []).append(
                        Photo(
                            name=photo["name"],
                            mime=photo["mime"],
                            body=b"",
                            width=photo["width"],
                            height=photo["height"],
                            thumb=bytes(photo["thumb"]),
                        )
                    )
        return [_observation(row, tuple(photos.get(row["uuid"], ()))) for row in rows]

    def withheld_observations(self) -> int:
        """How many stored observations :meth:`list_observations` leaves out for the principal
        (kind ``marker``, unless they see surveyed positions). Needs VIEW."""
        self._require(Permission.VIEW, action="list_observations")
        if self.sees_protected:
            return 0
        with self._connect() as conn:
            return int(
                conn.execute("SELECT count(*) FROM observations WHERE protected = 1").fetchone()[0]
            )

    def observation_photo(self, uuid: str, n: int) -> Photo:
        """Photo ``n`` (1, 2, 3) of an observation, whole; needs VIEW and the same visibility as
        :meth:`list_observations` (else "not found": :class:`geo.errors.StoreError`)."""
        self._require(Permission.VIEW, action="observation_photo")
        visible = f" AND o.{self._visible()}" if self._visible() else ""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT p.name, p.mime, p.body, p.thumb, p.width, p.height "
                "FROM observation_photos p JOIN observations o ON o.uuid = p.uuid "
                f"WHERE p.uuid = ? AND p.n = ?{visible}",
                (uuid, int(n)),
            ).fetchone()
        if row is None:
            raise StoreError(f"No photo {n} of observation {uuid!r} in {self.path}.")
        return Photo(
            name=row["name"],
            mime=row["mime"],
            body=bytes(row["body"]),
            width=row["width"],
            height=row["height"],
            thumb=bytes(row["thumb"]),
        )

    def observations_version(self) -> str:
        """A short token that changes whenever observations are added ("" with none).

        Observations are never edited in place: their count and last row say everything.
        """
        with self._connect() as conn:
            count, last = conn.execute("SELECT count(*), max(rowid) FROM observations").fetchone()
        if not count:
            return ""
        return hashlib.sha256(f"{count}:{last}".encode()).hexdigest()[:16]
