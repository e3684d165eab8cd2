"""The bad-input corpus (:mod:`tests.bad_input`): every case handled as expected.

Each case is its own test, so a failure names it; the last test runs them all once more and
prints the tally the issue asks for (``N cases, N handled as expected``).
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from tests.bad_input import Case, coords, files, layers, tables, text
from userdata.store import Store

CORPUS: list[Case] = [*files.CASES, *tables.CASES, *layers.CASES, *coords.CASES, *text.CASES]


def _run(case: Case, *, atlas, tmp_path: Path) -> None:
    wanted = inspect.signature(case.check).parameters
    offered = {"atlas": atlas, "store": Store(tmp_path / f"{case.name}.sqlite3")}
    case.check(**{name: offered[name] for name in wanted})


def test_case_names_are_unique() -> None:
    names = [case.name for case in CORPUS]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("case", CORPUS, ids=lambda case: case.name)
def test_case(case: Case, atlas, tmp_path: Path) -> None:
    _run(case, atlas=atlas, tmp_path=tmp_path)


def test_corpus_tally(atlas, tmp_path: Path, capsys) -> None:
    failed: list[str] = []
    for case in CORPUS:
        try:
            _run(case, atlas=atlas, tmp_path=tmp_path)
        except AssertionError as error:
            failed.append(f"{case.name}: {error}")
    handled = len(CORPUS) - len(failed)
    with capsys.disabled():
        print(f"\nbad-input corpus: {len(CORPUS)} cases, {handled} handled as expected")
    assert not failed, failed
