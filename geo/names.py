"""Vietnamese place-name matching that ignores diacritics without confusing distinct names.

Folding removes tone marks and vowel marks (``"Mường Xén"`` → ``"muong xen"``), so two real
communes can fold to the same key: Kỳ Sơn had both *Nậm Cắn* and *Nậm Càn*. Matching therefore
tries the exact spelling (case and spacing ignored) first, and accepts a folded match only when
it is unique; otherwise the name is *ambiguous* and the caller must ask the user.

Examples
--------
>>> fold("Mường Xén")
'muong xen'
>>> fold("Đoọc Mạy")
'dooc may'
>>> strip_admin_prefix("Thị trấn Sơn Lư")
'Sơn Lư'
>>> candidates = {"a": "Nậm Cắn", "b": "Nậm Càn", "c": "Mường Xén"}
>>> match_name("muong xen", candidates).ids
('c',)
>>> match_name("Nậm Càn", candidates).ids
('b',)
>>> match_name("nam can", candidates).status
'ambiguous'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

_ADMIN_PREFIX = re.compile(
    r"^\s*(thị\s*trấn|thi\s*tran|tt\.?|phường|phuong|p\.|xã|xa|x\.)\s+",
    flags=re.IGNORECASE,
)
_NON_WORD = re.compile(r"[^\w]+", flags=re.UNICODE)
_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).lower()
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower-case ``text``, drop every diacritic (``đ`` becomes ``d``) and collapse spacing.

    Examples
    --------
    >>> fold("  Hướng   Hóa ")
    'huong hoa'
    """
    decomposed = unicodedata.normalize("NFD", _clean(text).replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def strip_admin_prefix(name: str) -> str:
    """Remove a leading ``Xã``, ``Phường`` or ``Thị trấn`` (or ``TT.``) from ``name``.

    Examples
    --------
    >>> strip_admin_prefix("Xã Na Mèo")
    'Na Mèo'
    """
    return _ADMIN_PREFIX.sub("", str(name)).strip()


def exact_key(name: str) -> str:
    """Key that keeps diacritics but ignores case, spacing, punctuation and the admin prefix."""
    return _clean(strip_admin_prefix(name)).replace(" ", "")


def folded_key(name: str) -> str:
    """Key that also ignores diacritics: ``"Xã Mường Xén"`` → ``"muongxen"``."""
    return fold(strip_admin_prefix(name)).replace(" ", "")


MatchStatus = Literal["exact", "folded", "ambiguous", "unknown"]


@dataclass(frozen=True)
class NameMatch:
    """Outcome of :func:`match_name`.

    ``ids`` holds the one matched id for ``exact``/``folded``, every candidate for
    ``ambiguous``, and nothing for ``unknown``.
    """

    query: str
    status: MatchStatus
    ids: tuple[str, ...]

    @property
    def matched(self) -> bool:
        return self.status in ("exact", "folded")


def match_name(query: str, candidates: Mapping[str, str]) -> NameMatch:
    """Match ``query`` against ``candidates`` (id → name) without guessing.

    An exact spelling wins; a diacritic-free match is accepted only when it is unique.
    Two candidates with the same exact key (two communes of one name in different
    districts) make the result ambiguous.
    """
    key = exact_key(query)
    exact = tuple(cid for cid, name in candidates.items() if exact_key(name) == key)
    if len(exact) == 1:
        return NameMatch(query, "exact", exact)
    if len(exact) > 1:
        return NameMatch(query, "ambiguous", exact)
    folded = folded_key(query)
    loose = tuple(cid for cid, name in candidates.items() if folded_key(name) == folded)
    if len(loose) == 1:
        return NameMatch(query, "folded", loose)
    if len(loose) > 1:
        return NameMatch(query, "ambiguous", loose)
    return NameMatch(query, "unknown", ())


def search(query: str, names: Iterable[tuple[str, str]], *, limit: int = 20) -> list[str]:
    """Return the ids whose name contains ``query``, ignoring diacritics, best first.

    ``names`` yields ``(id, name)`` pairs. Exact-spelling hits rank before folded ones,
    and names that start with the query before names that only contain it.

    Examples
    --------
    >>> search("muong xen", [("1", "Mường Xén"), ("2", "Mường Típ")])
    ['1']
    """
    folded_query = fold(query)
    clean_query = _clean(query)
    if not folded_query:
        return []
    scored: list[tuple[int, int, str]] = []
    for order, (item_id, name) in enumerate(names):
        folded_name = fold(name)
        if folded_query not in folded_name and folded_query not in fold(strip_admin_prefix(name)):
            continue
        rank = 0 if clean_query in _clean(name) else 2
        if not fold(strip_admin_prefix(name)).startswith(folded_query):
            rank += 1
        scored.append((rank, order, item_id))
    scored.sort()
    return [item_id for _, _, item_id in scored[:limit]]
