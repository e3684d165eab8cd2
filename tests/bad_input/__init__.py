"""The bad-input corpus: hostile or messy files and typed values, each with its expected outcome.

Cases are generated here by code (no committed binaries): one module per part of the import
path, each with a ``CASES`` list (``files``: reading table files; ``tables``: values and names;
``layers``; ``coords``; ``text``: text shown as text, formulas). A case runs the same functions the
page calls and raises ``AssertionError`` when the outcome is not the expected one;
``tests/test_bad_input.py`` runs every case and reports ``N cases, N handled as expected``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    """One bad input: ``name`` (unique, short), what it is, what must happen, and the check.

    ``check`` builds the input, calls the functions the page calls, and asserts the outcome
    (e.g. refused with message key ``upload.rate_range`` in both languages, or accepted with a
    warning). It gets the session's ``atlas`` (the built layers) and a fresh ``Store``.
    """

    name: str
    what: str
    expected: str
    check: Callable[..., None]
