"""Metadata extraction from real generated PDFs: title, authors, year, ids, abstract."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pymupdf
import pytest

from app.extract.parsed import ParsedPdf, ParseFailure, TextLine
from app.extract.pdfparse import parse_pdf
from app.metadata import PaperMetadata, extract_metadata
from app.metadata.identifiers import normalize_doi, strip_arxiv_version
from app.textnorm import fold_for_match
from tests.pdfgen import PAGE_HEIGHT, PAGE_WIDTH, make_pdf, make_scan_pdf

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "papers"
BODY = "The method is evaluated on three benchmarks and compared with strong baselines. " * 12


def compose(path: Path, pages: list[list[tuple[str, float, float, float, bool]]]) -> Path:
    """A PDF laid out line by line: (text, x, y, font size, bold) per line, per page."""
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
        for text, x, y, size, bold in lines:
            page.insert_text((x, y), text, fontsize=size, fontname="hebo" if bold else "helv")
    doc.save(path)
    doc.close()
    return path


def body_lines(top: float, count: int = 25) -> list[tuple[str, float, float, float, bool]]:
    sentence = "the results of the experiments are reported in the tables of this section"
    return [(sentence, 56, top + 13 * i, 10, False) for i in range(count)]


def extract(path: Path) -> PaperMetadata:
    parsed = parse_pdf(str(path))
    assert not isinstance(parsed, ParseFailure), parsed
    return extract_metadata(parsed, path.name)


def test_title_from_layout_beats_bogus_pdf_metadata(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "draft.pdf",
        [BODY],
        title="Sparse Attention for Long Documents",
        authors=["Ada Lovelace", "Alan Turing"],
        metadata={"title": "Microsoft Word - draft.docx", "author": "jsmith"},
    )
    meta = extract(path)
    assert meta.title == "Sparse Attention for Long Documents"
    assert meta.title_source == "layout"
    assert meta.authors == ["Ada Lovelace", "Alan Turing"]


def test_two_line_title_is_joined(tmp_path: Path) -> None:
    start = "Provably Efficient Exploration in Reinforcement Learning"
    title = f"{start} with Linear Function Approximation"
    path = make_pdf(tmp_path / "p.pdf", [BODY], title=title, authors=["Emmy Noether"])
    meta = extract(path)
    assert meta.title == title
    assert meta.authors == ["Emmy Noether"]


def test_journal_banner_and_author_grid(tmp_path: Path) -> None:
    first = [
        ("Journal of Examples 12 (2020) 101-110", 150, 40, 8, False),
        ("Journal of Examples", 150, 90, 16, False),
        ("Learning to Rank Examples", 56, 150, 15, True),
        ("with Sparse Features", 56, 170, 15, True),
        ("Ada Lovelace", 80, 200, 11, False),
        ("Alan Turing", 330, 200, 11, False),
        ("University of London", 80, 214, 11, False),
        ("Princeton University", 330, 214, 11, False),
        ("ada@london.ac.uk", 80, 228, 9, False),
        ("turing@princeton.edu", 330, 228, 9, False),
        ("Abstract", 56, 270, 11, True),
        *body_lines(290),
    ]
    meta = extract(compose(tmp_path / "article.pdf", [first]))
    assert meta.title == "Learning to Rank Examples with Sparse Features"
    assert meta.authors == ["Ada Lovelace", "Alan Turing"]
    assert meta.venue == "Journal of Examples"
    assert meta.year == 2020


def test_title_on_the_second_page_after_a_blank_cover(tmp_path: Path) -> None:
    second = [
        ("Attention Is Not Explanation", 120, 90, 18, True),
        ("Grace Hopper", 230, 120, 11, False),
        *body_lines(160),
    ]
    meta = extract(compose(tmp_path / "covered.pdf", [[], second]))
    assert meta.title == "Attention Is Not Explanation"
    assert meta.authors == ["Grace Hopper"]


def test_running_header_is_not_the_title(tmp_path: Path) -> None:
    first = [
        ("Preprint. Under review.", 56, 40, 9, False),
        ("Causal Discovery from Time Series", 100, 100, 17, False),
        ("Emmy Noether, Kurt G\u00f6del", 200, 130, 11, False),
        *body_lines(170),
    ]
    meta = extract(compose(tmp_path / "preprint.pdf", [first]))
    assert meta.title == "Causal Discovery from Time Series"
    assert meta.authors == ["Emmy Noether", "Kurt Gödel"]


def test_plausible_pdf_metadata_is_used_when_the_layout_has_no_title(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "scan0001.pdf",
        [BODY],
        metadata={"title": "Gradient Flows in the Space of Probability Measures"},
    )
    meta = extract(path)
    assert meta.title == "Gradient Flows in the Space of Probability Measures"
    assert meta.title_source == "pdf_metadata"


def test_metadata_authors_confirmed_by_the_page_are_used(tmp_path: Path) -> None:
    body = "Grace Hopper and John von Neumann wrote this report. " + BODY
    path = make_pdf(
        tmp_path / "report.pdf",
        [body],
        metadata={"title": "A Report on Compilers", "author": "Grace Hopper; John von Neumann"},
    )
    assert extract(path).authors == ["Grace Hopper", "John von Neumann"]


@pytest.mark.parametrize(
    "bogus", ["Microsoft Word - paper.docx", "untitled", "paper.dvi", "main.tex", "doi:10.1/x"]
)
def test_bogus_metadata_title_falls_back_to_the_file_name(tmp_path: Path, bogus: str) -> None:
    path = make_pdf(tmp_path / "sparse_attention-v2.pdf", [BODY], metadata={"title": bogus})
    meta = extract(path)
    assert meta.title == "sparse attention"
    assert meta.title_source == "filename"


def test_pdf_without_text_gets_its_title_from_the_file_name(tmp_path: Path) -> None:
    path = make_scan_pdf(tmp_path / "Smith2019_Deep-Learning-Survey.pdf")
    meta = extract(path)
    assert meta.title == "Smith2019 Deep-Learning-Survey"
    assert meta.title_source == "filename"
    assert (meta.authors, meta.abstract, meta.arxiv_id, meta.doi) == ([], "", None, None)
    assert meta.year == 2019  # the file name is the only hint left


def test_arxiv_stamp_new_style_with_version_and_its_year(tmp_path: Path) -> None:
    body = "arXiv:1802.08365v2 [cs.AI] 26 Feb 2018\n\n" + BODY
    path = make_pdf(tmp_path / "bidding.pdf", [body], title="Budget Constrained Bidding")
    meta = extract(path)
    assert meta.arxiv_id == "1802.08365v2"
    assert meta.year == 2018


def test_arxiv_stamp_old_style(tmp_path: Path) -> None:
    body = "arXiv:math/0211159v1 [math.DG] 11 Nov 2002\n\n" + BODY
    path = make_pdf(tmp_path / "ricci.pdf", [body], title="The Entropy Formula for the Ricci Flow")
    meta = extract(path)
    assert meta.arxiv_id == "math/0211159v1"
    assert meta.year == 2002


def test_rotated_arxiv_side_stamp(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "stamped.pdf", [BODY], title="Deep Residual Learning")
    doc = pymupdf.open(path)
    doc[0].insert_text((30, 600), "arXiv:1512.03385v1 [cs.CV] 10 Dec 2015", fontsize=20, rotate=90)
    doc.saveIncr()
    doc.close()
    meta = extract(path)
    assert meta.arxiv_id == "1512.03385v1"
    assert meta.title == "Deep Residual Learning"


def test_arxiv_ids_cited_in_the_running_text_are_not_the_papers_own(tmp_path: Path) -> None:
    body = "We build on the model of arXiv:1706.03762 and extend it to images. " + BODY
    path = make_pdf(tmp_path / "vit.pdf", [body], title="Transformers for Images")
    assert extract(path).arxiv_id is None


def test_arxiv_id_from_the_file_name_as_a_last_hint(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "2106.09685v2.pdf", [BODY], title="Low-Rank Adaptation")
    assert extract(path).arxiv_id == "2106.09685v2"


def test_doi_loses_trailing_punctuation_and_is_lower_cased(tmp_path: Path) -> None:
    body = f"{BODY}\n\nThe published version is https://doi.org/10.1145/3446776.ABC)."
    path = make_pdf(tmp_path / "cacm.pdf", [body], title="Understanding Deep Learning")
    assert extract(path).doi == "10.1145/3446776.abc"


def test_doi_keeps_balanced_parentheses(tmp_path: Path) -> None:
    body = f"DOI: 10.1016/S0140-6736(20)30183-5.\n\n{BODY}"
    path = make_pdf(tmp_path / "lancet.pdf", [body], title="Clinical Features of Patients")
    assert extract(path).doi == "10.1016/s0140-6736(20)30183-5"


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("Copyright © 2019 ACM, Inc.", 2019),
        ("Published as a conference paper at ICLR 2021", 2021),
        ("Information Processing and Management 59 (2022) 103061", 2022),
        ("Received 12 March 2017; accepted 2 June 2017", 2017),
    ],
)
def test_year_from_printed_lines(tmp_path: Path, line: str, year: int) -> None:
    path = make_pdf(tmp_path / "paper.pdf", [f"{line}\n\n{BODY}"], title="A Study of Things")
    assert extract(path).year == year


def test_years_cited_in_the_running_text_are_ignored(tmp_path: Path) -> None:
    body = "As shown by Smith et al. (2014) and Jones (2016), the effect holds. " * 4 + BODY
    path = make_pdf(tmp_path / "paper.pdf", [body], title="A Study of Things")
    assert extract(path).year is None


def test_year_from_the_file_name_as_a_last_hint(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "NIPS-1991-faster-search.pdf", [BODY], title="Faster Search")
    assert extract(path).year == 1991


def test_venue_from_a_conference_footnote(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "paper.pdf", [BODY], title="A Study of Things")
    doc = pymupdf.open(path)
    footer = "33rd Conference on Neural Information Processing Systems (NeurIPS 2019), Canada."
    doc[0].insert_text((56, PAGE_HEIGHT - 40), footer, fontsize=8)
    doc.saveIncr()
    doc.close()
    meta = extract(path)
    assert meta.venue == "NeurIPS 2019"
    assert meta.year == 2019


def test_abstract_runs_from_its_heading_to_the_introduction(tmp_path: Path) -> None:
    abstract = "We study sparse attention for very long documents. It scales linearly."
    body = f"Abstract\n\n{abstract}\n\n1 Introduction\n\n{BODY}"
    path = make_pdf(tmp_path / "paper.pdf", [body], title="Sparse Attention")
    assert extract(path).abstract == abstract


def test_inline_abstract_heading_and_keywords_end(tmp_path: Path) -> None:
    abstract = "Abstract. Bandits trade exploration for exploitation."
    body = f"{abstract}\n\nKeywords: bandits, regret\n\n{BODY}"
    path = make_pdf(tmp_path / "paper.pdf", [body], title="Regret Bounds")
    assert extract(path).abstract == "Bandits trade exploration for exploitation."


def test_long_abstract_is_capped(tmp_path: Path) -> None:
    body = "Abstract\n\n" + "A long sentence about the results of the method. " * 80
    path = make_pdf(tmp_path / "paper.pdf", [body], title="Verbose Results")
    abstract = extract(path).abstract
    assert 1000 < len(abstract) <= 2000
    assert abstract.endswith(".")


def test_author_marks_affiliations_and_emails_are_dropped(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "paper.pdf",
        ["Stanford University, Stanford, CA 94305\n\nada@stanford.edu\n\n" + BODY],
        title="Marked Authors",
        authors=["Ada Lovelace1,2*", "Alan M. Turing\u00a7", "and Kurt G\u00f6del3"],
    )
    assert extract(path).authors == ["Ada Lovelace", "Alan M. Turing", "Kurt Gödel"]


HOSTILE = "\x1b[31m\u202e\u2066\x07\ufeff\ue000"


def _clean(text: str) -> bool:
    unwanted = ("Cc", "Cf", "Co")
    return not any(unicodedata.category(c) in unwanted and c not in "\n\t" for c in text)


def test_everything_returned_is_sanitized() -> None:
    def line(text: str, y: float, size: float, bold: bool = False) -> TextLine:
        return TextLine(text, size, bold, "Times", (100.0, y, 500.0, y + size), 0, int(y))

    parsed = ParsedPdf(
        page_count=1,
        pages=[f"Abstract{HOSTILE}\nWe {HOSTILE}show things.\nDOI: 10.1000/x{HOSTILE}y"],
        pdf_metadata={"title": f"Evil{HOSTILE} Title", "author": f"Eve{HOSTILE} Mallory"},
        layout=[
            line(f"Hostile{HOSTILE} Title for Testing", 100, 18, True),
            line(f"Eve{HOSTILE} Mallory, Bob Builder{HOSTILE}", 140, 11),
            line("Abstract", 180, 11, True),
            line(f"We {HOSTILE}show things about the world and more.", 200, 10),
        ],
        page_size=(PAGE_WIDTH, PAGE_HEIGHT),
    )
    meta = extract_metadata(parsed, f"evil{HOSTILE}.pdf")
    strings = [meta.title, meta.abstract, *meta.authors, meta.doi or "", meta.venue or ""]
    assert all(_clean(text) for text in strings), strings
    assert meta.title == "Hostile Title for Testing"
    assert meta.authors == ["Eve Mallory", "Bob Builder"]


def test_metadata_control_characters_are_removed(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "x.pdf", [BODY], metadata={"title": "Deep\u202e Nets\x07 for Graphs\u2066"}
    )
    meta = extract(path)
    assert meta.title == "Deep Nets for Graphs"
    assert _clean(meta.title)


def test_empty_parse_still_has_a_title() -> None:
    parsed = ParsedPdf(page_count=1, pages=[""], pdf_metadata={}, layout=[], page_size=(0, 0))
    meta = extract_metadata(parsed, "")
    assert meta.title == "Untitled"
    assert meta.title_source == "filename"


@pytest.mark.slow
@pytest.mark.corpus
def test_real_paper_corpus_accuracy() -> None:
    truth = CORPUS / "truth.jsonl"
    if not truth.is_file():
        pytest.skip(f"{CORPUS} is absent (the shared corpora are not checked out here)")
    hits = {"title": 0, "author": 0, "arxiv": 0}
    totals = dict.fromkeys(hits, 0)
    for record in map(json.loads, truth.read_text(encoding="utf-8").splitlines()):
        parsed = parse_pdf(str(CORPUS / record["file"]))
        if isinstance(parsed, ParseFailure):
            continue
        meta = extract_metadata(parsed, Path(record["file"]).name)
        if record.get("text_ok", True):
            totals["title"] += 1
            hits["title"] += fold_for_match(meta.title) == fold_for_match(record["title"])
            totals["author"] += 1
            first = fold_for_match(meta.authors[0]) if meta.authors else ""
            hits["author"] += bool(first) and fold_for_match(record["first_author"]) in first
        if record.get("arxiv_id"):
            totals["arxiv"] += 1
            got = strip_arxiv_version(meta.arxiv_id) if meta.arxiv_id else None
            hits["arxiv"] += got == record["arxiv_id"]
        if meta.doi:
            assert meta.doi == normalize_doi(meta.doi)
    assert hits["title"] >= 0.95 * totals["title"]
    assert hits["author"] >= 0.90 * totals["author"]
    assert hits["arxiv"] >= 0.99 * totals["arxiv"]
