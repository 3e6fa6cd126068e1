package dev.strongroom.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Full-text search over the documents, as a search engine answers it (dev.strongroom.search has the
 * Lucene index of one host; docs/search.md the path to PostgreSQL full-text or OpenSearch for several).
 * The catalog stays the truth: a search engine returns ids, the catalog the documents.
 */
public interface DocumentSearch {

    /**
     * One page of matching ids in order, or empty when the engine cannot answer now (being rebuilt, or
     * switched off): the caller then searches the catalog itself. {@code query.owner()} is already the
     * viewer's restriction.
     */
    Optional<Hits> search(DocumentQuery query);

    /** The ids of one page, how many match in all, facet counts when asked, and changes not yet taken. */
    record Hits(List<String> ids, long total, Map<String, List<FacetCount>> facets, long pending) {
    }

    /** How many matching documents have this value. */
    record FacetCount(String value, long count) {
    }
}
