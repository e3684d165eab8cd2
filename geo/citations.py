"""Sources as people read them: no file path of the bundle or the project, no setting's name.

The bundle's source texts often say where a value was read ("via bundle points/a.csv", "quoted
in indicators/facts_cited.csv data row 35"); a user cannot open those, so they are removed
before any source is shown, exported or printed.

Examples
--------
>>> without_paths("GeoNames via bundle points/a.csv (= points/b.zip), id 1 (seeds/c.txt, m)")
'GeoNames, id 1 (m)'
>>> without_paths("June to November (geo.settings.RAINY_SEASON_MONTHS)")
'June to November'
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from i18n.messages import VI, both_languages, message

_PATH = re.compile(
    r"(?:\b(?:quoted in|as clipped in|via|in|x)\s+)?(?:\bbundle\s+)?(?<![\w/:.])"
    r"(?:(?:boundaries|indicators|hazards|terrain|points|network|seeds)/[^\s\]\[;,)]+"
    r"|(?:[\w.-]+/)*[\w*-]+\.(?:geojson|csv|tif|txt|zip|json|js|png|gpkg|sql|xlsx)\b)"
    r"(?: data row \d+(?: \(file line \d+\))?)?"
    r"|\bgeo\.settings\.\w+"
)
"""A file path (in the bundle or elsewhere) or a setting's name: never shown to users."""
_LEFT_OVER = re.compile(r"\(\s*=?\s*\)|\[\s*\]|(?<=\()\s*,\s*|\s+(?=[,;)\]])")
"""Brackets and commas that held only a removed path."""


def without_paths(text: str) -> str:
    """``text`` with every file path and setting name removed, and the brackets left empty."""
    text = _LEFT_OVER.sub("", _LEFT_OVER.sub("", _PATH.sub("", text)))
    return re.sub(r"\s{2,}", " ", text).strip()


MIRROR_HOSTS = frozenset(
    {
        "88tysobongda.com",
        "123docz.net",
        "anonyproxies.com",
        "hanghieugiatot.com",
        "iiab.me",
        "ks4t.manatee-boating.org",
        "mayaobongda.net",
        "tinnhanhbdsnghean-hatinh.com",
    }
)
"""Hosts that copy other pages (mirrors, web proxies, document re-hosts, low-quality copies):
a figure read there must be checked against the original before it is relied on."""

_MIRROR_WORDS = re.compile(r"mirror|proxy|proxie|\bcop(?:y|ies)\b|kiwix|bản sao", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?\b")
_ORIGIN = re.compile(r"\b(?:citing|cites|quoting)\s+([^);]+)", re.IGNORECASE)

MARKERS = (
    "provenance.unknown",
    "provenance.mirror",
    "provenance.date_unknown",
    "provenance.headline_unknown",
    "provenance.no_link",
    "provenance.quoted_in",
)
"""Words a citation may hold in both languages; :func:`localized` keeps one."""


def host(url: str) -> str:
    """The host of ``url``, lower case, without ``www.`` ("" for no URL).

    Examples
    --------
    >>> host("https://www.Baomoi.com/a"), host("")
    ('baomoi.com', '')
    """
    if not url.strip():
        return ""
    return (urlparse(url.strip()).hostname or "").lower().removeprefix("www.")


def _on_mirror_host(name: str) -> bool:
    return any(name == mirror or name.endswith(f".{mirror}") for mirror in MIRROR_HOSTS)


def is_mirror(*, outlet: str = "", url: str = "") -> bool:
    """Whether a page is a copy (mirror, web proxy, re-host): by its outlet's words or host.

    Examples
    --------
    >>> is_mirror(outlet="88tysobongda.com (mirror site; original outlet not recorded)")
    True
    >>> is_mirror(url="https://text.123docz.net/a"), is_mirror(outlet="baonghean.vn")
    (True, False)
    """
    if _MIRROR_WORDS.search(outlet):
        return True
    first_word = outlet.strip().split(" ")[0].lower().removeprefix("www.")
    return _on_mirror_host(host(url)) or _on_mirror_host(first_word)


def outlet_name(outlet: str, url: str = "") -> str:
    """The publisher or host as people name it: the bracketed remark dropped (it may hold
    words such as "web proxy"), else the link's host; "" when neither is known.

    Examples
    --------
    >>> outlet_name("anonyproxies.com (web proxy of vi.wikipedia.org)")
    'anonyproxies.com'
    >>> outlet_name("", "https://www.baomoi.com/x")
    'baomoi.com'
    """
    name = re.split(r"\s+\(", outlet.strip(), maxsplit=1)[0].strip()
    return name or host(url)


def stated_date(text: str) -> str:
    """The date a source text states, as people write it (``dd/mm/yyyy``, ``mm/yyyy`` or the
    year); "" when it states none.

    Examples
    --------
    >>> stated_date("2024-07"), stated_date("2025-08-13 (URL timestamp)"), stated_date("not stated")
    ('07/2024', '13/08/2025', '')
    """
    match = _DATE.match(text.strip())
    if match is None:
        return ""
    return "/".join(part for part in (match[3], match[2], match[1]) if part)


def stated_origin(*texts: str) -> str:
    """The original source a copy says it quotes ("thesis citing <X>"), or "".

    Examples
    --------
    >>> stated_origin("not stated (thesis citing Niên giám thống kê huyện Hướng Hóa 2017)")
    'Niên giám thống kê huyện Hướng Hóa 2017'
    """
    for text in texts:
        if match := _ORIGIN.search(text):
            return match[1].strip()
    return ""


def format_citation(
    *,
    outlet: str,
    title: str,
    date: str,
    link: str,
    mirror: bool,
    origin: str = "",
    lang: str | None = None,
) -> str:
    """A source a person can follow: outlet, headline, date and link, each or "unknown".

    ``lang`` ``None`` writes the fixed words in both languages ("không rõ / unknown"); a copy
    (``mirror``) is flagged "bản sao, cần kiểm chứng / mirror, verify".

    Examples
    --------
    >>> format_citation(outlet="b.vn", title="Tin", date="07/2024", link="https://b.vn/x",
    ...                 mirror=False, lang="en")
    'b.vn: “Tin”, 07/2024 — https://b.vn/x'
    >>> format_citation(outlet="", title="Kết luận", date="10/2019", link="", mirror=False)
    'không rõ / unknown: “Kết luận”, 10/2019 — không có đường dẫn / no link'
    >>> format_citation(outlet="m.com", title="", date="", link="https://m.com/a", mirror=True,
    ...                 origin="Niên giám 2017", lang="en")
    'Niên giám 2017 (quoted in: m.com, date unknown — https://m.com/a) — mirror, verify'
    """

    def word(key: str) -> str:
        return both_languages(key) if lang is None else message(key, lang)

    text = outlet.strip() or word("provenance.unknown")
    if title.strip():
        text = f"{text}: “{title.strip()}”"
    text = f"{text}, {date.strip() or word('provenance.date_unknown')}"
    if not title.strip() and not link.strip():
        text = f"{text} ({word('provenance.headline_unknown')})"
    text = f"{text} — {link.strip() or word('provenance.no_link')}"
    if origin.strip():
        text = f"{origin.strip()} ({word('provenance.quoted_in')}: {text})"
    if mirror:
        text = f"{text} — {word('provenance.mirror')}"
    return text if lang is None else localized(text, lang)


def localized(text: str, lang: str) -> str:
    """``text`` with every two-language fixed word ("không rõ / unknown") in ``lang`` only.

    Examples
    --------
    >>> localized("không rõ / unknown: “T”, 10/2019", "en")
    'unknown: “T”, 10/2019'
    """
    for key in MARKERS:
        text = text.replace(both_languages(key), message(key, lang))
    return text


def followable(source: str) -> str:
    """A source text people can follow: no file path, and a web proxy's link unwrapped.

    ``https://<proxy>/...?q=<original link>`` becomes the original link, "read through a copy".

    Examples
    --------
    >>> followable("https://p.example/a?q=https%3A%2F%2Fvi.wikipedia.org%2Fwiki%2FX (proxied "
    ...            "vi.wikipedia article); quoted in bundle indicators/facts_cited.csv data row 3")
    'https://vi.wikipedia.org/wiki/X (đọc qua một trang sao chép) (vi.wikipedia article)'
    """

    def unwrap(match: re.Match[str]) -> str:
        original = parse_qs(urlparse(match[0]).query).get("q", [""])[0]
        if not original.startswith(("http://", "https://")):
            return match[0]
        return f"{original} ({message('communes.mirror_read', VI)})"

    text = re.sub(r"https?://\S+[?&]q=https?%3A\S+", unwrap, without_paths(source))
    text = re.sub(r"\bproxied\s+", "", text, flags=re.IGNORECASE)
    return text.strip().rstrip(";,").strip()
