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
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from geo import settings
from geo.catalogue import Catalogue
from geo.citations import format_citation, is_mirror, outlet_name, stated_date, stated_origin
from geo.errors import DataFileError
from geo.vocabulary import POVERTY_STANDARDS
from i18n.messages import both_languages, message
from i18n.numbers import format_number

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
        "warning",
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
STANDARDS = frozenset({"", *POVERTY_STANDARDS})
"""Allowed ``standard`` values: a poverty standard of :data:`geo.vocabulary.POVERTY_STANDARDS`
for poverty figures, "" for everything else."""
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


def source_fields(fact: Mapping[str, str]) -> dict[str, object]:
    """The parts of a fact's source, for pages that show them separately.

    Returns ``source_outlet`` (publisher or host, "" if unknown), ``source_title``,
    ``source_date`` (``dd/mm/yyyy``, ``mm/yyyy`` or "" when not stated), ``source_link`` (the
    URL or ""), ``source_mirror`` (the page is a copy: mirror, web proxy, re-host) and
    ``source_origin`` (the original a copy says it quotes, or "").

    Examples
    --------
    >>> fields = source_fields({"source_url": "https://123docz.net/a", "source_outlet":
    ...     "123docz.net", "source_date": "not stated (thesis citing Niên giám 2017)"})
    >>> fields["source_mirror"], fields["source_origin"], fields["source_date"]
    (True, 'Niên giám 2017', '')
    """
    url = str(fact.get("source_url", "") or "").strip()
    outlet = str(fact.get("source_outlet", "") or "")
    title = str(fact.get("source_title", "") or "").strip()
    date = str(fact.get("source_date", "") or "")
    return {
        "source_outlet": outlet_name(outlet, url),
        "source_title": title,
        "source_date": stated_date(date),
        "source_link": url,
        "source_mirror": is_mirror(outlet=outlet, url=url),
        "source_origin": stated_origin(date, title),
    }


_NOT_STATED = re.compile(r"^not stated\b", flags=re.IGNORECASE)
"""The bundle's English words for a year the source does not give, shown in the page's language."""
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def latest_source_date(facts: pd.DataFrame) -> str:
    """The newest date a cited source states, as written there (``dd/mm/yyyy`` or ``mm/yyyy``),
    or "" when no source states one. Undated sources are left out, never guessed.

    Examples
    --------
    >>> latest_source_date(pd.DataFrame({"source_date": ["2024-07", "2021-11-20", "not stated"]}))
    '07/2024'
    >>> latest_source_date(pd.DataFrame({"source_date": ["not stated"]}))
    ''
    """
    dated = [
        (int(m[1]), int(m[2]), int(m[3] or 0), text)
        for text in facts.get("source_date", pd.Series(dtype=str)).astype(str).str.strip()
        if (m := _ISO_DATE.match(text))
    ]
    return stated_date(max(dated)[3]) if dated else ""


def citation(fact: Mapping[str, str], *, lang: str | None = None) -> str:
    """A source a person can follow: outlet, headline, date and link, or "unknown" for each.

    A copy (mirror, web proxy, re-hosted document) is flagged "bản sao, cần kiểm chứng /
    mirror, verify"; with ``lang`` ``None`` the fixed words are in both languages.

    Examples
    --------
    >>> citation({"source_url": "https://example.vn/a", "source_title": "T",
    ...           "source_outlet": "example.vn", "source_date": "2024-07"}, lang="en")
    'example.vn: “T”, 07/2024 — https://example.vn/a'
    >>> citation({"source_url": "", "source_title": "Kết luận",
    ...           "source_outlet": "không rõ / unknown", "source_date": "2019-10-24"})
    'không rõ / unknown: “Kết luận”, 24/10/2019 — không có đường dẫn / no link'
    """
    fields = source_fields(fact)
    return format_citation(
        outlet=str(fields["source_outlet"]),
        title=str(fields["source_title"]),
        date=str(fields["source_date"]),
        link=str(fields["source_link"]),
        mirror=bool(fields["source_mirror"]),
        origin=str(fields["source_origin"]),
        lang=lang,
    )


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
    records = facts.to_dict("records")
    facts["citation"] = [citation(fact) for fact in records]
    fields = pd.DataFrame([source_fields(fact) for fact in records], index=facts.index)
    facts["source_link"] = fields["source_link"]
    facts["source_mirror"] = fields["source_mirror"].astype(bool)
    facts["source_origin"] = fields["source_origin"]
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
        the fact columns, ``citation`` (:func:`citation`), ``source_link``, ``source_mirror``
        (bool), ``source_origin`` (:func:`source_fields`) and ``category``,
        ``indicator_key``, ``unit_level``, ``unit_codes``, ``site_name``, ``standard``
        (:data:`STANDARDS`), ``comment``. All are strings but ``row`` and ``source_mirror``.

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


FACT_LEVELS = ("commune", "former_commune", "former_district")
"""Whose fact :func:`facts_for_commune` lists: the commune's own (in either edition, when the
2025 merger left it whole), a pre-2025 commune merged into it, or its former district's."""
COMMUNE_FACT_COLUMNS = (
    "row",
    "fact_key",
    "level",
    "area",
    "category",
    "indicator",
    "figure",
    "year",
    "source",
    "source_link",
    "source_mirror",
    "quote",
)
_NO_UNIT_WORDS = frozenset({"", "status", "target"})


def district_name(text: object) -> str:
    """The former district's name without "Huyện": ``"Huyện Kỳ Sơn"`` → ``"Kỳ Sơn"``.

    Examples
    --------
    >>> district_name("Huyện Kỳ Sơn"), district_name("Quan Sơn")
    ('Kỳ Sơn', 'Quan Sơn')
    """
    return re.sub(r"^\s*huyện\s+", "", str(text), flags=re.IGNORECASE).strip()


def _codes_of(
    *, code: str, edition: str, crosswalk: pd.DataFrame | None
) -> dict[tuple[str, str], str]:
    """(edition, code) → level, for every commune code whose facts concern this commune."""
    codes = {(edition, code): "commune"}
    if crosswalk is None:
        return codes
    pairs = crosswalk.astype({"code_2024": str, "code_2025": str})
    if edition == "2025":
        old = pairs.loc[pairs["code_2025"] == code, "code_2024"]
        whole = len(old) == 1 and (pairs["code_2024"] == old.iloc[0]).sum() == 1
        for old_code in old:
            codes[("2024", old_code)] = "commune" if whole else "former_commune"
    else:
        new = pairs.loc[pairs["code_2024"] == code, "code_2025"]
        if len(new) == 1 and (pairs["code_2025"] == new.iloc[0]).sum() == 1:
            codes[("2025", new.iloc[0])] = "commune"
    return codes


_PLAIN_NUMBER = re.compile(r"^\d+(?:\.(\d+))?$")


def _stated_number(value: object, lang: str | None) -> str:
    """A fact's value as the page's language writes it when it is a plain number (the bundle
    writes ``30.02``; Vietnamese reads ``30,02``); any other wording stays as stated.

    Examples
    --------
    >>> _stated_number("30.02", "vi"), _stated_number("30.02", "en")
    ('30,02', '30.02')
    >>> _stated_number("hơn 6.915", "vi")
    'hơn 6.915'
    """
    text = str(value).strip()
    match = _PLAIN_NUMBER.match(text)
    if lang is None or match is None:
        return text
    return format_number(float(text), lang=lang, decimals=len(match[1] or ""))


def facts_for_commune(
    facts: pd.DataFrame,
    *,
    code: str,
    edition: str,
    former_district: str,
    crosswalk: pd.DataFrame | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Every cited fact about one commune and, marked as such, about its former district.

    Parameters
    ----------
    facts
        :func:`load_facts`.
    code, edition
        The commune (GSO code of the ``"2024"`` or ``"2025"`` edition).
    former_district
        ``"Quan Sơn"``, ``"Kỳ Sơn"`` or ``"Hướng Hóa"`` (a ``"Huyện "`` prefix is ignored).
    crosswalk
        The 2024→2025 crosswalk (``code_2024``, ``code_2025``): with it, a commune the 2025
        merger left whole gets its facts of both editions, and a 2025 commune those of the
        pre-2025 communes merged into it (level ``former_commune``).
    lang
        Language of the citation's fixed words; ``None``: both.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COMMUNE_FACT_COLUMNS`: ``level`` (:data:`FACT_LEVELS`), ``area`` and
        ``indicator`` as recorded, ``figure`` (value and unit as stated, qualifiers kept),
        ``year`` as stated ("không nêu năm / year not stated" when blank), ``source`` (a
        citation a person can follow), ``source_link``, ``source_mirror`` (the page is a copy:
        verify), ``category`` and ``quote``. Events
        naming several communes are listed for each of them. Own facts first, then the
        merged communes', then the district's; by row within each.

    Examples
    --------
    >>> facts = load_facts(catalogue=Catalogue.load())
    >>> son_dien = facts_for_commune(facts, code="15022", edition="2025",
    ...                              former_district="Quan Sơn")
    >>> sorted(set(son_dien["level"]))
    ['commune', 'former_district']
    """
    district = district_name(former_district)
    codes = _codes_of(code=str(code), edition=str(edition), crosswalk=crosswalk)
    levels: list[str] = []
    for unit_level, unit_codes in zip(facts["unit_level"], facts["unit_codes"], strict=True):
        level = ""
        if unit_level in EDITION_OF_LEVEL:
            unit_edition = EDITION_OF_LEVEL[unit_level]
            found = [
                codes[(unit_edition, c.strip())]
                for c in str(unit_codes).split(";")
                if (unit_edition, c.strip()) in codes
            ]
            level = "commune" if "commune" in found else (found[0] if found else "")
        elif unit_level == "district" and str(unit_codes).strip() == district:
            level = "former_district"
        levels.append(level)
    chosen = facts.assign(level=levels)
    chosen = chosen[chosen["level"] != ""].copy()
    chosen["figure"] = [
        _stated_number(value, lang)
        if unit.strip().lower() in _NO_UNIT_WORDS
        else f"{_stated_number(value, lang)} {unit}".strip()
        for value, unit in zip(chosen["value"], chosen["unit"], strict=True)
    ]
    not_stated = (
        both_languages("provenance.year_not_stated")
        if lang is None
        else message("provenance.year_not_stated", lang)
    )
    chosen["year"] = [
        _NOT_STATED.sub(not_stated, str(year).strip()) or not_stated for year in chosen["year"]
    ]
    records = chosen.to_dict("records")
    chosen["source"] = [citation(fact, lang=lang) for fact in records]
    chosen["source_link"] = [str(fact.get("source_url", "")).strip() for fact in records]
    chosen["source_mirror"] = [bool(source_fields(fact)["source_mirror"]) for fact in records]
    chosen["order"] = chosen["level"].map({level: i for i, level in enumerate(FACT_LEVELS)})
    chosen = chosen.sort_values(["order", "row"], kind="stable")
    result = pd.DataFrame(chosen[list(COMMUNE_FACT_COLUMNS)]).reset_index(drop=True)
    result["source_mirror"] = result["source_mirror"].astype(bool)
    return result
