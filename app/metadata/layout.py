"""Visual rows of a page, rebuilt from the parser's layout fragments.

PyMuPDF reports one `TextLine` per line of a text block, so a title typeset word by word,
or an author grid laid out in columns, arrives in pieces. A `Row` puts back together the
fragments that share a baseline and a font size; `parts` keeps them apart, left to right,
because a gap between them often separates two names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.extract.parsed import TextLine

# Sizes below this are not real: broken Type3 fonts report 0.1 pt for every glyph.
MIN_PLAUSIBLE_SIZE = 2.0
MIN_READABLE_SIZE = 4.0


@dataclass(frozen=True, slots=True)
class Row:
    """Fragments of one page on the same baseline, in one font size (or in small capitals)."""

    parts: tuple[str, ...]
    size: float
    bold: bool
    font: str
    x0: float
    y0: float
    x1: float
    y1: float
    page: int
    # The row's text, its fragments joined by single spaces (read for every rule).
    text: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", " ".join(self.parts))

    @property
    def center(self) -> float:
        """Vertical middle, in PDF points from the top of the page."""
        return (self.y0 + self.y1) / 2


def _em_units(text: str) -> float:
    # Rough advance widths in ems: capitals are wider than lower case, punctuation narrower.
    units = 0.0
    for char in text:
        if char.isupper():
            units += 0.7
        elif char.isalnum():
            units += 0.5
        elif char.isspace():
            units += 0.25
        else:
            units += 0.3
    return units or 1.0


def estimated_sizes(lines: Sequence[TextLine]) -> dict[str, float]:
    """Font sizes for fonts whose reported size is bogus, from the widths of their text.

    Broken Type3 (bitmap) fonts are made one per size, so all text in one of them
    shares a size: total width over total ems estimates it well.
    """
    width: dict[str, float] = {}
    units: dict[str, float] = {}
    for line in lines:
        if line.size < MIN_PLAUSIBLE_SIZE:
            width[line.font] = width.get(line.font, 0.0) + max(0.0, line.bbox[2] - line.bbox[0])
            units[line.font] = units.get(line.font, 0.0) + _em_units(line.text)
    return {font: round(width[font] / units[font], 1) for font in width}


def effective_size(line: TextLine, estimates: dict[str, float]) -> float:
    """The font size, estimated from the glyph widths when the PDF reports a bogus one."""
    if line.size >= MIN_PLAUSIBLE_SIZE:
        return line.size
    return estimates.get(line.font, 0.0)


def is_vertical(line: TextLine) -> bool:
    """Rotated text (side stamps such as arXiv's, margin notes): taller than it is wide."""
    if line.size < MIN_PLAUSIBLE_SIZE or len(line.text) < 4:
        return False
    width = line.bbox[2] - line.bbox[0]
    height = line.bbox[3] - line.bbox[1]
    return width < 2 * line.size and height > 2.5 * width


def page_rows(layout: Sequence[TextLine], page: int) -> list[Row]:
    """Horizontal rows of `page`, top to bottom; rotated and unreadably small text is left out."""
    lines = [line for line in layout if line.page == page and not is_vertical(line)]
    estimates = estimated_sizes(lines)
    fragments = [(line, effective_size(line, estimates)) for line in lines]
    fragments = [(line, size) for line, size in fragments if size >= MIN_READABLE_SIZE]
    fragments.sort(key=lambda item: ((item[0].bbox[1] + item[0].bbox[3]) / 2, item[0].bbox[0]))
    groups: list[list[tuple[TextLine, float]]] = []
    # Per group, its first fragment's vertical centre, size and bottom.
    heads: list[tuple[float, float, float]] = []
    for line, size in fragments:
        center = (line.bbox[1] + line.bbox[3]) / 2
        bottom = line.bbox[3]
        for index in range(len(groups) - 1, max(len(groups) - 7, -1), -1):
            head_center, head_size, head_bottom = heads[index]
            smaller, larger = (size, head_size) if size < head_size else (head_size, size)
            if (
                abs(center - head_center) <= 0.35 * smaller
                and abs(size - head_size) <= max(0.6, 0.06 * size)
            ) or (
                # Small capitals: a smaller size on the same baseline, right next to the rest.
                smaller >= 0.7 * larger
                and abs(bottom - head_bottom) <= 0.25 * smaller
                and _touches(line, groups[index], larger)
            ):
                groups[index].append((line, size))
                break
        else:
            groups.append([(line, size)])
            heads.append((center, size, bottom))
    rows = [_make_row(group, page) for group in groups]
    rows.sort(key=lambda row: (row.y0, row.x0))
    return rows


def _touches(line: TextLine, group: list[tuple[TextLine, float]], gap: float) -> bool:
    return any(
        max(other.bbox[0] - line.bbox[2], line.bbox[0] - other.bbox[2]) <= gap
        for other, _ in group
    )


def _make_row(group: list[tuple[TextLine, float]], page: int) -> Row:
    group.sort(key=lambda item: item[0].bbox[0])
    lines = [line for line, _ in group]
    size = max(size for _, size in group)
    # Within a text block, fragments that touch are pieces of one word and a word space
    # joins a phrase; a wider gap, or another block, separates items (names, columns).
    parts: list[str] = []
    right: float | None = None
    block: int | None = None
    for line in lines:
        gap: float | None = None
        if right is not None and line.block == block:
            gap = line.bbox[0] - right
        if gap is not None and gap < 0.15 * size:
            parts[-1] += line.text
        elif gap is not None and gap < 0.6 * size:
            parts[-1] += " " + line.text
        else:
            parts.append(line.text)
        right = line.bbox[2] if right is None else max(right, line.bbox[2])
        block = line.block
    chars = sum(len(line.text) for line in lines) or 1
    bold_chars = sum(len(line.text) for line in lines if line.bold)
    main = max(lines, key=lambda line: len(line.text))
    return Row(
        parts=tuple(parts),
        size=size,
        bold=bold_chars * 2 > chars,
        font=main.font,
        x0=min(line.bbox[0] for line in lines),
        y0=min(line.bbox[1] for line in lines),
        x1=max(line.bbox[2] for line in lines),
        y1=max(line.bbox[3] for line in lines),
        page=page,
    )


def body_size(rows: Sequence[Row]) -> float:
    """The font size carrying most of the characters: the running text of the page."""
    weights: Counter[float] = Counter()
    for row in rows:
        weights[round(row.size * 2) / 2] += len(row.text)
    if not weights:
        return 10.0
    return weights.most_common(1)[0][0]


def is_running_text(row: Row, body: float, page_height: float) -> bool:
    """A line of the page's body paragraphs (not a header, footer, note or heading)."""
    in_margin = row.y0 < 0.12 * page_height or row.y1 > 0.85 * page_height
    return abs(row.size - body) <= 0.3 and len(row.text) > 60 and not in_margin


def vertical_lines(layout: Sequence[TextLine], page: int) -> list[TextLine]:
    """Rotated lines of `page` (where arXiv and repositories put their stamps)."""
    return [line for line in layout if line.page == page and is_vertical(line)]
