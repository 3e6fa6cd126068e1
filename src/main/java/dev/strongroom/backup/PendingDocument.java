package dev.strongroom.backup;

import dev.strongroom.catalog.Document;
import java.time.Instant;

/** What a run needs to know about one document it backs up; a copy, so uploads hold no entity. */
public record PendingDocument(String id, String sha256, long size, String contentType, String owner, String fileName,
        Instant uploadedAt, Instant retainUntil, boolean legalHold, String retentionClass) {

    public static PendingDocument of(Document d) {
        return new PendingDocument(d.id, d.sha256, d.sizeBytes, d.contentType, d.owner, d.fileName, d.uploadedAt,
                d.retainUntil, d.legalHold, d.retentionClass);
    }
}
