package dev.strongroom.snapshots;

import dev.strongroom.restore.RestoreVerdict;
import java.time.Instant;
import java.util.List;

/**
 * What a reconcile verified, fetched and could not bring back; in a dry run, what it would do. Kept
 * in {@code snapshot-restore/reconcile-<id>.json} after a real run, and in the API while it runs.
 *
 * @param state running, succeeded (nothing failed), failed
 * @param phase manifests, catalog, blobs, journal, then done
 * @param verdict once done: every document and audit event not brought back and where each may still
 *        be, and what nobody has looked at yet (the audit stream past the backup)
 */
public record ReconcileReport(String id, boolean dryRun, String state, String phase, String requestedBy,
        Instant startedAt, Instant finishedAt, Source source, Catalog catalog, Blobs blobs, Journal journal,
        List<String> problems, RestoreVerdict verdict) {

    /**
     * The backup reconciled against: the newest manifest and its catalog export.
     *
     * @param journalHeadSeq the last audit event that run shipped
     * @param runFinishedAt when that run ended; what happened after it is not in the backup
     */
    public record Source(String bucket, String runId, String manifestKey, int manifestsInChain, String catalogKey,
            int documentsInExport, long journalHeadSeq, Instant runFinishedAt) {
    }

    /**
     * Rows the catalog gained from the export.
     *
     * @param added documents written after the snapshot (in the export, not in the restored catalog)
     * @param backupAdopted documents the restored catalog still had as pending that S3 had confirmed
     * @param holdsKept documents whose hold the export no longer has; kept, since a hold is only ever
     *        released by a person
     */
    public record Catalog(List<String> added, int backupAdopted, List<String> holdsApplied, List<String> holdsKept,
            List<String> usersAdded, int disposalRequestsAdded, List<String> tombstonesApplied) {
    }

    /**
     * Every document's blob checked against the catalog's SHA-256.
     *
     * @param fetched documents whose bytes came (or in a dry run, would come) from S3
     */
    public record Blobs(int documents, int checked, int verified, List<Fetched> fetched, List<Failure> failed) {
    }

    /** @param reason missing (written after the snapshot, or lost) or corrupt (bytes differ from the SHA-256) */
    public record Fetched(String documentId, String fileName, String sha256, long size, String reason) {
    }

    /** A document whose bytes did not come back, and where they may still be. */
    public record Failure(String documentId, String fileName, String owner, String sha256, String reason,
            List<RestoreVerdict.Lead> stillAt) {
    }

    /** The audit chain after the start's replay of the journal tail. */
    public record Journal(ReplayResult replay, boolean chainVerified, long events, long headSeq,
            List<String> findings) {
    }
}
