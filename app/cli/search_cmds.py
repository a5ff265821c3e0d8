"""Commands that read the index: search, related; and keep it healthy: reindex, doctor."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

from app.cli.output import authors_line, clean, print_json
from app.doctor import examine, repair
from app.indexing import reindex, sync_index
from app.library import Library
from app.textnorm import sanitize

SORTS = ("relevance", "year", "added", "title")
_WHITESPACE = re.compile(r"\s+")


def register(commands: Any) -> None:
    search = commands.add_parser("search", help="full-text search (see `lectern help-query`)")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--tag", help="only papers under this tag")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--sort", choices=SORTS, default="relevance")
    search.add_argument("--json", action="store_true")
    search.set_defaults(func=cmd_search)

    related = commands.add_parser("related", help="papers whose text is most like this one's")
    related.add_argument("paper_id", type=int, metavar="PAPER_ID")
    related.add_argument("--limit", type=int, default=10)
    related.add_argument("--json", action="store_true")
    related.set_defaults(func=cmd_related)

    rebuild = commands.add_parser("reindex", help="rebuild the search index from the database")
    rebuild.set_defaults(func=cmd_reindex)

    doctor = commands.add_parser("doctor", help="check the library; --fix repairs it")
    doctor.add_argument("--fix", action="store_true")
    doctor.add_argument("--json", action="store_true")
    doctor.set_defaults(func=cmd_doctor)

    syntax = commands.add_parser("help-query", help="print the query syntax")
    syntax.set_defaults(func=cmd_help_query)


def mark(snippet: str, highlights: list[tuple[int, int]], left: str, right: str) -> str:
    """`snippet` made safe for a terminal, each highlighted range wrapped in markers.

    Ranges index the snippet as given, so it is cut first and each piece made safe
    afterwards (sanitizing can change lengths: NFKC turns "…" into "...").
    """
    out, cursor = [], 0
    for start, end in sorted(highlights):
        if start < cursor:
            continue
        out += [_safe(snippet[cursor:start]), left, _safe(snippet[start:end]), right]
        cursor = end
    out.append(_safe(snippet[cursor:]))
    return "".join(out)


def _safe(piece: str) -> str:
    return _WHITESPACE.sub(" ", sanitize(piece))


def cmd_search(args: argparse.Namespace, library: Library) -> int:
    sync_index(library)
    results = library.index.search(
        args.query, scope_tag=args.tag, limit=max(1, args.limit), sort=args.sort
    )
    papers = {p.id: p for p in library.papers([hit.paper_id for hit in results.hits])}
    if args.json:
        print_json(
            {
                "query": results.query,
                "total": results.total,
                "results": [
                    {
                        "id": hit.paper_id,
                        "title": papers[hit.paper_id].title if hit.paper_id in papers else "",
                        "authors": papers[hit.paper_id].authors if hit.paper_id in papers else [],
                        "year": papers[hit.paper_id].year if hit.paper_id in papers else None,
                        "score": round(hit.score, 4),
                        "snippet": hit.snippet,
                        "highlights": [list(span) for span in hit.highlights],
                        "pages": [page + 1 for page in hit.pages],
                        "hits": hit.hit_count,
                    }
                    for hit in results.hits
                ],
                "tag_counts": results.tag_counts,
                "warnings": results.warnings,
            }
        )
        return 0
    print(f'"{clean(args.query, 200)}" has {results.total} results')
    for warning in results.warnings:
        print(f"  note: {clean(warning, 300)}", file=sys.stderr)
    bold = sys.stdout.isatty()
    left, right = ("\x1b[1;33m", "\x1b[0m") if bold else ("[", "]")
    for hit in results.hits:
        paper = papers.get(hit.paper_id)
        if paper is None:
            continue
        pages = ", ".join(str(page + 1) for page in hit.pages[:8])
        more = "…" if len(hit.pages) > 8 else ""
        print(f"\n#{paper.id}  {clean(paper.title, 120)}")
        byline = " ".join(
            part for part in (authors_line(paper.authors), f"({paper.year})" if paper.year else "")
            if part
        )
        if byline:
            print(f"    {byline}")
        if pages:
            print(f"    pages {pages}{more} · {hit.hit_count} hits")
        if hit.snippet:
            snippet = mark(hit.snippet, hit.highlights, left, right)
            print(f"    {snippet}")
    return 0


def cmd_related(args: argparse.Namespace, library: Library) -> int:
    sync_index(library)
    library.paper(args.paper_id)
    related = library.index.related(args.paper_id, limit=max(1, args.limit))
    papers = {p.id: p for p in library.papers([r.paper_id for r in related])}
    if args.json:
        print_json(
            [
                {
                    "id": r.paper_id,
                    "title": papers[r.paper_id].title if r.paper_id in papers else "",
                    "score": round(r.score, 4),
                    "shared_terms": r.shared_terms,
                }
                for r in related
            ]
        )
        return 0
    for r in related:
        if r.paper_id in papers:
            print(f"#{r.paper_id}  {clean(papers[r.paper_id].title, 100)}")
            print(f"    shares: {', '.join(r.shared_terms[:8])}")
    return 0


def cmd_reindex(args: argparse.Namespace, library: Library) -> int:
    result = reindex(library)
    print(f"indexed {result.indexed} paper(s)", file=sys.stderr)
    return 0


def cmd_doctor(args: argparse.Namespace, library: Library) -> int:
    report = repair(library) if args.fix else examine(library)
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.fixed:
            print(f"fixed: {line}")
        if report.healthy:
            print(f"The library is healthy ({report.papers} papers).")
        for problem in report.problems():
            print(f"problem: {problem}")
    return 0 if report.healthy else 1


def cmd_help_query(args: argparse.Namespace, library: Library) -> int:
    from importlib.resources import files

    print(files("search").joinpath("QUERY_SYNTAX.md").read_text(encoding="utf-8"))
    return 0
