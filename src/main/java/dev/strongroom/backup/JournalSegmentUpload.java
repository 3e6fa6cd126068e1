package dev.strongroom.backup;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The bytes of one journal segment last confirmed in S3. */
@Entity
@Table(name = "backup_journal_segment")
public class JournalSegmentUpload extends PanacheEntityBase {

    @Id
    public String name;
    @Column(name = "size_bytes")
    public long sizeBytes;
    public String sha256;
    @Column(name = "version_id")
    public String versionId;
    @Column(name = "uploaded_at")
    public Instant uploadedAt;
}
