"""Plans in the store: owners, shares, read and edit access, protected stops.

Part of :mod:`userdata.store`. Who may do what with a plan:

- its owner (the account that made it) and admins: everything, deleting included;
- a plan made before accounts (owner ``NULL``): read and edited by anyone who may plan,
  deleted by admins only;
- a share with a user (by name, any case) or a role (that role and every role above it, as
  roles are cumulative): read, or read and edit with ``can_edit``.

A plan the principal may not read is "not found" (:class:`geo.errors.StoreError`). Names stay
unique over every plan.

A stop whose ``precision`` is ``surveyed`` is a protected position: a principal who may not see
them (:attr:`StoreCore.sees_protected`) reads it through :attr:`StoreCore.public_stop` (its
commune's point) or not at all, and may not overwrite a plan holding one.

Examples
--------
>>> holds_protected({"base": {"precision": "surveyed"}, "stops": []})
True
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from geo.errors import AccessDenied, PlanExistsError, StoreError, UserInputError
from planner.plan import Plan
from userdata import store_schema as schema
from userdata.roles import ROLES, Permission, Role, parse_role
from userdata.store_bin import BinMixin

PROTECTED_PRECISION = "surveyed"
"""The precision of a stop that only border guards and admins may see."""
_RECORD = "id, name, version, created_at, updated_at, owner"


def holds_protected(body: dict[str, Any]) -> bool:
    """Whether a plan body has a stop (or base) at a surveyed position."""
    stops = [body.get("base"), *body.get("stops", [])]
    return any(isinstance(s, dict) and s.get("precision") == PROTECTED_PRECISION for s in stops)


def _insert_plan(
    conn: sqlite3.Connection, *, name: str, body: str, now: str, owner: str | None
) -> dict[str, Any]:
    """Insert a new plan (version 1) inside the caller's transaction; return its record."""
    record = {
        "id": uuid.uuid4().hex,
        "name": name,
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "owner": owner,
    }
    conn.execute(
        "INSERT INTO plans (id, name, body, created_at, updated_at, version, plan_format, owner) "
        "VALUES (:id, :name, :body, :created_at, :updated_at, :version, :plan_format, :owner)",
        {**record, "body": body, "plan_format": schema.PLAN_FORMAT},
    )
    return record


def _shares(conn: sqlite3.Connection, plan_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT grantee_kind, grantee, can_edit FROM plan_shares WHERE plan_id = ? "
        "ORDER BY grantee_kind, grantee",
        (plan_id,),
    ).fetchall()
    return [{**dict(r), "can_edit": bool(r["can_edit"])} for r in rows]


class PlansMixin(BinMixin):
    """Saving, reading, sharing, renaming, copying and deleting plans."""

    # -- access --------------------------------------------------------------------------------

    def _access(self, owner: str | None, shares: list[dict[str, Any]]) -> str | None:
        """``owner``, ``edit``, ``read`` or ``None`` (not even readable) for the principal."""
        principal = self.principal
        if principal is None:
            return None
        if self._is(owner):
            return "owner"
        if principal.may(Permission.ADMIN) or (owner is None and principal.may(Permission.PLAN)):
            return "edit"
        rank = ROLES.index(Role(principal.role))
        best: str | None = None
        for share in shares:
            if share["grantee_kind"] == "user":
                applies = self._is(share["grantee"])
            else:
                applies = share["grantee"] in {r.value for r in ROLES[: rank + 1]}
            if applies:
                best = "edit" if share["can_edit"] else (best or "read")
        return best

    def _row(self, conn: sqlite3.Connection, name: str, action: str) -> tuple[sqlite3.Row, str]:
        """The plan called ``name`` and the principal's access; not found if unreadable."""
        self._require(Permission.VIEW, action=action)
        row = conn.execute(
            f"SELECT {_RECORD}, body, plan_format FROM plans WHERE name = ?", (name,)
        ).fetchone()
        access = None if row is None else self._access(row["owner"], _shares(conn, row["id"]))
        if row is None or access is None:
            raise StoreError(f"No plan named {name!r} in {self.path}; see list_plans().")
        return row, access

    def _editable(self, conn: sqlite3.Connection, name: str, action: str) -> sqlite3.Row:
        """The plan, if the principal may change it (and sees every position in it)."""
        self._require(Permission.PLAN, action=action)
        row, access = self._row(conn, name, action)
        if access == "read":
            raise AccessDenied.of("store.read_only", name=name)
        self._check_protected(row, name)
        return row

    def _check_protected(self, row: sqlite3.Row, name: str) -> None:
        if not self.sees_protected and holds_protected(json.loads(row["body"])):
            raise AccessDenied.of("store.protected_plan", name=name)

    def _visible_body(self, row: sqlite3.Row) -> dict[str, Any]:
        """The stored body, with protected stops made public for a principal who may not see
        them (through :attr:`public_stop`; dropped without it)."""
        body = schema.upgrade_plan_body(json.loads(row["body"]), row["plan_format"])
        if self.sees_protected or not holds_protected(body):
            return body

        def public(stop: dict[str, Any]) -> dict[str, Any] | None:
            if stop.get("precision") != PROTECTED_PRECISION:
                return stop
            shown = self.public_stop(dict(stop)) if self.public_stop is not None else None
            # A hook that leaves the position surveyed has not made it public: drop it.
            return None if shown is None or shown.get("precision") == PROTECTED_PRECISION else shown

        base = public(body["base"])
        if base is None:
            raise AccessDenied.of("store.protected_base", name=row["name"])
        body["base"] = base
        body["stops"] = [s for s in map(public, body.get("stops", [])) if s is not None]
        return body

    # -- reading -------------------------------------------------------------------------------

    def list_plans(self) -> list[dict[str, Any]]:
        """The plans the principal may read, by name: ``id``, ``name``, ``version``,
        ``created_at``, ``updated_at``, ``owner``, ``access`` (``owner``, ``edit`` or ``read``)
        and ``shares`` (``grantee_kind``, ``grantee``, ``can_edit``)."""
        self._require(Permission.VIEW, action="list_plans")
        with self._connect() as conn:
            rows = conn.execute(f"SELECT {_RECORD} FROM plans ORDER BY name").fetchall()
            every_share = conn.execute(
                "SELECT plan_id, grantee_kind, grantee, can_edit FROM plan_shares "
                "ORDER BY grantee_kind, grantee"
            ).fetchall()
        shares: dict[str, list[dict[str, Any]]] = {}
        for share in every_share:
            shares.setdefault(share["plan_id"], []).append(
                {
                    "grantee_kind": share["grantee_kind"],
                    "grantee": share["grantee"],
                    "can_edit": bool(share["can_edit"]),
                }
            )
        listed = []
        for row in rows:
            access = self._access(row["owner"], shares.get(row["id"], []))
            if access is not None:
                listed.append({**dict(row), "access": access, "shares": shares.get(row["id"], [])})
        return listed

    def get_plan(self, name: str) -> Plan:
        """The stored plan called ``name`` as the principal may see it; :class:`StoreError` if
        there is none (or it is not theirs to read)."""
        with self._connect() as conn:
            row, _ = self._row(conn, name, "get_plan")
        return Plan.from_dict(self._visible_body(row))

    def plan_record(self, name: str) -> dict[str, Any]:
        """Metadata of the stored plan (id, name, version, created_at, updated_at, owner)."""
        with self._connect() as conn:
            row, _ = self._row(conn, name, "plan_record")
        return {key: row[key] for key in _RECORD.split(", ")}

    def free_plan_name(self, name: str) -> str:
        """``name`` if no plan has it, else the first free "name (2)", "name (3)", …

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from userdata.store import Store
        >>> Store(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite3").free_plan_name("Trip")
        'Trip'
        """
        with self._connect() as conn:
            taken = [row[0] for row in conn.execute("SELECT name FROM plans")]
        return schema.free_name(name, taken=taken)

    # -- writing -------------------------------------------------------------------------------

    def save_plan(
        self, plan: Plan, *, opened_version: int | None = None, replace: bool = False
    ) -> dict[str, Any]:
        """Store ``plan`` under its name; never replace another plan without being asked.

        Needs PLAN; a new plan belongs to the principal; replacing a stored one needs edit
        access to it (and, for a plan holding surveyed positions, the right to see them).

        Parameters
        ----------
        plan
            The plan to store.
        opened_version
            The stored version the user opened (``None`` for a plan not opened from the
            store). Saving it again updates that plan (version + 1) unless someone saved a
            newer version meanwhile.
        replace
            Replace the stored plan of the same name whatever its version (the user confirmed).

        Returns
        -------
        dict
            The stored row's ``id``, ``name``, ``version``, ``created_at``, ``updated_at``,
            ``owner``.

        Raises
        ------
        PlanExistsError
            A plan of that name exists and is not the one opened (or was saved since it was
            opened), and ``replace`` is false: nothing was written.
        AccessDenied
            The principal may not plan, or may not change the stored plan of that name.
        """
        principal = self._require(Permission.PLAN, action="save_plan")
        body = plan.to_json()
        now = schema.now()
        with self._write(f"save_plan:{plan.name}") as conn:
            row = conn.execute(
                f"SELECT {_RECORD}, body FROM plans WHERE name = ?", (plan.name,)
            ).fetchone()
            if row is None:
                return _insert_plan(conn, name=plan.name, body=body, now=now, owner=principal.name)
            access = self._access(row["owner"], _shares(conn, row["id"]))
            if access is None and not replace:  # someone else's plan: choose another name
                raise PlanExistsError.taken(
                    plan.name, stored_version=row["version"], changed_since_opened=False
                )
            if access is None:
                raise self._not_owner(plan.name, "save_plan")
            if access == "read":
                raise AccessDenied.of("store.read_only", name=plan.name)
            self._check_protected(row, plan.name)
            if not replace and opened_version != row["version"]:
                raise PlanExistsError.taken(
                    plan.name,
                    stored_version=row["version"],
                    changed_since_opened=opened_version is not None,
                )
            record = {key: row[key] for key in _RECORD.split(", ")}
            record.update(version=row["version"] + 1, updated_at=now)
            conn.execute(
                "UPDATE plans SET body = :body, updated_at = :updated_at, version = :version, "
                "plan_format = :plan_format WHERE id = :id",
                {**record, "body": body, "plan_format": schema.PLAN_FORMAT},
            )
        return record

    def _check_new_name(self, conn: sqlite3.Connection, new_name: str) -> None:
        if not new_name.strip():
            raise UserInputError.of("upload.plan_name_empty")
        if conn.execute("SELECT 1 FROM plans WHERE name = ?", (new_name,)).fetchone():
            raise UserInputError.of("upload.plan_name_taken", name=new_name)

    def rename_plan(self, name: str, new_name: str) -> None:
        """Rename a plan (its body's ``name`` too; edit access); the version goes up by one."""
        with self._write(f"rename_plan:{name}") as conn:
            row = self._editable(conn, name, "rename_plan")
            self._check_new_name(conn, new_name)
            body = schema.upgrade_plan_body(json.loads(row["body"]), row["plan_format"])
            body["name"] = new_name
            conn.execute(
                "UPDATE plans SET name = ?, body = ?, updated_at = ?, version = version + 1, "
                "plan_format = ? WHERE id = ?",
                (
                    new_name,
                    json.dumps(body, ensure_ascii=False, sort_keys=True),
                    schema.now(),
                    schema.PLAN_FORMAT,
                    row["id"],
                ),
            )

    def duplicate_plan(self, name: str, new_name: str) -> dict[str, Any]:
        """Copy what the principal sees of a plan under ``new_name`` (version 1, theirs)."""
        principal = self._require(Permission.PLAN, action="duplicate_plan")
        now = schema.now()
        with self._write(f"duplicate_plan:{name}") as conn:
            row, _ = self._row(conn, name, "duplicate_plan")
            self._check_new_name(conn, new_name)
            body = self._visible_body(row)
            body["name"] = new_name
            text = json.dumps(body, ensure_ascii=False, sort_keys=True)
            return _insert_plan(conn, name=new_name, body=text, now=now, owner=principal.name)

    def delete_plan(self, name: str) -> None:
        """Move a plan and its shares to the bin (its owner or an admin only)."""
        with self._write(f"delete_plan:{name}") as conn:
            row, _ = self._row(conn, name, "delete_plan")
            if not (self._may(Permission.ADMIN) or self._is(row["owner"])):
                raise self._not_owner(name, "delete_plan")
            saved = {
                **{key: row[key] for key in _RECORD.split(", ")},
                "body": row["body"],
                "plan_format": row["plan_format"],
                "shares": _shares(conn, row["id"]),
            }
            conn.execute("DELETE FROM plans WHERE id = ?", (row["id"],))  # shares cascade
            self._to_bin(conn, kind="plan", name=name, owner=row["owner"], row=saved)

    # -- sharing -------------------------------------------------------------------------------

    def _own(self, conn: sqlite3.Connection, name: str, action: str) -> sqlite3.Row:
        row, _ = self._row(conn, name, action)
        if not (self._may(Permission.ADMIN) or self._is(row["owner"])):
            raise self._not_owner(name, action)
        return row

    @staticmethod
    def _grantee(grantee_kind: str, grantee: str) -> str:
        text = (grantee or "").strip()
        try:
            if grantee_kind == "role":
                return parse_role(text).value
            if grantee_kind == "user" and text:
                return text
        except ValueError:
            pass
        raise UserInputError.of("store.share_grantee", grantee=grantee)

    def share_plan(self, name: str, *, grantee_kind: str, grantee: str, can_edit: bool) -> None:
        """Share a plan with a user (``grantee_kind="user"``) or a role (``"role"``), read-only
        or editable; sharing again changes ``can_edit``. Its owner or an admin only."""
        who = self._grantee(grantee_kind, grantee)
        with self._write(f"share_plan:{name}") as conn:
            row = self._own(conn, name, "share_plan")
            conn.execute(
                "INSERT INTO plan_shares (plan_id, grantee_kind, grantee, can_edit) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (plan_id, grantee_kind, grantee) "
                "DO UPDATE SET can_edit = excluded.can_edit",
                (row["id"], grantee_kind, who, int(bool(can_edit))),
            )
            detail = {"grantee_kind": grantee_kind, "grantee": who, "can_edit": bool(can_edit)}
            self._audit(conn, "share", target=name, detail=detail)

    def unshare_plan(self, name: str, *, grantee_kind: str, grantee: str) -> None:
        """Withdraw a share (its owner or an admin only); nothing happens if there is none."""
        who = self._grantee(grantee_kind, grantee)
        with self._write(f"unshare_plan:{name}") as conn:
            row = self._own(conn, name, "unshare_plan")
            gone = conn.execute(
                "DELETE FROM plan_shares WHERE plan_id = ? AND grantee_kind = ? AND grantee = ?",
                (row["id"], grantee_kind, who),
            ).rowcount
            if gone:
                detail = {"grantee_kind": grantee_kind, "grantee": who}
                self._audit(conn, "unshare", target=name, detail=detail)
