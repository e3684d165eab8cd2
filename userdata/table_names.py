"""Which commune a name of an imported table means, matched only when certain.

A name matches a commune of the chosen edition (the three areas only) when it is unique there.
While the 2025 edition is chosen, a name that is a 2020–2025 commune is matched in that edition
(its rows are then moved onto 2025 through the crosswalk), never to a 2025 name that differs
only in tone marks: *Nậm Càn* (merged into Na Ngoi) is not *Nậm Cắn*. The rule: the exact
spelling (case, spacing and the Xã/Phường/Thị trấn prefix ignored) is looked up in the chosen
edition, then in the 2020–2025 edition; a spelling without the right diacritics matches only
when all the communes of both editions it could mean share one spelling, and then waits for
the user's confirmation like every match that is not exact (case or prefix differ, or a name
shared with communes elsewhere in Vietnam when the file gives no province).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from geo.names import exact_key, fold, folded_key, strip_admin_prefix

OLD = "2024:"
"""Prefix of a choice that is a 2020–2025 commune in a 2025 import (moved through the crosswalk)."""


@dataclass(frozen=True)
class Gazetteer:
    """The communes a table's names may mean.

    ``names`` (code → name) are the chosen ``edition``'s communes of the three areas;
    ``other_names`` the other edition's (for 2025, the 2020–2025 communes a name may be moved
    from with ``weights``, :func:`layers.crosswalk.transfer_weights`). ``provinces`` and
    ``types`` (``Xã``, ``Phường``…) are by code, both editions; ``elsewhere`` holds the
    :func:`geo.names.exact_key` of names of communes outside the three areas
    (:func:`elsewhere_keys`).
    """

    names: Mapping[str, str]
    edition: str = "2025"
    other_names: Mapping[str, str] = field(default_factory=dict)
    provinces: Mapping[str, str] = field(default_factory=dict)
    types: Mapping[str, str] = field(default_factory=dict)
    weights: pd.DataFrame | None = None
    elsewhere: frozenset[str] = frozenset()

    def label(self, choice: str) -> str:
        """A commune's name for a choice id (an old one says its edition)."""
        if choice.startswith(OLD):
            return f"{self.other_names.get(choice[len(OLD) :], choice)} (2020–2025)"
        return str(self.names.get(choice, choice))


def elsewhere_keys(
    places: Iterable[tuple[str, str]], *, own: Iterable[tuple[str, str]]
) -> frozenset[str]:
    """Exact keys of the names in ``places`` (name, province or district) that are not ``own``.

    Examples
    --------
    >>> sorted(elsewhere_keys(
    ...     [("Xã Tân Lập", "Quảng Trị"), ("Xã Tân Lập", "Tây Ninh"), ("Xã Mỹ Lý", "Nghệ An")],
    ...     own=[("Tân Lập", "Quảng Trị"), ("Mỹ Lý", "Nghệ An")],
    ... ))
    ['tânlập']
    """
    mine = Counter((exact_key(name), fold(place).replace(" ", "")) for name, place in own)
    seen = Counter((exact_key(name), fold(place).replace(" ", "")) for name, place in places)
    return frozenset(key for (key, place), n in seen.items() if n > mine.get((key, place), 0))


@dataclass(frozen=True)
class NameOutcome:
    """How one distinct (code, name, province) of the file matched.

    ``status``: ``exact``; ``confirm`` (matched, ``reasons`` say why it waits for the user);
    ``ambiguous`` (``candidates`` to choose from); ``unknown`` (``reasons`` may hold a hint).
    ``choice`` is the matched commune (a code, or :data:`OLD` + code for a 2020–2025 commune).
    """

    name: str
    status: str
    choice: str | None = None
    reasons: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()
    old_choice: str | None = None
    """For a 2025 match, the 2020–2025 commune of the same name (which the file may mean)."""


_PREFIXES = {"x": "xa", "p": "phuong", "tt": "thi tran"}


def _prefix(text: str) -> str:
    core = strip_admin_prefix(text)
    found = fold(text[: len(text) - len(core)]) if core != text else ""
    return _PREFIXES.get(found, found)


class NameIndex:
    """The gazetteer's names by exact and folded key, built once per table."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.movable = gazetteer.edition == "2025" and gazetteer.weights is not None
        groups = {"own": dict(gazetteer.names), "other": dict(gazetteer.other_names)}
        self.exact: dict[str, dict[str, list[str]]] = {g: defaultdict(list) for g in groups}
        self.spellings: dict[str, set[str]] = defaultdict(set)
        self.codes: dict[str, dict[str, str]] = {g: {} for g in groups}
        for group, names in groups.items():
            for code, name in names.items():
                choice = code if group == "own" else OLD + code
                self.exact[group][exact_key(name)].append(choice)
                self.spellings[folded_key(name)].add(exact_key(name))
                self.codes[group][str(code).strip().lstrip("0")] = choice

    def _name(self, choice: str) -> str:
        if choice.startswith(OLD):
            return str(self.gazetteer.other_names[choice[len(OLD) :]])
        return str(self.gazetteer.names[choice])

    def _in_province(self, choice: str, province: str) -> bool:
        known = self.gazetteer.provinces.get(choice.removeprefix(OLD))
        if not province or not known:
            return True
        wanted = fold(province).removeprefix("tinh ").removeprefix("thanh pho ")
        return wanted.replace(" ", "") == fold(known).replace(" ", "")

    def _groups(self) -> tuple[str, ...]:
        return ("own", "other") if self.movable else ("own",)

    def _hits(self, key: str, province: str) -> list[str]:
        for group in self._groups():
            hits = [c for c in self.exact[group].get(key, []) if self._in_province(c, province)]
            if hits:
                return hits
        return []

    def _matched(self, name: str, choice: str, province: str, reasons: list[str]) -> NameOutcome:
        official = self._name(choice)
        if not reasons:
            given, core = " ".join(name.split()), strip_admin_prefix(" ".join(name.split()))
            official_core = strip_admin_prefix(official)
            kind = _prefix(official) or fold(self.gazetteer.types.get(choice.removeprefix(OLD), ""))
            if core != official_core:
                same_case = core.casefold() == official_core.casefold()
                reasons.append("case" if same_case else "spelling")
            elif given != core and kind and _prefix(given) != kind:
                reasons.append("prefix")
        if not province and exact_key(official) in self.gazetteer.elsewhere:
            reasons.append("shared")
        status = "confirm" if reasons else "exact"
        old = self.exact["other"].get(exact_key(official), []) if self.movable else []
        old_choice = old[0] if len(old) == 1 and not choice.startswith(OLD) else None
        return NameOutcome(name, status, choice, tuple(reasons), old_choice=old_choice)

    def match(self, code: str, name: str, province: str) -> NameOutcome:
        label = name or code
        if code:
            for group in self._groups():
                choice = self.codes[group].get(code.strip().lstrip("0"))
                if choice is not None:  # a code is unique in Vietnam: only a name can disagree
                    differs = bool(name) and folded_key(name) != folded_key(self._name(choice))
                    reasons = ("code_name",) if differs else ()
                    return NameOutcome(label, "confirm" if differs else "exact", choice, reasons)
        if not name:
            return NameOutcome(label, "unknown" if code else "none")
        hits = self._hits(exact_key(name), province)
        if len(hits) == 1:
            return self._matched(name, hits[0], province, [])
        if hits:
            return NameOutcome(name, "ambiguous", candidates=tuple(hits))
        spellings = sorted(self.spellings.get(folded_key(name), ()))
        hits = [hit for spelling in spellings for hit in self._hits(spelling, province)]
        if len(spellings) == 1 and len(hits) == 1:
            return self._matched(name, hits[0], province, ["diacritics"])
        if hits:
            return NameOutcome(name, "ambiguous", candidates=tuple(hits))
        other = exact_key(name) in self.exact["other"] or len(spellings) > 0
        hint = ("other_edition",) if other and not self.movable else ()
        return NameOutcome(name, "unknown", reasons=hint)


def match_unit(
    name: str, gazetteer: Gazetteer, *, code: str = "", province: str = ""
) -> NameOutcome:
    """How one name (and code, province) of a table matches the gazetteer's communes.

    Examples
    --------
    >>> gazetteer = Gazetteer(
    ...     {"16837": "Nậm Cắn", "16870": "Na Ngoi"},
    ...     other_names={"16837": "Xã Nậm Cắn", "16873": "Xã Nậm Càn"},
    ...     weights=pd.DataFrame(),
    ... )
    >>> match_unit("Nậm Càn", gazetteer).choice, match_unit("Nậm Cắn", gazetteer).status
    ('2024:16873', 'exact')
    >>> match_unit("nam can", gazetteer).status, match_unit("NẬM CẮN", gazetteer).reasons
    ('ambiguous', ('case',))
    """
    return NameIndex(gazetteer).match(code, name, province)


def build_gazetteer(
    own: pd.DataFrame,
    other: pd.DataFrame,
    *,
    edition: str,
    weights: pd.DataFrame | None,
    elsewhere: frozenset[str],
) -> Gazetteer:
    """The gazetteer of ``edition`` from the commune layers (``code``, ``name``, ``province``,
    ``unit_type`` when known): ``own`` is that edition's, ``other`` the other one's."""
    both = pd.concat([own, other])
    types = own["unit_type"] if "unit_type" in own.columns else pd.Series("", index=own.index)
    return Gazetteer(
        names=dict(zip(own["code"], own["name"], strict=True)),
        edition=edition,
        other_names=dict(zip(other["code"], other["name"], strict=True)),
        provinces=dict(zip(both["code"], both["province"], strict=True)),
        types=dict(zip(own["code"], types, strict=True)),
        weights=weights if edition == "2025" else None,
        elsewhere=elsewhere,
    )


def names_elsewhere(
    *,
    vietnam: pd.DataFrame,
    census: pd.DataFrame,
    communes_2025: pd.DataFrame,
    communes_2024: pd.DataFrame,
) -> frozenset[str]:
    """Names of communes outside the three areas: Vietnam's 2025 communes (``vietnam``: ``name``,
    ``province``) and the 2019 census's communes (``census``: ``ward``, ``district``) of other
    districts than the three areas' 2020–2025 communes (``former_district``)."""
    keys = elsewhere_keys(
        zip(vietnam["name"], vietnam["province"], strict=True),
        own=zip(communes_2025["name"], communes_2025["province"], strict=True),
    )
    census = census.fillna("").astype(str)
    return keys | elsewhere_keys(
        zip(census["ward"], census["district"], strict=True),
        own=zip(communes_2024["name"], communes_2024["former_district"], strict=True),
    )
