package dev.strongroom.audit;

import io.quarkus.panache.common.Parameters;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which events a query or export covers. All parts are optional and combine with AND.
 *
 * @param text words anywhere in the event, its details included (case-insensitive)
 * @param timeOfDay UTC minutes of the day, from (included) to (excluded); a range that wraps past
 *        midnight (22:00 to 06:00) means the night
 */
public record AuditFilter(Instant from, Instant to, String actor, String action, String documentId, String outcome,
        String text, TimeOfDay timeOfDay) {

    public AuditFilter(Instant from, Instant to, String actor, String action, String documentId, String outcome) {
        this(from, to, actor, action, documentId, outcome, null, null);
    }

    /** A window of the day in UTC, in minutes since midnight. */
    public record TimeOfDay(int fromMinute, int toMinute) {

        /** From two {@code HH:mm} times; either may be blank (the start or the end of the day). */
        public static TimeOfDay parse(String from, String to) {
            Integer first = minute("timeFrom", from);
            Integer last = minute("timeTo", to);
            if (first == null && last == null) {
                return null;
            }
            return new TimeOfDay(first == null ? 0 : first, last == null ? 24 * 60 : last);
        }

        private static Integer minute(String name, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                LocalTime time = LocalTime.parse(value.strip());
                return time.getHour() * 60 + time.getMinute();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + name + "' must be a time of day such as 08:30, not '"
                        + dev.strongroom.http.Problems.clip(value) + "'");
            }
        }

        String describe() {
            return String.format(Locale.ROOT, "%02d:%02d-%02d:%02d UTC", fromMinute / 60, fromMinute % 60,
                    toMinute / 60, toMinute % 60);
        }
    }

    /** Only a time range keeps the result a contiguous piece of the chain, which an export can then prove. */
    public boolean contiguous() {
        return actor == null && action == null && documentId == null && outcome == null && text == null
                && timeOfDay == null;
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
        if (text != null) {
            d.put("text", text);
        }
        if (timeOfDay != null) {
            d.put("timeOfDay", timeOfDay.describe());
        }
        return d;
    }

    /** JPQL conditions over every host's {@link IndexedEvent} rows: the vault's trail. */
    Query toQuery() {
        return toQuery(null, 0, Long.MAX_VALUE);
    }

    /**
     * JPQL conditions over {@link IndexedEvent}, bound by name, never concatenated from input: the rows of
     * {@code host}'s chain between the two sequence numbers (sequence numbers are per host), or of every
     * host when {@code host} is null.
     */
    Query toQuery(String host, long afterSeq, long upToSeq) {
        List<String> where = new ArrayList<>();
        Parameters params = Parameters.with("after", afterSeq).and("upTo", upToSeq);
        if (host != null) {
            where.add("hostId = :host");
            params.and("host", host);
        }
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
        if (text != null) {
            // The indexed line is the whole event as journaled, its details included.
            where.add("lower(line) like :text escape '\\'");
            params.and("text", "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        if (timeOfDay != null) {
            String minute = "(extract(hour from eventTime) * 60 + extract(minute from eventTime))";
            where.add(timeOfDay.fromMinute() <= timeOfDay.toMinute()
                    ? minute + " >= :dayFrom and " + minute + " < :dayTo"
                    : "(" + minute + " >= :dayFrom or " + minute + " < :dayTo)");
            params.and("dayFrom", timeOfDay.fromMinute()).and("dayTo", timeOfDay.toMinute());
        }
        return new Query(String.join(" and ", where), params);
    }

    record Query(String where, Parameters params) {
    }
}
