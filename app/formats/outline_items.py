"""One list item of a notes outline: its paper links, title, byline and comment.

The item's head runs from its first paper link to the first separator (—, –, " - ", ": ",
" | ") outside links and parentheses; paper links are only taken from the head, so a link
mentioned in the comment ("unlike arXiv:1706.03762, …") stays part of the comment.
Inline code and `$math$` are masked before links are looked for.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from app.formats.links import PaperLink, classify_link, is_generic_label
from app.metadata.identifiers import strip_arxiv_version
from app.metadata.names import PARTICLES

_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$[^$\s](?:[^$]*?[^$\s\\])?\$")
_INLINE_LINK = re.compile(
    r"\[((?:\\.|[^\[\]\\]|\[(?:\\.|[^\[\]\\])*\])*)\]"
    r"\(\s*<?((?:[^\s()<>]|\([^\s()]*\))+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
_REFERENCE_LINK = re.compile(r"\[((?:\\.|[^\[\]\\])+)\](?:\s?\[((?:\\.|[^\[\]\\])*)\])?")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_BARE_URL = re.compile(r"https?://[^\s<>\"'`\x00]+")
_DOI_TEXT = re.compile(r"\bdoi:\s*10\.\d{4,9}/[^\s\x00]+", re.IGNORECASE)
_ARXIV_TEXT = re.compile(
    r"\barxiv:\s*(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Za-z]{2})?/\d{7})(?:v\d+)?", re.IGNORECASE
)
_SEPARATOR = re.compile(r"\s*[—–]\s*|\s+--?\s+|:\s+|\s+\|\s+")
_PARENS = re.compile(r"\(([^()]*)\)")
_BOLD_ENTRY = re.compile(r"^\*\*(?P<title>.+?)\*\*\s*\((?P<byline>[^()]*)\)")
_YEAR_END = re.compile(r"^(?P<names>.*?)[,;]?\s*(?:(?P<year>(?:1[89]|20)\d{2})[a-z]?|n\.\s?d\.)$")
_NAME_WORD = re.compile(r"^(?:[^\W\d_][\w'’.\-]*)$")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_TRIM = " \t-–—:|,;·•"


@dataclass(frozen=True, slots=True)
class ItemEntry:
    """A paper named by a list item. `source` is the link as written."""

    source: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    arxiv_id: str | None = None
    doi: str | None = None
    url: str = ""
    comment: str = ""
    problem: str = ""


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    label: str
    target: str
    link: PaperLink | None = None

    @property
    def generic(self) -> bool:
        return is_generic_label(self.label, self.target)


def read_item(text: str, references: dict[str, str]) -> list[ItemEntry]:
    """The papers a list item names (usually one); [] when it holds no paper link."""
    masked = _mask(text)
    tokens = _tokens(text, masked, references)
    papers = [token for token in tokens if token.link is not None]
    if not papers:
        bold = _BOLD_ENTRY.match(text)
        byline = _byline(bold.group("byline")) if bold else None
        if bold is None or byline is None:
            return []
        rest = text[bold.end() :].strip(_TRIM)
        title = _clean_title(bold.group("title"))
        return [ItemEntry(title, title, byline[0], byline[1], comment=rest)]
    first = papers[0]
    head_end, tail_start = _head_end(masked, first.end, tokens)
    in_head = [token for token in papers if token.start < head_end]
    byline_span, byline = _find_byline(masked, text, first.end, head_end, tokens)
    spans = [(t.start, t.end) for t in in_head] + ([byline_span] if byline_span else [])
    leftover = _cleanup(_blank(text, spans, first.start, head_end))
    prefix = _clean_title(text[: first.start])
    title, before = "", text[: first.start].strip(_TRIM)
    if not first.generic:
        title = _clean_title(first.label)
    elif prefix:
        title, before = prefix, ""
    elif leftover and not _has_link(leftover):
        title, leftover = _clean_title(leftover), ""
    said = " ".join(part for part in (before, leftover) if part)
    comment = " — ".join(part for part in (said, text[tail_start:].strip(_TRIM)) if part)
    entries = _group(in_head, title, comment)
    if byline and entries:
        entries[0] = replace(entries[0], authors=byline[0], year=byline[1])
    return entries


def _has_link(text: str) -> bool:
    """Whether `text` still holds a link of any kind."""
    return bool(_INLINE_LINK.search(text) or _BARE_URL.search(text) or _AUTOLINK.search(text))


def _mask(text: str) -> str:
    def blank(match: re.Match[str]) -> str:
        return "\x00" * len(match.group(0))

    return _MATH.sub(blank, _CODE.sub(blank, text))


def _tokens(text: str, masked: str, references: dict[str, str]) -> list[_Token]:
    tokens: list[_Token] = []
    taken = bytearray(len(text) + 1)

    def add(start: int, end: int, label: str, target: str) -> None:
        if any(taken[start:end]):
            return
        taken[start:end] = b"\x01" * (end - start)
        tokens.append(_Token(start, end, label, target, classify_link(target)))

    for match in _INLINE_LINK.finditer(masked):
        label = _unescape(text[match.start(1) : match.end(1)])
        add(match.start(), match.end(), label, match.group(2))
    for match in _REFERENCE_LINK.finditer(masked):
        label = text[match.start(1) : match.end(1)]
        ref = (match.group(2) or label).casefold()
        if ref in references:
            add(match.start(), match.end(), _unescape(label), references[ref])
    for match in _AUTOLINK.finditer(masked):
        add(match.start(), match.end(), match.group(1), match.group(1))
    for pattern in (_BARE_URL, _DOI_TEXT, _ARXIV_TEXT):
        for match in pattern.finditer(masked):
            target = _trim_url(match.group(0))
            add(match.start(), match.start() + len(target), target, target)
    return sorted(tokens, key=lambda token: token.start)


def _trim_url(url: str) -> str:
    while url:
        unbalanced = url[-1] == ")" and url.count(")") > url.count("(")
        if url[-1] not in ".,;:!?*_'\"" and not unbalanced:
            break
        url = url[:-1]
    return url


def _unescape(label: str) -> str:
    return re.sub(r"\\([\[\]\\])", r"\1", label)


def _head_end(masked: str, start: int, tokens: list[_Token]) -> tuple[int, int]:
    """(end of the head, start of the comment) after the first paper link."""
    depth = 0
    position = start
    jumps = {token.start: token.end for token in tokens}  # tokens never overlap
    while position < len(masked):
        if position in jumps:
            position = jumps[position]
            continue
        char = masked[position]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            match = _SEPARATOR.match(masked, position)
            if match and match.end() > position:
                return position, match.end()
        position += 1
    return len(masked), len(masked)


def _find_byline(
    masked: str, text: str, start: int, end: int, tokens: list[_Token]
) -> tuple[tuple[int, int] | None, tuple[list[str], int | None] | None]:
    starts = [token.start for token in tokens]  # sorted, and tokens never overlap
    for match in _PARENS.finditer(masked, start, end):
        before = bisect_left(starts, match.end()) - 1
        if before >= 0 and tokens[before].end > match.start():
            continue
        parsed = _byline(text[match.start(1) : match.end(1)])
        if parsed is not None:
            return (match.start(), match.end()), parsed
    return None, None


def _byline(content: str) -> tuple[list[str], int | None] | None:
    """'Ada Lovelace, Alan Turing, 2019' / 'Jacot et al., 2018' / '2019' → (names, year)."""
    match = _YEAR_END.match(" ".join(content.split()))
    if match is None:
        return None
    names = []
    for part in re.split(r"\s*(?:,|;|&|\band\b)\s*", match.group("names")):
        name = re.sub(r"\s*\bet\s+al\.?$", "", part.strip()).strip()
        if not name:
            continue
        if not all(_is_name_word(word) for word in name.split()):
            return None
        names.append(name)
    year = int(match.group("year")) if match.group("year") else None
    return names, year


def _is_name_word(word: str) -> bool:
    return bool(_NAME_WORD.match(word)) and (word[0].isupper() or word in PARTICLES)


def _blank(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    chars = list(text[start:end])
    for a, b in spans:
        for position in range(max(a, start), min(b, end)):
            chars[position - start] = " "
    return "".join(chars)


def _cleanup(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, _EMPTY_BRACKETS.sub(" ", text)
    return " ".join(text.split()).strip(_TRIM)


def _clean_title(text: str) -> str:
    title = " ".join(text.split()).strip(_TRIM)
    for mark in ("**", "__", "*", "_"):
        if len(title) > 2 * len(mark) and title.startswith(mark) and title.endswith(mark):
            title = title[len(mark) : -len(mark)].strip()
    title = title.strip("\"“”‘’'").strip()
    return title.rstrip(".").strip()


def _group(tokens: list[_Token], title: str, comment: str) -> list[ItemEntry]:
    """One entry per paper: a generic link after the first ("[pdf]") adds to its entry."""
    entries: list[ItemEntry] = []
    for index, token in enumerate(tokens):
        link = token.link
        assert link is not None
        current = entries[-1] if entries else None
        if current is not None and token.generic and _compatible(current, link):
            if not link.problem:
                entries[-1] = _merged(current, link)
            continue
        label = title if index == 0 else ("" if token.generic else _clean_title(token.label))
        entries.append(_merged(ItemEntry(token.target, label, comment=comment,
                                         problem=link.problem), link))
    return entries


def _compatible(entry: ItemEntry, link: PaperLink) -> bool:
    if link.arxiv_id and entry.arxiv_id:
        return strip_arxiv_version(link.arxiv_id) == strip_arxiv_version(entry.arxiv_id)
    if link.doi and entry.doi:
        return link.doi == entry.doi
    return not (link.url and entry.url and link.kind == "openreview" and entry.url != link.url)


def _merged(entry: ItemEntry, link: PaperLink) -> ItemEntry:
    if link.problem:
        return entry
    return replace(
        entry, arxiv_id=entry.arxiv_id or link.arxiv_id, doi=entry.doi or link.doi,
        url=entry.url or link.url,
    )
