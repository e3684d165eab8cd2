"""The catalogue of inputs: which bundle files the app reads, their checksums and licences.

The catalogue lives in ``data/catalogue.csv``. Files are read from the data directory
(:func:`geo.settings.data_dir`). :meth:`Catalogue.path` checks a file's SHA-256 before handing
out its path, so an altered or truncated input never reaches a layer silently.

Examples
--------
>>> catalogue = Catalogue.load()
>>> "communes_2025" in catalogue.keys()
True
>>> catalogue.read_vector("border_line").crs.to_string()
'EPSG:4326'
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
from pyproj import CRS

from geo import settings
from geo.errors import DataFileError
from geo.vocabulary import WGS84


@dataclass(frozen=True)
class CatalogueEntry:
    """One input file: its key, path inside the data directory, checksum and licence."""

    key: str
    path: str
    sha256: str
    licence: str
    description: str


def sha256_of(path: Path) -> str:
    """Return the hexadecimal SHA-256 of the file at ``path``."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Catalogue:
    """The inputs of the app, bound to one data directory."""

    data_dir: Path
    entries: dict[str, CatalogueEntry]
    _verified: dict[str, Path] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, *, data_dir: Path | None = None, catalogue_file: Path | None = None) -> Catalogue:
        """Read the catalogue file; files themselves are checked lazily by :meth:`path`."""
        source = catalogue_file or settings.CATALOGUE_FILE
        with source.open(encoding="utf-8", newline="") as stream:
            entries = {row["key"]: CatalogueEntry(**row) for row in csv.DictReader(stream)}
        return cls(data_dir=data_dir or settings.data_dir(), entries=entries)

    def keys(self) -> list[str]:
        return list(self.entries)

    def entry(self, key: str) -> CatalogueEntry:
        try:
            return self.entries[key]
        except KeyError:
            raise DataFileError(
                f"'{key}' is not in the data catalogue {settings.CATALOGUE_FILE}; "
                f"known keys: {', '.join(self.entries)}"
            ) from None

    def path(self, key: str) -> Path:
        """Return the verified path of input ``key``.

        Raises
        ------
        DataFileError
            When the file is missing or its SHA-256 differs from the catalogue; the message
            names the file, where it was expected and how to fix it.
        """
        if key in self._verified:
            return self._verified[key]
        entry = self.entry(key)
        path = self.data_dir / entry.path
        fix = (
            f"Point {settings.DATA_DIR_ENV} at the Border Atlas data bundle "
            f"(e.g. `export {settings.DATA_DIR_ENV}=../shared/data`, which `make run` does) "
            f"and restore the original file."
        )
        if not path.is_file():
            raise DataFileError(
                f"Input '{entry.path}' ({entry.description}) is missing: expected at {path}. {fix}"
            )
        actual = sha256_of(path)
        if actual != entry.sha256:
            raise DataFileError(
                f"Input '{entry.path}' at {path} has been altered: its SHA-256 is {actual}, the "
                f"catalogue expects {entry.sha256}. {fix} If the new file is intended, update "
                f"its checksum in data/catalogue.csv and say why in the commit."
            )
        self._verified[key] = path
        return path

    def read_vector(
        self, key: str, *, crs: str = WGS84, ignore_geometry: bool = False
    ) -> gpd.GeoDataFrame:
        """Read the vector file ``key`` and check that it is in ``crs``.

        A file in another CRS, or with none, is refused rather than relabelled: the error names
        the file, the CRS it has and the one expected.

        Raises
        ------
        DataFileError
            When the file is missing, altered (see :meth:`path`) or in another CRS.
        """
        path = self.path(key)
        if ignore_geometry:
            return gpd.read_file(path, ignore_geometry=True)
        frame = gpd.read_file(path)
        expected = CRS.from_user_input(crs)
        if frame.crs is None or not CRS.from_user_input(frame.crs).equals(
            expected, ignore_axis_order=True
        ):
            raise DataFileError(
                f"Input '{self.entry(key).path}' is in CRS {frame.crs}, but Border Atlas reads it "
                f"as {crs}: restore the original file from the data bundle, or reproject it to "
                f"{crs} and update its checksum in data/catalogue.csv."
            )
        return frame.set_crs(expected, allow_override=True)
