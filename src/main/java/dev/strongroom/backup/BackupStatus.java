package dev.strongroom.backup;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything ops need on one screen: is the backup configured, is the bucket compliant, how far
 * behind are we, how did the last run end.
 *
 * @param problems plain sentences; empty when all is well
 */
public record BackupStatus(boolean configured, String bucket, String replicaBucket, long lagSeconds,
        long maxLagSeconds, long pendingDocuments, BucketPosture posture, BackupRunView lastRun, List<String> problems) {

    static BackupStatus of(BackupService backups, BucketPostureCheck postureCheck, BackupLag lag, BackupConfig config) {
        List<String> problems = new ArrayList<>();
        if (!backups.configured()) {
            problems.add("backups are not configured (strongroom.backup.bucket): no document leaves this volume");
            return new BackupStatus(false, null, config.replicaBucket().orElse(null), lag.lag().toSeconds(),
                    config.maxLag().toSeconds(), lag.pendingCount(), null, null, problems);
        }
        BucketPosture posture = postureCheck.latest().orElse(null);
        if (posture == null) {
            problems.add("the bucket posture has not been checked yet");
        } else if (!posture.compliant()) {
            problems.add("bucket not compliant: " + String.join("; ", posture.findings()));
        }
        if (lag.lag().compareTo(config.maxLag()) > 0) {
            problems.add("backup lag " + lag.lag().toSeconds() + " s exceeds " + config.maxLag().toSeconds() + " s");
        }
        BackupRunView last = backups.lastFinished().orElse(null);
        if (last != null && BackupRun.FAILED.equals(last.state())) {
            problems.add("the last run " + last.id() + " failed");
        }
        return new BackupStatus(true, config.bucket().get(), config.replicaBucket().orElse(null), lag.lag().toSeconds(),
                config.maxLag().toSeconds(), lag.pendingCount(), posture, last, problems);
    }
}
