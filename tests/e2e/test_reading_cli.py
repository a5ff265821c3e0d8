"""The reading-list commands: entry, import, export and watch, through `lectern`'s main()."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main as cli_main
from tests.pdfgen import make_pdf

pytest.importorskip("search.index", reason="the commands keep the search index in step")

Run = Callable[..., tuple[int, str, str]]
BODY = "Abstract. Multi-armed bandits trade exploration against exploitation. " * 12
OUTLINE = """# Bandits

- [Regret Analysis of Stochastic and Nonstochastic Multi-armed Bandit Problems](https://arxiv.org/abs/1204.5721) (Sébastien Bubeck, Nicolò Cesa-Bianchi, 2012) — the survey; regret is $O(\\sqrt{KT \\log K})$
- [Thompson sampling](https://doi.org/10.2307/2332286) — `beta(a, b)` posteriors

## Contextual

- [pdf](https://openreview.net/pdf?id=Hkx3ElHYwS) Neural Contextual Bandits — with `UCB`
- [Bad](https://arxiv.org/abs/1999.99999) — broken id
"""  # noqa: E501 - notes keep a paper and its comment on one line


@pytest.fixture
def lectern(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Run:
    """`lectern --library tmp/lib ARGS…` in this process: (exit code, stdout, stderr)."""

    def run(*args: str, library: Path = tmp_path / "lib") -> tuple[int, str, str]:
        code = cli_main.main(["--library", str(library), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_entry_add_matches_and_attach_gives_it_a_pdf(lectern: Run, tmp_path: Path) -> None:
    code, out, _ = lectern("entry", "add", "--title", "Regret analysis (survey)",
                           "--author", "Sébastien Bubeck", "--arxiv", "1204.5721",
                           "--tag", "bandits", "--json")
    assert code == 0
    created = json.loads(out)
    assert created["created"] is True
    code, out, _ = lectern("entry", "add", "--title", "Other", "--arxiv", "arXiv:1204.5721v2")
    assert (code, out.strip()) == (0, f"already in the library as #{created['paper_id']}")

    pdf = make_pdf(tmp_path / "download.pdf", [BODY], title="Bandit Problems",
                   authors=["Sébastien Bubeck"])
    code, out, _ = lectern("entry", "attach", str(created["paper_id"]), str(pdf), "--json")
    assert code == 0
    [record] = json.loads(out)
    assert (record["status"], record["paper_id"]) == ("added", created["paper_id"])

    code, out, _ = lectern("show", str(created["paper_id"]), "--json")
    shown = json.loads(out)
    assert shown["flags"] == [] and shown["file"]
    code, _, err = lectern("entry", "add", "--title", "x", "--doi", "nonsense")
    assert code == 1 and "is not a DOI" in err


def test_import_markdown_then_export_both_formats(lectern: Run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(OUTLINE, encoding="utf-8")

    code, out, err = lectern("import", str(notes), "--tag", "inbox", "--json")

    assert code == 0
    records = json.loads(out)
    assert [(r["status"], r["path"]) for r in records] == [
        ("added", "https://arxiv.org/abs/1204.5721"),
        ("added", "https://doi.org/10.2307/2332286"),
        ("added", "https://openreview.net/pdf?id=Hkx3ElHYwS"),
        ("failed", "https://arxiv.org/abs/1999.99999"),
    ]
    assert set(records[0]) == {"path", "status", "paper_id", "duplicate_of", "reason", "flags"}
    assert records[0]["flags"] == ["no_pdf"]
    assert "line 9" in records[3]["reason"]
    assert "3 added, 0 already in the library, 1 failed" in err

    code, out, _ = lectern("export", "--format", "markdown", "--tag", "inbox/Bandits")
    assert code == 0
    assert out.startswith("# inbox/Bandits\n\n- [Regret Analysis of Stochastic")
    assert "## Contextual\n\n- [Neural Contextual Bandits](https://openreview.net/forum?id=" in out

    bib = tmp_path / "out.bib"
    code, _, _ = lectern("export", "--format", "bibtex", "--output", str(bib))
    assert code == 0
    text = bib.read_text(encoding="utf-8")
    assert "@misc{bubeck2012regret," in text
    assert "author = {Bubeck, S{\\'e}bastien and Cesa-Bianchi, Nicol{\\`o}}" in text

    fresh = tmp_path / "fresh"
    code, out, _ = lectern("import", str(bib), "--json", library=fresh)
    assert [r["status"] for r in json.loads(out)] == ["added"] * 3
    code, out, _ = lectern("list", "--json", library=fresh)
    tags = sorted(tag for paper in json.loads(out) for tag in paper["tags"])
    assert tags == ["inbox/Bandits", "inbox/Bandits", "inbox/Bandits/Contextual"]


def test_import_errors_are_one_line_messages(lectern: Run, tmp_path: Path) -> None:
    bad = tmp_path / "refs.bib"
    bad.write_text("@article{a, title = {Fine}, year = 2020}\n@article{b, title = {Open\n")
    code, out, _ = lectern("import", str(bad))
    assert code == 0
    assert out.splitlines()[0].startswith("a: added #1")
    assert out.splitlines()[1].startswith("b: failed: line 2")

    for path, message in [
        (tmp_path / "missing.bib", "There is no file"),
        (tmp_path / "paper.pdf", "not paper.pdf"),
    ]:
        code, _, err = lectern("import", str(path))
        assert code == 1
        assert message in err and "Traceback" not in err


def test_watch_folders_are_listed_and_run_once_imports_what_arrived(
    lectern: Run, tmp_path: Path
) -> None:
    inbox = tmp_path / "Downloads"
    inbox.mkdir()
    code, _, err = lectern("watch", "run", "--once")
    assert code == 1 and "No folder is watched" in err

    assert lectern("watch", "add", str(inbox))[0] == 0
    code, out, _ = lectern("watch", "list")
    assert out.strip() == str(inbox.resolve())

    pdf = make_pdf(inbox / "bandits.pdf", [BODY], title="Regret Bounds for Bandits",
                   authors=["Emmy Noether"])
    (inbox / "next.pdf.crdownload").write_bytes(pdf.read_bytes()[:100])
    past = time.time() - 60
    os.utime(pdf, (past, past))
    code, out, _ = lectern("watch", "run", "--once", "--settle", "1")
    assert code == 0
    assert out.startswith(f"{pdf}: added #1")
    code, out, _ = lectern("watch", "run", "--once")
    assert out == ""

    assert lectern("watch", "remove", str(inbox))[0] == 0
    code, out, _ = lectern("watch", "list")
    assert out == ""
