package dev.strongroom.backup;

import java.time.Duration;
import java.util.Optional;

/** Backup settings for plain unit tests: the defaults of {@link BackupConfig}, a bucket and optional KMS key. */
public record TestBackupConfig(Optional<String> bucket, Optional<String> kmsKeyId, long multipartThreshold, long partSize)
        implements BackupConfig {

    /** No bucket: backups off, as on a vault that was never given one. */
    public static TestBackupConfig none() {
        return new TestBackupConfig(Optional.empty(), Optional.empty(), 64L << 20, 16L << 20);
    }

    static TestBackupConfig bucket(String name) {
        return new TestBackupConfig(Optional.of(name), Optional.empty(), 64L << 20, 16L << 20);
    }

    TestBackupConfig withKms(String key) {
        return new TestBackupConfig(bucket, Optional.of(key), multipartThreshold, partSize);
    }

    @Override
    public Optional<String> replicaBucket() {
        return Optional.empty();
    }

    @Override
    public Optional<String> replicaRegion() {
        return Optional.empty();
    }

    @Override
    public String cron() {
        return "off";
    }

    @Override
    public String postureEvery() {
        return "1h";
    }

    @Override
    public int listsWholeEvery() {
        return 48;
    }

    @Override
    public int parallelism() {
        return 1;
    }

    @Override
    public String objectLockMode() {
        return "COMPLIANCE";
    }

    @Override
    public Duration maxLag() {
        return Duration.ofMinutes(30);
    }

    @Override
    public Duration stallAfter() {
        return Duration.ofMinutes(2);
    }

    @Override
    public WriteThrough writeThrough() {
        return new WriteThrough() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public Duration waitAtMost() {
                return Duration.ofSeconds(10);
            }
        };
    }

    @Override
    public SpotCheck spotCheck() {
        return new SpotCheck() {
            @Override
            public String every() {
                return "off";
            }

            @Override
            public int sample() {
                return 20;
            }
        };
    }
}
