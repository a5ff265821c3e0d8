"""Search index build rate, size and query latency, next to raw tantivy in the same run.

    .venv/bin/python bench/search_bench.py [--papers 10000 100000] [--queries 200]
                                           [--keep DIR] [--seed 7]

Builds one synthetic library per size: ~8–12 pages of ~400 words per paper, titles,
abstracts, authors, years, tags (a three-level tree), statuses. The text comes from a
word bigram model of the real papers in ../shared/corpora/papers/pdfs (extracted once
with PyMuPDF and cached in the temp folder); without that folder a built-in word list is
used and the output says so.

For each query kind (word, two words, phrase, field, prefix, fuzzy, tag-scoped) it prints
p50/p99 of `SearchIndex.search` with snippets and page hits for the top 20, and two raw
tantivy baselines on the same index and searcher: its own `parse_query` + top-20 search
(no snippets), and the same followed by tantivy's own page lookup and snippet generator
for those 20 papers (see `RawTantivy`), with the ratios. Figures only: nothing here
asserts on time.

With --keep DIR, indexes are kept in DIR/papers-N and reused by the next run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import resource
import shutil
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import tantivy
from _common import SHARED

from search.documents import PaperDoc
from search.index import SearchIndex
from search.schema import (
    ABSTRACT,
    ALL_WORDS,
    FULLTEXT,
    PAGE,
    PAGE_TEXT,
    PAGE_WORDS,
    PAPER_ID,
    TITLE,
)

CORPUS = SHARED / "corpora" / "papers" / "pdfs"
MODEL_CACHE = Path(tempfile.gettempdir()) / "lectern-search-bench-model-v1.json"
WORD = re.compile(r"[A-Za-z][A-Za-z'-]{0,24}")
SENTENCES = 120_000
COMMIT_EVERY = 10_000
MUST, SHOULD = tantivy.Occur.Must, tantivy.Occur.Should
_FALLBACK_TEXT = """
    model learning network neural kernel training data function gradient descent loss
    optimization convex bound regret bandit policy reward agent state action value
    estimate sample distribution gaussian process prior posterior inference bayesian
    variational approximation matrix vector linear regression classification feature
    representation layer deep convolutional attention transformer sequence language
    graph node edge spectral clustering embedding dimension space metric distance theorem
    proof lemma assumption result experiment dataset benchmark accuracy error rate
    performance method approach algorithm problem solution analysis theory practice
    the of and a to in is for that we with as on by this be are from an which our can
"""
FALLBACK_WORDS = _FALLBACK_TEXT.split()
_NAMES = """
Ada Alan Grace Emmy John Marie Claude Kurt Barbara Donald Edsger Frances
|
Lovelace Turing Hopper Noether Neumann Curie Shannon Godel Liskov Knuth
Dijkstra Allen Lamport Karp Rabin Valiant Hinton Bengio LeCun Pearl
"""
FIRST_NAMES, LAST_NAMES = (part.split() for part in _NAMES.split("|"))
VENUES = ["NeurIPS", "ICML", "ICLR", "COLT", "JMLR", "AISTATS", "UAI", "KDD", "arXiv"]
STATUSES = ["unread", "to_read", "reading", "read"]


# text model ------------------------------------------------------------------------------


def load_model() -> tuple[list[str], dict[str, list[str]], str]:
    """Unigram list and bigram successors, from the corpus (cached) or a fallback."""
    if MODEL_CACHE.exists():
        data = json.loads(MODEL_CACHE.read_text(encoding="utf-8"))
        return data["words"], data["next"], data["source"]
    if not CORPUS.is_dir():
        words = FALLBACK_WORDS
        successors = {w: FALLBACK_WORDS for w in words}
        return words, successors, f"built-in word list ({CORPUS} is absent)"
    import pymupdf

    words: list[str] = []
    successors: dict[str, list[str]] = defaultdict(list)
    files = sorted(CORPUS.glob("*.pdf"))
    for file in files:
        try:
            with pymupdf.open(file) as pdf:
                text = " ".join(page.get_text("text") for page in pdf)
        except Exception:
            continue
        tokens = WORD.findall(text)
        words += tokens
        for left, right in itertools.pairwise(tokens):
            successors[left].append(right)
    source = f"bigram model of {len(files)} PDFs in {CORPUS} ({len(words):,} words)"
    data = {"words": words, "next": dict(successors), "source": source}
    MODEL_CACHE.write_text(json.dumps(data), encoding="utf-8")
    return words, dict(successors), source


def sentence_pool(rng: random.Random, words: list[str], nxt: dict[str, list[str]]) -> list[str]:
    pool = []
    for _ in range(SENTENCES):
        word = rng.choice(words)
        out = [word.capitalize()]
        for _ in range(rng.randint(8, 25)):
            choices = nxt.get(word)
            word = rng.choice(choices) if choices else rng.choice(words)
            out.append(word)
        pool.append(" ".join(out) + ".")
    return pool


def tag_tree() -> list[str]:
    tops = ["theory", "kernels", "robustness", "bandits", "optimization", "vision", "nlp"]
    tags = []
    for top in tops:
        tags.append(top)
        for child in ("foundations", "methods", "applications", "surveys"):
            tags.append(f"{top}/{child}")
            tags += [f"{top}/{child}/{leaf}" for leaf in ("classic", "recent")]
    return tags


def papers(count: int, seed: int, pool: list[str], tags: list[str]) -> Iterator[PaperDoc]:
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for paper_id in range(1, count + 1):
        pages = [" ".join(rng.choices(pool, k=24)) for _ in range(rng.randint(8, 12))]
        title = rng.choice(pool).rstrip(".")
        title = " ".join(title.split()[: rng.randint(5, 10)])
        yield PaperDoc(
            paper_id=paper_id,
            revision=1,
            title=title,
            authors=[
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                for _ in range(rng.randint(1, 5))
            ],
            abstract=" ".join(rng.choices(pool, k=5)),
            pages=pages,
            tags=rng.sample(tags, rng.randint(1, 3)),
            year=rng.randint(1995, 2024),
            status=rng.choice(STATUSES),
            notes="",
            venue=rng.choice(VENUES),
            added=start + timedelta(minutes=rng.randint(0, 2_600_000)),
        )


# queries ---------------------------------------------------------------------------------


def query_sets(
    rng: random.Random, words: list[str], pool: list[str], tags: list[str], per_kind: int
) -> dict[str, list[tuple[str, str | None, str]]]:
    """kind → [(our query, scope tag, raw tantivy query)]."""
    counts = Counter(w.lower() for w in words if len(w) > 3 and w.isalpha())
    band = [w for w, _ in counts.most_common(3000)[100:]]
    bigrams = Counter()
    for sentence in rng.sample(pool, min(len(pool), 20_000)):
        tokens = sentence.lower().rstrip(".").split()
        for left, right in itertools.pairwise(tokens):
            if left.isalpha() and right.isalpha() and len(left) > 3 and len(right) > 3:
                bigrams[(left, right)] += 1
    phrases = [f"{a} {b}" for (a, b), _ in bigrams.most_common(2000)[50:]]
    tops = sorted({t.split("/")[0] for t in tags})

    def typo(word: str) -> str:
        i = rng.randrange(1, len(word))
        return word[:i] + rng.choice("aeioustr") + word[i + 1 :]

    sets: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
    for _ in range(per_kind):
        a, b = rng.sample(band, 2)
        phrase = rng.choice(phrases)
        name = rng.choice(LAST_NAMES).lower()
        fuzzy = typo(a)
        top = rng.choice(tops)
        sets["word"].append((a, None, a))
        sets["two words"].append((f"{a} {b}", None, f"{a} {b}"))
        sets["phrase"].append((f'"{phrase}"', None, f'"{phrase}"'))
        sets["field"].append((f"title:{a} author:{name}", None, f"title:{a} authors:{name}"))
        sets["prefix"].append((f"{a[:4]}*", None, f"{a[:4]}*"))
        sets["fuzzy"].append((f"{fuzzy}~", None, fuzzy))
        sets["tag-scoped"].append((a, top, f'{a} tags:"{top}"'))
    return sets


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(call: Callable[[], Any]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


# running ---------------------------------------------------------------------------------


def reusable(path: Path, count: int) -> bool:
    """Whether `path` already holds a complete index of `count` papers (same schema)."""
    if not (path / "meta.json").exists():
        return False
    with SearchIndex.open(path) as index:
        return not index.needs_rebuild and index.search("", limit=0).total == count


def build(path: Path, count: int, seed: int, pool: list[str], tags: list[str]) -> None:
    index = SearchIndex.open(path, writer_heap_bytes=512_000_000, writer_threads=2)
    index.clear()
    pages = 0
    start = time.perf_counter()
    batch: list[PaperDoc] = []
    for number, doc in enumerate(papers(count, seed, pool, tags), start=1):
        batch.append(doc)
        pages += len(doc.pages)
        if len(batch) == 1000:
            index.upsert(batch)
            batch = []
        if number % COMMIT_EVERY == 0:
            index.commit()
            print(f"  {number:,} papers indexed, {time.perf_counter() - start:.0f} s", flush=True)
    index.upsert(batch)
    index.commit()
    seconds = time.perf_counter() - start
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    print(
        f"  build: {count / seconds:,.0f} papers/s, {pages / seconds:,.0f} pages/s "
        f"({count:,} papers, {pages:,} pages in {seconds:.1f} s, generation included)"
    )
    print(f"  index: {size / 2**20:,.0f} MiB, {size / pages / 1024:.2f} KiB per page")
    index.close()


class RawTantivy:
    """The baselines: tantivy's own parser, search and snippet generator, no Lectern code.

    `search` is a bare top-20 search with count. `search_with_snippets` does the job a
    result list needs with tantivy's parts only: the top 20 papers, their ids, the page
    documents of those papers that match, and tantivy's snippet of each paper's best page.
    """

    def __init__(self, index: SearchIndex) -> None:
        self.index = index._index  # the same tantivy index and reader
        self.schema = index._schema
        self.searcher = index._current()
        self.typos = {name: (False, 1, True) for name in (TITLE, ABSTRACT, FULLTEXT)}
        self.page_typos = {PAGE_TEXT: (False, 1, True)}

    def _parse(self, text: str, fields: list[str], fuzzy: dict[str, Any] | None) -> Any:
        if text.endswith("*"):
            # tantivy's parser drops the "*"; its own prefix search is a regex on the words.
            words = PAGE_WORDS if fields == [PAGE_TEXT] else ALL_WORDS
            pattern = re.escape(text[:-1].lower()) + ".*"
            return tantivy.Query.regex_query(self.schema, words, pattern)
        query, _errors = self.index.parse_query_lenient(
            text, default_field_names=fields, conjunction_by_default=True, fuzzy_fields=fuzzy
        )
        return query

    def search(self, text: str, fuzzy: bool = False) -> Any:
        query = self._parse(text, [TITLE, ABSTRACT, FULLTEXT], self.typos if fuzzy else None)
        return self.searcher.search(query, limit=20)

    def search_with_snippets(self, text: str, fuzzy: bool = False) -> None:
        found = self.search(text, fuzzy)
        addresses = [address for _, address in found.hits]
        if not addresses:
            return
        ids = self.searcher.fast_field_values(PAPER_ID, addresses)
        page_query = self._parse(text, [PAGE_TEXT], self.page_typos if fuzzy else None)
        of_papers = tantivy.Query.boolean_query(
            [(SHOULD, tantivy.Query.term_query(self.schema, PAPER_ID, i)) for i in ids]
        )
        pages = self.searcher.search(
            tantivy.Query.boolean_query([(MUST, of_papers), (MUST, page_query)]), limit=4000
        ).hits
        owners = self.searcher.fast_field_values(PAPER_ID, [a for _, a in pages])
        numbers = self.searcher.fast_field_values(PAGE, [a for _, a in pages])
        best: dict[int, tuple[float, Any]] = {}
        hit_pages: dict[int, list[int]] = defaultdict(list)
        for (score, address), owner, number in zip(pages, owners, numbers, strict=True):
            hit_pages[owner].append(number)
            if owner not in best or score > best[owner][0]:
                best[owner] = (score, address)
        generator = tantivy.SnippetGenerator.create(
            self.searcher, page_query, self.schema, PAGE_TEXT
        )
        generator.set_max_num_chars(200)
        for _score, address in best.values():
            snippet = generator.snippet_from_doc(self.searcher.doc(address))
            snippet.fragment(), snippet.highlighted()


def measure(path: Path, sets: dict[str, list[tuple[str, str | None, str]]]) -> None:
    index = SearchIndex.open(path)
    raw = RawTantivy(index)
    print(
        "  ms; 'list' = search() with snippets and page hits for the top 20\n"
        "  (with_tag_counts=False); 'full' = the same with tag counts; 'raw' = tantivy's\n"
        "  parse_query + top-20 search with count; 'raw+snip' = raw, then tantivy finds the\n"
        "  matching pages of those 20 papers and cuts a snippet of each one's best page.\n"
        "  fuzzy: raw uses its fuzzy_fields; prefix: a regex query on all words (its parser\n"
        "  drops the *). Each query runs once untimed first (for the OS cache)."
    )
    print(
        f"  {'kind':<11} {'list p50':>8} {'p99':>6} {'full p50':>8} {'p99':>6}"
        f" {'raw p50':>7} {'p99':>5} {'raw+snip p50':>12} {'p99':>5}"
        f"  {'list/raw+snip p50 p99':>21}  {'list/raw p50 p99':>16}"
    )
    everything: dict[str, list[float]] = {"full": [], "list": []}
    for kind, queries in sets.items():
        samples: dict[str, list[float]] = defaultdict(list)
        for ours, scope, plain in queries:
            fuzzy = kind == "fuzzy"
            # One untimed pass reads what the query touches into the OS cache, so that no
            # variant pays for the disk on behalf of the others. Tag counts stay uncached.
            index.search(ours, scope_tag=scope, with_tag_counts=False)
            raw.search_with_snippets(plain, fuzzy)
            samples["full"].append(timed(lambda q=ours, s=scope: index.search(q, scope_tag=s)))
            samples["list"].append(
                timed(lambda q=ours, s=scope: index.search(q, scope_tag=s, with_tag_counts=False))
            )
            samples["raw"].append(timed(lambda p=plain, f=fuzzy: raw.search(p, f)))
            samples["snip"].append(timed(lambda p=plain, f=fuzzy: raw.search_with_snippets(p, f)))
        everything["full"] += samples["full"]
        everything["list"] += samples["list"]
        p50 = {name: statistics.median(values) for name, values in samples.items()}
        p99 = {name: percentile(values, 0.99) for name, values in samples.items()}
        print(
            f"  {kind:<11} {p50['list']:8.2f} {p99['list']:6.2f} {p50['full']:8.2f}"
            f" {p99['full']:6.2f} {p50['raw']:7.2f} {p99['raw']:5.2f} {p50['snip']:12.2f}"
            f" {p99['snip']:5.2f}  {p50['list'] / p50['snip']:13.2f}"
            f" {p99['list'] / p99['snip']:7.2f}  {p50['list'] / p50['raw']:8.2f}"
            f" {p99['list'] / p99['raw']:7.2f}"
        )
    for name, values in everything.items():
        print(
            f"  all kinds, {name}: p50 {statistics.median(values):.2f} ms, "
            f"p99 {percentile(values, 0.99):.2f} ms"
        )
    browse = [timed(lambda: index.search("", sort="added")) for _ in range(20)]
    print(f"  browse (empty query, newest first): p50 {statistics.median(browse):.2f} ms")
    index.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) indexes in this folder")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    words, successors, source = load_model()
    print(f"text: {source}")
    rng = random.Random(args.seed)
    pool = sentence_pool(rng, words, successors)
    tags = tag_tree()
    sets = query_sets(rng, words, pool, tags, args.queries)
    root = args.keep or Path(tempfile.mkdtemp(prefix="lectern-search-bench-"))
    try:
        for count in args.papers:
            path = root / f"papers-{count}"
            print(f"\n{count:,} papers")
            if reusable(path, count):
                print(f"  reusing {path}")
            else:
                build(path, count, args.seed, pool, tags)
            measure(path, sets)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"  peak memory of this process so far: {peak:,.0f} MiB")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
