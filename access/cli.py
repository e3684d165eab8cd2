"""The accounts command line: ``python -m access users …`` (run from the project directory).

::

    .venv/bin/python -m access users add NAME --role ROLE [--password-stdin]
    .venv/bin/python -m access users list
    .venv/bin/python -m access users set-role NAME ROLE
    .venv/bin/python -m access users unlock NAME
    .venv/bin/python -m access users disable NAME
    .venv/bin/python -m access users passwd NAME [--password-stdin]

It works on the store of ``BORDER_ATLAS_USER_DIR`` (the app's), as an administrator whose name
in the audit trail is ``cli:<OS user>``. Passwords are asked twice without echo (``getpass``);
``--password-stdin`` reads one line from standard input instead, for scripts. Bad input
(unknown role or account, a short password, an invalid name) exits with status 2 and a message
in both languages saying what is wrong and how to fix it.

Examples
--------
>>> parser().parse_args(["users", "set-role", "an", "planner"]).role
'planner'
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from typing import TextIO

from access import accounts
from geo.errors import BorderAtlasError, UserInputError
from i18n.messages import both_languages
from userdata.roles import ROLES, Principal, Role, parse_role, role_label
from userdata.store import Store, default_path

BAD_INPUT = 2
FIRST_ADMIN_COMMAND = ".venv/bin/python -m access users add NAME --role admin"


def cli_principal() -> Principal:
    """The administrator the command line acts as: ``cli:<OS user>``, via ``cli``."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return Principal(name=f"cli:{user}", role=Role.ADMIN, via="cli")


def parser() -> argparse.ArgumentParser:
    """The ``python -m access`` argument parser."""
    top = argparse.ArgumentParser(
        prog="python -m access", description="Border Atlas accounts / Tài khoản Atlas Biên giới"
    )
    groups = top.add_subparsers(dest="group", required=True)
    users = groups.add_parser("users", help="manage accounts")
    commands = users.add_subparsers(dest="command", required=True)
    codes = ", ".join(role.value for role in ROLES)
    add = commands.add_parser("add", help="create an account")
    add.add_argument("name")
    add.add_argument("--role", required=True, help=f"one of {codes}")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    commands.add_parser("list", help="list accounts")
    set_role = commands.add_parser("set-role", help="change an account's role")
    set_role.add_argument("name")
    set_role.add_argument("role", help=f"one of {codes}")
    for command, text in (("unlock", "end a lockout"), ("disable", "disable an account")):
        commands.add_parser(command, help=text).add_argument("name")
    passwd = commands.add_parser("passwd", help="set an account's password")
    passwd.add_argument("name")
    passwd.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin"
    )
    return top


def _role(text: str) -> Role:
    try:
        return parse_role(text)
    except ValueError:
        codes = ", ".join(role.value for role in ROLES)
        raise UserInputError.of("account.role_invalid", role=text, codes=codes) from None


def _password(from_stdin: bool, stdin: TextIO) -> str:
    if from_stdin:
        return accounts.check_password(stdin.readline().rstrip("\r\n"))
    first = accounts.check_password(getpass.getpass("Mật khẩu / Password: "))
    if getpass.getpass("Nhập lại / Again: ") != first:
        raise UserInputError.of("account.passwords_differ")
    return first


def _known(store: Store, name: str) -> str:
    account = store.get_account(name.strip())
    if account is None:
        raise UserInputError.of("account.unknown", name=name)
    return str(account["name"])


def _list(store: Store, out: TextIO) -> None:
    rows = store.list_accounts()
    if not rows:
        print(both_languages("account.none_yet", command=FIRST_ADMIN_COMMAND), file=out)
        return
    header = ("name", "role", "via", "last_login", "locked_until", "state")
    table = [
        (
            str(row["name"]),
            f"{row['role']} ({role_label(row['role'], 'vi')})",
            str(row.get("via") or ""),
            str(row.get("last_login") or "-"),
            str(row.get("locked_until") or "-"),
            "disabled" if row.get("disabled") else "active",
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in (header, *table)) for i in range(len(header))]
    for line in (header, *table):
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip(),
            file=out,
        )


def run(
    argv: Sequence[str] | None = None,
    *,
    store: Store | None = None,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
) -> int:
    """Run the command line; return its exit status (0 done, 2 bad input, 1 other failure)."""
    arguments = parser().parse_args(argv)
    stdin, out = stdin or sys.stdin, out or sys.stdout
    store = store or Store(default_path(), principal=cli_principal())
    try:
        if arguments.command == "add":
            role = _role(arguments.role)
            accounts.check_name(arguments.name)
            password = _password(arguments.password_stdin, stdin)
            name = accounts.add_account(store, arguments.name, role=role, password=password)
            print(f"added / đã tạo: {name} ({role.value})", file=out)
        elif arguments.command == "list":
            _list(store, out)
        elif arguments.command == "set-role":
            role = _role(arguments.role)
            name = _known(store, arguments.name)
            store.set_role(name, role.value)
            print(f"{name}: {role.value}", file=out)
        elif arguments.command == "unlock":
            name = _known(store, arguments.name)
            store.unlock(name)
            print(f"unlocked / đã mở khóa: {name}", file=out)
        elif arguments.command == "disable":
            name = _known(store, arguments.name)
            store.disable(name)
            print(f"disabled / đã vô hiệu hóa: {name}", file=out)
        elif arguments.command == "passwd":
            name = _known(store, arguments.name)
            accounts.set_password(store, name, password=_password(arguments.password_stdin, stdin))
            print(f"password set / đã đặt mật khẩu: {name}", file=out)
    except UserInputError as error:
        print(f"python -m access: {error.message('vi')}\n  {error.message('en')}", file=sys.stderr)
        return BAD_INPUT
    except (BorderAtlasError, OSError) as error:
        print(f"python -m access: {error}", file=sys.stderr)
        return 1
    return 0
