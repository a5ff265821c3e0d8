"""Lectern search layer: tantivy full text, fed plain `PaperDoc` records.

Entry point: `search.index.SearchIndex`. Modules, from the outside in:

* `documents`, `results` — the records going in and coming out;
* `index` — the one object per index folder (writer, readers, search, related);
* `folder`, `writer` — the folder on disk and the single IndexWriter;
* `schema`, `analysis`, `tags` — document layout, tokenization, tag paths;
* `query`, `querytree`, `compile` — the query language and its tantivy queries;
* `passages`, `matching`, `snippets`, `highlight` — pages with hits, passages,
  highlight ranges and the words for the PDF preview;
* `related` — more-like-this explained by shared words.

The package never imports Qt, SQLAlchemy or the app (an import-linter contract).
"""
