package dev.strongroom.compliance.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A drill as the API and the compliance report show it.
 *
 * @param state running, passed (every item and the reconcile dry run, if asked for, passed) or failed
 * @param planned items to restore: the sample, twice when the replica is checked too
 * @param done items finished so far (while running) or in all
 * @param replicaNote why the replica was skipped, or which bucket was checked
 * @param failures every item that failed, naming document, bucket, version and reason
 */
public record DrillView(String id, String state, String trigger, String triggeredBy, Instant startedAt,
        Instant finishedAt, Long durationMs, int population, int sampleSize, int planned, int done, int passed, int failed,
        long bytes, String replicaBucket, boolean replicaChecked, String replicaNote, String reconcileId,
        String reconcileState, String reconcileSummary, String error, List<Item> failures) {

    public record Item(String documentId, String bucket, String versionId, String sha256, long sizeBytes,
            Instant uploadedAt, String outcome, String reason, long durationMs) {

        static Item of(DrillItem i) {
            return new Item(i.key.documentId, i.key.bucketRole, i.versionId, i.sha256, i.sizeBytes, i.uploadedAt,
                    i.outcome.name(), i.reason, i.durationMs);
        }
    }

    static DrillView of(RestoreDrill d, int planned, int done, int passed, int failed, long bytes, List<Item> failures) {
        Instant end = d.finishedAt == null ? Instant.now() : d.finishedAt;
        return new DrillView(d.id, d.state.stored(), d.trigger, d.triggeredBy, d.startedAt, d.finishedAt,
                Duration.between(d.startedAt, end).toMillis(), d.population, d.sampleSize, planned, done, passed, failed,
                bytes, d.replicaBucket, d.replicaChecked, d.replicaNote, d.reconcileId,
                d.reconcileState == null ? null : d.reconcileState.stored(),
                d.reconcileSummary, d.error, failures);
    }
}
