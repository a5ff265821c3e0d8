"""The index layout: one document per paper plus one document per page.

Paper documents carry everything a query is evaluated on: title, authors, abstract,
notes, venue and the whole text (``fulltext``, positions kept, not stored), tags with all
ancestors, year, status, date added. A query is therefore answered on paper documents
alone, so ``total``, sorting and tag counts are about papers, and "all words must match"
means anywhere in the paper, not on one page.

Page documents carry one page's text (stored, positions kept) and only serve to find the
pages with hits and the passage for the snippet of the papers being shown: a snippet is cut
from a ~3 kB page instead of a whole PDF, which is what keeps snippets cheap.

Phrases do not span pages: the pages of ``fulltext`` are separate values with a position
gap wider than any allowed proximity, so a paper matches a phrase exactly when one of its
pages does, and that page is then found again on the page documents.

``body_pairs`` holds the body's adjacent stem pairs as plain terms (`search.pairs`): a
two-word phrase on the body is one term lookup, and a longer one checks positions only in
the papers that hold all of its pairs.

Each metadata field has a position-free unstemmed twin (``w_*``), ``w_any`` holds all of a
paper's words unstemmed and ``page_words`` a page's: they serve ``prefix*`` and ``typo~``
queries, which are about words as written, not stems. Stemming dominates indexing cost;
the page texts are analyzed four times (stemmed with positions and unstemmed without, for
the paper and for the page), and split once more in Python for the pairs
(bench/search_bench.py reports the build rate).
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

import tantivy

from search.analysis import PAIRS, STEMMED, WORDS, shared_analyzer
from search.documents import PaperDoc
from search.pairs import PairMaker
from search.tags import fold_path, with_ancestors

SCHEMA_VERSION = 4

KIND = "kind"
PAPER_KIND = 0
PAGE_KIND = 1

PAPER_ID = "paper_id"
PAGE = "page"
REVISION = "revision"
TITLE = "title"
AUTHORS = "authors"
ABSTRACT = "abstract"
NOTES = "notes"
VENUE = "venue"
FULLTEXT = "fulltext"
TAGS = "tags"
TAG_KEYS = "tag_keys"
YEAR = "year"
STATUS = "status"
ADDED = "added"
TITLE_SORT = "title_sort"
PAGE_TEXT = "text"
PAGE_WORDS = "page_words"
BODY_PAIRS = "body_pairs"
ALL_WORDS = "w_any"

TEXT_FIELDS = (TITLE, AUTHORS, ABSTRACT, NOTES, VENUE, FULLTEXT)
METADATA_FIELDS = TEXT_FIELDS[:-1]


def words_field(field: str) -> str:
    """The unstemmed, position-free twin of a paper text field.

    The body has no twin of its own: `ALL_WORDS` (every word of the paper) stands in for
    it, which keeps one pass over the page texts out of indexing.
    """
    return ALL_WORDS if field == FULLTEXT else f"w_{field}"


# Proximity searches are capped so that no phrase can bridge the gap between two pages:
# the gap (empty values, one position each, plus one) exceeds slop + phrase length.
MAX_SLOP = 10
MAX_PHRASE_TOKENS = 16
PAGE_GAP_VALUES = MAX_SLOP + MAX_PHRASE_TOKENS + 4
_GAP = [""] * PAGE_GAP_VALUES
MAX_SORT_KEY_CHARS = 200


def build_schema() -> Any:
    """The tantivy schema of both document kinds."""
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field(KIND, indexed=True)
    builder.add_integer_field(PAPER_ID, indexed=True, fast=True)
    builder.add_integer_field(PAGE, indexed=True, fast=True)
    builder.add_integer_field(REVISION, fast=True)
    for field in (TITLE, ABSTRACT):
        builder.add_text_field(field, stored=True, tokenizer_name=STEMMED)
    for field in (AUTHORS, NOTES, VENUE, FULLTEXT):
        builder.add_text_field(field, tokenizer_name=STEMMED)
    for field in (*map(words_field, METADATA_FIELDS), ALL_WORDS):
        builder.add_text_field(field, tokenizer_name=WORDS, index_option="basic")
    builder.add_text_field(TAGS, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field(TAG_KEYS, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field(YEAR, indexed=True, fast=True)
    builder.add_text_field(STATUS, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field(ADDED, indexed=True, fast=True)
    builder.add_text_field(TITLE_SORT, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field(BODY_PAIRS, tokenizer_name=PAIRS, index_option="freq")
    builder.add_text_field(PAGE_TEXT, stored=True, tokenizer_name=STEMMED)
    builder.add_text_field(PAGE_WORDS, tokenizer_name=WORDS, index_option="basic")
    return builder.build()


_pairs: PairMaker | None = None


def _pair_maker() -> PairMaker:
    global _pairs
    if _pairs is None:
        _pairs = PairMaker(shared_analyzer())
    return _pairs


def title_sort_key(title: str) -> str:
    """Case- and accent-insensitive A–Z key; untitled papers sort last."""
    decomposed = unicodedata.normalize("NFKD", title)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    key = " ".join(plain.split()).lstrip("\"'“‘([{-–—.,;: ")[:MAX_SORT_KEY_CHARS]
    return key or "\uffff"


def added_micros(added: datetime) -> int:
    """Microseconds since the epoch; a naive datetime is taken as UTC."""
    if added.tzinfo is None:
        added = added.replace(tzinfo=UTC)
    return int(added.timestamp() * 1_000_000)


def paper_document(doc: PaperDoc) -> Any:
    """The paper-level tantivy document of `doc`."""
    out = tantivy.Document()
    out.add_unsigned(KIND, PAPER_KIND)
    out.add_integer(PAPER_ID, doc.paper_id)
    out.add_integer(REVISION, doc.revision)
    if doc.year is not None:
        out.add_integer(YEAR, doc.year)
    out.add_integer(ADDED, added_micros(doc.added))
    texts: dict[str, list[str]] = {}
    metadata = {
        TITLE: doc.title,
        AUTHORS: "\n".join(doc.authors),
        ABSTRACT: doc.abstract,
        NOTES: doc.notes,
        VENUE: doc.venue,
    }
    for field, text in metadata.items():
        if text:
            texts[field] = texts[words_field(field)] = [text]
    texts[ALL_WORDS] = [text for text in metadata.values() if text] + list(doc.pages)
    if doc.pages:
        spaced: list[str] = [doc.pages[0]]
        for page in doc.pages[1:]:
            spaced += _GAP
            spaced.append(page)
        texts[FULLTEXT] = spaced
        texts[BODY_PAIRS] = [_pair_maker().pairs(page) for page in doc.pages]
    paths = with_ancestors(doc.tags)
    if paths:
        texts[TAGS] = paths
        texts[TAG_KEYS] = [fold_path(path) for path in paths]
    texts[STATUS] = [doc.status]
    texts[TITLE_SORT] = [title_sort_key(doc.title)]
    # One call for all text values: building documents value by value costs more than
    # tantivy's own indexing for page-rich papers.
    out.extend(texts, None)
    return out


def page_documents(doc: PaperDoc) -> list[Any]:
    """One tantivy document per page of `doc` (none for a paper without text)."""
    pages = []
    for number, text in enumerate(doc.pages):
        page = tantivy.Document()
        page.add_unsigned(KIND, PAGE_KIND)
        page.add_integer(PAPER_ID, doc.paper_id)
        page.add_integer(PAGE, number)
        page.extend({PAGE_TEXT: [text], PAGE_WORDS: [text]}, None)
        pages.append(page)
    return pages
