"""Render worker functions (called in-process) and the RenderService (real worker process)."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest

from app.render import (
    MAX_IMAGE_SIDE,
    DocInfo,
    HitsReply,
    InfoReply,
    PageReply,
    RenderedPage,
    RenderFailure,
    RenderService,
    find_hits,
    open_document_info,
    render_page,
)
from tests.pdfgen import PAGE_HEIGHT, PAGE_WIDTH, make_pdf

TEXT_PAGES = [
    "Kernel methods map data into a feature space. A kernel trick avoids the map.",
    "Nothing to see on this page but ordinary words about graphs.",
    "The KERNEL again, and kernel methods once more.",
]
REPLY_TIMEOUT = 30


def approx_rects(rects: list[tuple[float, float, float, float]]) -> list[object]:
    return [pytest.approx(rect, abs=0.01) for rect in rects]


def pymupdf_rects(
    path: Path, term: str, flags: int | None = None
) -> list[list[tuple[float, float, float, float]]]:
    with pymupdf.open(path) as doc:
        return [[tuple(r) for r in page.search_for(term, flags=flags)] for page in doc]


def make_heavy_page_pdf(path: Path, strokes: int = 20_000) -> Path:
    """A one-page PDF of wide full-page strokes: MuPDF needs minutes to render it."""
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
    page.insert_text((72, 72), "heavy")
    lines = "".join(f"{i % 595} 0 m {595 - i % 595} 842 l S\n" for i in range(strokes))
    doc.update_stream(page.get_contents()[0], ("40 w\n" + lines).encode())
    doc.save(path)
    doc.close()
    return path


@pytest.fixture
def text_pdf(tmp_path: Path) -> Path:
    return make_pdf(
        tmp_path / "kernels.pdf", TEXT_PAGES, title="On Feature Maps", authors=["A. Author"]
    )


# -- worker functions --------------------------------------------------------------------


def test_document_info_reports_pages_and_sizes(text_pdf: Path) -> None:
    info = open_document_info(str(text_pdf))
    assert info == DocInfo(page_count=3, page_sizes=[(PAGE_WIDTH, PAGE_HEIGHT)] * 3)


def test_render_page_returns_rgb_pixels_of_the_right_size(text_pdf: Path) -> None:
    page = render_page(str(text_pdf), 0, 1.5, [])
    assert isinstance(page, RenderedPage)
    assert page.page_index == 0
    assert page.zoom_used == 1.5
    assert abs(page.width - PAGE_WIDTH * 1.5) <= 1
    assert abs(page.height - PAGE_HEIGHT * 1.5) <= 1
    assert page.stride == page.width * 3
    assert len(page.samples) == page.stride * page.height
    dark = sum(1 for value in page.samples[::3] if value < 128)
    assert dark > 500, "the page should have ink on it"
    assert page.samples.count(255) > len(page.samples) // 2, "and mostly white paper"


def test_render_page_reports_the_hits_on_that_page(text_pdf: Path) -> None:
    page = render_page(str(text_pdf), 2, 1.0, ["kernel"])
    assert isinstance(page, RenderedPage)
    assert page.hits == approx_rects(pymupdf_rects(text_pdf, "kernel")[2])


def test_zoom_is_clamped_for_a_huge_page(tmp_path: Path) -> None:
    path = tmp_path / "poster.pdf"
    doc = pymupdf.open()
    poster = doc.new_page(width=14_400, height=14_400)
    poster.insert_text((720, 720), "A poster as large as PDF allows", fontsize=400)
    doc.save(path)
    doc.close()

    page = render_page(str(path), 0, 2.0, [])
    assert isinstance(page, RenderedPage)
    assert max(page.width, page.height) <= MAX_IMAGE_SIDE
    assert page.zoom_used < 2.0
    assert page.zoom_used == pytest.approx((MAX_IMAGE_SIDE - 1) / 14_400)
    assert len(page.samples) == page.stride * page.height


def test_find_hits_returns_what_pymupdf_search_for_reports(text_pdf: Path) -> None:
    hits = find_hits(str(text_pdf), ["kernel"])
    expected = pymupdf_rects(text_pdf, "kernel")
    assert isinstance(hits, list)
    assert [len(page) for page in hits] == [2, 0, 2]
    for found, wanted in zip(hits, expected, strict=True):
        assert found == approx_rects(wanted)


def test_phrases_stay_whole_and_overlapping_matches_count_once(text_pdf: Path) -> None:
    hits = find_hits(str(text_pdf), ["Kernel Methods", "kernel", "KERNEL"])
    assert isinstance(hits, list)
    phrase = pymupdf_rects(text_pdf, "kernel methods")
    word = pymupdf_rects(text_pdf, "kernel")
    # Each "kernel" inside a "kernel methods" match is the same occurrence.
    assert len(hits[0]) == len(word[0]) == 2
    assert hits[0][0] == pytest.approx(phrase[0][0], abs=0.01)
    assert hits[0][1] == pytest.approx(word[0][1], abs=0.01)
    assert [len(page) for page in hits] == [2, 0, 2]


def test_matches_inside_other_words_are_not_highlighted(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "inside.pdf", ["Accurate rates; generating (rating) data."])
    hits = find_hits(str(path), ["rate", "rating"])
    assert isinstance(hits, list)
    with pymupdf.open(path) as doc:
        words = {str(w[4]).strip("();."): w[:4] for w in doc[0].get_text("words")}
    # One rectangle each, at the start of "rates" and of "(rating)", in reading order.
    assert len(hits[0]) == 2
    assert hits[0][0][0] == pytest.approx(words["rates"][0], abs=0.5)
    assert words["rating"][0] < hits[0][1][0] < words["rating"][2]
    assert all(not words["Accurate"][0] <= x0 < words["Accurate"][2] for x0, *_ in hits[0])


def test_a_word_split_by_a_hyphen_at_a_line_end_is_found_in_both_parts(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "split.pdf", ["We study pre-\ntraining of large models."])
    hits = find_hits(str(path), ["pretraining"])
    assert isinstance(hits, list)
    # Without dehyphenation: with it, MuPDF misplaces matches after the joined line break.
    plain = pymupdf.TEXT_PRESERVE_WHITESPACE
    head = pymupdf_rects(path, "pre", plain)[0][0]
    tail = pymupdf_rects(path, "training", plain)[0][0]
    assert hits[0] == [pytest.approx(head, abs=0.01), pytest.approx(tail, abs=0.01)]


def test_hits_on_a_rotated_page_are_in_displayed_coordinates(tmp_path: Path) -> None:
    path = tmp_path / "rotated.pdf"
    doc = pymupdf.open()
    page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
    page.insert_text((100, 100), "a rotated kernel", fontsize=12)
    page.set_rotation(90)
    unrotated = page.search_for("kernel")[0]
    expected = tuple(unrotated * page.rotation_matrix)
    doc.save(path)
    doc.close()

    hits = find_hits(str(path), ["kernel"])
    assert isinstance(hits, list)
    assert hits[0] == [pytest.approx(expected, abs=0.01)]
    info = open_document_info(str(path))
    assert isinstance(info, DocInfo)
    assert info.page_sizes == [(PAGE_HEIGHT, PAGE_WIDTH)]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "does not exist"),
        (b"", "empty"),
        (b"just some text, named .pdf", "not a PDF"),
        (b"%PDF-1.7\n1 0 obj garbage", "damaged"),
    ],
)
def test_unusable_files_give_a_reason_instead_of_raising(
    tmp_path: Path, content: bytes | None, reason: str
) -> None:
    path = tmp_path / "file.pdf"
    if content is not None:
        path.write_bytes(content)
    for result in (
        open_document_info(str(path)),
        render_page(str(path), 0, 1.0, ["x"]),
        find_hits(str(path), ["x"]),
    ):
        assert isinstance(result, RenderFailure)
        assert reason in result.reason


def test_a_page_out_of_range_is_a_failure(text_pdf: Path) -> None:
    result = render_page(str(text_pdf), 7, 1.0, [])
    assert result == RenderFailure("there is no page 8 (the PDF has 3)")


# -- RenderService -----------------------------------------------------------------------


class Replies:
    """Collects replies delivered on the service thread; waits on an Event, not the clock."""

    def __init__(self) -> None:
        self.items: list[object] = []
        self._arrived = threading.Condition()

    def __call__(self, reply: object) -> None:
        with self._arrived:
            self.items.append(reply)
            self._arrived.notify_all()

    def wait_for(self, count: int) -> list[object]:
        with self._arrived:
            assert self._arrived.wait_for(lambda: len(self.items) >= count, REPLY_TIMEOUT)
            return list(self.items)


@pytest.fixture
def service() -> Iterator[RenderService]:
    service = RenderService(render_deadline=2.0)
    yield service
    service.close()


def test_service_answers_info_hits_and_renders(service: RenderService, text_pdf: Path) -> None:
    replies = Replies()
    service.request_document_info(str(text_pdf), replies)
    service.request_hits(str(text_pdf), ["kernel"], replies)
    service.request_render(str(text_pdf), 2, 1.0, [], replies)
    info, hits, page = replies.wait_for(3)
    assert isinstance(info, InfoReply) and info.info is not None
    assert info.info.page_count == 3
    assert isinstance(hits, HitsReply) and hits.hits is not None
    assert [len(p) for p in hits.hits] == [2, 0, 2]
    assert isinstance(page, PageReply)
    assert page.page is not None and page.error == ""
    assert page.page.width == PAGE_WIDTH

    service.request_render(str(text_pdf), 2, 1.0, [], replies)
    again = replies.wait_for(4)[3]
    assert isinstance(again, PageReply)
    assert again.page is page.page, "the second request is answered from the cache"


def test_a_hung_render_times_out_and_the_worker_is_replaced(
    service: RenderService, text_pdf: Path, tmp_path: Path
) -> None:
    heavy = make_heavy_page_pdf(tmp_path / "heavy.pdf")
    replies = Replies()
    service.request_render(str(text_pdf), 0, 1.0, [], replies)
    warm = replies.wait_for(1)[0]
    assert isinstance(warm, PageReply) and warm.page is not None
    first_pid = service.worker_pid

    service.request_render(str(heavy), 0, 2.0, [], replies)
    stuck = replies.wait_for(2)[1]
    assert isinstance(stuck, PageReply)
    assert stuck.page is None
    assert "longer than 2 s" in stuck.error
    assert service.worker_restarts == 1

    service.request_render(str(text_pdf), 1, 1.0, [], replies)
    after = replies.wait_for(3)[2]
    assert isinstance(after, PageReply) and after.page is not None
    assert service.worker_pid not in (None, first_pid)

    started = time.monotonic()
    service.request_render(str(heavy), 0, 2.0, [], replies)
    remembered = replies.wait_for(4)[3]
    assert isinstance(remembered, PageReply) and remembered.page is None
    assert time.monotonic() - started < 2.0, "a page that hung once fails at once"


def test_moving_to_another_paper_drops_pending_work_for_the_old_one(
    service: RenderService, text_pdf: Path, tmp_path: Path
) -> None:
    other = make_pdf(tmp_path / "other.pdf", ["another paper"])
    release = threading.Event()
    holding = Replies()

    def hold_the_service_thread(reply: object) -> None:
        holding(reply)
        release.wait(REPLY_TIMEOUT)

    old, new = Replies(), Replies()
    service.request_document_info(str(text_pdf), hold_the_service_thread)
    holding.wait_for(1)  # the service thread now waits in this callback: nothing else runs
    for page in range(3):
        service.request_render(str(text_pdf), page, 1.0, [], old)
    service.request_document_info(str(other), new)
    release.set()
    opened = new.wait_for(1)[0]
    assert isinstance(opened, InfoReply) and opened.info is not None
    assert opened.info.page_count == 1
    assert old.items == []


def test_close_leaves_no_thread_and_no_process(text_pdf: Path) -> None:
    service = RenderService()
    replies = Replies()
    service.request_render(str(text_pdf), 0, 1.0, [], replies)
    replies.wait_for(1)
    pid = service.worker_pid
    assert pid is not None

    service.close()
    assert service.worker_pid is None
    assert multiprocessing.active_children() == []
    assert not [t for t in threading.enumerate() if t.name == "lectern-render"]
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_close_does_not_wait_for_a_hung_render(tmp_path: Path, text_pdf: Path) -> None:
    heavy = make_heavy_page_pdf(tmp_path / "heavy.pdf")
    service = RenderService(render_deadline=60.0)
    replies = Replies()
    service.request_document_info(str(text_pdf), replies)
    replies.wait_for(1)
    service.request_render(str(heavy), 0, 2.0, [], replies)

    started = time.monotonic()
    service.close()
    assert time.monotonic() - started < 10
    assert multiprocessing.active_children() == []
    assert len(replies.items) == 1, "no reply after close()"
