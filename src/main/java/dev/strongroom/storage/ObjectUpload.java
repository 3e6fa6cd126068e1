package dev.strongroom.storage;

import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One object to store.
 *
 * @param sha256 the SHA-256 (hex) the bytes must have; the target verifies it
 * @param retention the Object Lock to apply on the same request; null for the bucket's default
 * @param legalHold true to put the version under legal hold
 * @param partSize 0 to send in one request, else the size of each part but the last
 * @param onRead told of every read of the source on its way out (a run tells a moving upload from a hung one); may be null
 * @param bytesSent told of the bytes of each request the target accepted; may be null
 */
public record ObjectUpload(String key, ObjectSource source, String contentType, String sha256,
        Map<String, String> metadata, Retention retention, boolean legalHold, long partSize, Runnable onRead,
        LongConsumer bytesSent) {

    public static ObjectUpload of(String key, ObjectSource source, String contentType, String sha256) {
        return new ObjectUpload(key, source, contentType, sha256, Map.of(), null, false, 0, null, null);
    }

    public long size() {
        return source.size();
    }

    public boolean inParts() {
        return partSize > 0;
    }

    void sent(long bytes) {
        if (bytesSent != null) {
            bytesSent.accept(bytes);
        }
    }
}
