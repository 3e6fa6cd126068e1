package dev.strongroom.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A journal event mirrored into the catalog for queries; {@code line} keeps the exact journal bytes.
 * Every filter column is cut to its width ({@link IndexColumns}), so no line the journal holds can be
 * refused here; the vault fits values before it journals them, so a cut is rare (a line written by an
 * older version) and reported by {@link AuditIndex}.
 * <p>
 * Hosts sharing the catalog each index their own journal (db/migration V30): a row is keyed by the host
 * whose chain holds it and its sequence number there. Whatever works on a chain (catch-up, verification,
 * anchors, exports, write-ahead replay) reads {@code hostId = }this host's rows only; the vault's trail
 * (the audit query API) reads every host's.
 */
@Entity
@Table(name = "audit_event")
@IdClass(IndexedEvent.Key.class)
public class IndexedEvent extends PanacheEntityBase {

    /** The marker V30 gives rows indexed before hosts were recorded; no host id can take this form. */
    public static final String BEFORE_HOSTS = "-before-hosts";

    @Id
    @Column(name = "host_id", updatable = false)
    public String hostId;
    @Id
    public long seq;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_time")
    public Instant eventTime;
    public String actor;
    public String role;
    public String action;
    public String resource;
    @Column(name = "document_id")
    public String documentId;
    public String outcome;
    public String client;
    @Column(name = "request_id")
    public String requestId;
    public String line;

    /** The primary key: a host's chain and the sequence number in it. */
    public static class Key implements Serializable {
        public String hostId;
        public long seq;

        public Key() {
        }

        public Key(String hostId, long seq) {
            this.hostId = hostId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.seq == seq && Objects.equals(k.hostId, hostId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(hostId, seq);
        }
    }

    /** The host whose chain holds this row; null for a row from before hosts no host has adopted yet. */
    public String host() {
        return BEFORE_HOSTS.equals(hostId) ? null : hostId;
    }

    static IndexedEvent of(String hostId, AuditEvent event, String line) {
        IndexedEvent row = new IndexedEvent();
        row.hostId = hostId;
        row.seq = event.seq();
        row.eventId = IndexColumns.clip(event.id(), 36);
        row.eventTime = timeOf(event);
        row.actor = IndexColumns.clip(event.actor(), IndexColumns.ACTOR);
        row.role = IndexColumns.clip(event.role(), IndexColumns.ROLE);
        row.action = IndexColumns.clip(event.action() == null ? "" : event.action(), IndexColumns.ACTION);
        row.resource = IndexColumns.clip(event.resource(), IndexColumns.RESOURCE);
        row.documentId = event.documentId();
        row.outcome = IndexColumns.clip(event.outcome() == null ? "" : event.outcome(), IndexColumns.OUTCOME);
        row.client = IndexColumns.clip(event.client(), IndexColumns.CLIENT);
        row.requestId = IndexColumns.clip(event.requestId(), IndexColumns.REQUEST_ID);
        row.line = line;
        return row;
    }

    /** A time that does not parse is indexed as the epoch; the line keeps what it says, the check reports it. */
    private static Instant timeOf(AuditEvent event) {
        try {
            return Instant.parse(event.time());
        } catch (DateTimeParseException | NullPointerException e) {
            return Instant.EPOCH;
        }
    }

    /** True when a column had to be cut: the line holds more than its row. */
    boolean clipped(AuditEvent event) {
        return !Objects.equals(actor, event.actor()) || !Objects.equals(role, event.role())
                || !Objects.equals(action, event.action()) || !Objects.equals(resource,
                        event.resource()) || !Objects.equals(outcome, event.outcome())
                || !Objects.equals(client, event.client()) || !Objects.equals(requestId,
                        event.requestId()) || !Objects.equals(eventId, event.id());
    }

    /** The filter columns that differ from what the line says they must be; empty when the row tells the truth. */
    List<String> disagreements(AuditEvent event, String journalLine) {
        IndexedEvent expected = of(hostId, event, journalLine);
        List<String> differ = new ArrayList<>();
        compare("line", line, journalLine, differ);
        compare("event_id", eventId, expected.eventId, differ);
        compare("event_time", eventTime, expected.eventTime, differ);
        compare("actor", actor, expected.actor, differ);
        compare("role", role, expected.role, differ);
        compare("action", action, expected.action, differ);
        compare("resource", resource, expected.resource, differ);
        compare("document_id", documentId, expected.documentId, differ);
        compare("outcome", outcome, expected.outcome, differ);
        compare("client", client, expected.client, differ);
        compare("request_id", requestId, expected.requestId, differ);
        return differ;
    }

    private static void compare(String column, Object stored, Object expected, List<String> differ) {
        if (!Objects.equals(stored, expected)) {
            differ.add(column);
        }
    }
}
