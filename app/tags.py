"""The tag tree: paths like `theory/kernels`, created on demand, renamed, moved, merged."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from app.db.models import PaperTag, Tag
from app.errors import InvalidInputError, NotFoundError
from app.textnorm import sanitize_line

SEPARATOR = "/"
MAX_DEPTH = 32
MAX_NAME = 200


def split_path(path: str) -> list[str]:
    """`' theory / kernels '` → ['theory', 'kernels']; raise on empty or too deep paths."""
    parts = [sanitize_line(part, MAX_NAME) for part in path.split(SEPARATOR)]
    parts = [part for part in parts if part]
    if not parts:
        raise InvalidInputError(f"{path!r} is not a tag name: it is empty.")
    if len(parts) > MAX_DEPTH:
        raise InvalidInputError(
            f"Tag path is {len(parts)} levels deep; Lectern allows at most {MAX_DEPTH}."
        )
    return parts


@dataclass(frozen=True, slots=True)
class TagNode:
    id: int
    name: str
    path: str
    parent_id: int | None


class TagTree:
    """A snapshot of all tags with their paths (tags are few; loading all is cheap)."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(select(Tag.id, Tag.name, Tag.parent_id)).all()
        by_id = {row.id: (row.name, row.parent_id) for row in rows}
        self.children: dict[int | None, list[int]] = defaultdict(list)
        self.nodes: dict[int, TagNode] = {}
        for tag_id, (_name, parent) in by_id.items():
            self.children[parent].append(tag_id)
        for tag_id in by_id:
            names: list[str] = []
            cursor: int | None = tag_id
            seen: set[int] = set()
            while cursor is not None and cursor not in seen:
                seen.add(cursor)
                name, parent = by_id[cursor]
                names.append(name)
                cursor = parent
            self.nodes[tag_id] = TagNode(
                tag_id, by_id[tag_id][0], SEPARATOR.join(reversed(names)), by_id[tag_id][1]
            )
        self.by_path = {node.path.casefold(): node for node in self.nodes.values()}

    def find(self, path: str) -> TagNode | None:
        return self.by_path.get(SEPARATOR.join(split_path(path)).casefold())

    def subtree(self, tag_id: int) -> set[int]:
        """The tag and all its descendants."""
        found, stack = set(), [tag_id]
        while stack:
            current = stack.pop()
            if current in found:
                continue
            found.add(current)
            stack.extend(self.children.get(current, []))
        return found

    def path(self, tag_id: int) -> str:
        return self.nodes[tag_id].path


def ensure_tag(session: Session, path: str) -> int:
    """The id of the tag at `path`, creating missing levels (matched case-insensitively)."""
    parent: int | None = None
    for name in split_path(path):
        condition = Tag.parent_id.is_(None) if parent is None else Tag.parent_id == parent
        existing = session.scalars(select(Tag).where(condition)).all()
        match = next((t for t in existing if t.name.casefold() == name.casefold()), None)
        if match is None:
            match = Tag(name=name, parent_id=parent)
            session.add(match)
            session.flush()
        parent = match.id
    assert parent is not None
    return parent


def require_tag(session: Session, path: str) -> TagNode:
    node = TagTree(session).find(path)
    if node is None:
        raise NotFoundError(f"There is no tag {path!r}.")
    return node


def rename_tag(session: Session, path: str, new_name: str) -> None:
    """Rename the last level of `path`; merges into a sibling of the new name if one exists."""
    node = require_tag(session, path)
    (name,) = split_path(new_name.replace(SEPARATOR, " ")) or [new_name]
    sibling = _sibling_named(session, node.parent_id, name, exclude=node.id)
    if sibling is not None:
        merge_tags(session, node.id, sibling)
        return
    session.execute(update(Tag).where(Tag.id == node.id).values(name=name))


def move_tag(session: Session, path: str, new_parent_path: str | None) -> None:
    """Move a tag (with its subtree) under another tag, or to the top with None."""
    node = require_tag(session, path)
    parent_id = ensure_tag(session, new_parent_path) if new_parent_path else None
    if parent_id is not None and parent_id in TagTree(session).subtree(node.id):
        raise InvalidInputError("A tag cannot be moved inside itself.")
    sibling = _sibling_named(session, parent_id, node.name, exclude=node.id)
    if sibling is not None:
        merge_tags(session, node.id, sibling)
        return
    session.execute(update(Tag).where(Tag.id == node.id).values(parent_id=parent_id))


def merge_tags(session: Session, source_id: int, target_id: int) -> None:
    """Give the source's papers and children to the target, then delete the source."""
    if source_id == target_id:
        return
    papers = set(session.scalars(select(PaperTag.paper_id).where(PaperTag.tag_id == source_id)))
    have = set(session.scalars(select(PaperTag.paper_id).where(PaperTag.tag_id == target_id)))
    for paper_id in papers - have:
        session.add(PaperTag(paper_id=paper_id, tag_id=target_id))
    for child in session.scalars(select(Tag).where(Tag.parent_id == source_id)).all():
        clash = _sibling_named(session, target_id, child.name, exclude=child.id)
        if clash is None:
            child.parent_id = target_id
        else:
            merge_tags(session, child.id, clash)
    session.flush()
    session.execute(delete(PaperTag).where(PaperTag.tag_id == source_id))
    session.execute(delete(Tag).where(Tag.id == source_id))


def delete_tag(session: Session, path: str) -> set[int]:
    """Delete a tag and its subtree (papers stay); return the papers that were tagged."""
    node = require_tag(session, path)
    ids = TagTree(session).subtree(node.id)
    papers = set(session.scalars(select(PaperTag.paper_id).where(PaperTag.tag_id.in_(ids))))
    session.execute(delete(PaperTag).where(PaperTag.tag_id.in_(ids)))
    session.execute(delete(Tag).where(Tag.id.in_(ids)))
    return papers


def papers_in_subtree(session: Session, tag_id: int) -> set[int]:
    ids = TagTree(session).subtree(tag_id)
    return set(session.scalars(select(PaperTag.paper_id).where(PaperTag.tag_id.in_(ids))))


def _sibling_named(session: Session, parent: int | None, name: str, exclude: int) -> int | None:
    condition = Tag.parent_id.is_(None) if parent is None else Tag.parent_id == parent
    for tag in session.scalars(select(Tag).where(condition, Tag.id != exclude)):
        if tag.name.casefold() == name.casefold():
            return tag.id
    return None


_SUBTREE_COUNTS = text(
    """
    WITH RECURSIVE closure(ancestor, descendant) AS (
        SELECT id, id FROM tags
        UNION ALL
        SELECT closure.ancestor, tags.id
        FROM closure JOIN tags ON tags.parent_id = closure.descendant
    )
    SELECT closure.ancestor, COUNT(DISTINCT paper_tags.paper_id)
    FROM closure JOIN paper_tags ON paper_tags.tag_id = closure.descendant
    GROUP BY closure.ancestor
    """
)


def tag_counts_by_id(session: Session) -> dict[int, int]:
    """For every tag id, the number of distinct papers in its subtree."""
    return {int(tag_id): int(count) for tag_id, count in session.execute(_SUBTREE_COUNTS)}
