"""Reading-list commands: export, import (.bib / .md), entry add/attach, watch."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from app.cli.output import clean, print_json
from app.errors import InvalidInputError
from app.importing.outcome import FileOutcome
from app.indexing import sync_index
from app.library import Library


def register(commands: Any) -> None:
    """Add export, import, entry and watch to the `lectern` sub-commands."""
    export = commands.add_parser("export", help="export papers as BibTeX or a Markdown list")
    export.add_argument("--format", required=True, choices=("bibtex", "markdown"))
    export.add_argument("--tag", help="only papers under this tag")
    export.add_argument("--ids", nargs="+", type=int, metavar="ID", help="only these papers")
    export.add_argument("--output", type=Path, metavar="FILE", help="write here (default: stdout)")
    export.add_argument("--with-files", action="store_true",
                        help="BibTeX: add `file` fields naming the stored PDFs")
    export.set_defaults(func=cmd_export)

    reading_list = commands.add_parser(
        "import", help="import a reading list: BibTeX (.bib) or a Markdown outline (.md)"
    )
    reading_list.add_argument("file", type=Path, metavar="FILE")
    reading_list.add_argument("--tag", help="tag every entry (Markdown: parent of heading tags)")
    reading_list.add_argument("--no-keyword-tags", action="store_true",
                              help="BibTeX: do not turn keywords/groups into tags")
    reading_list.add_argument("--json", action="store_true")
    reading_list.set_defaults(func=cmd_import)

    entry = commands.add_parser("entry", help="papers without a PDF: add one, attach a PDF")
    entry_commands = entry.add_subparsers(dest="entry_command", metavar="ACTION", required=True)
    add = entry_commands.add_parser("add", help="add a paper known by its metadata")
    add.add_argument("--title", default="")
    add.add_argument("--author", action="append", default=[], help="repeat for each author")
    add.add_argument("--year", type=int)
    add.add_argument("--venue", default="")
    add.add_argument("--url", default="")
    add.add_argument("--arxiv", default=None, metavar="ID")
    add.add_argument("--doi", default=None)
    add.add_argument("--note", default="")
    add.add_argument("--tag", action="append", default=[])
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=cmd_entry_add)
    attach = entry_commands.add_parser("attach", help="attach a PDF to a paper without one")
    attach.add_argument("paper_id", type=int, metavar="PAPER_ID")
    attach.add_argument("pdf", type=Path, metavar="PDF")
    attach.add_argument("--json", action="store_true")
    attach.set_defaults(func=cmd_entry_attach)

    watch = commands.add_parser("watch", help="folders whose new PDFs are imported")
    watch_commands = watch.add_subparsers(dest="watch_command", metavar="ACTION", required=True)
    watch_add = watch_commands.add_parser("add", help="watch a folder")
    watch_add.add_argument("folder", type=Path, metavar="DIR")
    watch_add.set_defaults(func=cmd_watch_add)
    watch_remove = watch_commands.add_parser("remove", help="stop watching a folder")
    watch_remove.add_argument("folder", type=Path, metavar="DIR")
    watch_remove.set_defaults(func=cmd_watch_remove)
    watch_list = watch_commands.add_parser("list", help="list the watched folders")
    watch_list.set_defaults(func=cmd_watch_list)
    run = watch_commands.add_parser("run", help="import new PDFs until Ctrl+C")
    run.add_argument("--interval", type=float, default=1.0, help="seconds between looks")
    run.add_argument("--settle", type=float, default=2.0,
                     help="seconds a file must stay unchanged before it is imported")
    run.add_argument("--once", action="store_true",
                     help="import what has arrived, then stop")
    run.set_defaults(func=cmd_watch_run)


def cmd_export(args: argparse.Namespace, library: Library) -> int:
    if args.format == "bibtex":
        from app.formats.bibtex_export import export_bibtex

        text = export_bibtex(library, ids=args.ids, tag=args.tag, with_files=args.with_files)
    else:
        from app.formats.markdown_export import export_markdown

        text = export_markdown(library, tag=args.tag, ids=args.ids)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InvalidInputError(f"Cannot write {args.output}: {exc.strerror or exc}.") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace, library: Library) -> int:
    from app.formats import import_file

    outcomes = import_file(library, args.file, tag=args.tag,
                           keyword_tags=not args.no_keyword_tags)
    sync_index(library)
    _print_outcomes(outcomes, as_json=args.json)
    added = sum(1 for o in outcomes if o.status == "added")
    duplicates = sum(1 for o in outcomes if o.status == "duplicate")
    failed = sum(1 for o in outcomes if o.status == "failed")
    print(f"{len(outcomes)} entr{'y' if len(outcomes) == 1 else 'ies'}: {added} added, "
          f"{duplicates} already in the library, {failed} failed", file=sys.stderr)
    return 0


def cmd_entry_add(args: argparse.Namespace, library: Library) -> int:
    from app.entries import add_entry

    paper_id, created = add_entry(
        library, title=args.title, authors=args.author, year=args.year, url=args.url,
        arxiv_id=args.arxiv, doi=args.doi, venue=args.venue, notes=args.note, tags=args.tag,
    )
    sync_index(library)
    if args.json:
        print_json({"paper_id": paper_id, "created": created})
    elif created:
        print(f"added #{paper_id}")
    else:
        print(f"already in the library as #{paper_id}")
    return 0


def cmd_entry_attach(args: argparse.Namespace, library: Library) -> int:
    from app.entries import attach_pdf

    outcome = attach_pdf(library, args.paper_id, args.pdf)
    sync_index(library)
    _print_outcomes([outcome], as_json=args.json)
    return 0 if outcome.status == "added" else 1


def cmd_watch_add(args: argparse.Namespace, library: Library) -> int:
    from app.watch import add_watched_folder

    print(f"watching {add_watched_folder(library, args.folder)}")
    return 0


def cmd_watch_remove(args: argparse.Namespace, library: Library) -> int:
    from app.watch import remove_watched_folder

    print(f"no longer watching {remove_watched_folder(library, args.folder)}")
    return 0


def cmd_watch_list(args: argparse.Namespace, library: Library) -> int:
    from app.watch import watched_folders

    folders = watched_folders(library)
    for folder in folders:
        missing = "" if folder.is_dir() else "  (missing)"
        print(f"{clean(str(folder), 1000)}{missing}")
    print(f"{len(folders)} watched folder(s)", file=sys.stderr)
    return 0


def cmd_watch_run(args: argparse.Namespace, library: Library) -> int:
    from app.watch import FolderWatcher, watched_folders

    folders = watched_folders(library)
    if not folders:
        raise InvalidInputError("No folder is watched; add one with `lectern watch add DIR`.")

    def imported(outcomes: list[FileOutcome]) -> None:
        sync_index(library)
        _print_outcomes(outcomes, as_json=False)
        sys.stdout.flush()

    watcher = FolderWatcher(library, on_imported=imported, interval=args.interval,
                            settle=args.settle)
    if args.once:
        watcher.catch_up()
        return 0
    print(f"watching {len(folders)} folder(s); Ctrl+C stops", file=sys.stderr)
    watcher.start()
    try:
        while watcher.running:
            time.sleep(0.2)
    except KeyboardInterrupt:
        print("stopping…", file=sys.stderr)
    finally:
        watcher.stop()
    return 0


def _print_outcomes(outcomes: list[FileOutcome], *, as_json: bool) -> None:
    if as_json:
        print_json([outcome.to_json() for outcome in outcomes])
        return
    for outcome in outcomes:
        line = outcome.describe()
        if outcome.status == "added" and outcome.reason:
            line += f"; {outcome.reason}"
        print(f"{clean(outcome.path, 300)}: {clean(line, 600)}")
