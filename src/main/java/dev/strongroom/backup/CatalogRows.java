package dev.strongroom.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.strongroom.catalog.BackupState;
import dev.strongroom.catalog.PortableDocument;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.retention.DisposalRequest;
import dev.strongroom.retention.Tombstone;
import dev.strongroom.security.VaultUser;
import java.time.Instant;
import java.util.List;

/**
 * The portable catalog export, one JSON object per line (docs/backup-format.md): a header line, then
 * one line per row of the tables a restore needs. Written from and read into the JPA entities (the
 * documents through the catalog's {@link PortableDocument}), so it moves between H2 and PostgreSQL.
 * The audit_event table is not exported: it is an index that the vault rebuilds from the journal.
 */
public final class CatalogRows {

    public static final String FORMAT = "strongroom-catalog";
    public static final int VERSION = 1;

    private CatalogRows() {
    }

    /** First line. */
    public record Header(String format, int version, String exportedAt, String runId) {
    }

    /** Every other line: exactly one of the fields is set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(DocumentRow document, UserRow user, DisposalRow disposal, TombstoneRow tombstone) {
    }

    public record DocumentRow(String id, String owner, String fileName, String originalFileName, String contentType,
            long sizeBytes, String sha256, String retentionClass, Instant retainUntil, boolean legalHold,
            String description, Instant uploadedAt, BackupState backupState, String backupVersionId, Instant backedUpAt,
            String backupManifestRun, MetadataState metadataState, String metadataJson, List<String> tags) {

        public static DocumentRow of(PortableDocument d) {
            return new DocumentRow(d.id(), d.owner(), d.fileName(), d.originalFileName(), d.contentType(),
                    d.sizeBytes(), d.sha256(), d.retentionClass(), d.retainUntil(), d.legalHold(), d.description(),
                    d.uploadedAt(), d.backupState(), d.backupVersionId(), d.backedUpAt(), d.backupManifestRun(),
                    d.metadataState(), d.metadataJson(), d.tags());
        }

        public PortableDocument toPortable() {
            return new PortableDocument(id, owner, fileName, originalFileName, contentType, sizeBytes, sha256,
                    retentionClass, retainUntil, legalHold, description, uploadedAt, backupState, backupVersionId,
                    backedUpAt, backupManifestRun, metadataState, metadataJson, tags);
        }
    }

    /** {@code disabled} is absent (null) in exports written before it was exported: those users were enabled. */
    public record UserRow(String username, String passwordHash, String roles, Instant createdAt, String createdBy,
            Boolean disabled) {

        public static UserRow of(VaultUser u) {
            return new UserRow(u.username, u.passwordHash, u.roles, u.createdAt, u.createdBy, u.disabled);
        }

        public VaultUser toEntity() {
            VaultUser u = new VaultUser();
            u.username = username;
            u.passwordHash = passwordHash;
            u.roles = roles;
            u.createdAt = createdAt;
            u.createdBy = createdBy;
            u.disabled = Boolean.TRUE.equals(disabled);
            return u;
        }
    }

    public record DisposalRow(String id, String documentId, String requestedBy, Instant requestedAt, String reason) {

        public static DisposalRow of(DisposalRequest r) {
            return new DisposalRow(r.id, r.documentId, r.requestedBy, r.requestedAt, r.reason);
        }

        public DisposalRequest toEntity() {
            DisposalRequest r = new DisposalRequest();
            r.id = id;
            r.documentId = documentId;
            r.requestedBy = requestedBy;
            r.requestedAt = requestedAt;
            r.reason = reason;
            return r;
        }
    }

    public record TombstoneRow(String documentId, String sha256, String fileName, String owner, long sizeBytes,
            String requestedBy, String approvedBy, Instant disposedAt, String reason, boolean blobRemoved) {

        public static TombstoneRow of(Tombstone t) {
            return new TombstoneRow(t.documentId, t.sha256, t.fileName, t.owner, t.sizeBytes, t.requestedBy,
                    t.approvedBy, t.disposedAt, t.reason, t.blobRemoved);
        }

        public Tombstone toEntity() {
            Tombstone t = new Tombstone();
            t.documentId = documentId;
            t.sha256 = sha256;
            t.fileName = fileName;
            t.owner = owner;
            t.sizeBytes = sizeBytes;
            t.requestedBy = requestedBy;
            t.approvedBy = approvedBy;
            t.disposedAt = disposedAt;
            t.reason = reason;
            t.blobRemoved = blobRemoved;
            return t;
        }
    }
}
