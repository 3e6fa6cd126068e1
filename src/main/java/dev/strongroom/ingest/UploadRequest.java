package dev.strongroom.ingest;

import java.io.InputStream;

/** The raw HTTP parts of an upload, as the resource received them. */
public record UploadRequest(InputStream body, String contentType, long contentLength, String contentDigest,
        String checksumSha256) {
}
