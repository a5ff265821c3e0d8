"""BibTeX export and import, and the round trip between two libraries."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from app.entries import NO_PDF, add_entry, import_pdfs
from app.errors import InvalidInputError, NotFoundError
from app.formats.bibtex_export import entry_type, export_bibtex
from app.formats.bibtex_import import import_bibtex
from app.library import Library
from tests.pdfgen import make_pdf

BODY = "Abstract. We study kernel methods for wide neural networks in detail. " * 12


def _fill(library: Library) -> dict[str, int]:
    ids = {}
    ids["ntk"], _ = add_entry(
        library, title="Neural Tangent Kernel: Convergence & Generalization",
        authors=["Arthur Jacot", "Franck Gabriel", "Clément Hongler"], year=2018,
        venue="Advances in Neural Information Processing Systems (NeurIPS)",
        arxiv_id="1806.07572", abstract="We show that ANNs behave like kernel methods.",
        notes="Key result: training is kernel regression.\nSee Thm. 2 for 50% of the proof.",
        tags=["theory/kernels", "to-read"],
    )
    ids["sgd"], _ = add_entry(
        library, title="Optimization Methods for Large-Scale Machine Learning",
        authors=["Léon Bottou", "Frank E. Curtis", "Jorge Nocedal"], year=2018,
        venue="SIAM Review", doi="10.1137/16M1080173", tags=["optimization"],
    )
    ids["lora"], _ = add_entry(
        library, title="LoRA: Low-Rank Adaptation of Large Language Models",
        authors=["Edward J. Hu", "Yelong Shen"], year=2021, arxiv_id="2106.09685",
        url="https://openreview.net/forum?id=nZeVKeeFYf9", tags=["theory/kernels/lora"],
        notes="Rank $r \\ll d$ updates; `W + BA`.",
    )
    ids["blog"], _ = add_entry(library, title="An Entry Without Authors or Year",
                               url="https://example.org/post_1")
    return ids


def _entry(text: str, key: str) -> str:
    match = re.search(rf"@\w+\{{{re.escape(key)},\n.*?\n\}}\n", text, re.DOTALL)
    assert match, f"no entry {key} in:\n{text}"
    return match.group(0)


def test_export_writes_typed_entries_with_escaped_fields(library: Library) -> None:
    _fill(library)

    text = export_bibtex(library)

    ntk = _entry(text, "jacot2018neural")
    assert ntk.startswith("@inproceedings{jacot2018neural,\n")
    assert "  title = {Neural Tangent Kernel: Convergence \\& Generalization},\n" in ntk
    assert "  author = {Jacot, Arthur and Gabriel, Franck and Hongler, Cl{\\'e}ment},\n" in ntk
    assert "  booktitle = {Advances in Neural Information Processing Systems (NeurIPS)},\n" in ntk
    assert "  eprint = {1806.07572},\n  archiveprefix = {arXiv},\n" in ntk
    assert "  keywords = {theory/kernels, to-read},\n" in ntk
    assert "  annote = {Key result: training is kernel regression.\nSee Thm. 2 for 50\\% of" in ntk
    sgd = _entry(text, "bottou2018optimization")
    assert sgd.startswith("@article{")
    assert "  journal = {SIAM Review},\n" in sgd and "  doi = {10.1137/16m1080173},\n" in sgd
    lora = _entry(text, "hu2021lora")
    assert lora.startswith("@misc{") and "  title = {{LoRA:} {Low-Rank} Adaptation" in lora
    assert "  annote = {Rank $r \\ll d$ updates; `W + BA`.}\n" in lora
    assert "  url = {https://example.org/post_1}\n" in _entry(text, "anonentry")
    assert text.count("@") == 4


def test_keys_are_stable_for_any_selection_and_clashes_get_suffixes(library: Library) -> None:
    add_entry(library, title="Kernel Methods", authors=["Ada Lovelace"], year=2019)
    second, _ = add_entry(library, title="Kernel Methods, Revisited Once More",
                          authors=["Ada Lovelace"], year=2019)

    whole = export_bibtex(library)
    only_second = export_bibtex(library, ids=[second])

    assert "@misc{lovelace2019kernel," in whole and "@misc{lovelace2019kernela," in whole
    assert only_second.startswith("@misc{lovelace2019kernela,")
    assert export_bibtex(library) == whole


@pytest.mark.parametrize(
    ("venue", "kind"),
    [
        ("", ("misc", None)),
        ("arXiv preprint", ("misc", "howpublished")),
        ("Proceedings of the 36th ICML", ("inproceedings", "booktitle")),
        ("NeurIPS 2020 Workshop on Deep Learning", ("inproceedings", "booktitle")),
        ("Journal of Machine Learning Research", ("article", "journal")),
    ],
)
def test_entry_types_follow_the_venue(venue: str, kind: tuple[str, str | None]) -> None:
    assert entry_type(venue) == kind


BIB = r"""
@string{jmlr = "Journal of Machine Learning Research"}

@article{lovelace2019kernel,
  title = {Kernel Methods for Wide {N}eural {N}etworks},
  author = {Lovelace, Ada and Turing, Alan},
  journal = jmlr,
  year = 2019,
  keywords = {theory/kernels; survey},
  file = {:pdfs/kernels.pdf:PDF},
  annote = {Read {\S}3 first.}
}

@misc{vaswani2017attention,
  title={Attention is all you need},
  author={Vaswani, Ashish and Shazeer, Noam and others},
  journal={arXiv preprint arXiv:1706.03762},
  year={2017}
}

@inproceedings{broken,
  title = {This entry never closes its title,
  year = 2020
}

@article{noTitle,
  author = {Nobody},
  year = {2020}
}

@misc{doiOnly, doi = {https://doi.org/10.1137/16M1080173}}

@article{lovelace2019kernel,
  title = {Same key again}
}

@book{goedel,
  title = {{\"U}ber formal unentscheidbare S{\"a}tze},
  author = {G{\"o}del, Kurt},
  date = {1931-01-01},
  publisher = {Monatshefte},
  file = {Full Text PDF:/nowhere/goedel.pdf:application/pdf}
}
"""


def test_import_reads_entries_attaches_pdfs_and_reports_each_entry(
    library: Library, tmp_path: Path
) -> None:
    make_pdf(tmp_path / "pdfs" / "kernels.pdf", [BODY],
             title="Kernel Methods for Wide Neural Networks", authors=["Ada Lovelace"])
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")

    outcomes = import_bibtex(library, bib, tags=["imported"])

    by_key = {o.path: o for o in reversed(outcomes)}  # the first of two same keys
    assert [o.path for o in outcomes] == [
        "lovelace2019kernel", "vaswani2017attention", "broken", "noTitle", "doiOnly",
        "lovelace2019kernel", "goedel",
    ]
    assert [o.status for o in outcomes] == [
        "added", "added", "failed", "failed", "added", "failed", "added",
    ]
    kernels = library.paper(by_key["lovelace2019kernel"].paper_id or 0)
    assert kernels.title == "Kernel Methods for Wide Neural Networks"
    assert kernels.authors == ["Ada Lovelace", "Alan Turing"]
    assert (kernels.year, kernels.venue) == (2019, "Journal of Machine Learning Research")
    assert kernels.tags == ["imported", "survey", "theory/kernels"]
    assert kernels.notes == "Read §3 first."
    assert kernels.file is not None and kernels.flags == []
    assert "attached" in outcomes[0].flags
    attention = library.paper(by_key["vaswani2017attention"].paper_id or 0)
    assert (attention.arxiv_id, attention.venue) == ("1706.03762", "")
    assert attention.authors == ["Ashish Vaswani", "Noam Shazeer"]
    assert outcomes[2].reason.startswith("line 21: ")
    assert "needs a title" in outcomes[3].reason
    assert "already used" in outcomes[5].reason
    assert library.paper(outcomes[4].paper_id or 0).doi == "10.1137/16m1080173"
    goedel = library.paper(by_key["goedel"].paper_id or 0)
    assert goedel.title == "Über formal unentscheidbare Sätze"
    assert (goedel.authors, goedel.year) == (["Kurt Gödel"], 1931)
    assert goedel.flags == [NO_PDF]
    assert "PDF not attached: no such file" in by_key["goedel"].reason


def test_importing_again_reports_duplicates_and_changes_nothing(
    library: Library, tmp_path: Path
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    first = import_bibtex(library, bib)
    count = library.paper_count()

    again = import_bibtex(library, bib)

    assert library.paper_count() == count
    reasons = {o.path: (o.status, o.duplicate_of, o.reason) for o in again if o.paper_id is None}
    ids = {o.path: o.paper_id for o in first}
    assert reasons["vaswani2017attention"] == (
        "duplicate", ids["vaswani2017attention"], "same arXiv id"
    )
    assert reasons["doiOnly"] == ("duplicate", ids["doiOnly"], "same DOI")
    assert reasons["goedel"][2].startswith("same title and first author; PDF not attached")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Just some notes, no entries at all.\n", "holds no BibTeX entries"),
        ("", "holds no BibTeX entries"),
    ],
)
def test_a_file_without_entries_is_a_clear_error(
    library: Library, tmp_path: Path, content: str, message: str
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(content)
    with pytest.raises(InvalidInputError, match=message):
        import_bibtex(library, bib)


def test_a_binary_file_is_a_clear_error(library: Library, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_bytes(b"%PDF-1.7\x00\x01\x02 binary")
    with pytest.raises(InvalidInputError, match="not a text file"):
        import_bibtex(library, bib)


def _snapshot(library: Library) -> set[tuple[Any, ...]]:
    return {
        (p.title, tuple(p.authors), p.year, p.venue, p.arxiv_id, p.doi, p.url, p.abstract,
         tuple(p.tags), p.notes, p.file is not None)
        for p in library.papers()
    }


def test_round_trip_into_a_fresh_library_keeps_papers_tags_notes_and_pdfs(
    library: Library, tmp_path: Path
) -> None:
    _fill(library)
    pdf = make_pdf(tmp_path / "in" / "kernels.pdf", [BODY],
                   title="Kernel Methods for Wide Neural Networks",
                   authors=["Ada Lovelace", "Alan Turing"])
    [added] = import_pdfs(library, [pdf], tags=["theory"], workers=1).outcomes
    assert added.status == "added"
    bib = tmp_path / "export.bib"
    bib.write_text(export_bibtex(library, with_files=True), encoding="utf-8")

    with Library.open(tmp_path / "fresh") as fresh:
        outcomes = import_bibtex(fresh, bib)
        assert [o.status for o in outcomes] == ["added"] * 5
        assert _snapshot(fresh) == _snapshot(library)
        again = export_bibtex(fresh, with_files=True)
    strip_files = re.compile(r",\n  file = \{[^\n]*\}")
    assert strip_files.sub("", again) == strip_files.sub("", bib.read_text(encoding="utf-8"))


def test_exporting_unknown_papers_or_tags_says_so(library: Library) -> None:
    add_entry(library, title="Kernel Methods", authors=["Ada Lovelace"], tags=["theory"])
    with pytest.raises(NotFoundError, match="no paper 42"):
        export_bibtex(library, ids=[1, 42])
    with pytest.raises(NotFoundError, match="no tag"):
        export_bibtex(library, tag="practice")
