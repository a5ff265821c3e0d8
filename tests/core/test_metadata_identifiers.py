"""arXiv and DOI helpers, and the name rules behind author extraction."""

from __future__ import annotations

import pytest

from app.metadata.identifiers import (
    arxiv_year,
    find_arxiv_id,
    find_bare_arxiv_id,
    find_doi,
    normalize_doi,
    strip_arxiv_version,
)
from app.metadata.names import is_person_name, split_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("arXiv:1802.08365v2 [cs.AI] 26 Feb 2018", "1802.08365v2"),
        ("see arXiv: 2106.09685", "2106.09685"),
        ("https://arxiv.org/abs/1706.03762v7.", "1706.03762v7"),
        ("arxiv.org/pdf/0704.0001", "0704.0001"),
        ("arXiv:math/0211159v1 [math.DG]", "math/0211159v1"),
        ("arXiv:hep-th/9901001", "hep-th/9901001"),
        ("arXiv:math.DS/0411343", "math.DS/0411343"),
    ],
)
def test_find_arxiv_id(text: str, expected: str) -> None:
    assert find_arxiv_id(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1802.08365",  # no prefix: could be anything
        "arXiv:1813.08365",  # month 13
        "arXiv:1501.0836",  # four digits after 2014
        "arXiv:1412.083651",  # five digits before 2015
        "arXiv:0703.1234",  # new scheme started in April 2007
        "arXiv:math/0213159",  # month 13, old style
        "no identifier here",
    ],
)
def test_find_arxiv_id_rejects(text: str) -> None:
    assert find_arxiv_id(text) is None


def test_bare_arxiv_id_in_a_file_name() -> None:
    assert find_bare_arxiv_id("ntk__1806.07572v3.pdf") == "1806.07572v3"
    assert find_bare_arxiv_id("report-2019.12.pdf") is None


def test_strip_arxiv_version() -> None:
    assert strip_arxiv_version("1802.08365v2") == "1802.08365"
    assert strip_arxiv_version("math/0211159v1") == "math/0211159"
    assert strip_arxiv_version("arXiv:1706.03762v10") == "1706.03762"
    assert strip_arxiv_version("1706.03762") == "1706.03762"


def test_arxiv_year() -> None:
    assert arxiv_year("1802.08365v2") == 2018
    assert arxiv_year("math/9404236") == 1994
    assert arxiv_year("hep-th/0211159") == 2002
    assert arxiv_year("garbage") is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10.1145/3446776", "10.1145/3446776"),
        ("https://doi.org/10.1016/J.IPM.2022.103061", "10.1016/j.ipm.2022.103061"),
        ("http://dx.doi.org/10.1162/089976600300015015.", "10.1162/089976600300015015"),
        ("doi:10.18637/jss.v067.i01;", "10.18637/jss.v067.i01"),
        ("DOI: 10.1016/S0140-6736(20)30183-5).", "10.1016/s0140-6736(20)30183-5"),
        ("https://doi.org/10.1000%2Fabc", "10.1000/abc"),
        ("not a doi", ""),
    ],
)
def test_normalize_doi(raw: str, expected: str) -> None:
    assert normalize_doi(raw) == expected


def test_find_doi_prefers_a_labelled_one() -> None:
    text = "cites 10.1000/other. This article: DOI: 10.1145/2939672.2939754, page 1"
    assert find_doi(text) == "10.1145/2939672.2939754"
    assert find_doi("Available at (10.1109/JPROC.2015.2494218).") == "10.1109/jproc.2015.2494218"
    assert find_doi("nothing here, 10.12/x") is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Yinhan Liu∗§ Myle Ott∗§", ["Yinhan Liu", "Myle Ott"]),
        ("Khaoula Elagouni1,2, Christophe Garcia3, and Franck Mamalet1", None),
        ("Simon S. Du * 1 Wei Hu * 2", ["Simon S. Du", "Wei Hu"]),
        ("Syreen Banabilah a, Moayad Aloqaily b", ["Syreen Banabilah", "Moayad Aloqaily"]),
        ("By Chiyuan Zhang, Samy Bengio, and Oriol Vinyals", None),
        (
            "Bonnichsen, Lars Frydendal; Karlsson, Sven",
            ["Lars Frydendal Bonnichsen", "Sven Karlsson"],
        ),
        ("Marc Shapiro, INRIA & LIP6, Paris, France", ["Marc Shapiro"]),
        ("Poul-Henning Kamp <phk@FreeBSD.org>", ["Poul-Henning Kamp"]),
        ("RYAN BAKER", ["Ryan Baker"]),
        ("Dan Ingalls Ted Kaehler John Maloney", None),
        ("University of California, Santa Cruz", []),
        ("Stanford, CA 94305", []),
        ("Department of Computer Science", []),
    ],
)
def test_split_names(line: str, names: list[str] | None) -> None:
    found = split_names(line)
    if names is None:
        assert len(found) >= 3 and all(is_person_name(name) for name in found)
    else:
        assert found == names


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Rafael Pérez y Pérez", True),
        ("Robbert van Renesse", True),
        ("H. Brendan McMahan", True),
        ("Zeyuan Allen-Zhu", True),
        ("Google Inc", False),
        ("Neural Networks", False),
        ("Senior Member", False),
        ("Smith", False),
        ("J. R.", False),
    ],
)
def test_is_person_name(name: str, ok: bool) -> None:
    assert is_person_name(name) is ok
