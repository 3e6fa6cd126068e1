package dev.strongroom.metadata.extract;

import java.util.Optional;

/**
 * Where a document's metadata lives in the bucket, next to its backup copy: the sidecar of
 * {@code documents/<id>} is {@code metadata/documents/<id>.json} and its preview
 * {@code metadata/documents/<id>.png}. Shared by the Lambda, which writes them, and the service's
 * sync, which reads them.
 */
public final class SidecarKeys {

    public static final String PREFIX = "metadata/";
    public static final String DOCUMENTS = "documents/";
    public static final String JSON = ".json";
    public static final String PNG = ".png";
    /** A statement's validation result (dev.strongroom.metadata.statement), beside its metadata sidecar. */
    public static final String STATEMENT = ".statement.json";

    /** User metadata on a sidecar object: the SHA-256 of the bytes it describes, for idempotent re-delivery. */
    public static final String META_SOURCE_SHA256 = "source-sha256";
    /** User metadata on a sidecar object: the S3 version of the document it was made from. */
    public static final String META_SOURCE_VERSION = "source-version-id";
    /** User metadata on a sidecar object: its status (ok, unparseable, deferred). */
    public static final String META_STATUS = "status";

    private SidecarKeys() {
    }

    public static String sidecarOf(String objectKey) {
        return PREFIX + objectKey + JSON;
    }

    public static String previewOf(String objectKey) {
        return PREFIX + objectKey + PNG;
    }

    public static String statementOf(String objectKey) {
        return PREFIX + objectKey + STATEMENT;
    }

    public static String statementOfDocument(String documentId) {
        return statementOf(DOCUMENTS + documentId);
    }

    /** The sidecar of the document with this id. */
    public static String sidecarOfDocument(String documentId) {
        return sidecarOf(DOCUMENTS + documentId);
    }

    public static String previewOfDocument(String documentId) {
        return previewOf(DOCUMENTS + documentId);
    }

    /** The document id a sidecar key belongs to, or empty for any other key. */
    public static Optional<String> documentIdOf(String sidecarKey) {
        String prefix = PREFIX + DOCUMENTS;
        if (!sidecarKey.startsWith(prefix) || !sidecarKey.endsWith(JSON)) {
            return Optional.empty();
        }
        String id = sidecarKey.substring(prefix.length(), sidecarKey.length() - JSON.length());
        // Document ids have no dot; a statement sidecar's key (<id>.statement.json) is not a metadata sidecar's.
        return id.isEmpty() || id.contains("/") || id.contains(".") ? Optional.empty() : Optional.of(id);
    }
}
