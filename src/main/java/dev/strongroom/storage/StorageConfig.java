package dev.strongroom.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which backup target the vault writes to (read by {@link BackupTargets}). */
@ConfigMapping(prefix = "strongroom.storage")
public interface StorageConfig {

    /**
     * The {@code @Identifier} of the {@link BackupTarget} bean to use: {@code s3} (the bucket named by
     * strongroom.backup.bucket) or {@code memory} (held in the process, for tests and trials; gone at
     * stop). Env STRONGROOM_STORAGE_TARGET.
     */
    @WithDefault("s3")
    String target();
}
