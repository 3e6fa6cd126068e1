package dev.strongroom.backup;

import dev.strongroom.jobs.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A run as the API shows it.
 *
 * @param documents documents confirmed in S3 by this run (uploaded plus adopted)
 * @param bytes document bytes sent to S3
 * @param failed documents that could not be confirmed (they stay pending for the next run)
 * @param phase during a run: planning, documents, catalog, journal, manifest; then done
 * @param lastProgressAt while running: the last time it sent a byte, confirmed a document or began a phase
 * @param stalledSeconds while running: how long it has made no progress, once that passed
 *        strongroom.backup.stall-after; null otherwise
 */
public record BackupRunView(String id, String state, String trigger, String triggeredBy, String phase, int planned,
        int documents, int adopted, long bytes, int failed, Instant startedAt, Instant finishedAt, Long durationMs,
        String manifestKey, List<String> errors, Instant lastProgressAt, Long stalledSeconds) {

    static BackupRunView of(BackupRun run, List<String> errors) {
        return new BackupRunView(run.id, run.state.stored(), run.trigger, run.triggeredBy, "done", run.planned,
                run.documents, run.adopted, run.bytes, run.failed, run.startedAt, run.finishedAt,
                run.finishedAt == null ? null : Duration.between(run.startedAt, run.finishedAt).toMillis(),
                run.manifestKey, errors, null, null);
    }

    static BackupRunView live(BackupRun run, RunProgress p, Long stalledSeconds) {
        return new BackupRunView(run.id, JobState.RUNNING.stored(), run.trigger, run.triggeredBy, p.phase(), p.planned,
                p.uploaded.get() + p.adopted.get(), p.adopted.get(), p.bytes.get(), p.failed.get(), run.startedAt, null,
                Duration.between(run.startedAt, Instant.now()).toMillis(), null, p.errors(), p.lastProgressAt(),
                stalledSeconds);
    }
}
