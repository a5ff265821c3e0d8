"""The text pieces of the formats: LaTeX escaping, BibTeX names, citation keys, links."""

from __future__ import annotations

import pytest

from app.formats.citekeys import KeySource, assign_keys, base_key
from app.formats.latex import decode, encode
from app.formats.links import classify_link, is_generic_label
from app.formats.persons import from_bibtex_name, split_bibtex_authors, to_bibtex_name


@pytest.mark.parametrize(
    "text",
    [
        "Kernel Methods for Wide Neural Networks",
        "Gödel, Escher & Bach: 50% of $O(n \\log n)$ cost_x #1 {braces} ~ ^ \\ back",
        "Café naïve Ærø ß Łódź Dvořák Ångström ǘ İstanbul",
        "a--b --- c – d — e '' `` “quoted” it’s",
        "$5 and $10 off",
        "$k$-means on ImageNet with BERT and GPT-3",
        "a multi-line\nnote\n\nwith a paragraph",
        "日本語の論文 and Ελληνικά",
    ],
)
def test_encode_then_decode_gives_the_text_back(text: str) -> None:
    assert decode(encode(text, protect_case=True)) == text
    assert decode(encode(text)) == text


def test_encode_escapes_specials_and_accents_and_keeps_math() -> None:
    assert encode("Gödel & Co: 50% off_x #1") == r"G{\"o}del \& Co: 50\% off\_x \#1"
    assert encode("Dvořák, Çelik") == r"Dvo{\v{r}}{\'a}k, {\c{C}}elik"
    assert encode("sorting in $O(n \\log n)$ time") == r"sorting in $O(n \log n)$ time"
    assert encode("BERT for ImageNet", protect_case=True) == "{BERT} for {ImageNet}"


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"Caf\'e {\&} Co: 50\% off\_x", "Café & Co: 50% off_x"),
        (r"{\'e}t{\'{e}} \"o \c{c} \c c {\'\i} \v{s} {\ss} \o{}", "été ö ç ç í š ß ø"),
        (r"\emph{Deep} \textbf {Bold} \LaTeX\ rocks", "Deep Bold LaTeX rocks"),
        (r"Kolmogorov--Smirnov --- ``quoted''", "Kolmogorov–Smirnov — “quoted”"),
        (r"\href{http://a.org}{the text} and \url{http://x.org/a_b}",
         "the text and http://x.org/a_b"),
        ("{{Protected Title}} \\unknown{kept} \\", "Protected Title kept "),
    ],
)
def test_decode_reads_what_other_tools_write(latex: str, text: str) -> None:
    assert decode(latex) == text


@pytest.mark.parametrize(
    ("name", "bibtex"),
    [
        ("Ada Lovelace", "Lovelace, Ada"),
        ("Ludwig van Beethoven", "van Beethoven, Ludwig"),
        ("Martin Luther King Jr.", "King, Jr., Martin Luther"),
        ("Aristotle", "Aristotle"),
        ("Jean-Pierre de la Fontaine", "de la Fontaine, Jean-Pierre"),
    ],
)
def test_names_go_to_bibtex_form_and_back(name: str, bibtex: str) -> None:
    assert to_bibtex_name(name) == bibtex
    assert from_bibtex_name(bibtex) == name


def test_bibtex_author_lists_respect_braces_and_drop_others() -> None:
    value = "Lovelace, Ada and {Barnes and Noble} AND Turing, Alan and others"
    assert split_bibtex_authors(value) == ["Lovelace, Ada", "{Barnes and Noble}", "Turing, Alan"]


def test_citation_keys_are_ascii_and_skip_stop_words() -> None:
    assert base_key("Ada Lovelace", 2019, "Kernel Methods for Wide Networks") == (
        "lovelace2019kernel"
    )
    assert base_key("Kurt Gödel", 1931, "On the $k$-th Undecidable Proposition") == (
        "godel1931undecidable"
    )
    assert base_key("Ludwig van Beethoven", None, "A Symphony") == "beethovensymphony"
    assert base_key("Ada Lovelace", 2020, "$O(n \\log n)$ Large-Scale Sorting") == (
        "lovelace2020largescale"
    )
    assert base_key("", 2020, "") == "anon2020"


def test_clashing_keys_get_suffixes_in_library_order() -> None:
    sources = [
        KeySource(7, "Ada Lovelace", 2019, "Kernel Methods II"),
        KeySource(3, "Ada Lovelace", 2019, "Kernel Methods"),
        KeySource(9, "Ada Lovelace", 2019, "Kernels, again"),
        KeySource(4, "Alan Turing", 1950, "Computing Machinery and Intelligence"),
    ]
    keys = assign_keys(sources)
    assert keys == {
        3: "lovelace2019kernel", 4: "turing1950computing", 7: "lovelace2019kernela",
        9: "lovelace2019kernels",
    }
    assert assign_keys(reversed(sources)) == keys


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("https://arxiv.org/abs/1706.03762v5", ("arxiv", "1706.03762v5", None, "")),
        ("https://arxiv.org/pdf/1706.03762.pdf", ("arxiv", "1706.03762", None, "")),
        ("arXiv: math/0211159", ("arxiv", "math/0211159", None, "")),
        ("https://openreview.net/pdf?id=B1EA-M-0Z",
         ("openreview", None, None, "https://openreview.net/forum?id=B1EA-M-0Z")),
        ("https://doi.org/10.1145/3292500.3330701",
         ("doi", None, "10.1145/3292500.3330701", "")),
        ("doi:10.1137/16M1080173", ("doi", None, "10.1137/16m1080173", "")),
        ("https://example.org/papers/draft.PDF",
         ("pdf", None, None, "https://example.org/papers/draft.PDF")),
        ("https://aclanthology.org/N19-1423/",
         ("page", None, None, "https://aclanthology.org/N19-1423/")),
    ],
)
def test_paper_links_are_recognised(target: str, expected: tuple[object, ...]) -> None:
    link = classify_link(target)
    assert link is not None
    assert (link.kind, link.arxiv_id, link.doi, link.url) == expected
    assert link.problem == ""


def test_other_links_are_not_papers_and_broken_ones_say_why() -> None:
    for target in ("https://github.com/org/repo", "https://arxiv.org/list/cs.LG/recent",
                   "mailto:someone@example.org", "https://openreview.net/group?id=ICLR.cc"):
        assert classify_link(target) is None
    broken = classify_link("https://arxiv.org/abs/9913.12345")
    assert broken is not None and "not" in broken.problem and broken.arxiv_id is None


def test_generic_link_texts_are_told_from_titles() -> None:
    assert is_generic_label("pdf", "https://x.org/a.pdf")
    assert is_generic_label("[arXiv]", "https://arxiv.org/abs/1706.03762")
    assert is_generic_label("1706.03762", "https://arxiv.org/abs/1706.03762")
    assert is_generic_label("OpenReview version", "https://openreview.net/forum?id=x")
    assert not is_generic_label("Attention Is All You Need", "https://arxiv.org/abs/1706.03762")
    assert not is_generic_label("Adam", "https://arxiv.org/abs/1412.6980")
