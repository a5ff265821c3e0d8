"""Commands that build and edit the library: add, list, show, tag, remove, status, note."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.output import authors_line, clean, print_json
from app.cli.progress import ProgressBar
from app.editing import remove_papers, set_note, set_status, tag_papers
from app.errors import InvalidInputError
from app.importing.outcome import FileOutcome
from app.indexing import sync_index
from app.library import Library


def register(commands: Any) -> None:
    add = commands.add_parser("add", help="add PDFs (files or folders, recursively)")
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add.add_argument("--tag", action="append", default=[], help="tag path, e.g. theory/kernels")
    add.add_argument("--workers", type=int, default=None, help="parser processes (default: cores)")
    add.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per file")
    add.add_argument("--link", action="store_true",
                     help="leave the PDFs where they are instead of copying them into the library")
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=cmd_add)

    listing = commands.add_parser("list", help="list papers")
    listing.add_argument("--tag", help="only papers under this tag")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list)

    show = commands.add_parser("show", help="show one paper")
    show.add_argument("paper_id", type=int, metavar="PAPER_ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)

    tag = commands.add_parser("tag", help="add or remove tags on papers")
    tag.add_argument("paper_ids", nargs="+", type=int, metavar="PAPER_ID")
    tag.add_argument("--add", action="append", default=[], metavar="TAG")
    tag.add_argument("--remove", action="append", default=[], metavar="TAG")
    tag.set_defaults(func=cmd_tag)

    remove = commands.add_parser("remove", help="remove papers from the library")
    remove.add_argument("paper_ids", nargs="+", type=int, metavar="PAPER_ID")
    remove.set_defaults(func=cmd_remove)

    status = commands.add_parser("status", help="set the reading status of papers")
    status.add_argument("paper_ids", nargs="+", type=int, metavar="PAPER_ID")
    status.add_argument("--set", required=True, dest="status",
                        help="unread, to_read, reading or read")
    status.add_argument("--priority", type=int, default=None, help="queue priority (higher first)")
    status.set_defaults(func=cmd_status)

    note = commands.add_parser("note", help="show or set a paper's note")
    note.add_argument("paper_id", type=int, metavar="PAPER_ID")
    note.add_argument("--set", dest="text", default=None, help="new note text ('-' reads stdin)")
    note.set_defaults(func=cmd_note)


def cmd_add(args: argparse.Namespace, library: Library) -> int:
    from app.importing.pipeline import Importer

    bar = ProgressBar()

    def say(outcome: FileOutcome) -> None:
        # Printed as soon as it is final: an "added" line means the paper is committed.
        if not args.json:
            bar.clear_line()
            print(f"{clean(outcome.path, 300)}: {clean(outcome.describe(), 400)}", flush=True)

    importer = Importer(
        library, workers=args.workers, timeout=args.timeout, progress=bar, on_outcome=say,
        copy_files=not args.link, pool=getattr(args, "parsers", None),
    )
    report = importer.run(args.paths, tags=args.tag)
    bar.finish()
    sync_index(library)
    if args.json:
        print_json([outcome.to_json() for outcome in report.outcomes])
    rate = ""
    if report.pages and report.elapsed:
        rate = f" ({report.pages / report.elapsed:,.0f} pages/s)"
    print(
        f"{len(report.outcomes)} file(s): {report.count('added')} added, "
        f"{report.count('duplicate')} duplicate, {report.count('failed')} failed "
        f"in {report.elapsed:.1f} s{rate}",
        file=sys.stderr,
    )
    return 0


def cmd_list(args: argparse.Namespace, library: Library) -> int:
    papers = library.papers(tag=args.tag)
    if args.json:
        print_json([paper.to_json() for paper in papers])
        return 0
    for paper in papers:
        year = paper.year or "    "
        tags = f"  [{', '.join(clean(t, 60) for t in paper.tags)}]" if paper.tags else ""
        print(f"{paper.id:>6}  {year}  {clean(paper.title, 90)} — {authors_line(paper.authors)}"
              f"{tags}")
    print(f"{len(papers)} paper(s)", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace, library: Library) -> int:
    paper = library.paper(args.paper_id)
    if args.json:
        print_json(paper.to_json())
        return 0
    rows = [
        ("Title", paper.title), ("Authors", "; ".join(paper.authors)),
        ("Year", str(paper.year or "")), ("Venue", paper.venue),
        ("arXiv", paper.arxiv_id or ""), ("DOI", paper.doi or ""), ("URL", paper.url),
        ("Tags", ", ".join(paper.tags)), ("Pages", str(paper.page_count)),
        ("Status", paper.status), ("Flags", ", ".join(paper.flags)), ("File", paper.file or ""),
        ("Added", paper.added.strftime("%Y-%m-%d %H:%M")),
    ]
    for label, value in rows:
        if value:
            print(f"{label:>8}: {clean(value, 1000)}")
    if paper.abstract:
        print(f"\n{clean(paper.abstract, 3000)}")
    if paper.notes:
        print(f"\nNotes:\n{paper.notes}")
    return 0


def cmd_tag(args: argparse.Namespace, library: Library) -> int:
    if not args.add and not args.remove:
        raise InvalidInputError("Say what to do: --add TAG and/or --remove TAG.")
    tag_papers(library, args.paper_ids, add=args.add, remove=args.remove)
    sync_index(library)
    return 0


def cmd_remove(args: argparse.Namespace, library: Library) -> int:
    changes = remove_papers(library, args.paper_ids)
    sync_index(library)
    print(f"removed {len(changes.removed)} paper(s)", file=sys.stderr)
    return 0


def cmd_status(args: argparse.Namespace, library: Library) -> int:
    set_status(library, args.paper_ids, args.status, args.priority)
    sync_index(library)
    return 0


def cmd_note(args: argparse.Namespace, library: Library) -> int:
    if args.text is None:
        print(library.paper(args.paper_id).notes)
        return 0
    text = sys.stdin.read() if args.text == "-" else args.text
    set_note(library, args.paper_id, text)
    sync_index(library)
    return 0
