package dev.strongroom.catalog;

import java.util.List;

/**
 * How many of the documents a search finds fall under each value of each facet, largest first, so a
 * person can narrow the list by clicking one.
 */
public record DocumentFacets(List<Count> types, List<Count> retentionClasses, List<Count> tags, List<Count> legalHold,
        List<Count> backupStates) {

    /** One facet value and how many documents have it. */
    public record Count(String value, long documents) {
    }
}
