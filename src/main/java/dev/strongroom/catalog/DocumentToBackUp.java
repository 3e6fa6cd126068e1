package dev.strongroom.catalog;

import java.time.Instant;

/** What a backup run needs to know about one document S3 has not confirmed yet; a copy, so uploads hold no entity. */
public record DocumentToBackUp(String id, String sha256, long size, String contentType, String owner, String fileName,
        Instant uploadedAt, Instant retainUntil, boolean legalHold, String retentionClass) {

    static DocumentToBackUp of(Document d) {
        return new DocumentToBackUp(d.id, d.sha256, d.sizeBytes, d.contentType, d.owner, d.fileName, d.uploadedAt,
                d.retainUntil, d.legalHold, d.retentionClass);
    }
}
