package dev.strongroom.storage;

import java.time.Instant;

/** The newest version of one key, as a listing shows it. */
public record ListedObject(String key, long size, Instant lastModified) {
}
