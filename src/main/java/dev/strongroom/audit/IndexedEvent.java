package dev.strongroom.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A journal event mirrored into the catalog for queries; {@code line} keeps the exact journal bytes. */
@Entity
@Table(name = "audit_event")
public class IndexedEvent extends PanacheEntityBase {

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

    static IndexedEvent of(AuditEvent event, String line) {
        IndexedEvent row = new IndexedEvent();
        row.seq = event.seq();
        row.eventId = event.id();
        row.eventTime = Instant.parse(event.time());
        row.actor = event.actor();
        row.role = event.role();
        row.action = event.action();
        row.resource = event.resource();
        row.documentId = event.documentId();
        row.outcome = event.outcome();
        row.client = event.client();
        row.requestId = event.requestId();
        row.line = line;
        return row;
    }
}
