"""What the result list shows: the query, the scope (view, tag or related papers) and the order.

Every change of those loads a new listing on the library thread; results that arrive after a
newer request was made are dropped. Library changes reload only what they affect: edited
papers reload their rows, added/removed papers and tag changes reload the listing, and a
finished index update reloads a query's results.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, QTimer, Signal

from app.changes import Changes
from app.library import Library
from ui import theme
from ui.counts import Counts, load_counts
from ui.listing import Listing, ListingRequest, Scope, load_listing
from ui.models.results import ResultsModel
from ui.ops import LibraryOp, OpRunner
from ui.queries import VIEW_TITLES, View, missing_files, suggested_searches
from ui.widgets.result_panel import ResultPanel

SUGGESTION_DELAY_MS = 3000


def suggestions_for(library: Library) -> list[str]:
    """Suggested searches drawn from the library (runs on the library thread)."""
    with library.reading() as session:
        return suggested_searches(session)


class SearchController(QObject):
    """See the module docstring."""

    listingShown = Signal(object)
    countsShown = Signal(object)
    librarySizeKnown = Signal(int)

    def __init__(
        self,
        runner: OpRunner,
        model: ResultsModel,
        panel: ResultPanel,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._model = model
        self._panel = panel
        self._request = ListingRequest()
        self._scope_before_related = Scope()
        self._generation = 0
        self._counts_generation = 0
        self._missing: frozenset[int] = frozenset()
        self._library_size: int | None = None
        self._suggestions: list[str] = []
        self._shown: Listing | None = None
        self._suggestion_timer = QTimer(self)
        self._suggestion_timer.setSingleShot(True)
        self._suggestion_timer.setInterval(SUGGESTION_DELAY_MS)
        self._suggestion_timer.timeout.connect(self.load_suggestions)
        theme.notifier().paletteChanged.connect(self._recolor)

    @property
    def request(self) -> ListingRequest:
        """What is listed (or being loaded)."""
        return self._request

    @property
    def library_size(self) -> int | None:
        """Papers in the library, once counted."""
        return self._library_size

    # what to show ---------------------------------------------------------------------

    def start_with(self, query: str, sort: str) -> None:
        """Set the first query and order without loading anything yet."""
        self._request = ListingRequest(query.strip(), self._request.scope, sort)

    def show_all(self) -> None:
        """List every paper, without a query."""
        self._request = ListingRequest("", Scope(), self._request.sort)
        self.reload()
        self.reload_counts()

    def set_query(self, query: str) -> None:
        """Search for `query` in the current scope ('' lists the scope)."""
        query = query.strip()
        scope = self._request.scope
        if scope.related_to is not None and query:
            scope = self._scope_before_related
        if query == self._request.query and scope == self._request.scope:
            return
        query_changed = query != self._request.query
        self._request = ListingRequest(query, scope, self._request.sort)
        self.reload()
        if query_changed:
            self.reload_counts()

    def set_scope(self, scope: Scope) -> None:
        """List a fixed view or a tag's subtree."""
        if scope == self._request.scope:
            return
        self._request = ListingRequest(self._request.query, scope, self._request.sort)
        if scope.view is View.ATTENTION and scope.tag is None:
            self._check_missing_files()
        self.reload()

    def set_sort(self, sort: str) -> None:
        """Order results by relevance, year, added or title."""
        if sort != self._request.sort:
            self._request = ListingRequest(self._request.query, self._request.scope, sort)
            self.reload()

    def show_related(self, paper_id: int) -> None:
        """List the papers whose text is most like this paper's."""
        if self._request.scope.related_to is None:
            self._scope_before_related = self._request.scope
        self._request = ListingRequest("", Scope(related_to=paper_id), self._request.sort)
        self._panel.search.set_query("", emit=False)
        self.reload()

    # loading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Load the listing for the current request (selection is kept where possible)."""
        self._generation += 1
        generation, request, missing = self._generation, self._request, self._missing

        def load(library: Library) -> Listing | None:
            # A newer request made meanwhile makes this one moot: skip the work.
            if generation != self._generation:
                return None
            return load_listing(library, request, missing)

        LibraryOp(load).success(lambda listing: self._show(generation, listing)).failure(
            lambda error: self._failed(generation, error)
        ).run(self._runner)

    def reload_counts(self) -> None:
        """Recount the tag tree (of the library, or of the query's results)."""
        self._counts_generation += 1
        generation, query, missing = self._counts_generation, self._request.query, self._missing
        if self._request.scope.related_to is not None:
            query = ""

        def count(library: Library) -> Counts | None:
            if generation != self._counts_generation:
                return None
            return load_counts(library, query, missing)

        LibraryOp(count).success(lambda counts: self._show_counts(generation, counts)).run(
            self._runner
        )

    def stop(self) -> None:
        """Cancel scheduled work (the window is closing)."""
        self._suggestion_timer.stop()

    def reload_suggestions(self) -> None:
        """Recompute the suggested searches soon (once for a burst of imports)."""
        if not self._suggestion_timer.isActive():
            self._suggestion_timer.start()

    def load_suggestions(self) -> None:
        """Compute the suggested searches now."""
        LibraryOp(suggestions_for).success(self._show_suggestions).run(self._runner)

    def _show_suggestions(self, suggestions: list[str]) -> None:
        self._suggestions = suggestions
        if not self._request.query and self._request.scope.related_to is None:
            self._panel.set_suggestions(suggestions)

    def on_library_changed(self, changes: Changes) -> None:
        """Refresh what `changes` affects."""
        searching = self._request.mode in ("search", "filtered", "related")
        structure = bool(changes.added or changes.removed or changes.tags)
        if changes.updated:
            self._model.invalidate_papers(changes.updated)
        # Status and dates decide membership of the queue and other views, and the order.
        membership = (
            changes.updated
            and self._request.mode == "browse"
            and (self._request.scope.view is not View.ALL or self._request.sort != "relevance")
        )
        if (structure and not searching) or (changes.index and searching) or membership:
            self.reload()
        if structure or changes.updated or (changes.index and self._request.query):
            self.reload_counts()
        if changes.added or changes.removed or changes.tags:
            self.reload_suggestions()

    def _check_missing_files(self) -> None:
        LibraryOp(missing_files).success(self._missing_checked).run(self._runner)

    def _missing_checked(self, missing: frozenset[int]) -> None:
        if missing != self._missing:
            self._missing = missing
            self.reload()
            self.reload_counts()

    # showing --------------------------------------------------------------------------

    def _show(self, generation: int, listing: Listing | None) -> None:
        if generation != self._generation or listing is None:
            return
        view = self._panel.view
        selected, current = view.selected_ids(), view.current_id()
        fresh = listing.request != self._model.listing.request
        self._model.set_listing(listing)
        if selected:
            # A refresh of the same listing (papers added during an import) keeps the scroll
            # position; a new query or scope brings the kept selection into view.
            view.select_ids(selected, current, scroll=fresh)
        self._shown = listing
        self._panel.set_header(self._header(listing))
        self._panel.set_notice(listing.warnings)
        self._panel.set_suggestions([] if listing.request.query else self._suggestions)
        self._panel.show_message(self._empty_message(listing))
        self.listingShown.emit(listing)

    def _recolor(self) -> None:
        # The header and the empty-list message carry the colours they were written with.
        if self._shown is not None:
            self._panel.set_header(self._header(self._shown))
            self._panel.show_message(self._empty_message(self._shown))

    def _show_counts(self, generation: int, counts: Counts | None) -> None:
        if generation != self._counts_generation or counts is None:
            return
        if not counts.query and self._library_size != counts.library_size:
            self._library_size = counts.library_size
            self.librarySizeKnown.emit(counts.library_size)
        self.countsShown.emit(counts)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._shown = None
        self._model.set_listing(Listing(self._request, []))
        self._panel.set_header("Search is not available")
        self._panel.show_message(
            f"<p><b>The search could not run.</b></p><p>{html.escape(str(error))}</p>"
        )
        self._runner.default_failure(error)

    def _header(self, listing: Listing) -> str:
        request = listing.request
        total = listing.total
        where = self._scope_name(request.scope)
        if request.mode == "related":
            title = html.escape(_shorten(listing.related_title, 60))
            return (
                f"<b>{total}</b> papers related to “{title}” &nbsp; "
                f"<a href='clear-related'>back to all papers</a>"
            )
        if request.query:
            noun = "result" if total == 1 else "results"
            scope = f" in {html.escape(where)}" if where != VIEW_TITLES[View.ALL] else ""
            return f'<b>"{html.escape(request.query)}"</b> has <b>{total:,}</b> {noun}{scope}'
        noun = "paper" if total == 1 else "papers"
        count = f"<span style='color:{theme.current().text_faint.name()}'>{total:,} {noun}</span>"
        return f"<b>{html.escape(where)}</b> &nbsp;{count}"

    def _empty_message(self, listing: Listing) -> str | None:
        if listing.total:
            return None
        request = listing.request
        muted = theme.current().text_muted.name()
        if request.query:
            return (
                f"<p style='font-size:13pt'><b>Nothing matches “{html.escape(request.query)}”"
                f"</b></p><p style='color:{muted}'>Try fewer words, a prefix such as "
                f"<code>converg*</code>, or search All papers.</p>"
            )
        if request.scope.tag is not None:
            return (
                f"<p><b>No papers carry this tag yet.</b></p><p style='color:{muted}'>"
                "Drag papers from the list onto it, or drop PDFs on it to import and tag "
                "them at once.</p>"
            )
        if request.mode == "related":
            return "<p><b>No related papers found.</b></p>"
        return (
            f"<p><b>{html.escape(self._scope_name(request.scope))} is empty.</b></p>"
            f"<p style='color:{muted}'>{_VIEW_EMPTY.get(request.scope.view, '')}</p>"
        )

    @staticmethod
    def _scope_name(scope: Scope) -> str:
        return scope.tag if scope.tag is not None else VIEW_TITLES[scope.view]


_VIEW_EMPTY = {
    View.QUEUE: "Mark papers “To read” (right-click › Status) to queue them here.",
    View.RECENT: "Papers you add in the coming days appear here.",
    View.UNTAGGED: "Every paper has at least one tag.",
    View.VERSIONS: "No duplicates or other versions were found among your papers.",
    View.ATTENTION: "Every paper has its text and its PDF. Nothing to fix.",
    View.ALL: "Drop PDFs on the window to add them.",
}


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
