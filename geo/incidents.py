"""Failures users must not see the inside of: logged on the server in full, shown by a short id.

A traceback, an SQL statement, a library's English or a server path never reaches a page; the
page shows message ``incident.shown`` with the id that :func:`record` returns, and the server
log holds the id with the whole story, so an administrator can find it.

Examples
--------
>>> try:
...     open("/no/such/file")
... except OSError as error:
...     code = record(error, where="doctest")
>>> len(code), code.isalnum()
(8, True)
>>> "/no/such" in shown(code, "en")
False
"""

from __future__ import annotations

import logging
import secrets

from i18n.messages import message

log = logging.getLogger("border_atlas.incidents")


def record(error: BaseException, *, where: str) -> str:
    """Log ``error`` with its traceback under a new id; return the id (8 letters and digits)."""
    code = secrets.token_hex(4)
    log.error("incident %s in %s: %r", code, where, error, exc_info=error)
    return code


def shown(code: str, lang: str) -> str:
    """What a page says about incident ``code``, in ``lang``."""
    return message("incident.shown", lang, id=code)
