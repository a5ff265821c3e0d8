"""Inputs and checks for packaging/smoke_test.sh, run with the development venv's Python.

    python packaging/smoke_checks.py make-pdfs DIR    # DIR/add/*.pdf (3) and DIR/open-with.pdf
    python packaging/smoke_checks.py added ADD.json COUNT
    python packaging/smoke_checks.py top-hit SEARCH.json TITLE
    python packaging/smoke_checks.py listed LIST.json COUNT
    python packaging/smoke_checks.py opened LIST.json
    python packaging/smoke_checks.py entry-runs ENTRY.desktop EXECUTABLE

Each check prints one line and exits non-zero when the bundle's output is wrong.
"""

from __future__ import annotations

import configparser
import json
import shlex
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PAPERS = {
    "kernels.pdf": (
        "Kernel Methods for Wide Neural Networks",
        "The neural tangent kernel governs the training of infinitely wide networks. ",
    ),
    "robust.pdf": (
        "Certified Robustness against Adversarial Examples",
        "Robustness certificates bound the worst case loss under adversarial attack. ",
    ),
    "bandits.pdf": (
        "Regret Bounds for Multi-Armed Bandits",
        "Multi-armed bandits trade exploration against exploitation. ",
    ),
}
# Given to the GUI on its command line, as a file manager's "Open with" does.
OPENED = (
    "open-with.pdf",
    "Sparse Attention for Long Documents",
    "Sparse attention lets transformers read documents of many thousand tokens. ",
)


def make_pdfs(folder: str) -> str:
    from tests.pdfgen import make_pdf

    papers = [(Path(folder) / "add" / name, *paper) for name, paper in PAPERS.items()]
    papers.append((Path(folder) / OPENED[0], *OPENED[1:]))
    for path, title, sentence in papers:
        make_pdf(
            path,
            [f"Abstract. {sentence * 3}", sentence * 12],
            title=title,
            authors=["Ada Lovelace"],
        )
    return f"{len(papers)} PDFs in {folder}"


def _load(path: str) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def added(path: str, count: str) -> str:
    statuses = [outcome["status"] for outcome in _load(path)]
    if statuses != ["added"] * int(count):
        raise SystemExit(f"expected {count} added, got {statuses}")
    return f"{count} added"


def top_hit(path: str, title: str) -> str:
    results = _load(path)["results"]
    if not results or results[0]["title"] != title:
        raise SystemExit(f"expected {title!r} first, got {[r['title'] for r in results]}")
    return f"first hit {title!r} on page(s) {results[0]['pages']}"


def listed(path: str, count: str) -> str:
    papers = _load(path)
    if len(papers) != int(count):
        raise SystemExit(f"expected {count} papers, got {len(papers)}")
    return f"{count} papers listed"


def opened(path: str) -> str:
    titles = [paper["title"] for paper in _load(path)]
    if OPENED[1] not in titles:
        raise SystemExit(f"{OPENED[0]} given to the GUI was not imported: {titles}")
    return f"the GUI imported {OPENED[0]}"


def entry_runs(path: str, executable: str) -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    # Exec's quoting is close enough to the shell's for a path without $, ` or backslashes.
    command = shlex.split(parser["Desktop Entry"]["Exec"])
    if command != [str(Path(executable).resolve()), "%F"]:
        raise SystemExit(f"Exec is {command}, expected the bundle's {executable}")
    return f"Exec={' '.join(command)}"


CHECKS = {
    "make-pdfs": make_pdfs,
    "added": added,
    "top-hit": top_hit,
    "listed": listed,
    "opened": opened,
    "entry-runs": entry_runs,
}


def main(argv: list[str]) -> int:
    """Run one check; its line goes to stdout."""
    if not argv or argv[0] not in CHECKS:
        print(__doc__, file=sys.stderr)
        return 2
    name, *arguments = argv
    print(CHECKS[name](*arguments))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
