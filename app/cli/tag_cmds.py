"""`lectern tags`: the tag tree with paper counts, and renaming, moving, merging, deleting."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from app.cli.output import clean, print_json
from app.indexing import sync_index
from app.library import Library
from app.tag_actions import create_tag, delete_tag_at, merge_tag_into, move_tag_under, rename_tag_at
from app.tags import SEPARATOR, TagTree, tag_counts_by_id


def register(commands: Any) -> None:
    tags = commands.add_parser(
        "tags",
        help="list the tag tree with paper counts; create, rename, move, merge or delete tags",
        description="Without an action: the tag tree, each tag with the number of papers "
        "under it (sub-tags included).",
    )
    tags.add_argument("--json", action="store_true")
    tags.set_defaults(func=cmd_tags)
    actions = tags.add_subparsers(dest="action", metavar="ACTION")

    create = actions.add_parser("create", help="create a tag (and missing parents)")
    create.add_argument("path", metavar="TAG")
    create.set_defaults(func=_reshaping(lambda a, lib: create_tag(lib, a.path)))

    rename = actions.add_parser(
        "rename", help="rename a tag's last level (into an existing sibling: they merge)"
    )
    rename.add_argument("path", metavar="TAG")
    rename.add_argument("new_name", metavar="NEW_NAME")
    rename.set_defaults(func=_reshaping(lambda a, lib: rename_tag_at(lib, a.path, a.new_name)))

    move = actions.add_parser("move", help="move a tag and its sub-tags under another tag")
    move.add_argument("path", metavar="TAG")
    where = move.add_mutually_exclusive_group(required=True)
    where.add_argument("--under", metavar="PARENT", help="the new parent tag")
    where.add_argument("--top", action="store_true", help="make it a top-level tag")
    move.set_defaults(
        func=_reshaping(lambda a, lib: move_tag_under(lib, a.path, None if a.top else a.under))
    )

    merge = actions.add_parser(
        "merge", help="give a tag's papers and sub-tags to another tag, then delete it"
    )
    merge.add_argument("source", metavar="TAG")
    merge.add_argument("target", metavar="INTO")
    merge.set_defaults(func=_reshaping(lambda a, lib: merge_tag_into(lib, a.source, a.target)))

    delete = actions.add_parser(
        "delete", help="delete a tag and its sub-tags (the papers stay in the library)"
    )
    delete.add_argument("path", metavar="TAG")
    delete.set_defaults(func=_reshaping(lambda a, lib: delete_tag_at(lib, a.path)))


def cmd_tags(args: argparse.Namespace, library: Library) -> int:
    with library.reading() as session:
        tree = TagTree(session)
        counts = tag_counts_by_id(session)
    nodes = sorted(tree.nodes.values(), key=lambda node: node.path.casefold())
    if args.json:
        print_json(
            [
                {"path": node.path, "name": node.name, "papers": counts.get(node.id, 0)}
                for node in nodes
            ]
        )
        return 0
    for node in nodes:
        depth = node.path.count(SEPARATOR)
        print(f"{counts.get(node.id, 0):>6}  {'  ' * depth}{clean(node.name, 100)}")
    print(f"{len(nodes)} tag(s)", file=sys.stderr)
    return 0


def _reshaping(
    operation: Callable[[argparse.Namespace, Library], object],
) -> Callable[[argparse.Namespace, Library], int]:
    """A command that changes the tag tree; the search index follows before it returns."""

    def run(args: argparse.Namespace, library: Library) -> int:
        operation(args, library)
        sync_index(library)
        return 0

    return run
