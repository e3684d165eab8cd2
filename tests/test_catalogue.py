"""The data catalogue: every input listed, checked, and a broken one named clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo import settings
from geo.catalogue import Catalogue, sha256_of
from geo.errors import DataFileError
from layers.registry import build_atlas


def test_every_catalogue_file_exists_with_its_checksum(catalogue: Catalogue) -> None:
    for key, entry in catalogue.entries.items():
        assert entry.licence and entry.description, key
        assert catalogue.path(key) == catalogue.data_dir / entry.path


def test_altered_file_names_file_location_and_fix(bundle_copy: Path) -> None:
    target = bundle_copy / "boundaries" / "communes_2025.geojson"
    content = target.read_bytes()
    target.unlink()
    target.write_bytes(content[:-100])
    catalogue = Catalogue.load(data_dir=bundle_copy)
    with pytest.raises(DataFileError) as raised:
        catalogue.path("communes_2025")
    message = str(raised.value)
    assert "boundaries/communes_2025.geojson" in message
    assert str(target) in message
    assert "BORDER_ATLAS_DATA" in message and "altered" in message
    assert sha256_of(target) in message


def test_missing_file_is_reported(bundle_copy: Path) -> None:
    (bundle_copy / "points" / "border_gates.csv").unlink()
    with pytest.raises(DataFileError, match=r"missing: expected at .*border_gates\.csv"):
        Catalogue.load(data_dir=bundle_copy).path("border_gates")


def test_broken_input_makes_only_its_layers_unavailable(bundle_copy: Path) -> None:
    target = bundle_copy / "points" / "border_gates.csv"
    target.unlink()
    target.write_text("id,name\nbroken,row\n", encoding="utf-8")
    atlas = build_atlas(catalogue=Catalogue.load(data_dir=bundle_copy))
    assert "gates" in atlas.errors and "border_gates.csv" in atlas.errors["gates"]
    assert "markers" in atlas.errors  # it stands on the gates
    assert len(atlas.get("communes_2025")) == 27
    assert len(atlas.get("border")) == 3
    with pytest.raises(KeyError, match="unavailable"):
        atlas.get("gates")


def test_a_file_in_another_crs_is_refused_not_relabelled(bundle_copy: Path, tmp_path: Path) -> None:
    catalogue = Catalogue.load(data_dir=bundle_copy)
    target = bundle_copy / catalogue.entry("rivers").path
    catalogue.read_vector("rivers").to_crs("EPSG:3857").to_file(target, driver="GeoJSON")
    lines = settings.CATALOGUE_FILE.read_text(encoding="utf-8").splitlines()
    old = catalogue.entry("rivers").sha256
    listing = tmp_path / "catalogue.csv"
    listing.write_text(
        "\n".join(line.replace(old, sha256_of(target)) for line in lines), encoding="utf-8"
    )
    moved = Catalogue.load(data_dir=bundle_copy, catalogue_file=listing)
    with pytest.raises(DataFileError, match=r"network/rivers\.geojson.*EPSG:3857.*EPSG:4326"):
        moved.read_vector("rivers")
