package dev.strongroom.backup;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The bytes of one journal segment of one host last confirmed in S3. Each host ships its own journal, whose
 * segments are named by the hour, so a segment is known by host and name (V32); {@link #UNRECORDED} is the host
 * of rows from before hosts were recorded, until the host whose journal they match adopts them.
 */
@Entity
@Table(name = "backup_journal_segment")
@IdClass(JournalSegmentUpload.Key.class)
public class JournalSegmentUpload extends PanacheEntityBase {

    /** The host id of rows from before V32. */
    static final String UNRECORDED = "";

    /** The composite id: host and segment name. */
    public static class Key implements Serializable {
        public String hostId;
        public String name;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(hostId, k.hostId) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(hostId, name);
        }
    }

    @Id
    @Column(name = "host_id")
    public String hostId;
    @Id
    public String name;
    @Column(name = "size_bytes")
    public long sizeBytes;
    public String sha256;
    @Column(name = "version_id")
    public String versionId;
    @Column(name = "uploaded_at")
    public Instant uploadedAt;

    /** This host's row for that segment, or null; inside a transaction. */
    static JournalSegmentUpload find(String hostId, String name) {
        return find("hostId = ?1 and name = ?2", hostId, name).firstResult();
    }

    /** This host's rows, by name; inside a transaction. */
    static List<JournalSegmentUpload> of(String hostId) {
        return list("hostId = ?1 order by name", hostId);
    }
}
