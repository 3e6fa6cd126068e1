package dev.strongroom.ingest;

import java.io.InputStream;

/**
 * The raw HTTP parts of an upload, as the resource received them. A multipart body carries its own
 * fields ({@code fields} is null); a raw body, the file alone, comes with the query's.
 */
public record UploadRequest(InputStream body, String contentType, long contentLength, String contentDigest,
        String checksumSha256, UploadFields fields) {

    /** A multipart/form-data body with a part 'file' and optional field parts. */
    public static UploadRequest multipart(InputStream body, String contentType, long contentLength,
            String contentDigest, String checksumSha256) {
        return new UploadRequest(body, contentType, contentLength, contentDigest, checksumSha256, null);
    }

    /** The file itself as the body; its name and the other fields from the query. */
    public static UploadRequest rawBody(InputStream body, long contentLength, String contentDigest,
            String checksumSha256, UploadFields fields) {
        return new UploadRequest(body, null, contentLength, contentDigest, checksumSha256, fields);
    }

    boolean multipart() {
        return fields == null;
    }
}
