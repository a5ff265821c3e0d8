"""Reading a Markdown notes outline: headings are topics, list items hold paper links.

    # Theory
    ## Kernels
    - [Neural Tangent Kernel](https://arxiv.org/abs/1806.07572) (Jacot et al., 2018) — the
      infinite-width limit; training is $O(n^3)$ in the number of examples
      - see also the follow-up on finite width

A list item with a paper link (see `app.formats.links`) becomes an entry: the link text is
its title unless it only names the link ("[pdf]"), in which case the item's text before
the link is; "(Authors, Year)" after the link gives authors and year; what follows the
first separator (—, –, -, :) is the comment, and the item's continuation lines and
sub-items without links are further note lines. Sub-items with links are entries of their
own. Fenced code blocks, inline code and math are never read for links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

from app.formats.outline_items import ItemEntry, read_item
from app.textnorm import sanitize_line

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_TASK = re.compile(r"^\[[ xX]\]\s+")
_REFERENCE = re.compile(r"^\s{0,3}\[((?:\\.|[^\[\]\\])+)\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_INLINE_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True, slots=True)
class OutlineEntry(ItemEntry):
    """One paper found in the outline: what its list item says, and where it stands."""

    line: int = 0
    note: str = ""  # the item's comment, continuation lines and sub-items without links
    topic: str = ""  # the heading path in force, "Theory/Kernels"


@dataclass(slots=True)
class Outline:
    """The papers of an outline and the problems with the file as a whole."""

    entries: list[OutlineEntry]
    problems: list[tuple[int, str]]  # (line, what is wrong) for the file as a whole


@dataclass(slots=True)
class _Item:
    line: int
    indent: int
    text: str
    topic: str
    more: list[str] = field(default_factory=list)
    children: list[_Item] = field(default_factory=list)


def parse_outline(text: str) -> Outline:
    """The entries of a Markdown outline, in document order."""
    lines = text.splitlines()
    references = _references(lines)
    roots, problems = _items(lines)
    entries: list[OutlineEntry] = []
    for item in roots:
        _collect(item, references, entries)
    return Outline(entries, problems)


def _references(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    fence = ""
    for line in lines:
        fence, inside = _fence_state(fence, line)
        match = None if inside else _REFERENCE.match(line)
        if match:
            found.setdefault(match.group(1).casefold(), match.group(2))
    return found


def _fence_state(fence: str, line: str) -> tuple[str, bool]:
    """(the fence open after `line`, whether `line` is part of a code block)."""
    match = _FENCE.match(line)
    if fence:
        closes = match is not None and match.group(1)[0] == fence[0] and len(
            match.group(1)
        ) >= len(fence)
        return ("" if closes else fence), True
    if match:
        return match.group(1), True
    return "", False


def _items(lines: list[str]) -> tuple[list[_Item], list[tuple[int, str]]]:
    roots: list[_Item] = []
    open_items: list[_Item] = []
    headings: list[tuple[int, str]] = []
    problems: list[tuple[int, str]] = []
    fence, fence_line, lazy = "", 0, False
    for number, raw in enumerate(lines, 1):
        line = raw.expandtabs(4).rstrip()
        was_open = bool(fence)
        fence, inside = _fence_state(fence, line)
        if inside:
            if not was_open:
                fence_line, lazy = number, False
            continue
        if not line.strip() or _REFERENCE.match(line):
            lazy = False
            continue
        heading = _HEADING.match(line)
        if heading:
            _push_heading(headings, len(heading.group(1)), heading.group(2))
            open_items.clear()
            lazy = False
            continue
        bullet = _BULLET.match(line)
        if bullet:
            indent = len(bullet.group(1))
            topic = "/".join(name for _, name in headings)
            item = _Item(number, indent, _TASK.sub("", bullet.group(2)), topic)
            while open_items and open_items[-1].indent >= indent:
                open_items.pop()
            (open_items[-1].children if open_items else roots).append(item)
            open_items.append(item)
            lazy = True
            continue
        indent = len(line) - len(line.lstrip())
        if open_items and (indent > 0 or lazy):
            owner = next((i for i in reversed(open_items) if i.indent < indent), open_items[-1])
            owner.more.append(line.strip())
            continue
        open_items.clear()  # a paragraph ends the list
    if fence:
        problems.append((fence_line, "a code block opened here is never closed, so the rest "
                                     "of the file was not read"))
    return roots, problems


def _push_heading(headings: list[tuple[int, str]], level: int, text: str) -> None:
    while headings and headings[-1][0] >= level:
        headings.pop()
    name = sanitize_line(_INLINE_LINK.sub(r"\1", text).replace("`", "").strip("*_ "), 600)
    if name.strip("/ "):
        headings.append((level, name))


def _collect(item: _Item, references: dict[str, str], entries: list[OutlineEntry]) -> None:
    found = read_item(item.text, references)
    if not found:
        for child in item.children:
            _collect(child, references, entries)
        return
    with_links: list[_Item] = []
    note_lines = [found[0].comment, *item.more]
    for child in item.children:
        note_lines += _note_lines(child, 0, references, with_links)
    note = "\n".join(line for line in note_lines if line.strip())
    entries.extend(_entry(item, entry, note) for entry in found)
    for child in with_links:
        _collect(child, references, entries)


def _note_lines(
    item: _Item, depth: int, references: dict[str, str], with_links: list[_Item]
) -> list[str]:
    """A sub-item without paper links as note lines; sub-items with links are set aside."""
    if read_item(item.text, references):
        with_links.append(item)
        return []
    pad = "  " * depth
    lines = [f"{pad}- {item.text}", *(f"{pad}  {more}" for more in item.more)]
    for child in item.children:
        lines += _note_lines(child, depth + 1, references, with_links)
    return lines


def _entry(item: _Item, found: ItemEntry, note: str) -> OutlineEntry:
    read = {f.name: getattr(found, f.name) for f in fields(ItemEntry)}
    return OutlineEntry(**read, line=item.line, note=note, topic=item.topic)
