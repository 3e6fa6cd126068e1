package dev.strongroom.audit;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a caller knows about an action before the journal numbers and chains it.
 *
 * @param outcome {@code success}, {@code denied}, {@code failure} or {@code rejected}
 */
public record AuditRecord(String actor, String role, String action, String resource, String outcome, String client,
        String requestId, SortedMap<String, String> detail) {

    public AuditRecord {
        detail = detail == null ? new TreeMap<>() : new TreeMap<>(detail);
    }

    public static SortedMap<String, String> details(Map<String, ?> values) {
        SortedMap<String, String> sorted = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                sorted.put(k, String.valueOf(v));
            }
        });
        return sorted;
    }
}
