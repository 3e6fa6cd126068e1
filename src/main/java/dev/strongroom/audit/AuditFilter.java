package dev.strongroom.audit;

import io.quarkus.panache.common.Parameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which events a query or export covers. All parts are optional and combine with AND. */
public record AuditFilter(Instant from, Instant to, String actor, String action, String documentId, String outcome) {

    /** Only a time range keeps the result a contiguous piece of the chain, which an export can then prove. */
    public boolean contiguous() {
        return actor == null && action == null && documentId == null && outcome == null;
    }

    Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        if (from != null) {
            d.put("from", from.toString());
        }
        if (to != null) {
            d.put("to", to.toString());
        }
        if (actor != null) {
            d.put("actor", actor);
        }
        if (action != null) {
            d.put("action", action);
        }
        if (documentId != null) {
            d.put("documentId", documentId);
        }
        if (outcome != null) {
            d.put("outcome", outcome);
        }
        return d;
    }

    /** JPQL conditions over {@link IndexedEvent}, bound by name, never concatenated from input. */
    Query toQuery(long afterSeq, long upToSeq) {
        List<String> where = new ArrayList<>();
        Parameters params = Parameters.with("after", afterSeq).and("upTo", upToSeq);
        where.add("seq > :after");
        where.add("seq <= :upTo");
        if (from != null) {
            where.add("eventTime >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.add("eventTime < :to");
            params.and("to", to);
        }
        if (actor != null) {
            where.add("actor = :actor");
            params.and("actor", actor);
        }
        if (action != null) {
            where.add("action = :action");
            params.and("action", action);
        }
        if (documentId != null) {
            where.add("documentId = :documentId");
            params.and("documentId", documentId);
        }
        if (outcome != null) {
            where.add("outcome = :outcome");
            params.and("outcome", outcome);
        }
        return new Query(String.join(" and ", where), params);
    }

    record Query(String where, Parameters params) {
    }
}
