package dev.strongroom.storage;

import java.time.Instant;

/** One version of one key, as a version listing shows it. */
public record ListedVersion(String key, String versionId, long size, boolean latest, Instant lastModified) {
}
