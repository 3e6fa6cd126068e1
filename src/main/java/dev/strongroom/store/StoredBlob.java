package dev.strongroom.store;

/**
 * A committed blob.
 *
 * @param newlyStored false when identical bytes were already in the store (deduplicated)
 */
public record StoredBlob(String sha256, long size, boolean newlyStored) {
}
