"""Indicators per unit as one tidy table.

The table (:func:`build`) gathers every map-able number of the bundle with its provenance:

* every cited fact that ``data/facts_map.csv`` gives an ``indicator_key`` (poverty rates,
  income, forest cover, population, border length, hotspot counts ...), at the unit the fact
  is about: a commune of 2024 or 2025, a former district or a province;
* ``forest_share_esa_pct``: ESA CCI satellite land-cover forest share per former district,
  every year 1998–2020 (``forest_prop`` × 100). It is *not* the official forest-cover rate;
* ``population_modelled``: modelled yearly population per former district, 1998–2020;
* ``elevation_mean_m``: mean elevation per former district;
* ``poverty_rate_pct`` and ``income_per_capita_kvnd_month`` for 2023 for the provinces
  Thanh Hóa, Nghệ An and Quảng Trị as they were before 2025.

A value is never invented: fact values are the stated numbers (``">82"`` is stored as 82 with
"lower bound" in ``note``; ``"86.2 thousand"`` as 86,200), years are the stated years (NaN
with "year not stated" in ``note`` otherwise).

Which figure a commune shows (its own or its former district's, of which year) is decided in
:mod:`layers.commune_view`.

Examples
--------
>>> from geo.catalogue import Catalogue
>>> table = build(catalogue=Catalogue.load())  # doctest: +SKIP
>>> sorted(set(table["unit_level"]))  # doctest: +SKIP
['commune_2024', 'commune_2025', 'district', 'province']
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from geo.catalogue import Catalogue
from geo.errors import DataFileError, SchemaError
from geo.names import fold
from i18n.messages import message
from layers.facts import DISTRICTS, PROVINCES, load_facts, source_fields
from layers.schema import column_problems

COLUMNS: dict[str, str] = {
    "unit_code": "str",
    "unit_name": "str",
    "unit_level": "str",
    "indicator": "str",
    "value": "float",
    "unit_of_measure": "str",
    "year": "int",
    "source": "str",
    "quote": "str",
    "note": "str",
    "fact_key": "str",
    "standard": "str",
    "qualifier": "str",
    "estimate": "bool",
    "method": "str",
    "source_link": "str",
    "source_mirror": "bool",
    "source_origin": "str",
    "source_date": "str",
}
"""Columns of the indicators table and their kinds. ``year`` is a nullable integer (Int64):
missing for undated figures. ``fact_key`` links a row to the cited facts (empty for the
tabular inputs). ``source`` is a citation a person can follow (outlet, headline, date, link;
never a file path); ``source_link`` its URL ("" when there is none), ``source_mirror`` whether
the page is a copy (mirror, web proxy, re-host: verify), ``source_origin`` the original a copy
says it quotes, ``source_date`` the source's date (``dd/mm/yyyy``/``mm/yyyy``, "" if unknown).
``standard`` is the poverty standard of a poverty figure (:data:`geo.vocabulary.POVERTY_STANDARDS`,
"" for other indicators); ``qualifier`` how the source qualifies the number
(:data:`geo.vocabulary.VALUE_QUALIFIERS`: "trên 32" is ``lower_bound``), ``estimate`` whether the
source calls it an estimate ("ước đạt"); ``method`` how it was obtained
(:data:`geo.vocabulary.FIGURE_METHODS`)."""

UNIT_LEVELS = ("commune_2025", "commune_2024", "district", "province")
REQUIRED = ("unit_code", "unit_name", "unit_level", "indicator", "unit_of_measure", "source")

AREAIDS: dict[int, str] = {70263: "Quan Sơn", 70300: "Kỳ Sơn", 70346: "Hướng Hóa"}
"""``areaid`` of the former districts in the rorygibb/dengue_vietnam_ms covariates."""

COVARIATES_LINK = "https://github.com/rorygibb/dengue_vietnam_ms"
PROVINCE_LINK = "https://github.com/phnam05/vietnam-english-score-analysis"
ESA_SOURCE = "ESA CCI Land Cover, district shares by rorygibb/dengue_vietnam_ms (GitHub)"
MODELLED_SOURCE = "Modelled district population, rorygibb/dengue_vietnam_ms (GitHub)"
ELEVATION_SOURCE = "Mean elevation per district, rorygibb/dengue_vietnam_ms (GitHub)"
PROVINCE_SOURCE = (
    "GSO Statistical Yearbook 2023 (Niên giám thống kê 2023), "
    "via phnam05/vietnam-english-score-analysis (GitHub)"
)
"""Human citations of the tabular inputs (no file path: see :mod:`geo.citations`)."""
ESA_NOTE = (
    "ESA CCI satellite land-cover share of forest: not the official forest-cover rate "
    "(độ che phủ rừng)"
)
MODELLED_NOTE = "modelled between censuses, not a count"

_QUALIFIER_CODES = {
    ">": "lower_bound",
    "more than": "lower_bound",
    "over": "lower_bound",
    "nearly": "nearly",
    "about": "approximate",
    "~": "approximate",
}
_QUOTE_QUALIFIERS = {
    "trên": "lower_bound",
    "hơn": "lower_bound",
    "dưới": "upper_bound",
    "gần": "nearly",
    "khoảng": "approximate",
    "chừng": "approximate",
    "xấp xỉ": "approximate",
}
"""Vietnamese words before a number that qualify it ("ước đạt trên 32": over 32)."""
_QUALIFIER_NOTES = {
    "lower_bound": "lower bound",
    "nearly": "approximate",
    "approximate": "approximate",
}
"""How the indicators table's ``note`` words a qualifier code."""
_ESTIMATE = re.compile(r"(?<!\w)ước(?!\w)", flags=re.IGNORECASE)
_VALUE = re.compile(
    r"^(?P<qualifier>>|more than|over|nearly|about|~)?\s*"
    r"(?P<number>\d+(?:\.\d+)?)"
    r"(?P<thousand>\s+thousand)?"
    r"(?P<tail>\s*\(.*\)|\s+[^\d\s].*)?$",
    flags=re.IGNORECASE | re.DOTALL,
)


def parse_stated_value(text: str) -> tuple[float, str]:
    """Return the number a fact states and a note on how it was stated.

    Accepted: a plain number (``"42.21"``), a qualified one (``">82"``, ``"over 32"``,
    ``"nearly 7"``), a number in thousands (``"86.2 thousand"``) and a leading number
    followed by a description (``"11 (Mỹ Lý, ...)"``, ``"20 of 21 communes"``).

    Raises
    ------
    ValueError
        When ``text`` does not start with one number in one of these forms.

    Examples
    --------
    >>> parse_stated_value("42.21")
    (42.21, '')
    >>> parse_stated_value(">82")
    (82.0, "lower bound (stated as '>82')")
    >>> parse_stated_value("86.2 thousand")
    (86200.0, "stated as '86.2 thousand'")
    """
    stripped = text.strip()
    match = _VALUE.match(stripped)
    if match is None:
        raise ValueError(f"{text!r} is not a single stated number")
    value = float(match["number"])
    if match["thousand"]:
        value = float(match["number"]) * 1000
    if stripped == match["number"]:
        return value, ""
    qualifier = match["qualifier"]
    prefix = f"{_QUALIFIER_NOTES[_QUALIFIER_CODES[qualifier.lower()]]} " if qualifier else ""
    return value, f"{prefix}(stated as '{stripped}')" if prefix else f"stated as '{stripped}'"


def _vietnamese_forms(number: str) -> list[str]:
    whole, _, decimals = number.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    tail = f",{decimals}" if decimals else ""
    return list(dict.fromkeys([grouped + tail, whole + tail]))


def stated_qualifier(value: str, quote: str = "", year: str = "") -> tuple[str, bool]:
    """How the source qualifies a number, and whether it calls it an estimate.

    The qualifier (:data:`geo.vocabulary.VALUE_QUALIFIERS`) comes from the stated value
    (``">82"``, ``"over 32"``) or else from the words just before the number in the quote
    ("hơn 6.915", "trên 32"); "ước" (ước đạt, ước tính) before it, or "(est.)" in the year,
    make it an estimate.

    Examples
    --------
    >>> stated_qualifier("over 32", "thu nhập bình quân đầu người ước đạt trên 32 triệu đồng")
    ('lower_bound', True)
    >>> stated_qualifier("6915", "Đến năm 2020, còn hơn 6.915 hộ, chiếm 42,21%")
    ('lower_bound', False)
    >>> stated_qualifier("42.21", "Đến năm 2020, còn hơn 6.915 hộ, chiếm 42,21%")
    ('', False)
    """
    match = _VALUE.match(value.strip())
    qualifier = _QUALIFIER_CODES[match["qualifier"].lower()] if match and match["qualifier"] else ""
    estimate = bool(re.search(r"\best\b|estimate", year + " " + value, flags=re.IGNORECASE))
    if match is None or not quote:
        return qualifier, estimate
    for form in _vietnamese_forms(match["number"]):
        found = re.search(rf"((?:\S+\s+){{0,3}})(?<![\d.,]){re.escape(form)}(?![.,]?\d)", quote)
        if found is None:
            continue
        before = found[1].lower().split()
        words = [" ".join(before[-2:]), *before[-1:]]
        qualifier = qualifier or next(
            (_QUOTE_QUALIFIERS[w] for w in words if w in _QUOTE_QUALIFIERS), ""
        )
        estimate = estimate or bool(_ESTIMATE.search(found[1]))
        break
    return qualifier, estimate


def parse_stated_year(text: str) -> tuple[int | None, str]:
    """Return the year a figure refers to, and a note when it was not a plain year.

    Examples
    --------
    >>> parse_stated_year("2020")
    (2020, '')
    >>> parse_stated_year("c.2016")
    (2016, 'year approximate (c.2016)')
    >>> parse_stated_year("2021-2023")
    (2023, 'period 2021-2023')
    >>> parse_stated_year("not stated")
    (None, 'year not stated')
    """
    text = text.strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text), ""
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return int(text[:4]), ""
    if match := re.fullmatch(r"c\.\s*(\d{4})", text):
        return int(match[1]), f"year approximate ({text})"
    if match := re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})", text):
        return int(match[2]), f"period {text}"
    if match := re.match(r"(\d{4})\b", text):
        return int(match[1]), f"year stated as '{text}'"
    if not text or text.lower() == "not stated":
        return None, "year not stated"
    if text.lower().startswith("not stated"):
        return None, f"year not stated{text[len('not stated') :]}"
    return None, f"year not stated ({text})"


def validate_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` unchanged if it matches :data:`COLUMNS`; raise :class:`SchemaError`."""
    problems = column_problems(frame, COLUMNS, required=REQUIRED)
    if "value" in frame.columns and frame["value"].isna().any():
        problems.append(f"column 'value' is missing on {int(frame['value'].isna().sum())} rows")
    if "unit_level" in frame.columns:
        unknown = set(frame["unit_level"].dropna()) - set(UNIT_LEVELS)
        if unknown:
            problems.append(f"unknown unit_level values {sorted(unknown)}")
    if problems:
        raise SchemaError(f"The indicators table does not match its schema: {'; '.join(problems)}")
    return frame


def _commune_names(catalogue: Catalogue) -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {}
    for level, key in (("commune_2024", "communes_2024"), ("commune_2025", "communes_2025")):
        frame = catalogue.read_vector(key, ignore_geometry=True)
        names[level] = dict(zip(frame["code"].astype(str), frame["name"], strict=True))
    return names


def _fact_rows(catalogue: Catalogue, map_file: Path | None) -> list[dict[str, object]]:
    facts = load_facts(catalogue=catalogue, map_file=map_file)
    names = _commune_names(catalogue)
    rows: list[dict[str, object]] = []
    problems: list[str] = []
    for _, fact in facts[facts["indicator_key"] != ""].iterrows():
        level, code = fact["unit_level"], fact["unit_codes"].strip()
        where = f"facts_cited.csv row {fact['row']} (fact_key {fact['fact_key']})"
        if level in names:
            name = names[level].get(code)
            if name is None:
                problems.append(f"{where}: {code!r} is not a {level} code")
                continue
        elif (level == "district" and code in DISTRICTS) or (
            level == "province" and code in PROVINCES
        ):
            name = code
        else:
            problems.append(
                f"{where}: a map-able indicator must be about one commune, district or province, "
                f"not {level} {code!r}"
            )
            continue
        try:
            value, value_note = parse_stated_value(fact["value"])
        except ValueError as error:
            problems.append(f"{where}: {error}; clear its indicator_key in data/facts_map.csv")
            continue
        year, year_note = parse_stated_year(fact["year"])
        fields = source_fields(fact.to_dict())
        qualifier, estimate = stated_qualifier(fact["value"], fact["quote"], fact["year"])
        notes = [value_note]
        if qualifier and not value_note:
            notes.append(f"{qualifier.replace('_', ' ')} (stated so in the quote)")
        if estimate:
            notes.append("estimate")
        if year is None and fields["source_date"]:
            notes.append(f"{year_note}; reported {fields['source_date']}")
        else:
            notes.append(year_note)
        if fact["standard"]:
            label = message(f"provenance.standard.{fact['standard']}", "en")
            notes.append(f"poverty standard: {label}")
        if year is not None and fields["source_date"]:
            notes.append(f"source date {fields['source_date']}")
        notes.append(fact["comment"])
        rows.append(
            {
                "unit_code": code,
                "unit_name": name,
                "unit_level": level,
                "indicator": fact["indicator_key"],
                "value": value,
                "unit_of_measure": fact["unit"],
                "year": year,
                "source": fact["citation"],
                "quote": fact["quote"],
                "note": "; ".join(n for n in notes if n),
                "fact_key": fact["fact_key"],
                "standard": fact["standard"],
                "qualifier": qualifier,
                "estimate": estimate,
                "method": "cited_figure",
                **fields,
            }
        )
    if problems:
        raise DataFileError("Cannot build the indicators table: " + "; ".join(problems) + ".")
    return rows


def _district_of_areaid(frame: pd.DataFrame, path: object) -> pd.Series:
    unknown = set(frame["areaid"]) - set(AREAIDS)
    if unknown:
        raise DataFileError(f"{path} has unknown areaid {sorted(unknown)}; known: {AREAIDS}")
    districts = frame["areaid"].map(AREAIDS)
    if "areanameen" in frame.columns:
        wrong = frame[districts.map(fold) != frame["areanameen"].map(fold)]
        if len(wrong):
            raise DataFileError(
                f"{path}: areaid and areanameen disagree on {len(wrong)} rows "
                f"(e.g. {wrong.iloc[0]['areaid']} {wrong.iloc[0]['areanameen']!r})"
            )
    return districts


def _tabular_row(
    *,
    unit: str,
    level: str,
    indicator: str,
    value: float,
    measure: str,
    year: int | None,
    source: str,
    note: str,
    method: str,
    link: str,
    standard: str = "",
) -> dict[str, object]:
    return {
        "unit_code": unit,
        "unit_name": unit,
        "unit_level": level,
        "indicator": indicator,
        "value": float(value),
        "unit_of_measure": measure,
        "year": year,
        "source": source,
        "quote": "",
        "note": note,
        "fact_key": "",
        "standard": standard,
        "qualifier": "",
        "estimate": False,
        "method": method,
        "source_link": link,
        "source_mirror": False,
        "source_origin": "",
        "source_date": "",
    }


_DISTRICT_TABLES = (
    # catalogue key, indicator, value column, unit of measure, has a year, note, source, method
    (
        "landcover_districts",
        "forest_share_esa_pct",
        "forest_prop",
        "% of district area",
        True,
        ESA_NOTE,
        ESA_SOURCE,
        "satellite_share",
    ),
    (
        "population_districts",
        "population_modelled",
        "total",
        "persons",
        True,
        MODELLED_NOTE,
        MODELLED_SOURCE,
        "modelled",
    ),
    (
        "elevation_districts",
        "elevation_mean_m",
        "elevation_m",
        "m",
        False,
        "mean elevation of the former district; no reference year",
        ELEVATION_SOURCE,
        "computed_from_terrain",
    ),
)


def _district_rows(catalogue: Catalogue) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for key, indicator, column, measure, dated, note, source, method in _DISTRICT_TABLES:
        path = catalogue.path(key)
        table = pd.read_csv(path)
        scale = 100 if column == "forest_prop" else 1
        for district, line in zip(
            _district_of_areaid(table, path), table.itertuples(), strict=True
        ):
            rows.append(
                _tabular_row(
                    unit=district,
                    level="district",
                    indicator=indicator,
                    value=getattr(line, column) * scale,
                    measure=measure,
                    year=int(line.year) if dated else None,
                    source=source,
                    note=note,
                    method=method,
                    link=COVARIATES_LINK,
                )
            )
    return rows


def _province_rows(catalogue: Catalogue) -> list[dict[str, object]]:
    path = catalogue.path("province_poverty")
    table = pd.read_csv(path)
    table["unit"] = table["unit"].str.split().str.join(" ")
    source = PROVINCE_SOURCE
    rows: list[dict[str, object]] = []
    for province in PROVINCES:
        found = table[table["unit"] == province]
        if len(found) != 1:
            raise DataFileError(
                f"{path} has {len(found)} rows for province {province!r}, expected 1"
            )
        line = found.iloc[0]
        rows.append(
            _tabular_row(
                unit=province,
                level="province",
                indicator="poverty_rate_pct",
                value=line["poverty_rate_multidim_pct_2023prelim"],
                measure="%",
                year=2023,
                source=source,
                note="multidimensional poverty rate 2023, preliminary; province before 2025",
                method="published_statistics",
                link=PROVINCE_LINK,
                standard="2021-2025",
            )
        )
        rows.append(
            _tabular_row(
                unit=province,
                level="province",
                indicator="income_per_capita_kvnd_month",
                value=line["income_pc_month_kVND_avg"],
                measure="thousand VND/person/month",
                year=2023,
                source=source,
                note="average monthly income per person 2023; province before 2025",
                method="published_statistics",
                link=PROVINCE_LINK,
            )
        )
    return rows


def build(*, catalogue: Catalogue, map_file: Path | None = None) -> pd.DataFrame:
    """Return the tidy indicators table (columns :data:`COLUMNS`), validated.

    ``map_file`` is the facts classification (default ``data/facts_map.csv``).

    Raises
    ------
    DataFileError
        When an input is missing or altered, a fact is unclassified, or a map-able fact's
        value is not a single number or its unit code is unknown.
    """
    rows = _fact_rows(catalogue, map_file) + _district_rows(catalogue) + _province_rows(catalogue)
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    table["value"] = table["value"].astype(float)
    table["year"] = table["year"].astype("Int64")
    for column in ("estimate", "source_mirror"):
        table[column] = table[column].fillna(False).astype(bool)
    for column in COLUMNS:
        if COLUMNS[column] == "str":
            table[column] = table[column].fillna("").astype(str)
    table = table.sort_values(
        ["indicator", "unit_level", "unit_code", "year"], na_position="first", kind="stable"
    ).reset_index(drop=True)
    return validate_table(table)
