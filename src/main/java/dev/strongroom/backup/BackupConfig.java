package dev.strongroom.backup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The S3 backup; read by {@link BackupService}, {@link BackupScheduler}, {@link BucketPostureCheck},
 * {@link DocumentUploader} and {@link BackupHealthCheck}. Without {@code bucket} the vault runs and
 * says loudly (log, health, API) that backups are not configured.
 */
@ConfigMapping(prefix = "strongroom.backup")
public interface BackupConfig {

    /** The primary bucket: versioned, Object Lock on. Env: STRONGROOM_BACKUP_BUCKET. Unset: backups off. */
    Optional<String> bucket();

    /** The replication target in a second region; the posture check expects replication to it. */
    Optional<String> replicaBucket();

    /** The replica bucket's region; must differ from strongroom.aws.region. */
    Optional<String> replicaRegion();

    /** When scheduled runs start (Quartz cron with seconds); "off" leaves only on-demand runs. */
    @WithDefault("0 */5 * * * ?")
    String cron();

    /** How often the bucket posture is checked (it is also checked once the vault has started). */
    @WithDefault("1h")
    String postureEvery();

    /** Documents of at least this many bytes go up as multipart uploads (default 64 MiB). */
    @WithDefault("67108864")
    long multipartThreshold();

    /** Part size of multipart uploads (default 16 MiB; S3 needs at least 5 MiB for all but the last part). */
    @WithDefault("16777216")
    long partSize();

    /**
     * A run writes its two lists of everything backed up whole at least once in this many runs of its chain. In
     * between, a run after which the catalog has not changed writes only what it added (journal segments), naming
     * the list before it, and refers to the previous catalog export, so its cost does not grow with the vault
     * (docs/backup-format.md). A restore with the AWS CLI walks back at most this many lists.
     */
    @WithDefault("48")
    int listsWholeEvery();

    /** Documents uploaded at the same time by one run. */
    @WithDefault("4")
    int parallelism();

    /** A KMS key id or ARN: objects are then encrypted with aws:kms under it; otherwise with AES256 (SSE-S3). */
    Optional<String> kmsKeyId();

    /**
     * Object Lock mode for each document's retain-until: COMPLIANCE (default: nobody, not even the
     * account root, can shorten or remove it, which is what records retention needs) or GOVERNANCE
     * (users with s3:BypassGovernanceRetention can; for test buckets that must be emptied).
     */
    @WithDefault("COMPLIANCE")
    String objectLockMode();

    /** Backup health turns DOWN when the oldest unconfirmed document is older than this. */
    @WithDefault("PT30M")
    Duration maxLag();

    /**
     * A running backup that has sent no byte and confirmed no document for this long is reported
     * stalled: a warning in the log, a problem in the status, backup health DOWN, until it moves again.
     */
    @WithDefault("PT2M")
    Duration stallAfter();

    /** Copying each new document to the bucket before its upload is answered, for vaults of several hosts. */
    WriteThrough writeThrough();

    interface WriteThrough {

        /**
         * On: an upload is answered once its document is also in the bucket (or once {@code wait} has passed), so
         * every host of the vault can serve it from its 201 on. For vaults of several hosts; off on a single host.
         */
        @WithDefault("false")
        boolean enabled();

        /** How long an upload waits for its copy in the bucket; past it, the copy goes on and the answer goes out. */
        @WithDefault("PT10S")
        Duration waitAtMost();
    }

    /** The periodic spot-check of objects the vault believes are in the bucket ({@link BackupSpotCheck}). */
    SpotCheck spotCheck();

    interface SpotCheck {

        /** How often (also strongroom.startup.background-delay after start); "off" = never. */
        @WithDefault("15m")
        String every();

        /** Confirmed documents asked about per check, at random, besides the newest manifest. */
        @WithDefault("20")
        int sample();
    }
}
