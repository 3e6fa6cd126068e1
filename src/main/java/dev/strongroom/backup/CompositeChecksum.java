package dev.strongroom.backup;

import dev.strongroom.storage.PartDigests;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The composite checksum S3 confirmed for a document uploaded in parts: the SHA-256 of the parts'
 * SHA-256 digests (base64), for {@code parts} parts of {@code partSize} bytes. The catalog's SHA-256
 * cannot be compared with it, so it is kept when the upload is confirmed, computed from bytes that
 * hashed to the catalog's SHA-256 on their way out.
 */
@Entity
@Table(name = "backup_composite_checksum")
public class CompositeChecksum extends PanacheEntityBase {

    @Id
    @Column(name = "document_id")
    public String documentId;
    @Column(name = "version_id")
    public String versionId;
    public String checksum;
    public int parts;
    @Column(name = "part_size")
    public long partSize;

    /** Keeps {@code composite} as the confirmed one of the document's version; call in a transaction. */
    static void keep(String documentId, String versionId, PartDigests.Composite composite) {
        CompositeChecksum row = findById(documentId);
        if (row == null) {
            row = new CompositeChecksum();
            row.documentId = documentId;
        }
        row.versionId = versionId;
        row.checksum = composite.checksum();
        row.parts = composite.parts();
        row.partSize = composite.partSize();
        row.persist();
    }
}
