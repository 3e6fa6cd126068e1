package dev.strongroom.audit;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The widths of the audit index's filter columns (db/migration V1, audit_event), and the rule that
 * keeps every journal line indexable: before an event is journaled, a value longer than its column is
 * cut to fit, and the detail says what was cut ({@code truncated.<field>}: the length, the SHA-256 and
 * the first characters of the original). So the index can always take what the journal took, and
 * nothing a client sends is lost without a trace. An over-long document id is never cut into a
 * shorter id: an event names a document only by a well-formed id ({@link AuditEvent#documentId()}).
 */
public final class IndexColumns {

    public static final int ACTOR = 64;
    public static final int ROLE = 200;
    public static final int ACTION = 64;
    public static final int RESOURCE = 300;
    public static final int DOCUMENT_ID = 36;
    public static final int OUTCOME = 16;
    public static final int CLIENT = 64;
    public static final int REQUEST_ID = 64;
    /** How much of a cut value the detail keeps, enough to recognise it. */
    static final int KEPT = 200;

    private IndexColumns() {
    }

    /** The record with every indexed field fitted to its column, and the cuts described in its detail. */
    public static AuditRecord fit(AuditRecord record) {
        SortedMap<String, String> detail = new TreeMap<>(record.detail());
        AuditRecord fitted = new AuditRecord(fit("actor", record.actor(), ACTOR, detail),
                fit("role", record.role(), ROLE, detail), fit("action", record.action(), ACTION, detail),
                fit("resource", record.resource(), RESOURCE, detail), fit("outcome", record.outcome(), OUTCOME, detail),
                fit("client", record.client(), CLIENT, detail), fit("requestId", record.requestId(), REQUEST_ID, detail),
                detail);
        return detail.size() == record.detail().size() ? record : fitted;
    }

    private static String fit(String field, String value, int width, SortedMap<String, String> detail) {
        if (value == null || value.length() <= width) {
            return value;
        }
        detail.put("truncated." + field, value.length() + " characters, SHA-256 " + TornTail.sha256(
                value.getBytes(StandardCharsets.UTF_8)) + ", starting " + printable(value, KEPT));
        return cut(value, width - 1) + "…";
    }

    /** Cuts a value to a column for the index; the journal line keeps it whole. */
    static String clip(String value, int width) {
        return value == null || value.length() <= width ? value : cut(value, width);
    }

    /** At most {@code length} chars, never splitting a surrogate pair. */
    private static String cut(String value, int length) {
        int end = Character.isHighSurrogate(value.charAt(length - 1)) ? length - 1 : length;
        return value.substring(0, end);
    }

    private static String printable(String value, int length) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(length).forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return out.toString();
    }
}
