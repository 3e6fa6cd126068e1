package dev.strongroom.catalog;

import java.time.Instant;

/**
 * What other capabilities (statements) read of a filed document: who owns it, what it is called and
 * holds, and its metadata sidecar. A copy, so a reader outside the catalog never holds the entity.
 */
public record FiledDocument(String id, String owner, String fileName, String sha256, long sizeBytes,
        String retentionClass, Instant uploadedAt, String metadataJson) {

    static FiledDocument of(Document d) {
        return new FiledDocument(d.id, d.owner, d.fileName, d.sha256, d.sizeBytes, d.retentionClass, d.uploadedAt,
                d.metadataJson);
    }
}
