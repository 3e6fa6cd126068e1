package dev.strongroom.storage;

import java.util.Optional;

/**
 * Whether this vault may write to the bucket, as the bucket's claim says (the backup capability reads and keeps
 * the claim). Every write but the claim's own goes through it ({@link ClaimedBucket}).
 */
public interface BucketClearance {

    /** Empty when this vault may write; otherwise why not, for people. May ask the bucket when it has not yet. */
    Optional<String> refusal();

    /**
     * Why the bucket is not this vault's, when its claim names another vault; read only (nothing is claimed or
     * joined, nothing audited), for a look at the bucket before this vault writes anything, such as at start.
     */
    Optional<String> foreignClaim();
}
