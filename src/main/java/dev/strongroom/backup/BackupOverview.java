package dev.strongroom.backup;

import jakarta.enterprise.context.ApplicationScoped;

/** The backup status for other capabilities' screens, such as the operations page. */
@ApplicationScoped
public class BackupOverview {

    private final BackupService backups;
    private final BucketPostureCheck posture;
    private final BackupLag lag;
    private final BackupConfig config;

    public BackupOverview(BackupService backups, BucketPostureCheck posture, BackupLag lag, BackupConfig config) {
        this.backups = backups;
        this.posture = posture;
        this.lag = lag;
        this.config = config;
    }

    public BackupStatus current() {
        return BackupStatus.of(backups, posture, lag, config);
    }
}
