"""Local accounts: password hashes, sign-in with lockout, and the checks on names and passwords.

Passwords are hashed with argon2id by ``argon2-cffi`` (:class:`argon2.PasswordHasher`, its
default parameters, RFC 9106 "low memory"); never by hand. When a pepper is configured
(``BORDER_ATLAS_PASSWORD_PEPPER`` or ``password_pepper`` in Streamlit's secrets), the password
is first replaced by its HMAC-SHA256 under the pepper, so a copy of the store alone is not
enough to test guesses. Changing the pepper invalidates every password.

:func:`sign_in` refuses a wrong name and a wrong password with the same message and in about
the same time (a dummy hash is verified for unknown names); ``settings.MAX_FAILED_LOGINS``
wrong passwords in a row lock the account for ``settings.LOCKOUT_MINUTES`` (then even the
right password is refused, with a message that says until when). Once the lock has run out a
single further wrong password locks it again, until one right password resets the count.
Every attempt is written to the audit trail (``login``, ``login_failed``, ``locked``).

Examples
--------
>>> stored = hash_password("mật khẩu đủ dài")
>>> stored.startswith("$argon2id$"), verify(stored, "mật khẩu đủ dài"), verify(stored, "sai")
(True, True, False)
>>> check_name("an.nguyen-2")
'an.nguyen-2'
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from geo import settings
from geo.errors import LoginError, UserInputError
from userdata.roles import Principal, Role, parse_role
from userdata.store import Store

NAME_PATTERN = re.compile(r"[\w.-]{1,64}")
"""Account names: 1–64 letters, digits, ``.``, ``_`` or ``-``."""
MIN_PASSWORD_LENGTH = 10
_HASHER = PasswordHasher()


def _secret(key: str) -> str:
    """Streamlit's secret ``key`` ("" when no secrets file exists: nothing is printed)."""
    try:
        import streamlit as st

        if not st.secrets.load_if_toml_exists():
            return ""
        value = st.secrets.get(key)
    except Exception:  # an unreadable secrets file: the environment variable still works
        return ""
    return str(value) if value else ""


def pepper() -> str:
    """The configured pepper: ``BORDER_ATLAS_PASSWORD_PEPPER``, else Streamlit's
    ``password_pepper`` secret, else "" (none)."""
    return os.environ.get(settings.PEPPER_ENV, "") or _secret("password_pepper")


def _peppered(password: str) -> str:
    secret = pepper()
    if not secret:
        return password
    return hmac.new(secret.encode(), password.encode(), hashlib.sha256).hexdigest()


def hash_password(password: str) -> str:
    """The argon2id hash (PHC string, salt included) of ``password`` under the pepper."""
    return _HASHER.hash(_peppered(password))


def verify(stored_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash`` (verified by argon2-cffi).

    Examples
    --------
    >>> verify("not a hash", "whatever")
    False
    """
    try:
        return _HASHER.verify(stored_hash, _peppered(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether ``stored_hash`` was made with other parameters than today's (argon2-cffi)."""
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@cache
def _dummy_hash() -> str:
    return _HASHER.hash("border-atlas: no such account")


def check_name(name: str) -> str:
    """``name`` stripped, or :class:`~geo.errors.UserInputError` saying what a name may hold."""
    name = name.strip()
    if not NAME_PATTERN.fullmatch(name):
        raise UserInputError.of("account.name_invalid", name=name[:80])
    return name


def check_password(password: str) -> str:
    """``password`` unchanged, or :class:`~geo.errors.UserInputError` when it is too short.

    Examples
    --------
    >>> check_password("ngắn")
    Traceback (most recent call last):
    ...
    geo.errors.UserInputError: Mật khẩu phải có ít nhất 10 ký tự. / The password must have at \
least 10 characters.
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserInputError.of("account.password_short", length=MIN_PASSWORD_LENGTH)
    return password


def add_account(store: Store, name: str, *, role: Role | str, password: str) -> str:
    """Create account ``name`` with ``role`` and ``password`` (the store needs an admin
    principal and audits ``account_add``); return the name as stored."""
    name = check_name(name)
    role = parse_role(role) if not isinstance(role, Role) else role
    check_password(password)
    if store.get_account(name) is not None:
        raise UserInputError.of("account.exists", name=name)
    store.add_account(name, role=role.value, password_hash=hash_password(password))
    return name


def set_password(store: Store, name: str, *, password: str) -> None:
    """Replace account ``name``'s password (admin or the account itself)."""
    if store.get_account(name) is None:
        raise UserInputError.of("account.unknown", name=name)
    check_password(password)
    store.set_password_hash(name, hash_password(password))


def _parse_time(value: object) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def locked_until(account: dict[str, Any], *, now: datetime | None = None) -> datetime | None:
    """When ``account``'s lock ends, if it is locked at ``now``; else None.

    Examples
    --------
    >>> moment = datetime(2026, 1, 1, 8, tzinfo=UTC)
    >>> locked_until({"locked_until": "2026-01-01T08:10:00+00:00"}, now=moment).minute
    10
    >>> locked_until({"locked_until": "2026-01-01T07:50:00+00:00"}, now=moment) is None
    True
    """
    until = _parse_time(account.get("locked_until"))
    return until if until is not None and until > (now or datetime.now(UTC)) else None


def lock_after_failure(
    failed_before: int, *, now: datetime | None = None
) -> tuple[int, datetime | None]:
    """The failure count after one more wrong password, and when the lock that starts then
    ends (None: no lock yet).

    Examples
    --------
    >>> moment = datetime(2026, 1, 1, 8, tzinfo=UTC)
    >>> lock_after_failure(3, now=moment)
    (4, None)
    >>> count, until = lock_after_failure(4, now=moment)
    >>> count, until.isoformat()
    (5, '2026-01-01T08:15:00+00:00')
    """
    count = int(failed_before or 0) + 1
    if count < settings.MAX_FAILED_LOGINS:
        return count, None
    return count, (now or datetime.now(UTC)) + timedelta(minutes=settings.LOCKOUT_MINUTES)


def lock_text(until: datetime) -> str:
    """When a lock ends, for the message (UTC, so it reads the same on every server).

    Examples
    --------
    >>> lock_text(datetime(2026, 1, 1, 8, 15, tzinfo=UTC))
    '08:15 UTC, 01/01/2026'
    """
    return until.astimezone(UTC).strftime("%H:%M UTC, %d/%m/%Y")


def _wrong_error() -> LoginError:
    return LoginError.of(
        "signin.wrong", attempts=settings.MAX_FAILED_LOGINS, minutes=settings.LOCKOUT_MINUTES
    )


def _locked_error(until: datetime) -> LoginError:
    error = LoginError.of("signin.locked", until=lock_text(until))
    error.locked = True
    return error


def _audit(
    store: Store,
    action: str,
    *,
    name: str,
    role: str,
    session: str,
    detail: dict[str, Any] | None = None,
) -> None:
    """Record ``action`` for ``name`` with the account's role and the session (given, not taken
    from the store's principal: nobody is signed in yet)."""
    store.record(action, target=name, detail=detail, actor=name, role=role or "", session=session)


def _role_of(account: dict[str, Any] | None) -> str:
    try:
        return Role(str(account["role"])).value if account else ""
    except ValueError:
        return ""


def sign_in(store: Store, name: str, password: str, *, session: str = "") -> Principal:
    """The principal of account ``name`` when ``password`` is right and the account neither
    locked nor disabled; else :class:`~geo.errors.LoginError` (``locked`` set when locked).

    The store's principal is left as it was; the attempt is audited either way.
    """
    name = name.strip()
    account = store.get_account(name) if NAME_PATTERN.fullmatch(name) else None
    usable = (
        account is not None
        and not account.get("disabled")
        and bool(account.get("password_hash"))  # an account of the identity provider has none
        and bool(_role_of(account))
    )
    right = verify(account["password_hash"] if usable else _dummy_hash(), password)
    if not usable:
        _audit(store, "login_failed", name=name, role="", session=session)
        raise _wrong_error()
    stored_name = str(account["name"])
    role = _role_of(account)
    now = datetime.now(UTC)
    until = locked_until(account, now=now)
    if until is not None:
        _audit(
            store,
            "login_failed",
            name=stored_name,
            role=role,
            session=session,
            detail={"locked": True},
        )
        raise _locked_error(until)
    if not right:
        count, until = lock_after_failure(account.get("failed_logins") or 0, now=now)
        store.note_login(stored_name, ok=False, locked_until=until.isoformat() if until else None)
        _audit(
            store,
            "login_failed",
            name=stored_name,
            role=role,
            session=session,
            detail={"failed_logins": count},
        )
        if until is None:
            raise _wrong_error()
        _audit(
            store,
            "locked",
            name=stored_name,
            role=role,
            session=session,
            detail={"until": until.isoformat()},
        )
        raise _locked_error(until)
    store.note_login(stored_name, ok=True, locked_until=None)
    principal = Principal(
        name=stored_name,
        role=Role(role),
        via=str(account.get("via") or "password"),
        session=session,
    )
    if needs_rehash(str(account["password_hash"])):
        before = store.principal
        store.principal = principal
        try:
            store.set_password_hash(stored_name, hash_password(password))
        finally:
            store.principal = before
    _audit(store, "login", name=stored_name, role=role, session=session)
    return principal


def sign_out(store: Store, principal: Principal, *, reason: str = "") -> None:
    """Audit ``logout`` for ``principal`` (``reason``: "" when asked, else e.g. "expired")."""
    _audit(
        store,
        "logout",
        name=principal.name,
        role=principal.role.value if isinstance(principal.role, Role) else str(principal.role),
        session=principal.session,
        detail={"reason": reason} if reason else None,
    )
