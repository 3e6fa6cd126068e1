package dev.strongroom.storage;

/**
 * The S3 key layout (docs/backup-format.md). Run ids sort by time, so the newest manifest is the
 * last key under {@code manifests/}.
 */
public final class ObjectKeys {

    public static final String DOCUMENTS = "documents/";
    public static final String MANIFESTS = "manifests/";
    public static final String CATALOG = "catalog/";
    public static final String JOURNAL = "journal/";
    /** What the bucket says about the vault it belongs to. */
    public static final String VAULT = "vault/";
    /** Which vault the bucket belongs to, and its hosts. */
    public static final String CLAIM = VAULT + "claim.json";
    public static final String MANIFEST_SUFFIX = ".json";
    public static final String CHECKSUMS_SUFFIX = ".sha256sums";
    public static final String VERSIONS_SUFFIX = ".versions";

    private ObjectKeys() {
    }

    public static String document(String documentId) {
        return DOCUMENTS + documentId;
    }

    public static String manifest(String runId) {
        return MANIFESTS + runId + MANIFEST_SUFFIX;
    }

    public static String checksums(String runId) {
        return MANIFESTS + runId + CHECKSUMS_SUFFIX;
    }

    /** Key, S3 version id and SHA-256 of everything backed up as of the run, tab-separated. */
    public static String versions(String runId) {
        return MANIFESTS + runId + VERSIONS_SUFFIX;
    }

    public static String catalog(String runId) {
        return CATALOG + runId + ".ndjson";
    }

    public static String journal(String segmentName) {
        return JOURNAL + segmentName;
    }

    /** The run id of a manifest key, or null when the key is not a manifest. */
    public static String runOf(String manifestKey) {
        if (!manifestKey.startsWith(MANIFESTS) || !manifestKey.endsWith(MANIFEST_SUFFIX)) {
            return null;
        }
        return manifestKey.substring(MANIFESTS.length(), manifestKey.length() - MANIFEST_SUFFIX.length());
    }
}
