package dev.strongroom.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * An upload the vault has taken in, as {@link UploadLedger} journals it and commits its catalog row.
 * The tags are kept sorted: the journal's event lists them in that order, and recovery re-creates the
 * row from it.
 */
public record AcceptedUpload(String id, String owner, String fileName, String originalFileName, String contentType,
        long sizeBytes, String sha256, String retentionClass, Instant uploadedAt, Instant retainUntil,
        String description, Set<String> tags) {

    public AcceptedUpload {
        tags = Collections.unmodifiableSortedSet(new TreeSet<>(tags));
    }
}
