package dev.strongroom.retention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What remains of a disposed document: enough to prove what it was and who let it go. */
@Entity
@Table(name = "tombstone")
public class Tombstone extends PanacheEntityBase {

    @Id
    @Column(name = "document_id")
    public String documentId;
    public String sha256;
    @Column(name = "file_name")
    public String fileName;
    public String owner;
    @Column(name = "size_bytes")
    public long sizeBytes;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "disposed_at")
    public Instant disposedAt;
    public String reason;
    @Column(name = "blob_removed")
    public boolean blobRemoved;
}
