package dev.strongroom.compliance.drill;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One document version a drill fetched from one bucket, and what its bytes hashed to. */
@Entity
@Table(name = "restore_drill_item")
public class DrillItem extends PanacheEntityBase {

    public static final String PRIMARY = "primary";
    public static final String REPLICA = "replica";

    @EmbeddedId
    public Key key;
    @Column(name = "version_id")
    public String versionId;
    public String sha256;
    @Column(name = "size_bytes")
    public long sizeBytes;
    @Column(name = "uploaded_at")
    public Instant uploadedAt;
    @Enumerated(EnumType.STRING)
    public DrillOutcome outcome;
    public String reason;
    @Column(name = "duration_ms")
    public long durationMs;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "drill_id")
        public String drillId;
        @Column(name = "document_id")
        public String documentId;
        @Column(name = "bucket_role")
        public String bucketRole;

        public Key() {
        }

        Key(String drillId, String documentId, String bucketRole) {
            this.drillId = drillId;
            this.documentId = documentId;
            this.bucketRole = bucketRole;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(drillId, k.drillId) && Objects.equals(documentId, k.documentId)
                    && Objects.equals(bucketRole, k.bucketRole);
        }

        @Override
        public int hashCode() {
            return Objects.hash(drillId, documentId, bucketRole);
        }
    }
}
