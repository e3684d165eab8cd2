"""The built layers kept on disk: reused on the next start when inputs and code match; a
damaged, stale or incomplete cache is never shown."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo import settings
from geo.catalogue import Catalogue
from layers import build_cache
from layers.registry import Atlas


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the real builds :func:`layers.build_cache.load_or_build` runs."""
    calls: list[int] = []
    real = build_cache.build_atlas

    def counted(*, catalogue: Catalogue) -> Atlas:
        calls.append(1)
        return real(catalogue=catalogue)

    monkeypatch.setattr(build_cache, "build_atlas", counted)
    return calls


def _files(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


def _same(left: Atlas, right: Atlas) -> None:
    assert left.layers.keys() == right.layers.keys() and left.errors == right.errors
    for name, layer in left.layers.items():
        pd.testing.assert_frame_equal(layer, right.layers[name])
        assert layer.attrs == right.layers[name].attrs
        assert getattr(layer, "crs", None) == getattr(right.layers[name], "crs", None)


def test_a_restart_reads_the_layers_it_built(
    tmp_path: Path, builds: list[int], atlas: Atlas
) -> None:
    first = build_cache.load_or_build(catalogue=Catalogue.load(), directory=tmp_path)
    assert len(builds) == 1
    [name] = _files(tmp_path)
    assert name == f"atlas-{build_cache.cache_key(Catalogue.load())}.pickle"
    again = build_cache.load_or_build(catalogue=Catalogue.load(), directory=tmp_path)
    assert len(builds) == 1  # read, not built
    _same(again, first)
    _same(again, atlas)  # the same layers as a build without any cache


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"code": ["a", "b"], "value": [1.5, 2.5]})


@pytest.fixture
def makes() -> list[int]:
    return []


def _load(directory: Path | None, makes: list[int], catalogue: Catalogue | None = None):
    def make() -> pd.DataFrame:
        makes.append(1)
        return _frame()

    return build_cache.load_or_make(
        "frame",
        catalogue=catalogue or Catalogue.load(),
        make=make,
        kind=pd.DataFrame,
        directory=directory,
    )


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # truncated
        lambda blob: blob[:-10] + bytes(10),  # a changed tail
        lambda blob: b"not a cache" + blob,
        lambda blob: b"",
    ],
)
def test_a_damaged_cache_is_made_again_never_shown(
    tmp_path: Path, makes: list[int], damage
) -> None:
    _load(tmp_path, makes)
    [path] = tmp_path.iterdir()
    path.write_bytes(damage(path.read_bytes()))
    pd.testing.assert_frame_equal(_load(tmp_path, makes), _frame())
    assert len(makes) == 2
    assert build_cache.read(path, kind=pd.DataFrame) is not None  # written again, sound
    _load(tmp_path, makes)
    assert len(makes) == 2


def test_a_sound_file_holding_something_else_is_not_shown(tmp_path: Path) -> None:
    path = tmp_path / "atlas-x.pickle"
    build_cache.write(path, {"not": "an atlas"})
    assert build_cache.read(path, kind=Atlas) is None
    assert not path.exists()


def test_another_key_makes_again_and_the_old_file_goes(
    tmp_path: Path, makes: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _load(tmp_path, makes)
    build_cache.write(tmp_path / "other-x.pickle", 1)  # another name is left alone
    before = _files(tmp_path)
    monkeypatch.setattr(build_cache, "CACHE_FORMAT", build_cache.CACHE_FORMAT + 1)
    _load(tmp_path, makes)
    assert len(makes) == 2
    after = _files(tmp_path)
    assert len(after) == 2 and "other-x.pickle" in after and after != before


def test_the_key_covers_inputs_code_and_libraries(
    bundle_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    key = build_cache.cache_key(Catalogue.load())
    assert build_cache.cache_key(Catalogue.load(data_dir=bundle_copy)) == key  # same bytes
    target = bundle_copy / "points" / "border_gates.csv"
    target.unlink()
    target.write_text("broken\n", encoding="utf-8")
    assert build_cache.cache_key(Catalogue.load(data_dir=bundle_copy)) != key
    code = tmp_path / "project"
    for package in (*build_cache.CODE_PACKAGES, "data"):
        (code / package).mkdir(parents=True)
    (code / "layers" / "x.py").write_text("A = 1\n")
    monkeypatch.setattr(settings, "PROJECT_DIR", code)
    monkeypatch.setattr(settings, "PROJECT_DATA_DIR", code / "data")
    first = build_cache.cache_key(Catalogue.load())
    (code / "layers" / "x.py").write_text("A = 2\n")
    assert build_cache.cache_key(Catalogue.load()) != first
    (code / "data" / "placements.csv").write_text("a\n")
    second = build_cache.cache_key(Catalogue.load())
    (code / "data" / "placements.csv").write_text("b\n")
    third = build_cache.cache_key(Catalogue.load())
    assert third != second
    monkeypatch.setattr(build_cache.metadata, "version", lambda name: "0.0")
    assert build_cache.cache_key(Catalogue.load()) != third


def test_a_broken_input_is_reported_as_without_a_cache(
    bundle_copy: Path, tmp_path: Path, builds: list[int], makes: list[int]
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    _load(cache, makes, Catalogue.load(data_dir=bundle_copy))
    target = bundle_copy / "points" / "border_gates.csv"
    target.unlink()
    target.write_text("broken\n", encoding="utf-8")
    broken = Catalogue.load(data_dir=bundle_copy)
    _load(cache, makes, broken)
    assert len(makes) == 2  # what was made from the sound input is not reused
    atlas = build_cache.load_or_build(catalogue=broken, directory=cache)
    assert "gates" in atlas.errors and "border_gates.csv" in atlas.errors["gates"]
    assert not [name for name in _files(cache) if name.startswith("atlas-")]  # not kept


def test_the_cache_can_be_switched_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, makes: list[int]
) -> None:
    monkeypatch.setenv(settings.USER_DIR_ENV, str(tmp_path / "user"))
    monkeypatch.delenv(settings.CACHE_DIR_ENV, raising=False)
    assert settings.cache_dir() == tmp_path / "user" / "cache"
    _load(None, makes)
    _load(None, makes)
    assert len(makes) == 1
    monkeypatch.setenv(settings.CACHE_DIR_ENV, "off")
    assert settings.cache_dir() is None
    _load(None, makes)
    _load(None, makes)
    assert len(makes) == 3


def test_an_unwritable_cache_costs_time_only(
    tmp_path: Path, makes: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, value: object) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(build_cache, "write", refuse)
    pd.testing.assert_frame_equal(_load(tmp_path, makes), _frame())
    assert _files(tmp_path) == []
