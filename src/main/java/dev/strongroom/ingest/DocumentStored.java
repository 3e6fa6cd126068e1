package dev.strongroom.ingest;

/**
 * Fired (synchronously, as a CDI event) once an upload is durable and in the catalog, so other
 * capabilities can start their own work on it. Observers must return quickly and never throw:
 * the uploader is still waiting for the 201.
 */
public record DocumentStored(String id, String sha256, long size, String contentType, String fileName) {
}
