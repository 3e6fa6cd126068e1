package dev.strongroom.catalog;

/**
 * Fired (synchronously, as a CDI event) once an upload is durable and in the catalog, so other
 * capabilities can start their own work on it. Observers must return quickly and never throw:
 * the uploader is still waiting for the 201 (the one that waits, the copy to the bucket on a vault of several
 * hosts, waits a bounded time). A catalog fact, so that a capability observing it depends on no other.
 */
public record DocumentStored(String id, String sha256, long size, String contentType, String fileName,
        String retentionClass) {
}
