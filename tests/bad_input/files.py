"""Bad-input cases for reading table files (see :mod:`tests.bad_input`)."""

from __future__ import annotations

from tests.bad_input import Case

CASES: list[Case] = []
