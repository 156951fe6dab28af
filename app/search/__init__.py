"""Search: one Whoosh index per site language, on each machine, under SEARCH_INDEX_DIR.

- GET /<lang>/search (views.py → service.py → engine.py): services and information pages, facets with
  counts ("not known" counted as its own value), filters, distance from a postcode, "did you mean".
- `flask search build` (indexer.py, index_builder.py, bulk_writer.py): a new generation of every language's
  index, built aside in one pass over the directory and swapped in atomically; one build at a time.
- Edits reach every worker and machine through the change log (changes.py, the search_changes table):
  an ORM listener logs each changed service in the edit's own transaction, and the next search in any
  worker applies what its index has not seen (searcher.py) before it searches.
- Analysis per language (analysis.py), managed synonyms as data (synonyms.py, content/search/synonyms.yaml),
  safe reading of whatever a reader types (query.py), document sets as integers for matching, facets and
  ranking (bitmaps.py), spelling suggestions (spelling.py), searches that found nothing (zero_results.py).
"""
