package dev.strongroom.restore;

import java.time.Instant;
import java.util.List;

/**
 * What a restore did, written to {@code <data-dir>/restore/report.json} and printed at the end. The
 * vault reads it at its next start to import the catalog and record the restore in the audit trail.
 *
 * @param restored documents whose bytes were downloaded and matched their SHA-256
 * @param skipped documents whose bytes were already restored for another document (same SHA-256)
 * @param failed documents that could not be restored, each with its reason in {@code failures}
 * @param versionFallbacks objects whose recorded version id the bucket does not have (a copy made
 *        outside replication has new ids) and that were found among the key's versions by SHA-256
 * @param segments the journal segments restored (those not restored are in the verdict)
 * @param verdict everything not brought back, where it may still be, and what came from elsewhere
 */
public record RestoreReport(Source source, Instant startedAt, Instant finishedAt, int documentsInCatalog,
        int restored, int skipped, int failed, long bytes, int versionFallbacks, Journal journal,
        List<Failure> failures, List<Segment> segments, RestoreVerdict verdict) {

    public boolean ok() {
        return verdict != null ? verdict.outcome() == RestoreVerdict.Outcome.COMPLETE
                : failed == 0 && journal != null && journal.verified();
    }

    /**
     * Whether everything of the restored host came back, and only the bucket's other hosts were left out (each is
     * restored in turn onto its own disk): the restore is complete for this host, though not for the vault.
     */
    public boolean completeForThisHost() {
        if (ok()) {
            return true;
        }
        List<String> others = source == null || source.hostsLeftOut() == null ? List.of() : source.hostsLeftOut();
        return verdict != null && !others.isEmpty() && failed == 0 && journal != null && journal.verified()
                && verdict.missing().stream().allMatch(m -> m.kind() == RestoreVerdict.Kind.AUDIT_EVENTS
                        && others.contains(m.id()));
    }

    /**
     * @param host the host whose chain was rebuilt; null for an unprefixed chain the bucket does not attribute
     * @param hostsLeftOut the bucket's other hosts (and unattributed chains), each restored by a restore of its own
     * @param catalogRunId the run whose catalog export was restored: the newest of any host's (null in reports of
     *        releases that took the restored chain's own)
     */
    public record Source(String bucket, String region, String runId, String manifestKey, String manifestSha256,
            int manifestsInChain, String host, List<String> hostsLeftOut, String catalogRunId) {
    }

    public record Journal(int segments, long events, long headSeq, String headHash, boolean verified,
            List<String> findings) {
    }

    public record Failure(String documentId, String reason) {
    }

    public record Segment(String name, long size, String sha256, String versionId) {
    }
}
