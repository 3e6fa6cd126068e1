package dev.strongroom.retention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A first admin's request to dispose of a document past retention, waiting for a second admin. */
@Entity
@Table(name = "disposal_request")
public class DisposalRequest extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "document_id")
    public String documentId;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "requested_at")
    public Instant requestedAt;
    public String reason;
}
