package dev.strongroom.storage;

/**
 * The bucket's claim names another vault: this vault writes nothing there, whatever the writer (backups, audit
 * digests, key backups, reports), and every further write would be refused the same way.
 */
public class BucketClaimedElsewhere extends BucketUnavailable {

    public BucketClaimedElsewhere(String refusal) {
        super(refusal, null);
    }
}
