"""Accounts in the store (the SQL only; hashing and sign-in are :mod:`access.accounts`).

Part of :mod:`userdata.store`. Names are unique ignoring case. Reading an account, counting
them and noting a sign-in need no permission (sign-in happens before anyone is signed in);
everything else needs ADMIN, except that an account may change its own password hash.
Adding, unlocking, disabling and changing a role are audited.

Examples
--------
>>> ACCOUNT_COLUMNS[:3]
('name', 'role', 'via')
"""

from __future__ import annotations

from typing import Any

from geo.errors import StoreError, UserInputError
from userdata import store_schema as schema
from userdata.roles import Permission, Role
from userdata.store_core import StoreCore

ACCOUNT_COLUMNS = (
    "name",
    "role",
    "via",
    "created_at",
    "failed_logins",
    "locked_until",
    "disabled",
    "last_login",
)
"""What :meth:`AccountsMixin.list_accounts` shows (never the password hash)."""


def _account(row: Any) -> dict[str, Any]:
    return {**dict(row), "disabled": bool(row["disabled"])}


class AccountsMixin(StoreCore):
    """The ``accounts`` table."""

    def _missing(self, name: str) -> StoreError:
        return StoreError(f"No account named {name!r} in {self.path}.")

    def get_account(self, name: str) -> dict[str, Any] | None:
        """Every column of the account (the hash included), or ``None``; no permission."""
        with self._connect() as conn:
            row = conn.execute("SELECT * FROM accounts WHERE name = ?", (name,)).fetchone()
        return None if row is None else _account(row)

    def count_accounts(self) -> int:
        """How many accounts exist (disabled ones too); no permission."""
        with self._connect() as conn:
            return int(conn.execute("SELECT count(*) FROM accounts").fetchone()[0])

    def add_account(
        self, name: str, *, role: Role | str, password_hash: str | None, via: str = "password"
    ) -> None:
        """Create an account (ADMIN); :class:`UserInputError` if the name is empty or taken."""
        self._require(Permission.ADMIN, action="account_add")
        name = name.strip()
        if not name:
            raise UserInputError.of("store.account_name_empty")
        role = Role(role)
        with self._write(f"add_account:{name}") as conn:
            if conn.execute("SELECT 1 FROM accounts WHERE name = ?", (name,)).fetchone():
                raise UserInputError.of("store.account_exists", name=name)
            conn.execute(
                "INSERT INTO accounts (name, role, password_hash, via, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, role.value, password_hash, via, schema.now()),
            )
            self._audit(conn, "account_add", target=name, detail={"role": role.value, "via": via})

    def list_accounts(self) -> list[dict[str, Any]]:
        """Every account without its hash, by name (ADMIN)."""
        self._require(Permission.ADMIN, action="accounts")
        with self._connect() as conn:
            rows = conn.execute(
                f"SELECT {', '.join(ACCOUNT_COLUMNS)} FROM accounts ORDER BY name"
            ).fetchall()
        return [_account(r) for r in rows]

    def account_names(self) -> list[str]:
        """Names of the accounts not disabled, by name (PLAN: to share a plan with them)."""
        self._require(Permission.PLAN, action="share_plan")
        with self._connect() as conn:
            rows = conn.execute("SELECT name FROM accounts WHERE disabled = 0 ORDER BY name")
            return [r[0] for r in rows]

    def _update(self, name: str, sql: str, params: tuple[Any, ...], *, action: str = "") -> dict:
        """Run ``sql`` on the account (``?`` params then its name) and audit ``action``."""
        with self._write(f"account:{name}") as conn:
            before = conn.execute("SELECT * FROM accounts WHERE name = ?", (name,)).fetchone()
            if before is None:
                raise self._missing(name)
            conn.execute(f"UPDATE accounts SET {sql} WHERE name = ?", (*params, name))
            if action:
                role_change = action == "role_change"
                detail = {"from": before["role"], "to": params[0]} if role_change else {}
                self._audit(conn, action, target=before["name"], detail=detail)
            return dict(before)

    def set_role(self, name: str, role: Role | str) -> None:
        """Change an account's role (ADMIN); it applies at the account's next rerun."""
        self._require(Permission.ADMIN, action="role_change")
        self._update(name, "role = ?", (Role(role).value,), action="role_change")

    def set_password_hash(self, name: str, password_hash: str) -> None:
        """Store a new password hash (ADMIN, or the account itself)."""
        if not self._is(name):
            self._require(Permission.ADMIN, action="password")
        self._update(name, "password_hash = ?", (password_hash,))

    def note_login(self, name: str, *, ok: bool, locked_until: str | None) -> int:
        """After a sign-in attempt: success clears the failures and notes ``last_login``; a
        failure counts one more and sets ``locked_until``. No permission. Returns the count
        of failures in a row."""
        if ok:
            sql, params = "failed_logins = 0, locked_until = NULL, last_login = ?", (schema.now(),)
        else:
            sql, params = "failed_logins = failed_logins + 1, locked_until = ?", (locked_until,)
        before = self._update(name, sql, params)
        return 0 if ok else int(before["failed_logins"]) + 1

    def unlock(self, name: str) -> None:
        """Clear an account's failures and lock (ADMIN)."""
        self._require(Permission.ADMIN, action="account_unlock")
        self._update(name, "failed_logins = 0, locked_until = NULL", (), action="account_unlock")

    def disable(self, name: str) -> None:
        """Disable an account (ADMIN): it can no longer sign in and is signed out."""
        self._require(Permission.ADMIN, action="account_disable")
        self._update(name, "disabled = 1", (), action="account_disable")
