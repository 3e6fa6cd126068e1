package dev.strongroom.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One page of search results.
 *
 * @param facets       when asked for ({@code facets=true}): per vendor, currency, type and tag, how many
 *                     documents of the whole result have each value
 * @param indexPending documents changed so recently that the search index has not taken them yet (they
 *                     match by their previous state); absent when none
 */
public record DocumentPage(List<DocumentView> items, int page, int size, long total,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, List<DocumentSearch.FacetCount>> facets,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long indexPending) {

    public DocumentPage(List<DocumentView> items, int page, int size, long total) {
        this(items, page, size, total, null, null);
    }
}
