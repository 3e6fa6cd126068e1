package dev.strongroom.backup;

import dev.strongroom.jobs.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything ops need on one screen: is the backup configured, is the bucket compliant, how far
 * behind are we, is a run stuck, is what the vault confirmed still in the bucket, how did the last
 * run end.
 *
 * @param pendingDocuments documents not confirmed in S3, counted when the status was asked for
 * @param stall the run in progress, when it has made no progress for strongroom.backup.stall-after
 * @param spotCheck the latest check that confirmed objects are still in the bucket
 * @param problems plain sentences; empty when all is well
 */
public record BackupStatus(boolean configured, String bucket, String replicaBucket, long lagSeconds,
        long maxLagSeconds, long pendingDocuments, BucketPosture posture, BackupRunView lastRun, Stall stall,
        BackupSpotCheck.Result spotCheck, List<String> problems) {

    /**
     * A run that has sent nothing and confirmed nothing for a while.
     *
     * @param confirmed documents it has confirmed so far
     * @param stallAfterSeconds strongroom.backup.stall-after
     */
    public record Stall(String runId, String phase, long idleSeconds, Instant lastProgressAt, int confirmed,
            int planned, long stallAfterSeconds) {
    }

    static BackupStatus of(BackupService backups, BucketPostureCheck postureCheck, BackupLag lag, BackupConfig config,
            BackupSpotCheck spotCheck, BucketClaimCheck claims) {
        List<String> problems = new ArrayList<>();
        lag.refreshIfOlderThan(java.time.Duration.ofSeconds(1));
        if (!backups.configured()) {
            problems.add("backups are not configured (strongroom.backup.bucket): no document leaves this volume");
            return new BackupStatus(false, null, config.replicaBucket().orElse(null), lag.lag().toSeconds(),
                    config.maxLag().toSeconds(), lag.pendingCount(), null, null, null, null, problems);
        }
        claims.latest().filter(c -> !c.outcome().mayWrite()).ifPresent(c -> problems.add("backups refused: "
                + c.refusal()));
        BucketPosture posture = postureCheck.latest().orElse(null);
        if (posture == null) {
            problems.add("the bucket posture has not been checked yet");
        } else if (!posture.compliant()) {
            problems.add("bucket not compliant: " + String.join("; ", posture.findings()));
        }
        if (lag.lag().compareTo(config.maxLag()) > 0) {
            problems.add("backup lag " + lag.lag().toSeconds() + " s exceeds " + config.maxLag().toSeconds() + " s");
        }
        Stall stall = backups.stall().orElse(null);
        if (stall != null) {
            problems.add("backup run " + stall.runId() + " has made no progress for " + stall.idleSeconds() + " s (phase "
                    + stall.phase() + ", " + stall.confirmed() + " of " + stall.planned() + " document(s) confirmed, "
                    + "last progress at " + stall.lastProgressAt() + "): S3 is not answering");
        }
        spotCheck.unresolved().ifPresent(r -> problems.add("the bucket no longer holds what the vault confirmed ("
                + String.join("; ", r.findings()) + "); " + r.documentsReset() + " document(s) wait to be uploaded "
                + "again"));
        BackupRunView last = backups.lastFinished().orElse(null);
        if (last != null && JobState.FAILED.stored().equals(last.state())) {
            problems.add("the last run " + last.id() + " failed");
        }
        return new BackupStatus(true, config.bucket().get(), config.replicaBucket().orElse(null), lag.lag().toSeconds(),
                config.maxLag().toSeconds(), lag.pendingCount(), posture, last, stall,
                spotCheck.latest().orElse(null), problems);
    }
}
