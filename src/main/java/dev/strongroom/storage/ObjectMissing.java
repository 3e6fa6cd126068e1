package dev.strongroom.storage;

/** The key, or the version of it, is not in the target. */
public class ObjectMissing extends StorageFailure {

    private final String key;

    public ObjectMissing(String key, String versionId, Throwable cause) {
        super(key + (versionId == null ? "" : " version " + versionId) + " is not in the backup target", cause);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
