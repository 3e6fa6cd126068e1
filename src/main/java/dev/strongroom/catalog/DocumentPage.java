package dev.strongroom.catalog;

import java.util.List;

/** One page of search results. */
public record DocumentPage(List<DocumentView> items, int page, int size, long total) {
}
