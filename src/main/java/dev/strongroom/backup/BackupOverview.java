package dev.strongroom.backup;

import jakarta.enterprise.context.ApplicationScoped;

/** The backup status, the one source of the API's status, the health check and other capabilities' screens. */
@ApplicationScoped
public class BackupOverview {

    private final BackupService backups;
    private final BucketPostureCheck posture;
    private final BackupLag lag;
    private final BackupConfig config;
    private final BackupSpotCheck spotCheck;
    private final BucketClaimCheck claims;

    public BackupOverview(BackupService backups, BucketPostureCheck posture, BackupLag lag, BackupConfig config,
            BackupSpotCheck spotCheck, BucketClaimCheck claims) {
        this.backups = backups;
        this.posture = posture;
        this.lag = lag;
        this.config = config;
        this.spotCheck = spotCheck;
        this.claims = claims;
    }

    public BackupStatus current() {
        return BackupStatus.of(backups, posture, lag, config, spotCheck, claims);
    }
}
