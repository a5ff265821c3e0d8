"""Markdown reading list: a heading per tag (nested `#`, `##`, …), a bullet per paper.

    # theory
    ## kernels
    - [Kernel Methods for Wide Neural Networks](https://arxiv.org/abs/1806.07572) (Ada
      Lovelace, Alan Turing, 2019) doi:10.1000/xyz — the first line of the note

The output reads back with `import_markdown` into the same papers, tags and one-line notes.
Markdown has six heading levels; a deeper tag is written at level six with its path from
the level-five tag ("###### f/g"), which the importer nests the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from app.formats.selection import chosen_papers
from app.library import Library
from app.tags import TagTree
from app.views import PaperView

MAX_LEVEL = 6
MOST_AUTHORS = 5
_URL_ESCAPES = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"}


def export_markdown(
    library: Library, *, tag: str | None = None, ids: Sequence[int] | None = None
) -> str:
    """The reading list of a tag subtree, of chosen papers (a flat list) or of everything.

    For the whole library, untagged papers come first, without a heading. Tags with no
    paper in their subtree get no heading (but the tag asked for does).
    """
    if ids is not None:
        return _bullets(chosen_papers(library, ids, tag))
    papers = chosen_papers(library, tag=tag)
    by_tag: dict[str, list[PaperView]] = defaultdict(list)
    for paper in papers:
        for path in paper.tags:
            by_tag[path.casefold()].append(paper)
    with library.reading() as session:
        tree = TagTree(session)
    lines: list[str] = []
    if tag is not None:
        node = tree.find(tag)
        roots = [node.id] if node is not None else []
    else:
        untagged = [paper for paper in papers if not paper.tags]
        if untagged:
            lines.append(_bullets(untagged))
        roots = sorted(tree.children.get(None, []), key=lambda i: tree.nodes[i].name.casefold())
    filled = _filled_tags(tree, by_tag)
    for root in roots:
        if root in filled or tag is not None:
            _section(tree, root, 1, tree.nodes[root].path, by_tag, filled, lines)
    return "\n".join(lines)


def _filled_tags(tree: TagTree, by_tag: dict[str, list[PaperView]]) -> set[int]:
    """Tags with a paper in their subtree."""
    filled: set[int] = set()
    for tag_id, node in tree.nodes.items():
        if node.path.casefold() in by_tag:
            current: int | None = tag_id
            while current is not None and current not in filled:
                filled.add(current)
                current = tree.nodes[current].parent_id
    return filled


def _section(
    tree: TagTree, tag_id: int, level: int, heading: str,
    by_tag: dict[str, list[PaperView]], filled: set[int], lines: list[str],
) -> None:
    node = tree.nodes[tag_id]
    lines.append(f"{'#' * min(level, MAX_LEVEL)} {heading}\n")
    papers = by_tag.get(node.path.casefold(), [])
    if papers:
        lines.append(_bullets(papers))
    children = sorted(
        (child for child in tree.children.get(tag_id, []) if child in filled),
        key=lambda i: tree.nodes[i].name.casefold(),
    )
    for child in children:
        name = tree.nodes[child].name
        # Below level six, headings stay at six and carry the path from the level-five tag.
        text = f"{heading}/{name}" if level >= MAX_LEVEL else name
        _section(tree, child, level + 1, text, by_tag, filled, lines)


def _bullets(papers: Sequence[PaperView]) -> str:
    ordered = sorted(papers, key=lambda p: (p.title.casefold(), p.id))
    return "".join(paper_line(paper) + "\n" for paper in ordered)


def paper_line(paper: PaperView) -> str:
    """One bullet: linked title, (authors, year), other identifiers, the note's first line."""
    link = _link(paper)
    title = paper.title.replace("[", "\\[").replace("]", "\\]")
    parts = [f"- [{title}]({link})" if link else f"- **{paper.title}**"]
    byline = _byline(paper, linked=bool(link))
    if byline:
        parts.append(byline)
    if paper.arxiv_id and paper.arxiv_id not in link:
        parts.append(f"arXiv:{paper.arxiv_id}")
    if paper.doi and paper.doi not in link.lower():
        parts.append(f"doi:{paper.doi}")
    note = next((line.strip() for line in paper.notes.splitlines() if line.strip()), "")
    line = " ".join(parts)
    return f"{line} — {note}" if note else line


def _link(paper: PaperView) -> str:
    if paper.url:
        return "".join(_URL_ESCAPES.get(char, char) for char in paper.url)
    if paper.arxiv_id:
        return f"https://arxiv.org/abs/{paper.arxiv_id}"
    if paper.doi:
        return f"https://doi.org/{paper.doi}"
    return ""


def _byline(paper: PaperView, *, linked: bool) -> str:
    authors = paper.authors
    names = ", ".join(authors if len(authors) <= MOST_AUTHORS else authors[:3])
    if len(authors) > MOST_AUTHORS:
        names += " et al."
    year = str(paper.year) if paper.year else ("n.d." if authors or not linked else "")
    return f"({', '.join(part for part in (names, year) if part)})" if year else ""
