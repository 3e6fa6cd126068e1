package dev.strongroom.audit.cloudwatch;

/**
 * Says which of two copies of an event a signed digest vouches for, when CloudWatch and the journal
 * differ: the digests are signed by the vault's key and Object-Locked, so the copy they match is the
 * one the vault wrote.
 */
public interface SignedCopyWitness {

    /**
     * @param journalLine the journal's line of event {@code seq}, or null when the journal lacks it
     * @param cloudWatchLine CloudWatch's line, or null when CloudWatch lacks it
     * @return a clause such as "the journal matches signed digest audit-digests/…", never null
     */
    String vouchesFor(long seq, String journalLine, String cloudWatchLine);
}
