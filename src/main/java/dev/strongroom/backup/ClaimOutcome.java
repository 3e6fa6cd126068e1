package dev.strongroom.backup;

/** What checking the bucket's claim found, and did. */
public enum ClaimOutcome {

    /** The bucket had no claim; this vault wrote it, naming this host. */
    CLAIMED,
    /** The claim is this vault's but did not name this host; the host was added. */
    JOINED,
    /** The claim is this vault's and names this host. */
    OURS,
    /** The claim is another vault's: this vault writes nothing to the bucket. */
    FOREIGN;

    public boolean mayWrite() {
        return this != FOREIGN;
    }
}
