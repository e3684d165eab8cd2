"""Bad-input cases for text (see :mod:`tests.bad_input`)."""

from __future__ import annotations

from tests.bad_input import Case

CASES: list[Case] = []
