"""Cited facts (``facts_cited.csv``) joined with their project-authored classification.

``data/facts_map.csv`` classifies every row of the bundle's ``facts_cited.csv``: its category,
the indicator it gives (when it is a map-able number), the unit it is about (GSO commune codes
of one edition, a district or a province name) and, for sites, the site's name. Rows are matched
by ``fact_key``, the first 12 hex digits of the SHA-1 of ``area|indicator|value|source_url``,
so the classification survives re-ordering of the facts file; any fact without a
classification, or a classification pointing at no fact, is an error.

Examples
--------
>>> from geo.catalogue import Catalogue
>>> facts = load_facts(catalogue=Catalogue.load())
>>> facts.loc[facts["row"] == 2, ["unit_codes", "indicator_key", "value"]].iloc[0].tolist()
['Kỳ Sơn', 'poverty_rate_pct', '42.21']
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from geo import settings
from geo.catalogue import Catalogue
from geo.errors import DataFileError

FACTS_MAP_FILE = settings.PROJECT_DATA_DIR / "facts_map.csv"
"""The project-authored classification of the cited facts."""

FACT_COLUMNS = (
    "area",
    "indicator",
    "value",
    "unit",
    "year",
    "source_url",
    "source_date",
    "quote",
    "source_title",
    "source_outlet",
)
MAP_COLUMNS = (
    "row",
    "fact_key",
    "category",
    "indicator_key",
    "unit_level",
    "unit_codes",
    "site_name",
    "standard",
    "comment",
)

CATEGORIES = frozenset(
    {
        "poverty",
        "income",
        "forest",
        "population",
        "area",
        "border",
        "marker",
        "landslide_event",
        "flood_event",
        "landslide_hotspots",
        "erosion",
        "site",
        "ntm",
        "economy",
        "admin",
        "context",
    }
)
UNIT_LEVELS = frozenset(
    {"commune_2025", "commune_2024", "district", "province", "multi_commune", "site"}
)
STANDARDS = frozenset({"", "old", "multidimensional", "unknown"})
DISTRICTS = ("Quan Sơn", "Kỳ Sơn", "Hướng Hóa")
PROVINCES = ("Thanh Hóa", "Nghệ An", "Quảng Trị")

EDITION_OF_LEVEL = {"commune_2024": "2024", "multi_commune": "2024", "commune_2025": "2025"}
"""Edition of the GSO codes in ``unit_codes`` for the commune levels (events naming several
old communes use 2024 codes)."""


def fact_key(*, area: str, indicator: str, value: str, source_url: str) -> str:
    """Return the 12-hex-digit key of one fact (SHA-1 of ``area|indicator|value|source_url``).

    Examples
    --------
    >>> fact_key(area="a", indicator="b", value="1", source_url="u")
    'c64326c2504a'
    """
    text = "|".join([area, indicator, value, source_url])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def citation(fact: dict[str, str]) -> str:
    """A source a person can follow: the link, or else headline, outlet and date.

    Examples
    --------
    >>> citation({"source_url": "https://example.vn/a", "source_title": "T"})
    'https://example.vn/a'
    >>> citation({"source_url": "", "source_title": "Kết luận", "source_outlet": "không rõ",
    ...           "source_date": "2019-10-24"})
    'Kết luận — không rõ, 2019-10-24'
    """
    url = fact.get("source_url", "").strip()
    if url:
        return url
    parts = [fact.get(key, "").strip() for key in ("source_outlet", "source_date")]
    where = ", ".join(part for part in parts if part)
    title = fact.get("source_title", "").strip()
    return " — ".join(part for part in (title, where) if part)


def _read_csv(path: Path, columns: tuple[str, ...], what: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise DataFileError(f"Cannot read {what} at {path}: {error}") from error
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise DataFileError(f"{what} at {path} lacks columns {missing}; expected {list(columns)}.")
    return frame


def read_facts(*, catalogue: Catalogue) -> pd.DataFrame:
    """Return ``facts_cited.csv`` as strings, with ``row`` (1-based) and ``fact_key`` added."""
    facts = _read_csv(catalogue.path("facts"), FACT_COLUMNS, "The cited facts file")
    facts.insert(0, "row", range(1, len(facts) + 1))
    facts["fact_key"] = [
        fact_key(area=a, indicator=i, value=v, source_url=u)
        for a, i, v, u in zip(
            facts["area"], facts["indicator"], facts["value"], facts["source_url"], strict=True
        )
    ]
    facts["citation"] = [citation(fact) for fact in facts.to_dict("records")]
    duplicated = facts[facts["fact_key"].duplicated(keep=False)]
    if len(duplicated):
        raise DataFileError(
            f"facts_cited.csv rows {duplicated['row'].tolist()} repeat the same area, indicator, "
            "value and source_url, so they cannot be told apart: remove the duplicate rows."
        )
    return facts


def read_facts_map(*, map_file: Path | None = None) -> pd.DataFrame:
    """Return ``data/facts_map.csv`` as strings, checked against the vocabularies."""
    path = map_file or FACTS_MAP_FILE
    if not path.is_file():
        raise DataFileError(
            f"The facts classification {path} is missing: restore data/facts_map.csv from "
            "the repository."
        )
    mapping = _read_csv(path, MAP_COLUMNS, "The facts classification")
    problems: list[str] = []
    for column, allowed in (
        ("category", CATEGORIES),
        ("unit_level", UNIT_LEVELS),
        ("standard", STANDARDS),
    ):
        bad = mapping[~mapping[column].isin(allowed)]
        for _, line in bad.iterrows():
            problems.append(
                f"line for row {line['row']} ({line['fact_key']}) has {column} "
                f"{line[column]!r}; allowed: {sorted(allowed)}"
            )
    sites = mapping[(mapping["category"] == "site") & (mapping["site_name"].str.strip() == "")]
    problems += [f"site row {r} has no site_name" for r in sites["row"]]
    repeated = mapping[mapping["fact_key"].duplicated(keep=False)]
    problems += [f"fact_key {k} is classified twice" for k in repeated["fact_key"].unique()]
    if problems:
        raise DataFileError(f"{path} is not valid: " + "; ".join(problems) + ".")
    return mapping


def load_facts(*, catalogue: Catalogue, map_file: Path | None = None) -> pd.DataFrame:
    """Return every cited fact with its classification.

    Parameters
    ----------
    catalogue
        The data catalogue (key ``facts``).
    map_file
        The classification to use; defaults to ``data/facts_map.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per fact: ``row`` (current 1-based row in ``facts_cited.csv``), ``fact_key``,
        the eight fact columns and ``category``, ``indicator_key``, ``unit_level``,
        ``unit_codes``, ``site_name``, ``standard``, ``comment``. All are strings but ``row``.

    Raises
    ------
    DataFileError
        When a fact has no classification or a classification points at no fact; the
        message names the row or key and how to fix it.
    """
    facts = read_facts(catalogue=catalogue)
    mapping = read_facts_map(map_file=map_file)
    unclassified = facts[~facts["fact_key"].isin(mapping["fact_key"])]
    orphans = mapping[~mapping["fact_key"].isin(facts["fact_key"])]
    problems: list[str] = []
    for _, fact in unclassified.iterrows():
        problems.append(
            f"facts_cited.csv row {fact['row']} ({fact['area']} / {fact['indicator']} = "
            f"{fact['value']!r}) has no classification: add a line with fact_key "
            f"{fact['fact_key']} to data/facts_map.csv"
        )
    for _, line in orphans.iterrows():
        problems.append(
            f"data/facts_map.csv line for row {line['row']} has fact_key {line['fact_key']}, "
            "which matches no fact (the fact's area, indicator, value or source_url changed, "
            "or it was removed): update or delete that line"
        )
    if problems:
        raise DataFileError(
            "The cited facts and their classification disagree: " + "; ".join(problems) + "."
        )
    joined = facts.merge(mapping.drop(columns="row"), on="fact_key", how="left", validate="1:1")
    return joined.sort_values("row", ignore_index=True)


def facts_about(
    *, catalogue: Catalogue, categories: Iterable[str], map_file: Path | None = None
) -> pd.DataFrame:
    """Return the facts of ``categories`` placed at communes, one row per (fact, commune).

    Facts about a district or a province are left out (see :func:`load_facts`). ``code`` is
    the GSO code of the commune and ``edition`` (``"2024"`` or ``"2025"``, as in the communes
    layer) says which edition the code belongs to: codes were reused across the 2025 merger
    (2024 code 16849 is Hữu Lập, 2025 code 16849 is the merged Hữu Kiệm).

    Examples
    --------
    >>> sites = facts_about(catalogue=Catalogue.load(), categories=["site"])
    >>> bo_cung = sites["site_name"] == "Động Bo Cúng"
    >>> sites.loc[bo_cung, ["code", "edition"]].iloc[0].tolist()
    ['15010', '2024']
    """
    wanted = set(categories)
    unknown = wanted - CATEGORIES
    if unknown:
        raise ValueError(f"Unknown categories {sorted(unknown)}; known: {sorted(CATEGORIES)}")
    facts = load_facts(catalogue=catalogue, map_file=map_file)
    facts = facts[facts["category"].isin(wanted) & facts["unit_level"].isin(EDITION_OF_LEVEL)]
    facts = facts.assign(
        code=facts["unit_codes"].str.split(";"),
        edition=facts["unit_level"].map(EDITION_OF_LEVEL),
    ).explode("code")
    facts["code"] = facts["code"].str.strip()
    return facts[facts["code"] != ""].reset_index(drop=True)
