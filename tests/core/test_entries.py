"""Papers without a PDF: adding them, matching them, and attaching a PDF later."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.entries import (
    NO_PDF,
    EntryFields,
    add_entries,
    add_entry,
    attach_pdf,
    import_pdfs,
)
from app.errors import InvalidInputError, NotFoundError
from app.library import Library
from tests.pdfgen import make_pdf

BODY = "Abstract. We study kernel methods for wide neural networks in detail. " * 12


def test_an_entry_is_a_paper_flagged_no_pdf_with_its_tags(library: Library) -> None:
    paper_id, created = add_entry(
        library, title="Kernel Methods for Wide Neural Networks",
        authors=["Ada Lovelace", "Alan Turing"], year=2019,
        url="https://example.org/kernels", arxiv_id="arXiv:1806.07572v2",
        doi="https://doi.org/10.5555/Kernels.2019", notes="Read section 3 first.",
        tags=["theory/kernels", "to-read"],
    )

    assert created
    paper = library.paper(paper_id)
    assert paper.flags == [NO_PDF]
    assert paper.file is None
    assert paper.authors == ["Ada Lovelace", "Alan Turing"]
    assert paper.arxiv_id == "1806.07572v2"
    assert paper.doi == "10.5555/kernels.2019"
    assert paper.tags == ["theory/kernels", "to-read"]
    assert paper.notes == "Read section 3 first."


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"title": "Another title", "doi": "doi:10.5555/KERNELS.2019"}, "same DOI"),
        ({"title": "Another title", "arxiv_id": "1806.07572v3"}, "same arXiv id"),
        ({"title": "kernel methods for wide neural networks!", "authors": ["A. Lovelace"]},
         "same title and first author"),
        ({"title": "Another title", "url": "https://example.org/kernels"}, "same URL"),
    ],
)
def test_a_matching_entry_reuses_the_paper_and_adds_tags_and_missing_fields(
    library: Library, fields: dict[str, object], reason: str
) -> None:
    first, _ = add_entry(
        library, title="Kernel Methods for Wide Neural Networks", authors=["Ada Lovelace"],
        arxiv_id="1806.07572", doi="10.5555/kernels.2019", url="https://example.org/kernels",
    )

    [result] = add_entries(library, [EntryFields(**fields, year=2019, tags=["later"])])  # type: ignore[arg-type]

    assert (result.paper_id, result.created, result.reason) == (first, False, reason)
    paper = library.paper(first)
    assert paper.title == "Kernel Methods for Wide Neural Networks"
    assert paper.year == 2019
    assert paper.tags == ["later"]
    assert library.paper_count() == 1


def test_entries_in_one_batch_match_each_other_and_notes_accumulate(library: Library) -> None:
    results = add_entries(library, [
        EntryFields(arxiv_id="2106.09685", notes="LoRA: low-rank adapters"),
        EntryFields(title="LoRA: Low-Rank Adaptation of Large Language Models",
                    arxiv_id="2106.09685v2", notes="compare with prefix tuning"),
    ])

    assert [r.created for r in results] == [True, False]
    paper = library.paper(results[0].paper_id)
    # The placeholder title made from the id gives way to a real one.
    assert paper.title == "LoRA: Low-Rank Adaptation of Large Language Models"
    assert paper.notes == "LoRA: low-rank adapters\n\ncompare with prefix tuning"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "needs a title"),
        ({"title": "x", "doi": "not a doi"}, "is not a DOI"),
        ({"title": "x", "arxiv_id": "9913.12345"}, "is not an arXiv id"),
        ({"title": "x", "year": 99}, "plausible year"),
    ],
)
def test_unusable_entries_are_refused_with_the_reason(
    library: Library, fields: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        add_entries(library, [EntryFields(**fields)])  # type: ignore[arg-type]
    assert library.paper_count() == 0


def test_importing_a_pdf_with_the_same_arxiv_id_attaches_it(
    library: Library, tmp_path: Path
) -> None:
    paper_id, _ = add_entry(library, title="My placeholder name for it", arxiv_id="1806.07572",
                            tags=["reading"])
    pdf = make_pdf(tmp_path / "1806.07572v2.pdf", [BODY],
                   title="Kernel Methods for Wide Neural Networks", authors=["Ada Lovelace"])

    [outcome] = import_pdfs(library, [pdf], workers=1).outcomes

    assert (outcome.status, outcome.paper_id) == ("added", paper_id)
    assert "attached" in outcome.flags and NO_PDF not in outcome.flags
    assert library.paper_count() == 1
    paper = library.paper(paper_id)
    assert paper.file is not None and Path(paper.file).is_file()
    assert paper.flags == []
    assert paper.title == "My placeholder name for it"  # what the user wrote wins
    assert paper.authors == ["Ada Lovelace"]  # what the entry lacked comes from the PDF
    assert paper.page_count == 1
    assert paper.tags == ["reading"]


def test_importing_a_pdf_with_the_same_doi_attaches_it(library: Library, tmp_path: Path) -> None:
    paper_id, _ = add_entry(library, title="Certified Robustness", doi="10.5555/robust.7")
    pdf = make_pdf(tmp_path / "robust.pdf", ["doi:10.5555/robust.7 " + BODY],
                   title="Certified Robustness against Adversarial Examples",
                   authors=["Grace Hopper"])

    [outcome] = import_pdfs(library, [pdf], workers=1).outcomes

    assert (outcome.status, outcome.paper_id) == ("added", paper_id)
    assert library.paper_count() == 1
    assert library.paper(paper_id).flags == []


def test_attach_pdf_gives_an_unrelated_looking_pdf_to_the_chosen_entry(
    library: Library, tmp_path: Path
) -> None:
    paper_id, _ = add_entry(library, title="Talk notes on bandit regret",
                            url="https://example.org/talk", tags=["talks"])
    pdf = make_pdf(tmp_path / "download (3).pdf", [BODY],
                   title="Regret Bounds for Multi-Armed Bandits", authors=["Emmy Noether"])

    outcome = attach_pdf(library, paper_id, pdf)

    assert (outcome.status, outcome.paper_id) == ("added", paper_id)
    assert "attached" in outcome.flags
    assert library.paper_count() == 1
    paper = library.paper(paper_id)
    assert paper.file is not None
    assert paper.flags == []
    assert paper.title == "Talk notes on bandit regret"
    assert paper.authors == ["Emmy Noether"]
    assert paper.tags == ["talks"]

    again = attach_pdf(library, paper_id, pdf)
    assert again.status == "failed"
    assert "already has a PDF" in again.reason


def test_attach_pdf_reports_a_pdf_already_in_the_library_and_missing_files(
    library: Library, tmp_path: Path
) -> None:
    pdf = make_pdf(tmp_path / "kernels.pdf", [BODY], title="Kernel Methods for Wide Networks",
                   authors=["Ada Lovelace"])
    [first] = import_pdfs(library, [pdf], workers=1).outcomes
    entry_id, _ = add_entry(library, title="Something I meant to read")

    duplicate = attach_pdf(library, entry_id, pdf)
    missing = attach_pdf(library, entry_id, tmp_path / "nowhere.pdf")

    assert (duplicate.status, duplicate.duplicate_of) == ("duplicate", first.paper_id)
    assert (missing.status, missing.reason) == ("failed", "no such file")
    assert library.paper(entry_id).flags == [NO_PDF]
    with pytest.raises(NotFoundError):
        attach_pdf(library, 999, pdf)
