package dev.strongroom.restore;

/**
 * A place a restore takes a copy from, or names as where something it could not bring back may
 * still be found. A restore verdict uses the same names for both, so a later source (the audit
 * stream in CloudWatch Logs) turns a lead into a recovery without changing the verdict's shape.
 */
public enum CopySource {
    /** The primary backup bucket. */
    PRIMARY_BUCKET("the primary bucket"),
    /** The replica bucket in the second region; S3 replication keeps version ids. */
    REPLICA_BUCKET("the replica bucket"),
    /** Another version of the same key, holding the recorded SHA-256. */
    OTHER_VERSION("another version of the key"),
    /** The data volume the item was written on, or a snapshot of that volume taken after it. */
    DATA_VOLUME("the data volume it was written on"),
    /** The audit stream in CloudWatch Logs, which receives every event shortly after it is journaled. */
    CLOUDWATCH_LOGS("the audit stream in CloudWatch Logs");

    private final String description;

    CopySource(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
