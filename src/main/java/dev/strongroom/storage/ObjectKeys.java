package dev.strongroom.storage;

/**
 * The vault's part of the key layout (docs/backup-format.md): documents, whose ids are unique across the
 * vault's hosts, and the bucket's claim. What each host writes on its own is under its prefix ({@link HostKeys}).
 */
public final class ObjectKeys {

    public static final String DOCUMENTS = "documents/";
    /** What the bucket says about the vault it belongs to. */
    public static final String VAULT = "vault/";
    /** Which vault the bucket belongs to, and its hosts. */
    public static final String CLAIM = VAULT + "claim.json";

    private ObjectKeys() {
    }

    public static String document(String documentId) {
        return DOCUMENTS + documentId;
    }
}
