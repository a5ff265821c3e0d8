"""One-call tag operations for the tag tree: each is one write transaction that re-queues the
papers whose tag paths changed and publishes one `Changes(tags=True, updated=...)`.

These wrap `app.tags` (which works on a session) the way `app.editing` wraps paper edits.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from app.changes import Changes
from app.errors import InvalidInputError
from app.library import Library, touch
from app.tags import (
    TagTree,
    delete_tag,
    ensure_tag,
    merge_tags,
    move_tag,
    papers_in_subtree,
    rename_tag,
    require_tag,
    split_path,
)


def _tag_write(library: Library, path: str, operation: Callable[[Session], None]) -> Changes:
    """Run `operation` on the tag at `path`; the papers of its subtree are re-indexed."""
    with library.writing() as session:
        node = require_tag(session, path)
        affected = papers_in_subtree(session, node.id)
        operation(session)
        touch(session, affected)
    return library.publish(Changes(updated=affected, tags=True))


def create_tag(library: Library, path: str) -> Changes:
    """Create the tag at `path` (with missing parents)."""
    with library.writing() as session:
        ensure_tag(session, path)
    return library.publish(Changes(tags=True))


def rename_tag_at(library: Library, path: str, new_name: str) -> Changes:
    """Rename the last level of `path` (into a sibling of that name: the two merge)."""
    split_path(new_name)
    return _tag_write(library, path, lambda session: rename_tag(session, path, new_name))


def move_tag_under(library: Library, path: str, new_parent: str | None) -> Changes:
    """Move the tag at `path` with its subtree under `new_parent` (None: to the top)."""
    return _tag_write(library, path, lambda session: move_tag(session, path, new_parent))


def merge_tag_into(library: Library, source: str, target: str) -> Changes:
    """Give the papers and children of `source` to `target`, then delete `source`."""

    def merge(session: Session) -> None:
        tree = TagTree(session)
        source_node, target_node = tree.find(source), tree.find(target)
        if source_node is None or target_node is None:
            raise InvalidInputError("Both tags must exist to merge them.")
        if target_node.id in tree.subtree(source_node.id):
            raise InvalidInputError("A tag cannot be merged into one of its own subtags.")
        merge_tags(session, source_node.id, target_node.id)

    return _tag_write(library, source, merge)


def delete_tag_at(library: Library, path: str) -> Changes:
    """Delete the tag at `path` and its subtags; the papers stay in the library."""
    return _tag_write(library, path, lambda session: _discard(delete_tag(session, path)))


def _discard(_value: object) -> None:
    return None
