"""Markdown reading lists: a researcher's notes outline in, a tag tree of papers out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.entries import NO_PDF, add_entry
from app.errors import InvalidInputError
from app.formats.markdown_export import export_markdown
from app.formats.markdown_import import import_markdown, import_outline
from app.formats.outline import parse_outline
from app.library import Library
from app.tags import ensure_tag

NOTES = r"""# Reading group — spring term

Papers we might discuss; the intro link https://arxiv.org/abs/2001.08361 is prose, not a list.

## Theory / Kernels

- [Neural Tangent Kernel: Convergence and Generalization in Neural Networks](https://arxiv.org/abs/1806.07572) (Jacot et al., 2018) — training of infinitely wide nets is kernel regression; solving it costs $O(n^3)$
  - the kernel stays fixed during training (Thm. 2)
  - code: `https://arxiv.org/abs/1902.06720` is the follow-up, not a link here
- Wide networks as Gaussian processes: https://arxiv.org/pdf/1711.00165v3.pdf — $K(x, x') = \mathbb{E}[\phi(x)\phi(x')]$
* [pdf](https://openreview.net/pdf?id=B1EA-M-0Z) Deep Neural Networks as Gaussian Processes
1. [Random Features for Large-Scale Kernel Machines](https://people.eecs.berkeley.edu/~brecht/papers/07.rah.rec.nips.pdf): the classic trick; sorting the features is $O(n \log n)$
   - [ ] read [the Fastfood follow-up][fastfood] too

```python
# Fenced code is never read: https://arxiv.org/abs/1706.03762
- [Not a paper](https://arxiv.org/abs/1412.6980)
```

### Optimization

- doi:10.1137/16M1080173 Optimization Methods for Large-Scale Machine Learning — survey; the step size rule is `eta / sqrt(t)`
- [Adam: A Method for Stochastic Optimization](https://arxiv.org/abs/1412.6980) ([OpenReview](https://openreview.net/forum?id=8gmWwjFyLj)) — uses `m_t / (sqrt(v_t) + eps)`
- [Typo in the id](https://arxiv.org/abs/1313.00001) — month 13 does not exist
- a thought without any link

## Attention

- [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (Vaswani et al., 2017) — the Transformer
  ~~~
  - [inside an indented fence](https://arxiv.org/abs/1810.04805)
  ~~~
- [Kernel view of attention](https://arxiv.org/abs/1908.11775) vs [BERT](https://arxiv.org/abs/1810.04805): compare both
- [NTK again](https://arxiv.org/abs/1806.07572v2) — also relevant to attention

[fastfood]: https://proceedings.mlr.press/v28/le13.html
"""  # noqa: E501 - notes keep a paper and its comment on one line


def _by_source(library: Library, outcomes: list[Any]) -> dict[str, Any]:
    return {o.path: library.paper(o.paper_id or o.duplicate_of) for o in outcomes
            if o.status != "failed"}


def test_the_outline_gives_titles_bylines_identifiers_and_comments() -> None:
    entries = {e.source: e for e in parse_outline(NOTES).entries}

    ntk = entries["https://arxiv.org/abs/1806.07572"]
    assert ntk.title.startswith("Neural Tangent Kernel: Convergence")
    assert (ntk.authors, ntk.year, ntk.arxiv_id) == (["Jacot"], 2018, "1806.07572")
    assert ntk.note == (
        "training of infinitely wide nets is kernel regression; solving it costs $O(n^3)$\n"
        "- the kernel stays fixed during training (Thm. 2)\n"
        "- code: `https://arxiv.org/abs/1902.06720` is the follow-up, not a link here"
    )
    assert ntk.topic == "Reading group — spring term/Theory / Kernels"
    wide = entries["https://arxiv.org/pdf/1711.00165v3.pdf"]
    assert (wide.title, wide.arxiv_id) == ("Wide networks as Gaussian processes", "1711.00165v3")
    assert wide.note == r"$K(x, x') = \mathbb{E}[\phi(x)\phi(x')]$"
    gp = entries["https://openreview.net/pdf?id=B1EA-M-0Z"]
    assert (gp.title, gp.url) == (
        "Deep Neural Networks as Gaussian Processes", "https://openreview.net/forum?id=B1EA-M-0Z"
    )
    features = entries["https://people.eecs.berkeley.edu/~brecht/papers/07.rah.rec.nips.pdf"]
    assert features.note == "the classic trick; sorting the features is $O(n \\log n)$"
    assert entries["https://proceedings.mlr.press/v28/le13.html"].title == "the Fastfood follow-up"
    sgd = entries["doi:10.1137/16M1080173"]
    assert (sgd.title, sgd.doi) == (
        "Optimization Methods for Large-Scale Machine Learning", "10.1137/16m1080173"
    )
    assert sgd.topic.endswith("/Theory / Kernels/Optimization")
    adam = entries["https://arxiv.org/abs/1412.6980"]
    assert (adam.arxiv_id, adam.url) == ("1412.6980", "https://openreview.net/forum?id=8gmWwjFyLj")
    assert adam.note == "uses `m_t / (sqrt(v_t) + eps)`"
    assert "not" in entries["https://arxiv.org/abs/1313.00001"].problem
    assert entries["https://arxiv.org/abs/1810.04805"].title == "BERT"
    assert entries["https://arxiv.org/abs/1908.11775"].note == "vs — compare both"
    sources = [e.source for e in parse_outline(NOTES).entries]
    assert "https://arxiv.org/abs/2001.08361" not in sources  # prose, not a list item
    assert sources.count("https://arxiv.org/abs/1810.04805") == 1  # not the one in the fence
    assert len(sources) == 12


def test_import_makes_nested_tags_entries_and_notes(library: Library, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")

    outcomes = import_markdown(library, notes, tag="inbox")

    assert [o.status for o in outcomes].count("added") == 10
    failed = [o for o in outcomes if o.status == "failed"]
    assert [(o.path, o.reason[:8]) for o in failed] == [
        ("https://arxiv.org/abs/1313.00001", "line 24:")
    ]
    again = next(o for o in outcomes if o.path == "https://arxiv.org/abs/1806.07572v2")
    first = next(o for o in outcomes if o.path == "https://arxiv.org/abs/1806.07572")
    assert (again.status, again.duplicate_of, again.reason) == (
        "duplicate", first.paper_id, "same arXiv id"
    )
    ntk = library.paper(first.paper_id or 0)
    assert ntk.tags == [
        "inbox/Reading group — spring term/Attention",
        "inbox/Reading group — spring term/Theory/Kernels",
    ]
    assert ntk.flags == [NO_PDF]
    assert ntk.notes.endswith("\n\nalso relevant to attention")
    sgd = _by_source(library, outcomes)["doi:10.1137/16M1080173"]
    assert sgd.tags == ["inbox/Reading group — spring term/Theory/Kernels/Optimization"]


def test_links_to_papers_already_in_the_library_tag_them_instead(library: Library) -> None:
    paper_id, _ = add_entry(library, title="Attention Is All You Need",
                            authors=["Ashish Vaswani"], year=2017, arxiv_id="1706.03762v5")
    outline = "# Transformers\n\n- [The Transformer paper](https://arxiv.org/abs/1706.03762)\n"

    [outcome] = import_outline(library, outline)

    assert (outcome.status, outcome.duplicate_of, outcome.reason) == (
        "duplicate", paper_id, "same arXiv id"
    )
    paper = library.paper(paper_id)
    assert paper.tags == ["Transformers"]
    assert paper.title == "Attention Is All You Need"
    assert library.paper_count() == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Notes\n\n- [A paper](https://arxiv.org/abs/1706.03762)\n```\n- [B](https://arxiv"
         ".org/abs/1810.04805)\n", [("added", ""), ("failed", "never closed")]),
        ("- [Broken DOI](https://doi.org/11.222/x)\n- [PDF](https://arxiv.org/pdf/2313.00001)\n",
         [("failed", "is not a DOI"), ("failed", "does not hold a valid arXiv id")]),
        ("- [OpenReview without id](https://openreview.net/forum)\n",
         [("failed", "no OpenReview paper id")]),
    ],
)
def test_malformed_outlines_give_clear_outcomes(
    library: Library, text: str, expected: list[tuple[str, str]]
) -> None:
    outcomes = import_outline(library, text)
    assert [o.status for o in outcomes] == [status for status, _ in expected]
    for outcome, (_, words) in zip(outcomes, expected, strict=True):
        assert words in outcome.reason


def test_an_outline_without_paper_links_is_a_clear_error(library: Library) -> None:
    with pytest.raises(InvalidInputError, match="no paper links"):
        import_outline(library, "# Ideas\n\n- look at [the blog](https://example.org/blog)\n")


def _fill(library: Library) -> None:
    add_entry(library, title="Neural Tangent Kernel", authors=["Arthur Jacot", "Franck Gabriel"],
              year=2018, arxiv_id="1806.07572", doi="10.5555/ntk.2018",
              notes="Kernel regression in the limit; $O(n^3)$ to solve.\nSecond line is dropped.",
              tags=["theory/kernels", "reading"])
    add_entry(library, title="Adam: A Method for Stochastic Optimization",
              authors=["Diederik P. Kingma", "Jimmy Ba"], year=2015, arxiv_id="1412.6980",
              url="https://openreview.net/forum?id=8gmWwjFyLj", tags=["theory/optimization"])
    add_entry(library, title="Handwritten notes [scan] from the workshop",
              authors=["Grace Hopper"], tags=["theory"], notes="ask about `x_t` — and more")
    add_entry(library, title="A Very Long Author List", year=2023, doi="10.5555/many",
              authors=[f"Author Number{i}" for i in range(8)], tags=["reading"])
    add_entry(library, title="Untagged preprint", url="https://example.org/preprint.pdf")
    add_entry(library, title="Deep tag", arxiv_id="2106.09685", tags=["a/b/c/d/e/f/g/h"])


def test_export_writes_a_heading_per_tag_and_a_bullet_per_paper(library: Library) -> None:
    _fill(library)
    with library.writing() as session:  # tags without papers get no heading
        for empty in ("theory/empty", "unused/deeper"):
            ensure_tag(session, empty)

    text = export_markdown(library, tag="theory")

    assert text == (
        "# theory\n\n"
        "- **Handwritten notes [scan] from the workshop** (Grace Hopper, n.d.) — ask about "
        "`x_t` — and more\n\n"
        "## kernels\n\n"
        "- [Neural Tangent Kernel](https://arxiv.org/abs/1806.07572) (Arthur Jacot, Franck "
        "Gabriel, 2018) doi:10.5555/ntk.2018 — Kernel regression in the limit; $O(n^3)$ to "
        "solve.\n\n"
        "## optimization\n\n"
        "- [Adam: A Method for Stochastic Optimization](https://openreview.net/forum?id="
        "8gmWwjFyLj) (Diederik P. Kingma, Jimmy Ba, 2015) arXiv:1412.6980\n"
    )
    whole = export_markdown(library)
    assert whole.startswith("- [Untagged preprint](https://example.org/preprint.pdf)\n\n# a\n")
    assert "###### f\n" in whole and "###### f/g\n" in whole and "###### f/g/h\n" in whole
    assert "(Author Number0, Author Number1, Author Number2 et al., 2023)" in whole
    assert "empty" not in whole and "unused" not in whole and "deeper" not in whole
    assert export_markdown(library, tag="unused") == "# unused\n"


def _snapshot(library: Library) -> set[tuple[Any, ...]]:
    return {
        (p.title, tuple(p.authors), p.year, p.arxiv_id, p.doi, p.url, tuple(p.tags),
         p.notes.splitlines()[0] if p.notes else "")
        for p in library.papers()
    }


def test_round_trip_into_a_fresh_library_keeps_papers_tags_and_notes(
    library: Library, tmp_path: Path
) -> None:
    _fill(library)
    add_entry(library, title="Five Authors Exactly", year=2020, arxiv_id="2001.08361",
              authors=["Jared Kaplan", "Sam McCandlish", "Tom Henighan", "Tom B. Brown",
                       "Benjamin Chess"], tags=["scaling"])
    exported = tmp_path / "reading.md"
    exported.write_text(export_markdown(library), encoding="utf-8")

    with Library.open(tmp_path / "fresh") as fresh:
        outcomes = import_markdown(fresh, exported)
        assert {o.status for o in outcomes} <= {"added", "duplicate"}
        assert fresh.paper_count() == library.paper_count()
        expected = {
            row if len(row[1]) <= 5 else (row[0], row[1][:3], *row[2:])
            for row in _snapshot(library)
        }
        assert _snapshot(fresh) == expected
        # Only the authors cut to "et al." differ when the fresh library is exported in turn.
        text = exported.read_text(encoding="utf-8")
        assert export_markdown(fresh) == text.replace(" et al.", "")
